#include "cmd/cli.hpp"

#include "panel/core/error.hpp"
#include "panel/render/trends.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>

namespace panel::cmd {
namespace {

struct TrendsOptions {
  report::TrendQuery query;
  std::string by = "lsoa";
  bool all = false;
};

int run_trends(TrendsOptions& o, Context& ctx)
{
  using render::Format;
  const auto format = ctx.format_or(Format::table, {Format::table, Format::csv, Format::json, Format::md});
  if (o.by != "lsoa" && o.by != "lsoa-district")
    throw usage_error(fmt::format("--by: unknown grouping '{}' (known: lsoa, lsoa-district)", o.by));
  o.query.level = o.by == "lsoa" ? store::AreaLevel::lsoa : store::AreaLevel::district;
  auto db = ctx.open_db();
  const auto r = report::trends(db, o.query);
  ctx.out << render::trends(r, o.all, format, ctx.style());
  ctx.note(render::trends_summary(r));
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
