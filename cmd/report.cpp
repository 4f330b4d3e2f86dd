#include "cmd/cli.hpp"

#include "panel/core/error.hpp"
#include "panel/core/files.hpp"
#include "panel/ops/case_reviews.hpp"
#include "panel/ops/setup.hpp"
#include "panel/render/board.hpp"
#include "panel/render/safelives.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>

namespace panel::cmd {
namespace {

struct ReportOptions {
  report::PeriodRequest period;
  std::string compare = "previous", output;
  int suppress_below = 0;
  bool force = false;
};

// The period as typed, its --from and --to read as every typed date is (dd/mm/yyyy on a dmy register).
report::Period period_of(const ReportOptions& o, const Context& ctx)
{
  auto request = o.period;
  request.from = iso_date_argument(ctx, request.from, "--from");
  request.to = iso_date_argument(ctx, request.to, "--to");
  return report::parse_period(request);
}

int run_board(const ReportOptions& o, Context& ctx)
{
  report::BoardOptions b;
  b.period = period_of(o, ctx);
  b.compare = report::comparison_period(b.period, o.compare);
  if (o.suppress_below < 0)
    throw usage_error("--suppress-below: give a whole number, such as 5");
  b.suppress_below = o.suppress_below;
  const auto format_name = ctx.format.empty() ? "table" : ctx.format;
  const auto format = render::parse_board_format(format_name);
  b.charts = format == render::BoardFormat::html;
  auto db = ctx.open_db();
  const auto profile = ops::load_profile(db);
  b.panel_name = profile.name;
  b.marking = profile.marking;
  b.case_review = profile.case_review;
  b.holidays = ops::case_review_holidays(profile);
  for (const auto& c : profile.categories)
    b.names[c.code] = c.name;
  for (const auto& t : profile.interventions)
    b.names[t.code] = t.name;
  const auto text = render::board(report::board_report(db, b), format, ctx.style());
  if (o.output.empty()) {
    ctx.out << text;
  } else {
    core::write_file(o.output, text, o.force);
    ctx.note(fmt::format("wrote '{}' ({} report {})", o.output, format_name, b.period.label));
  }
  return 0;
}

int run_safelives(const ReportOptions& o, Context& ctx)
{
  using render::Format;
  const auto period = period_of(o, ctx);
  const auto format = ctx.format_or(Format::table, {Format::table, Format::csv, Format::json, Format::md});
  auto db = ctx.open_db();
  const auto text = render::safelives(report::safelives_return(db, ops::load_profile(db), period), format, ctx.style());
  if (o.output.empty()) {
    ctx.out << text;
  } else {
    core::write_file(o.output, text, o.force);
    ctx.note(fmt::format("wrote '{}' (SafeLives return {})", o.output, period.label));
  }
  return 0;
}

} // namespace

void register_report(CLI::App& app, Context& ctx)
{
  auto o = std::make_shared<ReportOptions>();
  auto* report = app.add_subcommand("report", "Statistics: the board report, incidents and trends");
  report->require_subcommand(0, 1);
  report->add_option("--quarter", o->period.quarter, "A calendar quarter, e.g. 2017-Q3")->type_name("YYYY-Qn");
  report->add_option("--fy-quarter", o->period.fy_quarter, "A financial-year quarter (from 1 April), e.g. 2017/18-Q1")
      ->type_name("YYYY/YY-Qn");
  report->add_option("--year", o->period.year, "A calendar year")->type_name("YYYY");
  report->add_option("--fy", o->period.fy, "A financial year, 1 April to 31 March, e.g. 2017/18")->type_name("YYYY/YY");
  add_date_option(*report, "--from", o->period.from, "First day of the period (with --to)");
  add_date_option(*report, "--to", o->period.to, "Last day of the period, inclusive");
  report->add_option("--compare", o->compare, "previous (default), year or none")->type_name("WHAT");
  report->add_option("--suppress-below", o->suppress_below, "Show counts from 1 to N-1 as \"<N\" for publication")
      ->type_name("N");
  report->add_option("-o,--output", o->output, "Write to FILE (0600) instead of standard output")->type_name("FILE");
  report->add_flag("--force", o->force, "Overwrite FILE");
  report->footer(R"(Without a subcommand: the board report for a period, in table (default), csv, json, md or
html (one self-contained file with charts, for a board paper). Every figure is defined in
docs/reports.md.

Examples:
  panel report --quarter 2017-Q3
  panel report --fy-quarter 2017/18-Q2 --compare year --format json | jq .referrals
  panel report --fy 2017/18 --suppress-below 5 --format html -o board-2017-18.html
  panel report --from 2017-05-01 --to 2017-09-30 --compare none --format csv > since-may.csv)");
  report->callback([o, report, &ctx] {
    if (report->get_subcommands().empty())
      ctx.select("report", [o, &ctx] { return run_board(*o, ctx); });
  });
  auto* safelives = report->add_subcommand("safelives", "The SafeLives MARAC quarterly data return, one row per meeting");
  safelives->fallthrough();  // the period options belong to `report`
  safelives->footer(R"(Takes the same period options as 'panel report' (--quarter, --fy-quarter, --year, --fy,
--from/--to), before or after 'safelives'; formats table, csv, json and md. Which agencies count
as police and as IDVA services is set by safelives.police and safelives.idva in the profile;
population.adult_female gives cases per 10,000 adult females. Definitions: docs/reports.md.

Examples:
  panel report safelives --fy-quarter 2017/18-Q2
  panel report safelives --quarter 2017-Q3 --format csv -o safelives-2017-Q3.csv)");
  safelives->callback([o, &ctx] { ctx.select("report safelives", [o, &ctx] { return run_safelives(*o, ctx); }); });
  register_report_incidents(*report, ctx);
  register_report_trends(*report, ctx);
}

} // namespace panel::cmd
