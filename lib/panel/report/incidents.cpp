#include "panel/report/incidents.hpp"

#include "panel/core/error.hpp"
#include "panel/core/rounding.hpp"
#include "panel/core/text.hpp"
#include "panel/core/words.hpp"
#include "panel/store/incidents.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <set>

namespace panel::report {
namespace {

// Months as a count from year 0, so that shifting and comparing are arithmetic.
std::optional<int> month_index(const std::string& text)
{
  if (text.size() != 7 || text[4] != '-')
    return std::nullopt;
  int value[2] = {0, 0};
  for (std::size_t i = 0; i < 7; ++i) {
    if (i == 4)
      continue;
    if (text[i] < '0' || text[i] > '9')
      return std::nullopt;
    auto& v = value[i < 4 ? 0 : 1];
    v = v * 10 + (text[i] - '0');
  }
  if (value[1] < 1 || value[1] > 12)
    return std::nullopt;
  return value[0] * 12 + value[1] - 1;
}

std::string month_text(int index) { return fmt::format("{:04}-{:02}", index / 12, index % 12 + 1); }

std::string checked_month(const std::string& text, const char* option)
{
  if (!text.empty() && !month_index(text))
    throw usage_error(fmt::format("{}: '{}' is not a month (use YYYY-MM)", option, core::strip_controls(text)));
  return text;
}

// A --force or --type value must name something imported, or the report would silently be empty;
// returns it spelt as imported (`burglary` -> `Burglary`).
std::string check_known(const std::string& value, const std::vector<std::string>& known, const char* what)
{
  if (value.empty())
    return value;
  if (known.empty())
    throw refused(fmt::format("unknown {} '{}': no police incident data is imported (see 'panel incidents import')",
                              what, core::strip_controls(value)));
  return core::canonical_word(value, known, what);
}

std::string key_of(IncidentKey by, const std::string& month, const store::IncidentCount& count)
{
  switch (by) {
  case IncidentKey::month: return month;
  case IncidentKey::quarter: return quarter_of(month);
  case IncidentKey::fy_quarter: return fy_quarter_of(month);
  case IncidentKey::lsoa:
  case IncidentKey::type: return count.key;
  }
  return month;
}

bool is_time(IncidentKey by) { return by != IncidentKey::lsoa && by != IncidentKey::type; }

// The period a month's count is compared in: its time key, or "" when every row spans the window.
std::string period_of(IncidentKey by, const std::string& month)
{
  return is_time(by) ? key_of(by, month, {}) : "";
}

// What a comparison with the year before may use. Months not imported have no data: a period is
// compared over the months of the window it has data for, and only when the year before has
// every one of them too; otherwise its `previous` is no data, never 0.
struct Coverage {
  std::set<std::string> months;          // imported (for the force), from a year before the window
  std::map<std::string, bool> periods;   // each period with data in the window: comparable or not
};

Coverage coverage_of(store::Db& db, const IncidentOptions& options, const std::string& from, const std::string& to)
{
  Coverage c;
  if (from.empty())
    return c;
  const auto imported = store::months_imported(db, options.force, shift_month(from, -12), to);
  c.months.insert(imported.begin(), imported.end());
  for (const auto& month : imported) {
    if (month < from)
      continue;
    auto& complete = c.periods.try_emplace(period_of(options.by, month), true).first->second;
    complete = complete && c.months.count(shift_month(month, -12)) > 0;
  }
  return c;
}

} // namespace

std::optional<IncidentKey> parse_incident_key(const std::string& name)
{
  for (const auto key : {IncidentKey::month, IncidentKey::quarter, IncidentKey::fy_quarter, IncidentKey::lsoa,
                         IncidentKey::type})
    if (incident_key_name(key) == name)
      return key;
  return std::nullopt;
}

std::string incident_key_name(IncidentKey key)
{
  switch (key) {
  case IncidentKey::month: return "month";
  case IncidentKey::quarter: return "quarter";
  case IncidentKey::fy_quarter: return "fy-quarter";
  case IncidentKey::lsoa: return "lsoa";
  case IncidentKey::type: return "type";
  }
  return "month";
}

std::string quarter_of(const std::string& month)
{
  const int index = month_index(month).value_or(0);
  return fmt::format("{:04}-Q{}", index / 12, index % 12 / 3 + 1);
}

std::string fy_quarter_of(const std::string& month)
{
  // The financial year starting in April: shift so that April is month 0 of its year.
  const int index = month_index(month).value_or(0) - 3;
  const int year = index / 12;
  return fmt::format("{:04}/{:02}-Q{}", year, (year + 1) % 100, index % 12 / 3 + 1);
}

std::string shift_month(const std::string& month, int months)
{
  return month_text(month_index(month).value_or(0) + months);
}

IncidentReport incident_report(store::Db& db, const IncidentOptions& options)
{
  IncidentReport report{options.by, checked_month(options.from, "--from"), checked_month(options.to, "--to"),
                        options.compare_year, {}};
  if (!report.from.empty() && !report.to.empty() && report.from > report.to)
    throw usage_error(fmt::format("--from {} is after --to {}", report.from, report.to));
  const auto force = check_known(options.force, store::incident_forces(db), "force");
  const auto type = check_known(options.type, store::incident_types(db), "crime type");

  const auto dimension = options.by == IncidentKey::lsoa   ? store::IncidentDimension::lsoa
                         : options.by == IncidentKey::type ? store::IncidentDimension::type
                                                           : store::IncidentDimension::none;
  const int shift = options.compare_year ? 12 : 0;
  // The year before --from is read too, for the comparison.
  const auto counts = store::count_incidents(
      db, {dimension, type, force, report.from.empty() ? "" : shift_month(report.from, -shift),
           report.to});
  if (counts.empty())
    return report;

  // The months counted: as given, or the data's first and last (counts are in month order).
  if (report.to.empty())
    report.to = counts.back().month;
  if (report.from.empty())
    report.from = options.compare_year && !is_time(options.by) ? shift_month(report.to, -11) : counts.front().month;
  if (report.from > report.to)  // --from after the last month with data
    report.from = report.to = "";

  struct Totals {
    std::string name;
    std::int64_t count = 0, previous = 0;
  };
  std::map<std::string, Totals> totals;
  const auto in_window = [&](const std::string& month) { return month >= report.from && month <= report.to; };
  const auto coverage = shift != 0 ? coverage_of(db, options, report.from, report.to) : Coverage{};
  for (const auto& c : counts) {
    if (in_window(c.month)) {
      auto& t = totals[key_of(options.by, c.month, c)];
      t.count += c.count;
      t.name = c.name;
    }
    // The same months a year on are in the window: these count as that key's `previous`.
    if (shift != 0) {
      const auto later = shift_month(c.month, shift);
      if (in_window(later) && coverage.months.count(later)) {
        auto& t = totals[key_of(options.by, later, c)];
        t.previous += c.count;
        if (t.name.empty())
          t.name = c.name;
      }
    }
  }
  for (auto& [key, t] : totals) {
    IncidentRow row{key, "", t.count, std::nullopt, std::nullopt};
    if (options.by == IncidentKey::lsoa)
      row.name = key.empty() ? "No Location" : t.name;
    const auto period = coverage.periods.find(is_time(options.by) ? key : "");
    if (period != coverage.periods.end() && period->second) {
      row.previous = t.previous;
      if (t.previous > 0)
        row.change = core::round_ratio(t.count - t.previous, t.previous, 4).value();
    }
    report.rows.push_back(std::move(row));
  }
  // Time keys sort as text in time order already (the map); the others go largest first.
  if (!is_time(options.by))
    std::stable_sort(report.rows.begin(), report.rows.end(),
                     [](const IncidentRow& a, const IncidentRow& b) { return a.count > b.count; });
  return report;
}

} // namespace panel::report
