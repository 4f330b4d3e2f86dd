#include "panel/report/trends.hpp"

#include "tests/unit/support.hpp"

#include <cmath>
#include <doctest/doctest.h>

using namespace panel;
using report::poisson_upper_tail;

namespace {

// Relative closeness, for probabilities of any size.
bool close(double actual, double expected, double tolerance = 1e-9)
{
  return std::fabs(actual - expected) <= tolerance * std::fabs(expected);
}

} // namespace

TEST_CASE("trends: the Poisson tail is exactly 1 for k = 0 and agrees with closed forms")
{
  CHECK(poisson_upper_tail(0, 3.7) == 1.0);
  CHECK(poisson_upper_tail(0, 0.0) == 1.0);
  CHECK(poisson_upper_tail(1, 0.0) == 0.0);
  // P(X >= 1) = 1 - e^-mu; P(X >= 2) = 1 - e^-mu (1 + mu).
  for (double mu : {1e-6, 0.01, 0.5, 2.0, 7.5})
    CHECK(close(poisson_upper_tail(1, mu), -std::expm1(-mu), 1e-12));
  // (the closed form for k = 2 cancels for small mu, so only where it is exact itself)
  for (double mu : {0.5, 2.0, 7.5})
    CHECK(close(poisson_upper_tail(2, mu), 1 - std::exp(-mu) * (1 + mu), 1e-12));
}

TEST_CASE("trends: the Poisson tail matches reference values, far into the tail and for large mu")
{
  // References: P(X >= k) = e^-mu sum_{j >= k} mu^j / j! (or 1 - the sum below k when k <= mu),
  // summed with Python's decimal module at 60 digits, ln j! exact below 200 and by the Stirling
  // series to 1/n^7 above (error < 1e-40), then printed with %.17g.
  struct Case {
    std::int64_t k;
    double mu, p;
  };
  const Case cases[] = {
      {1, 2, 0.8646647167633873},
      {2, 1, 0.26424111765711533},
      {3, 0.5, 0.014387677966970687},
      {15, 15, 0.53434629105599041},
      {30, 15, 0.00041844966832768697},
      {45, 15, 3.171134772682306e-10},
      {5, 0.125, 2.2919102136524119e-07},  // the zero-baseline floor with 12 + 3 months
      {20, 2.5, 3.480448752116278e-12},
      {100, 10, 5.3985897281395815e-63},
      {150, 1, 6.4818304762487118e-264},
      {100000, 100000, 0.50042052211036514},
      {101000, 100000, 0.000799801041554541},
      {102000, 100000, 1.4634507837249213e-10},
  };
  for (const auto& c : cases) {
    CAPTURE(c.k);
    CAPTURE(c.mu);
    CHECK(close(poisson_upper_tail(c.k, c.mu), c.p));
  }
  CHECK(poisson_upper_tail(95000, 100000) == doctest::Approx(1.0).epsilon(1e-15));
  CHECK(poisson_upper_tail(1000, 1) == 0.0);  // below the smallest double: 0, not NaN
}

TEST_CASE("trends: the Poisson tail falls as k rises and rises with mu")
{
  double previous = 1.0;
  for (std::int64_t k = 0; k <= 60; ++k) {
    const double p = poisson_upper_tail(k, 20.0);
    CHECK(p <= previous);
    previous = p;
  }
  CHECK(poisson_upper_tail(25, 20.0) < poisson_upper_tail(25, 21.0));
}

TEST_CASE("trends: Benjamini-Hochberg gives the q-values of the 1995 paper's example")
{
  // Benjamini & Hochberg (1995), section 4: 15 p-values; at 0.05 the first four are rejected.
  const std::vector<double> p{0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344,
                              0.0459, 0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.000};
  // q(i) = min over j >= i of 15 p(j) / j: e.g. q(6) = q(7) = 15 x 0.0298 / 7 = 0.063857...
  const std::vector<double> expected{0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.063857142857142862, 0.063857142857142862,
                                     0.0645, 0.0765, 0.486, 0.58118181818181824, 0.714875, 0.75323076923076937,
                                     0.81321428571428567, 1};
  const auto q = report::bh_adjust(p);
  REQUIRE(q.size() == expected.size());
  int rejected = 0;
  for (size_t i = 0; i < q.size(); ++i) {
    CAPTURE(i);
    CHECK(q[i] == doctest::Approx(expected[i]).epsilon(1e-12));
    rejected += q[i] <= 0.05;
  }
  CHECK(rejected == 4);
}

