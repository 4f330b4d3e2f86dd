#pragma once
#include "panel/core/date.hpp"

#include <string>

namespace panel::rules {

// The earliest day a panel records something happening on (a referral received, a meeting, an
// incident): multi-agency panels began in 2003, so an earlier date is a typing mistake.
core::Date earliest_event();
// The oldest a living person is taken to be, in years.
constexpr int max_age_years = 120;

// "" when `day` can be the day something a panel records happened, else why not ("1066-10-14 is
// before 2000-01-01, the earliest date panel records").
std::string event_date_problem(core::Date day);
// "" when `dob` is a plausible date of birth on `today`, else why not (more than 120 years ago).
std::string birth_date_problem(core::Date dob, core::Date today);

} // namespace panel::rules
