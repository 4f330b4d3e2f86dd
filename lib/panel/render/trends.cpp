#include "panel/render/trends.hpp"

#include "panel/core/rounding.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <sstream>

namespace panel::render {
namespace {

std::string level_name(store::AreaLevel level) { return level == store::AreaLevel::lsoa ? "lsoa" : "lsoa-district"; }

} // namespace

std::string format_probability(double p)
{
  if (p == 0)
    return "0";
  return p >= 0.001 ? core::round_value(p, 3).text() : fmt::format("{:.2e}", p);
}

std::string trends_json(const report::TrendReport& r, bool all)
{
  using Json = nlohmann::ordered_json;
  Json rows = Json::array();
  for (const auto& row : r.rows)
    if (all || row.flagged)
      rows.push_back({{"area", row.area}, {"name", row.name}, {"baseline_mean", row.test.baseline_mean},
                      {"window_count", row.test.window_count}, {"expected", row.test.expected},
                      {"ratio", row.test.ratio}, {"p", row.test.p}, {"q", row.q}, {"flagged", row.flagged}});
  const Json doc = {{"type", r.type}, {"force", r.force.empty() ? Json() : Json(r.force)}, {"by", level_name(r.level)},
                    {"from", r.from}, {"to", r.to}, {"window", r.settings.window}, {"baseline", r.settings.baseline},
                    {"min_count", r.settings.min_count}, {"alpha", r.settings.alpha},
                    {"areas_tested", r.rows.size()}, {"no_location", r.no_location}, {"rows", rows}};
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

Table trends_table(const report::TrendReport& r, bool all, Format format)
{
  Table table{{{"area", "AREA"}, {"name", "NAME"}, {"baseline_mean", "BASELINE MEAN"}, {"window_count", "WINDOW"},
               {"expected", "EXPECTED"}, {"ratio", "RATIO"}, {"p", "P"}, {"q", "Q"}, {"flagged", "FLAGGED"}},
              {}};
  for (const auto& row : r.rows)
    if (all || row.flagged)
      table.rows.push_back({row.area, row.name, core::round_value(row.test.baseline_mean, 2).text(), row.test.window_count,
                            core::round_value(row.test.expected, 2).text(), core::round_value(row.test.ratio, 2).text(),
                            format_probability(row.test.p), format_probability(row.q), row.flagged});
  if (format != Format::table)
    return table;
  for (size_t c : {2, 4, 5, 6, 7}) {
    size_t width = table.columns[c].title.size();
    for (const auto& row : table.rows)
      width = std::max(width, std::get<std::string>(row[c]).size());
    for (auto& row : table.rows)
      row[c] = fmt::format("{:>{}}", std::get<std::string>(row[c]), width);
  }
  return table;
}

std::string trends_summary(const report::TrendReport& r)
{
  const auto flagged = std::count_if(r.rows.begin(), r.rows.end(), [](const auto& row) { return row.flagged; });
  return fmt::format("{}: {} of {} areas flagged (window {}..{}, baseline {}..{}){}", r.type, flagged, r.rows.size(),
                     r.window_from, r.to, r.from, r.baseline_to,
                     r.no_location ? fmt::format("; {} incidents with no location not tested", r.no_location) : "");
}

std::string trends(const report::TrendReport& r, bool all, Format format, const Style& style)
{
  if (format == Format::json)
    return trends_json(r, all);
  std::ostringstream out;
  write(out, trends_table(r, all, format), format, style);
  return out.str();
}

} // namespace panel::render
