#include "panel/report/period.hpp"

#include "tests/unit/support.hpp"

#include <doctest/doctest.h>

using namespace panel;
using report::Period;
using report::PeriodRequest;

namespace {

std::string span(const Period& p) { return p.from.iso() + ".." + p.to.iso() + " " + p.label; }

PeriodRequest quarter(const char* q)
{
  PeriodRequest r;
  r.quarter = q;
  return r;
}

PeriodRequest fy_quarter(const char* q)
{
  PeriodRequest r;
  r.fy_quarter = q;
  return r;
}

} // namespace

TEST_CASE("period: calendar quarters run from the first day of their first month to the last of their third")
{
  CHECK(span(report::parse_period(quarter("2017-Q1"))) == "2017-01-01..2017-03-31 2017-Q1");
  CHECK(span(report::parse_period(quarter("2017-Q3"))) == "2017-07-01..2017-09-30 2017-Q3");
  CHECK(span(report::parse_period(quarter("2016-Q4"))) == "2016-10-01..2016-12-31 2016-Q4");
}

TEST_CASE("period: financial-year quarters start on 1 April")
{
  CHECK(span(report::parse_period(fy_quarter("2017/18-Q1"))) == "2017-04-01..2017-06-30 2017/18-Q1");
  CHECK(span(report::parse_period(fy_quarter("2017/18-Q3"))) == "2017-10-01..2017-12-31 2017/18-Q3");
  CHECK(span(report::parse_period(fy_quarter("2017/18-Q4"))) == "2018-01-01..2018-03-31 2017/18-Q4");
  CHECK(span(report::parse_period(fy_quarter("1999/00-Q4"))) == "2000-01-01..2000-03-31 1999/00-Q4");
}

TEST_CASE("period: years, financial years and day ranges")
{
  PeriodRequest y;
  y.year = "2016";
  CHECK(span(report::parse_period(y)) == "2016-01-01..2016-12-31 2016");
  PeriodRequest f;
  f.fy = "2019/20";
  CHECK(span(report::parse_period(f)) == "2019-04-01..2020-03-31 2019/20");
  PeriodRequest d;
  d.from = "2017-05-01";
  d.to = "2017-09-30";
  CHECK(span(report::parse_period(d)) == "2017-05-01..2017-09-30 2017-05-01 to 2017-09-30");
  d.to = "2017-05-01";
  CHECK(span(report::parse_period(d)) == "2017-05-01..2017-05-01 2017-05-01 to 2017-05-01");
}

TEST_CASE("period: malformed, missing and doubled periods are usage errors naming the option")
{
  for (const char* bad : {"2017-Q5", "2017-Q0", "2017Q3", "17-Q3", "2017-q3", ""}) {
    CAPTURE(bad);
    if (*bad == 0)
      continue;
    const auto e = test::catch_error([&] { report::parse_period(quarter(bad)); });
    CHECK(e.code == Exit::usage);
    CHECK(e.message.find("--quarter") != std::string::npos);
  }
  for (const char* bad : {"2017/19-Q1", "2017-18-Q1", "2017/18-Q5", "2017/18"}) {
    CAPTURE(bad);
    CHECK(test::catch_error([&] { report::parse_period(fy_quarter(bad)); }).message.find("--fy-quarter") != std::string::npos);
  }
  CHECK(test::catch_error([] { report::parse_period({}); }).code == Exit::usage);
  PeriodRequest two = quarter("2017-Q3");
  two.year = "2017";
  CHECK(test::catch_error([&] { report::parse_period(two); }).message.find("one period only") != std::string::npos);
  PeriodRequest half;
  half.from = "2017-01-01";
  CHECK(test::catch_error([&] { report::parse_period(half); }).message == "--from and --to go together");
  PeriodRequest backwards;
  backwards.from = "2017-02-01";
  backwards.to = "2017-01-31";
  CHECK(test::catch_error([&] { report::parse_period(backwards); }).message == "--to 2017-01-31 is before --from 2017-02-01");
  PeriodRequest notdate;
  notdate.from = "2017-02-30";
  notdate.to = "2017-03-01";
  CHECK(test::catch_error([&] { report::parse_period(notdate); }).message.find("--from: '2017-02-30' is not a date") == 0);
}

TEST_CASE("period: the previous period is the one of the same kind just before")
{
  CHECK(span(*report::comparison_period(report::parse_period(quarter("2017-Q3")), "previous")) ==
        "2017-04-01..2017-06-30 2017-Q2");
  CHECK(span(*report::comparison_period(report::parse_period(quarter("2017-Q1")), "previous")) ==
        "2016-10-01..2016-12-31 2016-Q4");
  CHECK(span(*report::comparison_period(report::parse_period(fy_quarter("2017/18-Q1")), "previous")) ==
        "2017-01-01..2017-03-31 2016/17-Q4");
  CHECK(span(*report::comparison_period(report::parse_period(fy_quarter("2017/18-Q4")), "previous")) ==
        "2017-10-01..2017-12-31 2017/18-Q3");
  PeriodRequest f;
  f.fy = "2017/18";
  CHECK(span(*report::comparison_period(report::parse_period(f), "previous")) == "2016-04-01..2017-03-31 2016/17");
  PeriodRequest d;
  d.from = "2017-03-01";
  d.to = "2017-03-10";  // ten days: the ten days before
  CHECK(span(*report::comparison_period(report::parse_period(d), "previous")) ==
        "2017-02-19..2017-02-28 2017-02-19 to 2017-02-28");
}

TEST_CASE("period: --compare year is the same period a year earlier; none is nothing")
{
  CHECK(span(*report::comparison_period(report::parse_period(quarter("2017-Q3")), "year")) ==
        "2016-07-01..2016-09-30 2016-Q3");
  CHECK(span(*report::comparison_period(report::parse_period(fy_quarter("2017/18-Q4")), "year")) ==
        "2017-01-01..2017-03-31 2016/17-Q4");
  PeriodRequest leap;
  leap.from = "2016-02-01";
  leap.to = "2016-02-29";
  CHECK(span(*report::comparison_period(report::parse_period(leap), "year")) ==
        "2015-02-01..2015-02-28 2015-02-01 to 2015-02-28");
  CHECK_FALSE(report::comparison_period(report::parse_period(quarter("2017-Q3")), "none"));
  CHECK(test::catch_error([] { report::comparison_period(report::parse_period(quarter("2017-Q3")), "last"); }).code ==
        Exit::usage);
}

TEST_CASE("period: the quarter and financial-year quarter of a date")
{
  CHECK(report::quarter_of(*core::Date::parse("2017-03-31")) == "2017-Q1");
  CHECK(report::quarter_of(*core::Date::parse("2017-04-01")) == "2017-Q2");
  CHECK(report::fy_quarter_of(*core::Date::parse("2017-03-31")) == "2016/17-Q4");
  CHECK(report::fy_quarter_of(*core::Date::parse("2017-04-01")) == "2017/18-Q1");
  CHECK(report::fy_quarter_of(*core::Date::parse("2017-12-31")) == "2017/18-Q3");
}
