#pragma once
#include "panel/core/date.hpp"

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

// True for "HH:MM" on a 24-hour clock.
bool valid_time(const std::string& text);

} // namespace panel::rules
