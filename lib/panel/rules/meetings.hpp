#pragma once
#include "panel/core/date.hpp"
#include "panel/core/meeting.hpp"
#include "panel/core/vocabulary.hpp"
#include "panel/rules/working_days.hpp"

#include <optional>
#include <string>
#include <vector>

namespace panel::rules {

// The last day a referral can be accepted and still go on a meeting's agenda: the meeting date
// less the profile's agenda_lead_days (DESIGN §2).
core::Date agenda_cutoff(core::Date meeting, int agenda_lead_days);

// True when a referral accepted on `today` can still be listed for the meeting.
bool before_cutoff(core::Date today, core::Date meeting, int agenda_lead_days);

// The dates of a monthly rule such as "second tuesday" or "last friday" from `from` to `to`
// (inclusive). Nothing when the rule cannot be read; `problem` then says why.
std::vector<core::Date> monthly_dates(const std::string& rule, core::Date from, core::Date to, std::string& problem);

// A meeting's minutes against the time limit: due `working_days` working days after the meeting
// (profile minutes_due_working_days), overdue once a working day has passed since that day, so
// minutes due on a Friday are not overdue at the weekend. A meeting to come, or cancelled, has
// none due; a held one has them recorded.
struct MinutesDue {
  enum class State { none, recorded, due, overdue } state = State::none;
  std::optional<core::Date> due;  // when state is due or overdue
  int working_days_late = 0;      // working days after `due` up to today, when overdue
};
MinutesDue minutes_due(core::Date meeting, core::MeetingStatus status, int working_days, const Holidays& holidays,
                       core::Date today);
// "recorded", "due", "overdue"; "" for none.
std::string minutes_state_name(MinutesDue::State state);

// A meeting and where its minutes stand against the profile's minutes_due_working_days; working
// days skip the calendar of case_review.bank_holidays (the profile's only calendar).
struct MeetingMinutes {
  core::Meeting meeting;
  MinutesDue minutes;
};

// The meeting an open case will come to, as the agenda lists it: the earliest of the open meeting
// one of its referrals is listed for (`listed_for`) and the first open meeting on or after its
// review date (a meeting cancelled or held is not in `open_meetings`); none while it awaits one.
std::optional<core::Date> coming_meeting(std::optional<core::Date> listed_for, std::optional<core::Date> review,
                                         const std::vector<core::Date>& open_meetings);

// True for "HH:MM" on a 24-hour clock.
bool valid_time(const std::string& text);

} // namespace panel::rules
