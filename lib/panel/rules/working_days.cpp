#include "panel/rules/working_days.hpp"

namespace panel::rules {

bool is_working_day(core::Date day, const Holidays& holidays)
{
  return day.weekday() < 5 && !holidays.contains(day);
}

core::Date add_working_days(core::Date start, int n, const Holidays& holidays)
{
  core::Date day = start;
  while (n > 0) {
    day = day.plus_days(1);
    if (is_working_day(day, holidays))
      --n;
  }
  return day;
}

int working_days_between(core::Date from, core::Date to, const Holidays& holidays)
{
  int n = 0;
  for (core::Date day = from.plus_days(1); day <= to; day = day.plus_days(1))
    n += is_working_day(day, holidays);
  return n;
}

} // namespace panel::rules
