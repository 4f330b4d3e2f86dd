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
void insert_intervention(Db& db, std::int64_t case_id, std::optional<std::int64_t> meeting_id,
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

// A meeting's recorded minutes, for the minutes document.
struct MeetingRecord {
  std::vector<std::pair<std::string, std::string>> attendance;  // agency, status
  std::vector<core::Observer> observers;
  std::vector<std::pair<std::string, core::DiscussionRecord>> discussions;  // case reference, discussion
  std::vector<core::ActionRecord> actions;  // agreed at the meeting
  bool quorate = true;
};
MeetingRecord meeting_record(Db& db, std::int64_t meeting_id);

// Whether a meeting has minutes, and removing them (for --amend). Returns cases the minutes closed.
bool has_minutes(Db& db, std::int64_t meeting_id);
std::vector<std::int64_t> delete_minutes(Db& db, std::int64_t meeting_id);

} // namespace panel::store
