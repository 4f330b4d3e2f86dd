#include "cmd/cli.hpp"

#include "panel/core/error.hpp"
#include "panel/render/incidents.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>

namespace panel::cmd {
namespace {

struct IncidentsOptions {
  std::string by = "month";
  std::string type, force, from, to, compare;
};

int run_incidents(const IncidentsOptions& o, Context& ctx)
{
  using render::Format;
  const auto format = ctx.format_or(Format::table, {Format::table, Format::csv, Format::json, Format::md});
  const auto by = report::parse_incident_key(o.by);
  if (!by)
    throw usage_error(fmt::format("--by: unknown key '{}' (known: month, quarter, fy-quarter, lsoa, type)", o.by));
  if (!o.compare.empty() && o.compare != "year")
    throw usage_error(fmt::format("--compare: unknown period '{}' (known: year)", o.compare));

  auto db = ctx.open_db();
  const auto result = report::incident_report(db, {*by, o.type, o.force, o.from, o.to, !o.compare.empty()});
  ctx.out << render::incidents(result, format, ctx.style());
  return 0;
}

} // namespace

void register_report_incidents(CLI::App& report, Context& ctx)
{
  auto o = std::make_shared<IncidentsOptions>();
  auto* sub = report.add_subcommand("incidents", "Count police incidents by month, quarter, LSOA or crime type");
  sub->add_option("--by", o->by, "month (default), quarter, fy-quarter (April to March), lsoa or type")
      ->type_name("KEY");
  sub->add_option("--type", o->type, "Only this crime type, e.g. \"Anti-social behaviour\"")->type_name("TYPE");
  sub->add_option("--force", o->force, "Only this force (Reported by), e.g. \"Lincolnshire Police\"")
      ->type_name("FORCE");
  sub->add_option("--from", o->from, "First month counted, YYYY-MM (default: the first with data)")
      ->type_name("MONTH");
  sub->add_option("--to", o->to, "Last month counted, YYYY-MM (default: the last with data)")->type_name("MONTH");
  sub->add_option("--compare", o->compare, "year: add the count of the same months a year before, and the change")
      ->type_name("PERIOD");
  sub->footer(R"(With --compare year, each row also has the count of the same months one year earlier under
the same key ("previous") and the change as a fraction (null when previous is 0). Months never
imported have no data, never 0: "previous" is "no data" (null in JSON, empty in CSV) unless
every month compared has its year-before month imported. For --by
lsoa or type the months default to the twelve ending at --to (or at the last month with data).
Formats: table (default), csv, json, md. See docs/reports.md.

Examples:
  panel report incidents --by fy-quarter --type "Anti-social behaviour"
  panel report incidents --by lsoa --type "Anti-social behaviour" --compare year --format csv
  panel report incidents --by month --from 2018-10 --to 2019-09 --format json | jq '.rows[]')");
  sub->callback([o, &ctx] { ctx.select("report incidents", [o, &ctx] { return run_incidents(*o, ctx); }); });
}

} // namespace panel::cmd
