#pragma once
#include "panel/core/date.hpp"

#include <set>

namespace panel::rules {

// Days that are not working days besides Saturdays and Sundays.
using Holidays = std::set<core::Date>;

// Monday to Friday and not a holiday.
bool is_working_day(core::Date day, const Holidays& holidays);

// The day `n` working days after `start` (start itself not counted; n >= 0): 10 working days
// after Friday 7 April 2017, with Good Friday and Easter Monday off, is Tuesday 25 April.
core::Date add_working_days(core::Date start, int n, const Holidays& holidays);

// Working days after `from` up to and including `to` (0 when `to` is not after `from`).
int working_days_between(core::Date from, core::Date to, const Holidays& holidays);

} // namespace panel::rules
