#include "panel/rules/dates.hpp"

#include <doctest/doctest.h>

using namespace panel;

namespace {
core::Date day(const char* text) { return *core::Date::parse(text); }
} // namespace

TEST_CASE("dates: an event before 2000 is refused as a typing mistake; 2000-01-01 is accepted")
{
  CHECK(rules::event_date_problem(day("1066-10-14")) ==
        "1066-10-14 is before 2000-01-01, the earliest date panel records (a typing mistake?)");
  CHECK(rules::event_date_problem(day("0001-01-01")).rfind("0001-01-01 is before 2000-01-01", 0) == 0);
  CHECK(rules::event_date_problem(day("1999-12-31")) != "");
  CHECK(rules::event_date_problem(day("2000-01-01")) == "");
}

TEST_CASE("dates: a date of birth more than 120 years before today is refused")
{
  const auto today = day("2017-09-04");
  CHECK(rules::birth_date_problem(day("1800-01-01"), today) ==
        "1800-01-01 would make the person over 120 years old (a typing mistake?)");
  CHECK(rules::birth_date_problem(day("1897-09-03"), today) != "");
  CHECK(rules::birth_date_problem(day("1897-09-04"), today) == "");
  CHECK(rules::birth_date_problem(day("1950-01-01"), today) == "");
}
