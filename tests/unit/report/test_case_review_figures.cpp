#include "panel/report/case_reviews.hpp"

#include "panel/input/calendar.hpp"
#include "panel/rules/case_review.hpp"
#include "tests/unit/support.hpp"

#include <doctest/doctest.h>
#include <optional>
#include <vector>

using namespace panel;

namespace {

core::Date day(const char* iso) { return *core::Date::parse(iso); }

const rules::Holidays none;
const core::CaseReviewSettings defaults;  // 10 working days to acknowledge and decide, 25 to the outcome

// The period every test reports on: September 2017 (Friday 1 to Saturday 30).
const core::Date from = day("2017-09-01");
const core::Date to = day("2017-09-30");

core::CaseReview received(const char* date)
{
  static int seq = 0;
  core::CaseReview r;
  r.id = ++seq;
  r.reference = "CT-2017-" + std::to_string(1000 + seq);
  r.application.received = day(date);
  r.application.applicant = "Jo Bloggs";
  return r;
}

core::CaseReview decided(const char* received_on, const char* decided_on, bool met)
{
  auto r = received(received_on);
  r.decided = day(decided_on);
  r.threshold_met = met;
  r.rule = met ? "complaints" : "";
  return r;
}

report::CaseReviewFigures figures(const std::vector<core::CaseReview>& reviews, const rules::Holidays& holidays = none)
{
  return report::case_review_figures(reviews, defaults, holidays, from, to);
}

} // namespace

TEST_CASE("case review figures: applications received on the first and the last day of the period count, a day either side does not")
{
  const auto f = figures({received("2017-08-31"), received("2017-09-01"), received("2017-09-15"), received("2017-09-30"),
                          received("2017-10-01")});
  CHECK(f.received == 3);
  CHECK(f.threshold_met == 0);
  CHECK(f.threshold_not_met == 0);
  CHECK(f.reviews_completed == 0);
  CHECK(f.appeals == 0);
  CHECK(f.steps_late == 0);
  // No decision in the period: no median, not 0.
  CHECK_FALSE(f.median_working_days_to_decision.has_value());
  CHECK(figures({}).received == 0);
  CHECK_FALSE(figures({}).median_working_days_to_decision.has_value());
}

TEST_CASE("case review figures: threshold decisions are counted by the day decided, not the day received")
{
  const auto f = figures({
      decided("2017-08-21", "2017-09-01", true),   // received before, decided on the first day: met
      decided("2017-09-04", "2017-09-30", false),  // decided on the last day: not met
      decided("2017-09-18", "2017-09-29", false),  // not met
      decided("2017-09-25", "2017-10-02", true),   // received in, decided after: neither
      decided("2017-08-01", "2017-08-31", true),   // decided before: neither
      received("2017-09-05"),                      // not decided
  });
  CHECK(f.received == 4);
  CHECK(f.threshold_met == 1);
  CHECK(f.threshold_not_met == 2);
}

TEST_CASE("case review figures: the median working days to a decision, of an odd and an even number of decisions")
{
  // Working days after receipt up to the decision: Fri 1 -> Mon 4 September is 1; Mon 4 -> Mon 11 is 5;
  // Mon 4 -> Mon 18 is 10; Mon 11 -> Wed 13 is 2. A decision outside the period (22) is left out.
  const auto one = decided("2017-09-01", "2017-09-04", true);
  const auto five = decided("2017-09-04", "2017-09-11", false);
  const auto ten = decided("2017-09-04", "2017-09-18", true);
  const auto two = decided("2017-09-11", "2017-09-13", false);
  const auto outside = decided("2017-08-01", "2017-08-31", true);

  auto f = figures({ten, outside, one, five});
  REQUIRE(f.median_working_days_to_decision.has_value());
  CHECK(*f.median_working_days_to_decision == doctest::Approx(5.0));

  f = figures({ten, outside, one, five, two});
  REQUIRE(f.median_working_days_to_decision.has_value());
  CHECK(*f.median_working_days_to_decision == doctest::Approx(3.5));  // (2 + 5) / 2

  f = figures({one});
  CHECK(f.median_working_days_to_decision == 1.0);
  // Only a decision outside the period: none.
  CHECK_FALSE(figures({outside}).median_working_days_to_decision.has_value());
}

TEST_CASE("case review figures: the working days to a decision skip bank holidays")
{
  // Friday 25 August to Friday 1 September 2017: 5 working days, 4 with the bank holiday on the 28th.
  const auto r = decided("2017-08-25", "2017-09-01", true);
  CHECK(figures({r}).median_working_days_to_decision == 5.0);
  CHECK(figures({r}, input::england_and_wales_bank_holidays()).median_working_days_to_decision == 4.0);
}

TEST_CASE("case review figures: a step is late in the period when done in it after its due day")
{
  // Received Friday 1 September: acknowledgement and decision due Friday 15 September.
  auto a = decided("2017-09-01", "2017-09-15", true);  // decided on the due day: on time
  a.acknowledged = day("2017-09-18");                  // late, in the period: counts
  a.outcome = day("2017-10-23");                       // due 20 October: late, but after the period
  // Received Tuesday 1 August: both due Tuesday 15 August.
  auto b = decided("2017-08-01", "2017-09-05", false);  // late, in the period: counts
  b.acknowledged = day("2017-08-20");                   // late, before the period
  b.appealed = day("2017-09-20");
  // Received Monday 14 August: both due Monday 28 August, neither done: overdue is not "late".
  auto c = received("2017-08-14");
  // Decided Monday 10 July: the outcome due Monday 14 August, sent on the period's last day: counts.
  auto d = decided("2017-07-03", "2017-07-10", true);
  d.acknowledged = day("2017-07-05");
  d.outcome = day("2017-09-30");
  // On time in the period: does not count.
  auto e = decided("2017-09-04", "2017-09-08", true);
  e.acknowledged = day("2017-09-18");  // the due day exactly
  e.outcome = day("2017-09-29");

  // The due days as the rules give them, so that the counts below rest on the right days.
  REQUIRE(rules::step_dues(a, defaults, none)[0].due == day("2017-09-15"));
  REQUIRE(rules::step_dues(a, defaults, none)[2].due == day("2017-10-20"));
  REQUIRE(rules::step_dues(b, defaults, none)[1].due == day("2017-08-15"));
  REQUIRE(rules::step_dues(d, defaults, none)[2].due == day("2017-08-14"));
  REQUIRE(rules::step_dues(e, defaults, none)[0].due == day("2017-09-18"));

  CHECK(figures({a}).steps_late == 1);
  CHECK(figures({b}).steps_late == 1);
  CHECK(figures({c}).steps_late == 0);
  CHECK(figures({d}).steps_late == 1);
  CHECK(figures({e}).steps_late == 0);
  const auto f = figures({a, b, c, d, e});
  CHECK(f.steps_late == 3);
  CHECK(f.reviews_completed == 2);  // d on the 30th and e; not a in October
  CHECK(f.appeals == 1);
  // The same steps a month later: only a's outcome (late, done 23 October) is in October.
  CHECK(report::case_review_figures({a, b, c, d, e}, defaults, none, day("2017-10-01"), day("2017-10-31")).steps_late == 1);
}
