#pragma once
#include "panel/core/actor.hpp"
#include "panel/core/agenda.hpp"
#include "panel/store/audit.hpp"
#include "panel/store/db.hpp"

#include <optional>
#include <tuple>
#include <string>
#include <vector>

namespace panel::ops {

// What recording minutes did.
struct MinutesResult {
  bool held = true;
  bool quorate = true;
  std::vector<std::string> absent_quorum;  // quorum agencies not present
  size_t discussions = 0;
  std::vector<std::string> actions;        // ids of new actions
  // New actions whose text names a person of their case (see names_in_action): id, case, words.
  std::vector<std::tuple<std::string, std::string, std::vector<std::string>>> named;
  std::vector<std::string> closed;         // cases closed
  std::vector<std::string> referred;       // cases closed as referred elsewhere
  std::vector<std::string> reviews_defaulted;  // kept open with no review date: reviewed at the next meeting
  std::vector<std::pair<std::string, core::Date>> reviews_unscheduled;  // no meeting on or after the review date
  std::vector<std::string> late;           // referrals accepted after the cut-off, discussed with their case
  size_t updates = 0;
  std::vector<std::string> carried;        // listed but not discussed: moved to the next meeting
  std::vector<std::string> reviews_carried;  // cases due for review, not discussed: to the next meeting
  std::optional<core::Date> next_meeting;  // where carried cases and defaulted reviews go; none when unscheduled
  // Amended minutes (recorded ones corrected): what the amendment changed, in plain English, in
  // the order of the file; empty when nothing changed (and then nothing was written).
  bool amended = false;
  std::vector<std::string> changes;
};

// The reason of the history row kept for a referral listed for `meeting` and not reached there
// (field `meeting_date`): "not reached at the meeting of 2024-03-07". The minutes document finds
// the deferred cases by it.
std::string deferral_reason(core::Date meeting);

// Refuses minutes for a meeting whose day has not come (`today` before `date`).
void refuse_before_meeting(core::Date date, core::Date today);

// Records a meeting's minutes from YAML text (docs/formats/minutes.md) in one transaction:
// attendance and quorum, observers, discussions, case risk, reviews and closures, interventions,
// new actions and action updates; or, with `held: false`, cancels the meeting. Minutes already
// recorded are refused unless `amend`: then the text is compared with what was recorded and only
// what differs is changed (see ops/minutes_amend.hpp). Every problem is reported with
// the file and line, and then nothing is written. With `edited_since` (the audit mark taken before
// the minutes were opened in the editor), they are refused when the register was changed
// meanwhile (see check_unchanged): the text was written against what it showed then.
MinutesResult record_minutes(store::Db& db, core::Date meeting, const std::string& text, const std::string& file,
                             bool amend, const core::Actor& actor, const store::AuditMark* edited_since = nullptr);

// One block of the minutes skeleton: a case and everything that brings it to the meeting.
struct SkeletonCase {
  std::string reference;           // the case
  std::string name, risk;
  std::vector<std::string> items;  // "new CCM-2017-0001", "repeat CCM-2017-0009", "review"
};
// The agenda's items grouped by case, in agenda order: one discussion per case, however many of
// its referrals are listed. ASB case reviews are left out (they are recorded with 'trigger').
std::vector<SkeletonCase> skeleton_cases(const core::Agenda& agenda);

// A minutes file to fill in, built from the agenda: attendance for every agency, each case with
// empty fields, each outstanding action with its status. With `amend`, for a meeting whose minutes
// are recorded: those minutes as recorded (amend_skeleton), which saved unchanged change nothing.
std::string minutes_skeleton(store::Db& db, core::Date meeting, const core::Actor& actor, bool amend = false);

} // namespace panel::ops
