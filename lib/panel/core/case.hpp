#pragma once
#include "panel/core/date.hpp"
#include "panel/core/document.hpp"
#include "panel/core/history.hpp"
#include "panel/core/minutes.hpp"
#include "panel/core/referral.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace panel::core {

// A referral as recorded: the agency's referral plus what panel worked out at intake.
struct RecordedReferral {
  std::int64_t id = 0;
  std::string reference;  // CCM-2017-0018
  Referral referral;
  std::int64_t person_id = 0;
  std::string repeat_of;                      // reference of the previous referral, or ""
  std::vector<std::string> possible_matches;  // references
  std::vector<std::string> criteria_met;      // criterion ids
  bool meets_threshold = false;
  std::string status;  // pending | awaiting-information | accepted | declined | redirected
  std::string case_reference;          // when accepted
  std::optional<Date> meeting_date;    // listed for; none = awaiting a meeting
  std::optional<Date> voided;          // recorded in error: the day it was voided (issue #20)
  std::optional<Date> purged;          // when its personal data was removed
};

// A triage decision on a referral.
struct Decision {
  std::string referral;  // reference
  std::string decision;  // accept | decline | redirect | more-info | reopen
  Date decided_on;
  std::string decided_at, decided_by;
  std::string reason, signpost, forum;
  bool override_threshold = false;
  std::optional<Date> meeting_date;
  std::string lead_agency, risk_level;
};

// A case: opened when a referral is accepted; later referrals about the same person attach to it.
struct Case {
  std::int64_t id = 0;
  std::string reference;  // the reference of the referral that opened it
  std::int64_t person_id = 0;
  std::string name;       // the person's name as first recorded
  Date opened;
  std::string lead_agency, risk_level;
  std::optional<Date> review_date;
  std::string status;     // open | closed
  std::optional<Date> closed;
  std::string close_reason;
  std::string legal_hold;        // why its personal data is kept past retention; "" for none
  std::optional<Date> purged;    // when its personal data was removed
};

// A dated note on a case between meetings (`case note`): free text, cleared by purge.
struct CaseNote {
  Date day;          // the day the note is about
  std::string text;
  std::string at;    // UTC timestamp it was written
  std::string user;
};

// An open case and what brings it back before the panel, for the "no case without a next step"
// invariant (DESIGN §2).
struct CaseNextStep {
  Case info;
  std::optional<Date> listed_for;      // the earliest open meeting one of its referrals is listed for
  bool awaiting_meeting = false;       // a referral accepted with no meeting to list it for
  std::optional<Date> last_discussed;  // the last meeting that minuted it
  std::vector<std::string> attention;  // why the coordinator must act; empty when it has a next step
};

} // namespace panel::core

namespace panel::core {

// Everything panel holds about one case, for `case show` and subject access.
struct CaseDetail {
  Case info;
  struct Item {
    RecordedReferral referral;
    std::vector<Decision> decisions;
  };
  std::vector<Item> referrals;
  std::vector<DocumentRecord> documents;
  std::vector<DiscussionRecord> discussions;
  std::vector<ActionRecord> actions;
  std::vector<InterventionRecord> interventions;
  std::vector<CaseNote> notes;
  std::vector<HistoryRow> history;  // corrections to the case itself, oldest first
};

} // namespace panel::core
