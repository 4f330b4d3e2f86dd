#include "panel/report/trends.hpp"

#include <cmath>
#include <cstdint>
#include <doctest/doctest.h>
#include <random>

using namespace panel;

namespace {

// Poisson draws by Knuth's product of uniforms (fine for the small means here). Written out,
// with std::mt19937, because std::poisson_distribution differs between standard libraries and
// the counts below must be the same everywhere.
class Poisson {
public:
  explicit Poisson(std::uint32_t seed) : m_random(seed) {}
  std::int64_t operator()(double mean)
  {
    const double limit = std::exp(-mean);
    std::int64_t k = 0;
    for (double product = uniform(); product > limit; product *= uniform())
      ++k;
    return k;
  }

private:
  double uniform() { return (static_cast<double>(m_random()) + 0.5) / 4294967296.0; }
  std::mt19937 m_random;
};

// An area with `baseline` months at `mean` a month, then `window` months at `mean` x `rise`.
store::AreaSeries area(Poisson& draw, int n, double mean, double rise, const report::TrendSettings& s)
{
  store::AreaSeries a{"E0" + std::to_string(1000000 + n), "Area " + std::to_string(n), {}};
  for (int m = 0; m < s.baseline + s.window; ++m)
    a.counts.push_back(draw(m < s.baseline ? mean : mean * rise));
  return a;
}

store::IncidentSeries months(const report::TrendSettings& s)
{
  store::IncidentSeries series;
  for (int m = 0; m < s.baseline + s.window; ++m)
    series.months.push_back("month " + std::to_string(m));
  return series;
}

struct Rates {
  double flagged = 0;      // fraction flagged after Benjamini-Hochberg
  double uncorrected = 0;  // fraction with p <= alpha, before correction
};

Rates rates(const report::TrendReport& r)
{
  Rates out;
  for (const auto& row : r.rows) {
    out.flagged += row.flagged;
    out.uncorrected += row.test.p <= r.settings.alpha;
  }
  out.flagged /= static_cast<double>(r.rows.size());
  out.uncorrected /= static_cast<double>(r.rows.size());
  return out;
}

} // namespace

TEST_CASE("trends simulation: a tripling over a baseline of 5 a month is flagged among 2,000 flat areas")
{
  const report::TrendSettings s;  // 12 months baseline, 3 months window, min 5, alpha 0.05
  Poisson draw(20170904);
  auto series = months(s);
  for (int n = 0; n < 2000; ++n)
    series.areas.push_back(area(draw, n, 5.0, 1.0, s));
  for (int n = 2000; n < 2020; ++n)
    series.areas.push_back(area(draw, n, 5.0, 3.0, s));
  const auto r = report::trends(series, s);
  int planted = 0, flat = 0;
  for (const auto& row : r.rows)
    if (row.flagged)
      ++(row.area >= "E01002000" ? planted : flat);
  // A window mean of 45 against 15 is about 7 standard deviations: every planted rise is found.
  CHECK(planted == 20);
  CHECK(flat <= 2);
  MESSAGE("planted rises flagged: ", planted, " of 20; flat areas flagged: ", flat, " of 2000");
}

TEST_CASE("trends simulation: flat areas are flagged at far below alpha, and p <= alpha near its exact rate")
{
  // 10,000 areas with no change at 5 incidents a month. The plug-in test ignores that the
  // baseline mean is itself estimated, so the exact chance of p <= 0.05 for one flat area is
  // 0.0625, not 0.05 (summed over the baseline count in Python: see docs/reports.md, "trends").
  // Its standard deviation over 10,000 areas is 0.0024; the bounds are 0.0625 -/+ 4 sd.
  const report::TrendSettings s;
  Poisson draw(7);
  auto series = months(s);
  for (int n = 0; n < 10000; ++n)
    series.areas.push_back(area(draw, n, 5.0, 1.0, s));
  const auto r = rates(report::trends(series, s));
  MESSAGE("flat areas at 5 a month: flagged ", r.flagged, ", p <= 0.05 ", r.uncorrected);
  CHECK(r.flagged <= s.alpha);
  CHECK(r.flagged <= 0.001);  // with no real rise anywhere, BH flags next to nothing
  CHECK(r.uncorrected >= 0.053);
  CHECK(r.uncorrected <= 0.072);
}

TEST_CASE("trends simulation: sparse flat areas (1 a month) are not flagged either")
{
  // Exact p <= 0.05 rate for 1 a month: 0.0557 (sd over 10,000 areas 0.0023).
  const report::TrendSettings s;
  Poisson draw(11);
  auto series = months(s);
  for (int n = 0; n < 10000; ++n)
    series.areas.push_back(area(draw, n, 1.0, 1.0, s));
  const auto r = rates(report::trends(series, s));
  MESSAGE("flat areas at 1 a month: flagged ", r.flagged, ", p <= 0.05 ", r.uncorrected);
  CHECK(r.flagged <= 0.001);
  CHECK(r.uncorrected >= 0.046);
  CHECK(r.uncorrected <= 0.066);
}
