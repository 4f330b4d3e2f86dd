#pragma once
#include "panel/core/actor.hpp"
#include "panel/core/agenda.hpp"
#include "panel/core/minutes.hpp"
#include "panel/store/db.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace panel::store {

// What minutes write, one table at a time; call inside a write transaction.
void insert_attendance(Db& db, std::int64_t meeting_id, const std::string& agency, const std::string& status);
void insert_observer(Db& db, std::int64_t meeting_id, const core::Observer& o);
void insert_discussion(Db& db, std::int64_t meeting_id, std::int64_t case_id, const core::CaseMinute& c);
// Returns the new action's id ("A-12").
std::string insert_action(Db& db, std::int64_t case_id, std::optional<std::int64_t> meeting_id, const core::NewAction& a,
                          const core::Actor& actor);
// `meeting_id` is none for an intervention recorded between meetings (`case intervention add`).
std::int64_t insert_intervention(Db& db, std::int64_t case_id, std::optional<std::int64_t> meeting_id,
                         const core::NewIntervention& i, int tier);
void update_case_after_discussion(Db& db, std::int64_t case_id, const std::string& risk, std::optional<core::Date> review);
// Accepted referrals of a case listed for a later meeting, or awaiting one, that were received by
// `meeting`: they were before the panel with their case, so they are listed for it. Their references.
std::vector<std::string> take_into_meeting(Db& db, std::int64_t case_id, core::Date meeting);
void close_case(Db& db, std::int64_t case_id, core::Date day, const std::string& reason);
void reopen_case(Db& db, std::int64_t case_id);
void mark_held(Db& db, std::int64_t meeting_id, const std::string& chair, bool quorate, const std::string& at);

// An action by its id ("A-4"): its status, or nothing when there is none.
std::optional<std::string> action_status(Db& db, const std::string& id);
void set_action_status(Db& db, const std::string& id, const std::string& status, core::Date day,
                       const std::string& note, const core::Actor& actor);
// Open actions due on or before a day, grouped by case (oldest case first), then by due date.
std::vector<core::OutstandingAction> outstanding_actions(Db& db, core::Date day);
// Open actions of a case.
int open_actions(Db& db, const std::string& case_reference);

// A case's discussions, actions and interventions, oldest first.
std::vector<core::DiscussionRecord> case_discussions(Db& db, std::int64_t case_id);
std::vector<core::ActionRecord> case_actions(Db& db, std::int64_t case_id);
std::vector<core::InterventionRecord> case_interventions(Db& db, std::int64_t case_id);
// The reference of the case an intervention (by id) was recorded on, or nothing.
std::optional<std::string> intervention_case(Db& db, std::int64_t intervention_id);

// A meeting's recorded minutes, for the minutes document.
struct MeetingRecord {
  std::vector<std::pair<std::string, std::string>> attendance;  // agency, status
  std::vector<core::Observer> observers;
  std::vector<std::pair<std::string, core::DiscussionRecord>> discussions;  // case reference, discussion
  std::vector<core::ActionRecord> actions;  // agreed at the meeting
  bool quorate = true;
};
MeetingRecord meeting_record(Db& db, std::int64_t meeting_id);

// The referrals listed for a meeting and the cases due for review there that were not reached, as
// their history rows tell it (referral or case, field `meeting_date`, old value the meeting's date,
// the given `reason`), oldest first; voided ones are left out. A review's `reference` is its case's. `to` is the meeting each was moved to, none when none was scheduled; when that meeting
// was moved afterwards ('meeting update --date'), the date it was moved to.
struct Deferral {
  std::string reference, case_reference;
  std::optional<core::Date> to;
  bool review = false;  // a case due for review, not a referral listed
};
std::vector<Deferral> deferred_from(Db& db, core::Date meeting, const std::string& reason);

// Whether a meeting has minutes.
bool has_minutes(Db& db, std::int64_t meeting_id);

// What amending recorded minutes reads and changes, one row at a time (ops/minutes_amend).
// An intervention recorded at a meeting, with its row id.
struct MinutedIntervention {
  std::int64_t id = 0;
  std::string case_reference;
  core::NewIntervention intervention;
};
std::vector<MinutedIntervention> meeting_interventions(Db& db, std::int64_t meeting_id);
void delete_intervention(Db& db, std::int64_t id);
// Actions not agreed at the meeting that it followed up: due by its day and open, or given their
// status on that day. Oldest case first, then by due date.
std::vector<core::ActionRecord> followed_up_actions(Db& db, std::int64_t meeting_id, core::Date day);
// Sets (or, with no status, removes) one agency's attendance.
void set_attendance(Db& db, std::int64_t meeting_id, const std::string& agency, const std::optional<std::string>& status);
void replace_observers(Db& db, std::int64_t meeting_id, const std::vector<core::Observer>& observers);
void set_chair_and_quorum(Db& db, std::int64_t meeting_id, const std::string& chair, bool quorate);
void update_discussion(Db& db, std::int64_t meeting_id, std::int64_t case_id, const core::CaseMinute& c);
// Whether a case was discussed at a meeting after `day`.
bool discussed_after(Db& db, std::int64_t case_id, core::Date day);
// Sets a case's risk level (unless "") and review date, whatever its status.
void set_case_risk_and_review(Db& db, std::int64_t case_id, const std::string& risk, std::optional<core::Date> review);
// Changes an action's owner, description and due date, keeping the change in its history with
// `note`; returns what changed ("due 2017-09-30 -> 2017-10-15; owner ASC -> CST"), "" for nothing.
std::string amend_action(Db& db, const std::string& id, const core::NewAction& to, const std::string& note,
                         const core::Actor& actor);

} // namespace panel::store
