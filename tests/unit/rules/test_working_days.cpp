#include "panel/input/calendar.hpp"
#include "panel/rules/working_days.hpp"

#include "tests/unit/support.hpp"

#include <doctest/doctest.h>

using namespace panel;

namespace {

core::Date day(const char* text) { return *core::Date::parse(text); }

} // namespace

TEST_CASE("working days: weekends and holidays are skipped, the start day is not counted")
{
  const rules::Holidays none;
  CHECK(rules::is_working_day(day("2017-09-04"), none));       // Monday
  CHECK_FALSE(rules::is_working_day(day("2017-09-09"), none));  // Saturday
  CHECK_FALSE(rules::is_working_day(day("2017-09-10"), none));  // Sunday
  CHECK(rules::add_working_days(day("2017-09-04"), 0, none) == day("2017-09-04"));
  CHECK(rules::add_working_days(day("2017-09-08"), 1, none) == day("2017-09-11"));  // Friday + 1 = Monday
  CHECK(rules::add_working_days(day("2017-09-09"), 1, none) == day("2017-09-11"));  // from a Saturday
  CHECK(rules::add_working_days(day("2017-09-04"), 10, none) == day("2017-09-18"));
  CHECK(rules::add_working_days(day("2017-09-04"), 25, none) == day("2017-10-09"));
}

TEST_CASE("working days: ten working days over Easter 2017 skip Good Friday and Easter Monday")
{
  const auto& holidays = input::england_and_wales_bank_holidays();
  // After Friday 7 April: 10-13 April (4); 14 Good Friday and 17 Easter Monday off; 18-21 (8);
  // Monday 24 (9), Tuesday 25 (10).
  CHECK(rules::add_working_days(day("2017-04-07"), 10, holidays) == day("2017-04-25"));
  CHECK(rules::working_days_between(day("2017-04-07"), day("2017-04-25"), holidays) == 10);
  CHECK(rules::working_days_between(day("2017-04-07"), day("2017-04-21"), holidays) == 8);
  CHECK(rules::working_days_between(day("2017-04-25"), day("2017-04-07"), holidays) == 0);
  // Christmas 2017: Monday 25 and Tuesday 26 December off; Friday 22 + 1 = Wednesday 27.
  CHECK(rules::add_working_days(day("2017-12-22"), 1, holidays) == day("2017-12-27"));
}

TEST_CASE("bank holidays: England and Wales 2016-2030, substitute days and the one-off days included")
{
  const auto& h = input::england_and_wales_bank_holidays();
  CHECK(h.size() == 123);  // 8 a year for 15 years, plus 2 June 2022, 19 September 2022, 8 May 2023
  for (const char* d : {"2016-12-27", "2017-01-02", "2020-05-08", "2021-12-27", "2021-12-28", "2022-06-02", "2022-06-03",
                        "2022-09-19", "2023-05-08", "2026-12-28", "2030-04-19", "2030-04-22"}) {
    CAPTURE(d);
    CHECK(h.contains(day(d)));
  }
  for (const char* d : {"2020-05-04", "2022-05-30", "2016-12-25", "2026-12-26"}) {
    CAPTURE(d);
    CHECK_FALSE(h.contains(day(d)));  // moved, or at a weekend with a substitute day instead
  }
  for (const auto& d : h)
    CHECK(d.weekday() < 5);  // every bank holiday is on a weekday
}

TEST_CASE("bank holidays: a calendar file that is not a list of dates is refused with its line")
{
  CHECK(input::parse_holidays("bank_holidays:\n  - 2017-01-02\n  - 2017-04-14\n", "c.yaml").size() == 2);
  CHECK(test::catch_error([] { input::parse_holidays("bank_holidays:\n  - 2017-01-02\n  - 14/04/2017\n", "c.yaml"); })
            .message == "c.yaml:3: bank_holidays: '14/04/2017' is not a date (use YYYY-MM-DD)");
  CHECK(test::catch_error([] { input::parse_holidays("holidays: []\n", "c.yaml"); }).message ==
        "c.yaml: bank_holidays: expected a list of dates");
  CHECK(test::catch_error([] { input::parse_holidays("bank_holidays: [\n", "c.yaml"); }).code == Exit::refused);
}
