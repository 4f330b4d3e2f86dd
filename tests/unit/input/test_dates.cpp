#include "panel/input/dates.hpp"

#include <doctest/doctest.h>

using namespace panel;
using core::DateOrder;
using input::read_date;

namespace {

std::string iso_of(std::string_view text, DateOrder order)
{
  const auto reading = read_date(text, order);
  REQUIRE_MESSAGE(reading.problem.empty(), reading.problem);
  REQUIRE(reading.date);
  return reading.date->iso();
}

std::string problem_of(std::string_view text, DateOrder order)
{
  const auto reading = read_date(text, order);
  CHECK_FALSE(reading.date);
  return reading.problem;
}

} // namespace

TEST_CASE("read_date: yyyy-mm-dd is read in either order")
{
  CHECK(iso_of("2024-02-05", DateOrder::iso) == "2024-02-05");
  CHECK(iso_of("2024-02-05", DateOrder::dmy) == "2024-02-05");
  CHECK(iso_of("  2024-02-05 ", DateOrder::iso) == "2024-02-05");
}

TEST_CASE("read_date: blank text is no date and no problem")
{
  const auto reading = read_date("   ", DateOrder::dmy);
  CHECK_FALSE(reading.date);
  CHECK(reading.problem.empty());
}

TEST_CASE("read_date: dmy reads dd/mm/yyyy and d/m/yyyy as day first")
{
  CHECK(iso_of("05/02/2024", DateOrder::dmy) == "2024-02-05");
  CHECK(iso_of("5/2/2024", DateOrder::dmy) == "2024-02-05");
  CHECK(iso_of("31/12/1999", DateOrder::dmy) == "1999-12-31");
  CHECK(iso_of("29/02/2024", DateOrder::dmy) == "2024-02-29");
}

TEST_CASE("read_date: iso refuses dd/mm/yyyy and says how to read it")
{
  // The advice works wherever the date was typed: only refer has --date-order (trial F17).
  CHECK(problem_of("05/02/2024", DateOrder::iso) ==
        "dates must be yyyy-mm-dd; this looks like dd/mm/yyyy: write it as 2024-02-05, or let the register read "
        "dd/mm/yyyy: panel config set input.date_order dmy");
  CHECK(problem_of("31/02/2024", DateOrder::iso) ==
        "dates must be yyyy-mm-dd; this looks like dd/mm/yyyy: write it as yyyy-mm-dd, or let the register read "
        "dd/mm/yyyy: panel config set input.date_order dmy");
  CHECK(problem_of("02/13/2024", DateOrder::iso) ==
        "dates must be yyyy-mm-dd; this looks like a US mm/dd/yyyy date: write it as yyyy-mm-dd");
}

TEST_CASE("read_date: dmy refuses a month that does not exist, naming a US date when it could be one")
{
  CHECK(problem_of("02/13/2024", DateOrder::dmy) ==
        "month 13 does not exist — is this a US mm/dd/yyyy date? panel reads dd/mm/yyyy");
  CHECK(problem_of("13/25/2024", DateOrder::dmy) == "month 25 does not exist");
  CHECK(problem_of("05/00/2024", DateOrder::dmy) == "month 0 does not exist");
  CHECK(problem_of("2024-13-01", DateOrder::iso) == "month 13 does not exist");
}

TEST_CASE("read_date: a day the month does not have is refused with the month's length")
{
  CHECK(problem_of("31/02/2024", DateOrder::dmy) == "February 2024 has 29 days");
  CHECK(problem_of("29/02/2023", DateOrder::dmy) == "February 2023 has 28 days");
  CHECK(problem_of("31/04/2024", DateOrder::dmy) == "April 2024 has 30 days");
  CHECK(problem_of("2017-02-31", DateOrder::iso) == "February 2017 has 28 days");
  CHECK(problem_of("00/02/2024", DateOrder::dmy) == "day 0 does not exist");
}

TEST_CASE("read_date: a two-digit year is refused, never guessed")
{
  CHECK(problem_of("05/02/24", DateOrder::dmy) == "write the year in full (05/02/2024 or 05/02/1924)");
  CHECK(problem_of("05/02/202", DateOrder::dmy) == "write the year in full, as 4 digits");
}

TEST_CASE("read_date: Excel's midnight time is ignored, any other time refused")
{
  CHECK(iso_of("05/02/2024 00:00", DateOrder::dmy) == "2024-02-05");
  CHECK(iso_of("05/02/2024 00:00:00", DateOrder::dmy) == "2024-02-05");
  CHECK(iso_of("2024-02-05T00:00:00", DateOrder::iso) == "2024-02-05");
  CHECK(problem_of("05/02/2024 14:30", DateOrder::dmy) == "has a time of day (14:30): give the date only");
}

TEST_CASE("read_date: text that is no date says which forms are read")
{
  CHECK(problem_of("next Tuesday", DateOrder::iso) == "is not a date (use YYYY-MM-DD, e.g. 2017-09-04)");
  CHECK(problem_of("1st May", DateOrder::dmy) == "is not a date (use DD/MM/YYYY or YYYY-MM-DD, e.g. 04/09/2017)");
  CHECK(problem_of("5 Feb 2024", DateOrder::dmy) == "is not a date (use DD/MM/YYYY or YYYY-MM-DD, e.g. 04/09/2017)");
  CHECK(problem_of("05-02-2024", DateOrder::dmy) == "is not a date (use DD/MM/YYYY or YYYY-MM-DD, e.g. 04/09/2017)");
  CHECK(problem_of("2024/02/05", DateOrder::dmy) == "is not a date (use DD/MM/YYYY or YYYY-MM-DD, e.g. 04/09/2017)");
}

TEST_CASE("date_order_named: dmy and iso only")
{
  CHECK(input::date_order_named("dmy") == DateOrder::dmy);
  CHECK(input::date_order_named("iso") == DateOrder::iso);
  CHECK_FALSE(input::date_order_named("mdy"));
  CHECK(std::string(input::date_order_name(DateOrder::dmy)) == "dmy");
}

TEST_CASE("read_date: every day of four years reads the same as dd/mm/yyyy under dmy as yyyy-mm-dd, and iso names it")
{
  auto day = *core::Date::parse("2023-01-01");
  for (int i = 0; i < 4 * 366; ++i, day = day.plus_days(1)) {
    const auto iso = day.iso();
    const auto dmy = iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
    CHECK(iso_of(dmy, DateOrder::dmy) == iso);
    CHECK(iso_of(iso, DateOrder::dmy) == iso);
    CHECK(iso_of(iso, DateOrder::iso) == iso);
    const auto refused = read_date(dmy, DateOrder::iso);
    CHECK_FALSE(refused.date);
    CHECK(refused.problem.find("this looks like dd/mm/yyyy: write it as " + iso) != std::string::npos);
    CHECK(refused.problem.find("--date-order") == std::string::npos);
  }
}

TEST_CASE("date_problem: the text, then the problem, as messages show them")
{
  CHECK(input::date_problem(" soon ", "is not a date (use YYYY-MM-DD, e.g. 2017-09-04)") ==
        "'soon' is not a date (use YYYY-MM-DD, e.g. 2017-09-04)");
  CHECK(input::date_problem("31/09/2017", "September 2017 has 30 days") == "'31/09/2017': September 2017 has 30 days");
}