TEST_CASE("trends: Benjamini-Hochberg keeps the input order, gives ties one q, and caps at 1")
{
  const auto q = report::bh_adjust({0.04, 0.01, 0.04, 0.9});
  // Sorted: 0.01 (rank 1), 0.04, 0.04 (ranks 2, 3), 0.9: q = 4 x 0.04 / 3 for both ties.
  CHECK(q[1] == doctest::Approx(0.04));
  CHECK(q[0] == doctest::Approx(4 * 0.04 / 3));
  CHECK(q[2] == q[0]);
  CHECK(q[3] == doctest::Approx(0.9));
  CHECK(report::bh_adjust({0.5, 0.9})[0] == doctest::Approx(0.9));  // 2 x 0.5 = 1 > 0.9: step-up
  CHECK(report::bh_adjust({1.0, 1.0, 1.0}) == std::vector<double>{1.0, 1.0, 1.0});
  CHECK(report::bh_adjust({}).empty());
}

TEST_CASE("trends: flagged at q == alpha and count == min-count, not at min-count - 1 or above alpha")
{
  const report::TrendSettings s{3, 12, 5, 0.05};
  CHECK(report::flagged(0.05, 5, s));
  CHECK_FALSE(report::flagged(0.05, 4, s));
  CHECK_FALSE(report::flagged(std::nextafter(0.05, 1.0), 5, s));
  CHECK(report::flagged(1e-12, 500, s));
}

TEST_CASE("trends: an area's test uses the baseline mean times the window")
{
  // 12 baseline months of 2, window 3 months of 4, 5, 6: expected 6, count 15.
  const auto t = report::test_area({2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 4, 5, 6}, 3);
  CHECK(t.baseline_mean == doctest::Approx(2.0));
  CHECK(t.window_count == 15);
  CHECK(t.expected == doctest::Approx(6.0));
  CHECK(t.ratio == doctest::Approx(2.5));
  CHECK(t.p == doctest::Approx(poisson_upper_tail(15, 6.0)));
}

TEST_CASE("trends: a baseline of nothing counts as half an incident over the baseline")
{
  const auto t = report::test_area({0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 2}, 3);
  CHECK(t.baseline_mean == 0.0);
  CHECK(t.expected == doctest::Approx(0.125));  // 0.5 / 12 per month x 3 months
  CHECK(t.ratio == doctest::Approx(40.0));
  CHECK(t.p == doctest::Approx(2.2919102136524119e-07).epsilon(1e-9));
  const auto quiet = report::test_area({0, 0, 0, 0}, 2);
  CHECK(quiet.p == 1.0);
  CHECK(quiet.ratio == 0.0);
}

TEST_CASE("trends: settings out of range are usage errors naming the option")
{
  auto message = [](report::TrendSettings s) {
    return test::catch_error([&] { report::check_settings(s); });
  };
  CHECK(message({0, 12, 5, 0.05}).message == "--window: must be at least 1 month (got 0)");
  CHECK(message({0, 12, 5, 0.05}).code == Exit::usage);
  CHECK(message({3, 0, 5, 0.05}).message == "--baseline: must be at least 1 month (got 0)");
  CHECK(message({3, 12, -1, 0.05}).message == "--min-count: must be 0 or more (got -1)");
  CHECK(message({3, 12, 5, 1.0}).message == "--alpha: must be between 0 and 1 (got 1)");
  CHECK(message({200, 100, 5, 0.05}).message == "--window and --baseline: at most 240 months together (got 300)");
  CHECK_FALSE(message({3, 12, 5, 0.05}).thrown);
}

TEST_CASE("trends: rows are sorted by q, then ratio, and only significant areas with enough incidents flagged")
{
  store::IncidentSeries series;
  series.months = {"2017-01", "2017-02", "2017-03", "2017-04", "2017-05"};  // 3 baseline, 2 window
  series.areas = {{"E01000003", "C 003A", {10, 10, 10, 30, 30}},
                  {"E01000001", "A 001A", {1, 1, 1, 1, 1}},
                  {"E01000002", "B 002A", {0, 0, 0, 2, 2}},  // significant, but 4 < min-count
                  {"E01000004", "D 004A", {5, 5, 5, 20, 20}}};
  const auto r = report::trends(series, {2, 3, 5, 0.05});
  REQUIRE(r.rows.size() == 4);
  CHECK(r.from == "2017-01");
  CHECK(r.baseline_to == "2017-03");
  CHECK(r.window_from == "2017-04");
  CHECK(r.to == "2017-05");
  // C (p 4.3e-13) and D (p 7.3e-13) get the same q by the step-up; D's ratio of 4 beats C's 3.
  CHECK(r.rows[0].area == "E01000004");
  CHECK(r.rows[0].q == r.rows[1].q);
  CHECK(r.rows[0].flagged);
  CHECK(r.rows[1].area == "E01000003");
  CHECK(r.rows[1].flagged);
  CHECK(r.rows[2].area == "E01000002");
  CHECK(r.rows[2].q <= 0.05);
  CHECK_FALSE(r.rows[2].flagged);
  CHECK(r.rows[3].area == "E01000001");
  CHECK_FALSE(r.rows[3].flagged);
}
