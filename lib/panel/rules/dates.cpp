#include "panel/rules/dates.hpp"

#include <fmt/format.h>

namespace panel::rules {

core::Date earliest_event() { return *core::Date::from_ymd(2000, 1, 1); }

std::string event_date_problem(core::Date day)
{
  if (day < earliest_event())
    return fmt::format("{} is before {}, the earliest date panel records (a typing mistake?)", day.iso(),
                       earliest_event().iso());
  return "";
}

std::string birth_date_problem(core::Date dob, core::Date today)
{
  if (dob < today.plus_months(-12 * max_age_years))
    return fmt::format("{} would make the person over {} years old (a typing mistake?)", dob.iso(), max_age_years);
  return "";
}

} // namespace panel::rules
