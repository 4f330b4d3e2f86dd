#pragma once
#include "panel/core/date.hpp"
#include "panel/core/vocabulary.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace panel::core {

// An action agreed at a meeting: who does what by when.
struct NewAction {
  std::string owner, description;
  Date due;
  long line = 0;
  std::string id = {};  // "A-12" for an action already recorded (amended minutes); "" for a new one
};

// A tool or power used in a case (ABC, CPW, CBO ...).
struct NewIntervention {
  std::string type, agency, note;
  Date date;
  std::optional<Date> review, expiry;
  long line = 0;
};

// What the panel recorded about one case at one meeting.
struct CaseMinute {
  std::string reference;  // the case, or any of its referrals
  std::string summary, risk, outcome, close_reason;
  std::string referred_to;  // with refer-elsewhere: the forum
  std::optional<Date> next_review;
  std::vector<NewIntervention> interventions;
  std::vector<NewAction> actions;
  long line = 0;                       // the block's first line (its reference)
  std::map<std::string, long> lines;   // the line of each field written ("close_reason" -> 8)

  // Where a problem with `field` is reported: its own line, or the block's when it is not written.
  long line_of(const std::string& field) const
  {
    const auto it = lines.find(field);
    return it == lines.end() ? line : it->second;
  }
};

// A change to an outstanding action's status, in the SafeLives classification.
struct ActionUpdate {
  std::string id;      // "A-4"
  std::string status;  // done | not-possible | not-done | open | cancelled
  std::string note;
  long line = 0;
};

struct Observer {
  std::string name, organisation;
  bool confidentiality_signed = false;
};

// A meeting's minutes, as the coordinator writes them (docs/formats/minutes.md).
struct Minutes {
  bool held = true;
  std::string reason;  // when not held
  std::string chair;
  std::map<std::string, std::string> attendance;  // agency -> present | apologies | absent
  std::map<std::string, long> attendance_lines;
  std::vector<Observer> observers;
  std::vector<CaseMinute> cases;
  std::vector<ActionUpdate> action_updates;
};

// A discussion as recorded, for case records and packs.
struct DiscussionRecord {
  Date meeting;
  std::string summary, risk, outcome, close_reason;
  std::optional<Date> next_review;
  std::string referred_to;
};

// An action as recorded.
struct ActionRecord {
  std::string id, case_reference, owner, description, status;
  Date due;
  std::optional<Date> status_date;
};

// An intervention as recorded.
struct InterventionRecord {
  std::string type, agency, note;
  int tier = 1;
  Date date;
  std::optional<Date> review, expiry;
  std::int64_t id = 0;  // as 'case show' lists it, for 'letter --intervention ID'
};

// An action with the meeting that agreed it.
struct ActionRow {
  ActionRecord action;
  std::string meeting;  // ISO date, or "" when added between meetings
  bool case_review = false;  // a recommendation of an ASB case review (case_reference is its CT-)
};

} // namespace panel::core
