#include "panel/rules/attention.hpp"

#include <doctest/doctest.h>

using namespace panel;

namespace {

core::Date day(const char* text) { return *core::Date::parse(text); }

core::CaseNextStep open_case(const char* opened)
{
  core::CaseNextStep c;
  c.info.reference = "CCM-2017-0001";
  c.info.opened = day(opened);
  c.info.status = "open";
  return c;
}

} // namespace

TEST_CASE("attention: a case listed for a coming meeting has a next step")
{
  auto c = open_case("2017-09-01");
  c.listed_for = day("2017-09-12");
  CHECK(rules::attention_reasons(c, {day("2017-09-12")}, day("2017-09-04"), 90).empty());
}

TEST_CASE("attention: no review date and no meeting is no next step")
{
  auto c = open_case("2017-09-01");
  const auto reasons = rules::attention_reasons(c, {day("2017-10-10")}, day("2017-09-04"), 90);
  REQUIRE(reasons.size() == 1);
  CHECK(reasons[0] == "no review date and no meeting: the case has no next step");
  c.awaiting_meeting = true;
  CHECK(rules::attention_reasons(c, {}, day("2017-09-04"), 90)[0] == "accepted but listed for no meeting");
}

TEST_CASE("attention: a review date in the future needs a meeting on or after it, before the date comes")
{
  auto c = open_case("2017-09-01");
  c.info.review_date = day("2017-10-01");
  CHECK(rules::attention_reasons(c, {day("2017-10-10")}, day("2017-09-04"), 90).empty());
  CHECK(rules::attention_reasons(c, {day("2017-09-12")}, day("2017-09-04"), 90) ==
        std::vector<std::string>{"review due 2017-10-01 and no meeting on or after it is scheduled"});
  CHECK(rules::attention_reasons(c, {}, day("2017-09-04"), 90).size() == 1);
}

TEST_CASE("attention: a review date passed needs a meeting on or after it")
{
  auto c = open_case("2017-09-01");
  c.info.review_date = day("2017-10-01");
  const auto today = day("2017-10-02");
  CHECK(rules::attention_reasons(c, {}, today, 90) ==
        std::vector<std::string>{"review due 2017-10-01 and no meeting on or after it is scheduled"});
  CHECK(rules::attention_reasons(c, {day("2017-09-30")}, today, 90).size() == 1);  // before the review: not on its agenda
  CHECK(rules::attention_reasons(c, {day("2017-10-01")}, today, 90).empty());      // on the day, not yet minuted
  CHECK(rules::attention_reasons(c, {day("2017-11-14")}, today, 90).empty());
}

TEST_CASE("attention: more than attention_after_days since the last discussion, or since opening")
{
  auto c = open_case("2017-01-10");
  c.info.review_date = day("2018-01-01");
  const std::vector<core::Date> january = {day("2018-01-09")};
  CHECK(rules::attention_reasons(c, january, day("2017-04-10"), 90).empty());  // 90 days: not more than
  CHECK(rules::attention_reasons(c, january, day("2017-04-11"), 90) ==
        std::vector<std::string>{"opened 2017-01-10 and never discussed (over 90 days)"});
  c.last_discussed = day("2017-03-01");
  CHECK(rules::attention_reasons(c, january, day("2017-05-30"), 90).empty());
  CHECK(rules::attention_reasons(c, january, day("2017-05-31"), 90) ==
        std::vector<std::string>{"not discussed since 2017-03-01 (over 90 days)"});
  CHECK(rules::attention_reasons(c, january, day("2017-12-31"), 0).empty());  // 0: no limit
  c.listed_for = day("2017-06-13");  // about to be discussed
  CHECK(rules::attention_reasons(c, {day("2017-06-13")}, day("2017-06-01"), 90).empty());
  CHECK(rules::attention_reasons(c, {day("2017-06-13")}, day("2017-06-14"), 90).size() == 1);  // its minutes are late
}

TEST_CASE("attention: a case can have two reasons")
{
  auto c = open_case("2017-01-10");
  CHECK(rules::attention_reasons(c, {}, day("2017-06-01"), 90).size() == 2);
}
