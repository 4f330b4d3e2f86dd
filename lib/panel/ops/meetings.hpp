#pragma once
#include "panel/core/actor.hpp"
#include "panel/core/meeting.hpp"
#include "panel/store/db.hpp"

#include <optional>
#include <string>
#include <vector>

namespace panel::ops {

// A meeting added, and the cases waiting for a meeting that are now listed for it.
struct AddedMeeting {
  core::Meeting meeting;
  std::vector<std::string> listed;
};

// Adds a meeting; Error(refused) for a date already taken or a bad time. Accepted referrals
// awaiting a meeting are listed for it when it is the first open meeting whose agenda cut-off
// (date less agenda_lead_days) is today or later.
AddedMeeting add_meeting(store::Db& db, const core::Meeting& meeting, const core::Actor& actor);

// Adds a meeting on every date of a monthly rule ("second tuesday") from `from` to `to`, in one
// transaction; dates that already have a meeting are skipped and named in `skipped`, and dates
// already past (before today) are skipped and named in `past`: a meeting is not booked after the day.
std::vector<AddedMeeting> schedule_meetings(store::Db& db, const std::string& rule, core::Date from, core::Date to,
                                            const core::Meeting& details, std::vector<std::string>& skipped,
                                            std::vector<std::string>& past, const core::Actor& actor);

// A cancelled meeting and where its listed cases went.
// A case whose referrals moved with a meeting: `referrals` are those other than the case's own
// reference (repeats that joined it), so a message names the case once.
struct MovedCase {
  std::string case_reference;
  std::vector<std::string> referrals;
};
// "ASBRAC-2026-0005 (referral ASBRAC-2026-0036)": the case, and its repeats that moved.
std::string moved_case_text(const MovedCase& moved);

struct Cancelled {
  std::vector<std::string> moved;         // the referrals listed for it
  std::vector<MovedCase> moved_cases;     // their cases, once each, in the order listed
  std::vector<std::string> case_reviews;  // ASB case reviews listed for it, moved with the cases
  std::vector<std::string> reviews;       // cases due for review at it: reviewed at the next meeting
  std::optional<core::Date> to;  // the next open meeting, or none: the cases await a meeting
};

// Cancels a meeting with a reason; its listed cases move to the next open meeting.
Cancelled cancel_meeting(store::Db& db, core::Date date, const std::string& reason, const core::Actor& actor);
// The same inside the caller's write transaction, for minutes that record a meeting as not held:
// the check of the minutes and the cancellation commit together or not at all.
Cancelled cancel_in_transaction(store::Db& db, core::Date date, const std::string& reason, const core::Actor& actor);

// A change to a meeting's details: each field given replaces the recorded one.
struct MeetingChange {
  std::optional<core::Date> date;
  std::optional<std::string> time, venue, chair;
};
// What meeting update changed, in plain English, and what moved with a new date.
struct UpdatedMeeting {
  std::vector<std::string> changes;   // "date: 2017-09-12 -> 2017-09-19", "venue: ... -> ..."
  std::vector<std::string> moved;     // referrals listed for the meeting, now on the new date
  std::vector<MovedCase> moved_cases; // their cases, once each
  std::vector<std::string> reviews;   // open cases whose review date was the old date, now the new one
  bool past = false;                  // moved to a date before today (a typo fixed: allowed, warned)
  bool agenda_issued = false;         // its agenda went out with the old date
};
// Changes a scheduled meeting's date, time, venue or chair in one transaction, with a history row
// per field and audit rows. Refused for a meeting held or cancelled, onto another meeting's date,
// and for a bad time or text; nothing given is a usage error.
UpdatedMeeting update_meeting(store::Db& db, core::Date date, const MeetingChange& change, const core::Actor& actor);

// Deletes a meeting booked by mistake: only one scheduled, whose agenda was not issued, with
// nothing listed for it and no document made for it. Otherwise refused, saying to cancel it.
// Open cases due for review at it go to the next meeting (`reviews`, `to`); with no later meeting
// it is refused, so that no case is left without a next step.
Cancelled delete_meeting(store::Db& db, core::Date date, const core::Actor& actor);

// The meeting a referral accepted today is listed for: the one asked for (which must exist and
// be open), or the first open meeting whose agenda cut-off is today or later, or none.
std::optional<core::Date> meeting_for_acceptance(store::Db& db, std::optional<core::Date> asked, int agenda_lead_days,
                                                 core::Date today);

} // namespace panel::ops
