#include "panel/rules/meetings.hpp"

#include <doctest/doctest.h>

using panel::core::Date;
using namespace panel::rules;

namespace {

Date day(const char* text) { return *Date::parse(text); }

std::vector<Date> dates(const char* rule, const char* from, const char* to)
{
  std::string problem;
  auto out = monthly_dates(rule, day(from), day(to), problem);
  CHECK(problem.empty());
  return out;
}

} // namespace

TEST_CASE("meetings: the agenda cut-off is the meeting date less the lead days")
{
  CHECK(agenda_cutoff(day("2017-09-12"), 5) == day("2017-09-07"));
  CHECK(agenda_cutoff(day("2017-03-02"), 5) == day("2017-02-25"));
}

TEST_CASE("meetings: accepted on the cut-off day still makes the meeting, the day after does not")
{
  CHECK(before_cutoff(day("2017-09-07"), day("2017-09-12"), 5));
  CHECK_FALSE(before_cutoff(day("2017-09-08"), day("2017-09-12"), 5));
  CHECK(before_cutoff(day("2017-09-12"), day("2017-09-12"), 0));
}

TEST_CASE("meetings: second tuesday of each month")
{
  CHECK(dates("second tuesday", "2017-09-01", "2017-12-31") ==
        std::vector<Date>{day("2017-09-12"), day("2017-10-10"), day("2017-11-14"), day("2017-12-12")});
}

TEST_CASE("meetings: last friday, including a month with five fridays")
{
  CHECK(dates("last friday", "2017-09-01", "2017-10-31") == std::vector<Date>{day("2017-09-29"), day("2017-10-27")});
  CHECK(dates("Last Fridays", "2017-12-01", "2017-12-31") == std::vector<Date>{day("2017-12-29")});
}

TEST_CASE("meetings: a series keeps only dates inside the range")
{
  CHECK(dates("first monday", "2017-09-05", "2017-10-01").empty());
  CHECK(dates("first monday", "2017-09-04", "2017-09-04") == std::vector<Date>{day("2017-09-04")});
}

TEST_CASE("meetings: a rule that cannot be read says how to write one")
{
  for (const char* rule : {"every other tuesday", "fifth monday", "second", "second funday", "second tuesday please"}) {
    std::string problem;
    CHECK(monthly_dates(rule, day("2017-01-01"), day("2017-12-31"), problem).empty());
    CHECK(problem.find("second tuesday") != std::string::npos);
  }
}

TEST_CASE("meetings: times are HH:MM on a 24-hour clock")
{
  CHECK(valid_time("14:00"));
  CHECK(valid_time("00:00"));
  CHECK(valid_time("23:59"));
  CHECK_FALSE(valid_time("24:00"));
  CHECK_FALSE(valid_time("2pm"));
  CHECK_FALSE(valid_time("9:30"));
  CHECK_FALSE(valid_time("12:60"));
}
