#pragma once
#include "panel/store/incident_series.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace panel::report {

// P(X >= k) for X ~ Poisson(mu), mu >= 0: exactly 1 for k <= 0, and accurate to about 1e-9
// relative far into the tail (p-values far below 1e-100, mu up to 1e5 and beyond).
double poisson_upper_tail(std::int64_t k, double mu);

// Benjamini-Hochberg adjusted p-values (q-values) in the order given: q(i) = min over j with
// p(j) >= p(i) of m p(j) / rank(j), capped at 1; equal p-values get equal q-values.
std::vector<double> bh_adjust(const std::vector<double>& p);

// The rule `panel report trends` applies (docs/reports-trends.md).
struct TrendSettings {
  int window = 3;              // months tested
  int baseline = 12;           // months before them that set the area's own level
  std::int64_t min_count = 5;  // fewer incidents in the window are never flagged
  double alpha = 0.05;         // false discovery rate
};

// Error(usage) naming the option when a setting is out of range.
void check_settings(const TrendSettings& s);

// One area's test: the window count against the baseline monthly mean times the window.
struct AreaTest {
  double baseline_mean = 0;  // incidents per month over the baseline
  std::int64_t window_count = 0;
  double expected = 0;  // max(baseline_mean, 0.5 / baseline months) x window months
  double ratio = 0;     // window_count / expected
  double p = 1;         // P(X >= window_count) for X ~ Poisson(expected)
};

// `counts` are baseline months then window months, oldest first.
AreaTest test_area(const std::vector<std::int64_t>& counts, int window);

// Flagged: significant after correction and not too few to act on (both bounds inclusive).
bool flagged(double q, std::int64_t window_count, const TrendSettings& s);

struct TrendRow {
  std::string area, name;
  AreaTest test;
  double q = 1;
  bool flagged = false;
};

// The whole report, computed once and rendered in any format.
struct TrendReport {
  TrendSettings settings;
  std::string type;      // crime type, or "all"
  std::string force;     // reported_by, or "" for every force
  store::AreaLevel level = store::AreaLevel::lsoa;
  std::string from, baseline_to;  // the baseline months, YYYY-MM
  std::string window_from, to;    // the window months
  std::int64_t no_location = 0;  // incidents without an LSOA in those months, not tested
  std::vector<TrendRow> rows;    // every area tested, by q, then ratio (highest first), then area
};

// Tests every area of a series of baseline then window months, adjusts across them, flags.
// Only the settings, no_location and rows are filled in.
TrendReport trends(const store::IncidentSeries& series, const TrendSettings& s);

// What `panel report trends` asks for.
struct TrendQuery {
  std::string type = "Anti-social behaviour";  // or "all"
  std::string force;                           // "" for every force
  std::string to;                              // YYYY-MM; "" for the latest month imported
  store::AreaLevel level = store::AreaLevel::lsoa;
  TrendSettings settings;
};

// The report on the imported incidents; Error(usage) for bad settings, Error(refused) when
// there is no data, the type or force is unknown, or a month in the range was not imported.
TrendReport trends(store::Db& db, const TrendQuery& query);

} // namespace panel::report
