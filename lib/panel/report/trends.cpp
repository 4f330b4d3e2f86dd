#include "panel/report/trends.hpp"

#include "panel/core/date.hpp"
#include "panel/core/error.hpp"
#include "panel/core/text.hpp"
#include "panel/core/words.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <numeric>
#include <stdexcept>

namespace panel::report {
namespace {

// A type or force as the data spells it, typed in any case; Error(refused) for one that is not in
// the data, listing what is and what it may have meant.
std::string known_or_refuse(const std::string& value, const std::vector<std::string>& known, const std::string& what)
{
  return value.empty() ? value : core::canonical_word(value, known, what);
}

} // namespace

double poisson_upper_tail(std::int64_t k, double mu)
{
  if (k <= 0)
    return 1.0;
  if (mu <= 0)
    return 0.0;
  const double n = static_cast<double>(k);
  if (n > mu) {
    // Far tail: P(k) (1 + mu/(k+1) + mu^2/((k+1)(k+2)) + ...), all terms positive and falling,
    // so the sum is stable; the Poisson probability P(k) is taken in logs (no overflow).
    const double log_pk = n * std::log(mu) - mu - std::lgamma(n + 1);
    double sum = 1, term = 1;
    for (double j = n + 1;; j += 1) {
      term *= mu / j;
      sum += term;
      const double r = mu / (j + 1);  // the next ratio bounds the rest geometrically
      if (term * r / (1 - r) < 1e-17 * sum)
        break;
    }
    return std::exp(log_pk + std::log(sum));
  }
  // k <= mu: the answer is near 1/2 or more, so 1 - P(X <= k-1) loses nothing that matters;
  // P(X <= k-1) = P(k-1) (1 + (k-1)/mu + (k-1)(k-2)/mu^2 + ...) runs down to 0.
  const double log_pk1 = (n - 1) * std::log(mu) - mu - std::lgamma(n);
  double sum = 1, term = 1;
  for (double j = n - 1; j >= 1; j -= 1) {
    term *= j / mu;
    sum += term;
    const double r = (j - 1) / mu;
    if (term * r / (1 - r) < 1e-17 * sum)
      break;
  }
  return std::max(0.0, 1 - std::exp(log_pk1 + std::log(sum)));
}

std::vector<double> bh_adjust(const std::vector<double>& p)
{
  const size_t m = p.size();
  std::vector<size_t> order(m);
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return p[a] < p[b]; });
  // Step up from the largest p: each q is the smallest m p / rank at or above its rank, which
  // also gives tied p-values the same q.
  std::vector<double> q(m);
  double running = 1.0;
  for (size_t i = m; i-- > 0;) {
    running = std::min(running, p[order[i]] * static_cast<double>(m) / static_cast<double>(i + 1));
    q[order[i]] = running;
  }
  return q;
}

void check_settings(const TrendSettings& s)
{
  if (s.window < 1)
    throw usage_error(fmt::format("--window: must be at least 1 month (got {})", s.window));
  if (s.baseline < 1)
    throw usage_error(fmt::format("--baseline: must be at least 1 month (got {})", s.baseline));
  if (s.window + s.baseline > 240)
    throw usage_error(fmt::format("--window and --baseline: at most 240 months together (got {})", s.window + s.baseline));
  if (s.min_count < 0)
    throw usage_error(fmt::format("--min-count: must be 0 or more (got {})", s.min_count));
  if (!(s.alpha > 0 && s.alpha < 1))
    throw usage_error(fmt::format("--alpha: must be between 0 and 1 (got {})", s.alpha));
}

AreaTest test_area(const std::vector<std::int64_t>& counts, int window)
{
  const auto split = counts.end() - window;
  const double baseline_months = static_cast<double>(counts.size()) - window;
  AreaTest t;
  t.baseline_mean = static_cast<double>(std::accumulate(counts.begin(), split, std::int64_t{0})) / baseline_months;
  t.window_count = std::accumulate(split, counts.end(), std::int64_t{0});
  // An area with no incident in the baseline is taken to have had half of one: any rise from
  // nothing is then judged against a small but non-zero rate instead of p = 0.
  t.expected = std::max(t.baseline_mean, 0.5 / baseline_months) * window;
  t.ratio = static_cast<double>(t.window_count) / t.expected;
  t.p = poisson_upper_tail(t.window_count, t.expected);
  return t;
}

bool flagged(double q, std::int64_t window_count, const TrendSettings& s)
{
  return q <= s.alpha && window_count >= s.min_count;
}

TrendReport trends(const store::IncidentSeries& series, const TrendSettings& s)
{
  check_settings(s);
  if (series.months.size() != static_cast<size_t>(s.window + s.baseline))
    throw std::invalid_argument("trends: the series does not have baseline + window months");
  TrendReport report;
  report.settings = s;
  report.from = series.months.front();
  report.baseline_to = series.months[static_cast<size_t>(s.baseline) - 1];
  report.window_from = series.months[static_cast<size_t>(s.baseline)];
  report.to = series.months.back();
  report.no_location = series.no_location;
  std::vector<double> p;
  for (const auto& area : series.areas) {
    report.rows.push_back({area.code, area.name, test_area(area.counts, s.window), 1, false});
    p.push_back(report.rows.back().test.p);
  }
  const auto q = bh_adjust(p);
  for (size_t i = 0; i < q.size(); ++i) {
    report.rows[i].q = q[i];
    report.rows[i].flagged = flagged(q[i], report.rows[i].test.window_count, s);
  }
  std::sort(report.rows.begin(), report.rows.end(), [](const TrendRow& a, const TrendRow& b) {
    if (a.q != b.q)
      return a.q < b.q;
    if (a.test.ratio != b.test.ratio)
      return a.test.ratio > b.test.ratio;
    return a.area < b.area;
  });
  return report;
}

TrendReport trends(store::Db& db, const TrendQuery& q)
{
  check_settings(q.settings);
  if (!q.to.empty() && (q.to.size() != 7 || !core::Date::parse(q.to + "-01")))
    throw usage_error(fmt::format("--to: '{}' is not a month (use YYYY-MM)", q.to));
  const auto forces = store::incident_forces(db);
  if (forces.empty())
    throw refused("no incident data imported (import data.police.uk files with 'panel incidents import')");
  const auto force = known_or_refuse(q.force, forces, "force");
  const bool all = core::same_word(q.type, "all");
  const auto type = all ? std::string("all") : known_or_refuse(q.type, store::incident_types(db), "crime type");
  const std::string to = q.to.empty() ? store::latest_month_imported(db, force).value_or("") : q.to;
  const auto series = store::incident_series(
      db, {all ? "" : type, force, to, q.settings.window + q.settings.baseline, q.level});
  auto report = trends(series, q.settings);
  report.type = type;
  report.force = force;
  report.level = q.level;
  return report;
}

} // namespace panel::report
