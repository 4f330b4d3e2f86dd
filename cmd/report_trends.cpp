#include "cmd/cli.hpp"

#include "panel/core/error.hpp"
#include "panel/core/rounding.hpp"
#include "panel/report/trends.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <fmt/format.h>
#include <memory>
#include <nlohmann/json.hpp>

namespace panel::cmd {
namespace {

struct TrendsOptions {
  report::TrendQuery query;
  std::string by = "lsoa";
  bool all = false;
};

std::string level_name(store::AreaLevel level) { return level == store::AreaLevel::lsoa ? "lsoa" : "lsoa-district"; }

// JSON keeps the raw numbers and says what was tested (docs/reports-trends.md).
void write_json(std::ostream& out, const report::TrendReport& r, bool all)
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
  out << doc.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

// Text formats show rounded numbers; in the aligned table they are padded to the right, as
// numbers are, although they are text cells.
render::Table trend_table(const report::TrendReport& r, bool all, render::Format format)
{
  render::Table table{{{"area", "AREA"}, {"name", "NAME"}, {"baseline_mean", "BASELINE MEAN"}, {"window_count", "WINDOW"},
                       {"expected", "EXPECTED"}, {"ratio", "RATIO"}, {"p", "P"}, {"q", "Q"}, {"flagged", "FLAGGED"}},
                      {}};
  for (const auto& row : r.rows)
    if (all || row.flagged)
      table.rows.push_back({row.area, row.name, core::round_value(row.test.baseline_mean, 2).text(), row.test.window_count,
                            core::round_value(row.test.expected, 2).text(), core::round_value(row.test.ratio, 2).text(),
                            report::format_probability(row.test.p), report::format_probability(row.q), row.flagged});
  if (format != render::Format::table)
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

int run_trends(TrendsOptions& o, Context& ctx)
{
  using render::Format;
  const auto format = ctx.format_or(Format::table, {Format::table, Format::csv, Format::json, Format::md});
  if (o.by != "lsoa" && o.by != "lsoa-district")
    throw usage_error(fmt::format("--by: unknown grouping '{}' (known: lsoa, lsoa-district)", o.by));
  o.query.level = o.by == "lsoa" ? store::AreaLevel::lsoa : store::AreaLevel::district;
  auto db = ctx.open_db();
  const auto r = report::trends(db, o.query);
  if (format == Format::json)
    write_json(ctx.out, r, o.all);
  else
    render::write(ctx.out, trend_table(r, o.all, format), format, ctx.style());
  const auto flagged = std::count_if(r.rows.begin(), r.rows.end(), [](const auto& row) { return row.flagged; });
  ctx.note(fmt::format("{}: {} of {} areas flagged (window {}..{}, baseline {}..{}){}", r.type, flagged, r.rows.size(),
                       r.window_from, r.to, r.from, r.baseline_to,
                       r.no_location ? fmt::format("; {} incidents with no location not tested", r.no_location) : ""));
  return 0;
}

} // namespace

void register_report_trends(CLI::App& report, Context& ctx)
{
  auto o = std::make_shared<TrendsOptions>();
  auto* trends = report.add_subcommand("trends", "Areas where recent incidents are well above their own level");
  auto& q = o->query;
  trends->add_option("--type", q.type, "Crime type, or 'all' (default: Anti-social behaviour)")->type_name("TYPE");
  trends->add_option("--by", o->by, "Areas: lsoa (default) or lsoa-district")->type_name("AREA");
  trends->add_option("--window", q.settings.window, "Months tested, ending with --to (default 3)")->type_name("MONTHS");
  trends->add_option("--baseline", q.settings.baseline, "Months before the window that set each area's level (default 12)")
      ->type_name("MONTHS");
  trends->add_option("--min-count", q.settings.min_count, "Fewest incidents in the window to flag (default 5)")->type_name("N");
  trends->add_option("--alpha", q.settings.alpha, "False discovery rate (default 0.05)")->type_name("RATE");
  trends->add_option("--to", q.to, "Last month of the window (default: the latest month imported)")->type_name("YYYY-MM");
  trends->add_option("--force", q.force, "Only incidents reported by this force")->type_name("FORCE");
  trends->add_flag("--all", o->all, "List every area tested, not only those flagged");
  trends->footer(R"footer(Each area's count over the window is tested against its own monthly mean over the baseline
(one-sided Poisson test), p-values are corrected across areas (Benjamini-Hochberg), and an area
is flagged when q <= alpha and the count >= min-count. Incidents with no location are left out.
Every month in the range must have been imported. Formats: table (default), csv, json, md.
Method and limits: docs/reports.md.

Examples:
  panel report trends
  panel report trends --type all --window 6 --baseline 24 --all --format csv
  panel report trends --to 2017-06 --format json | jq -r '.rows[] | "\(.area) \(.ratio)"')footer");
  trends->callback([o, &ctx] { ctx.select("report trends", [o, &ctx] { return run_trends(*o, ctx); }); });
}

} // namespace panel::cmd
