#include "cmd/cli.hpp"

#include "panel/ops/purge.hpp"
#include "panel/render/listings.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>

namespace panel::cmd {
namespace {

struct PurgeOptions {
  bool dry_run = false;
};

int run_purge(const PurgeOptions& o, Context& ctx)
{
  using render::Format;
  const auto format = ctx.format_or(Format::table, {Format::table, Format::csv, Format::json, Format::md});
  auto db = ctx.open_db();
  const auto result = ops::purge(db, o.dry_run, ctx.actor());
  render::purge_listing(ctx.out, result, format, ctx.style());
  const auto n = result.records.size();
  if (o.dry_run)
    ctx.note(n ? fmt::format("dry run: {} record{} would be purged; nothing was changed", n, n == 1 ? "" : "s")
               : "dry run: nothing is past its retention period");
  else
    ctx.note(n ? fmt::format("purged the personal data of {} record{} and of {} {}", n, n == 1 ? "" : "s", result.people,
                             result.people == 1 ? "person" : "people")
               : "nothing is past its retention period");
  if (!o.dry_run && !result.checkpointed)
    ctx.warn(fmt::format("another program has '{}' open (an sqlite3 shell, a backup, a report tool), so older copies of "
                         "the purged data are still in '{}' or '{}-wal'; close it and run 'panel purge' again",
                         ctx.db_path, ctx.db_path, ctx.db_path));
  return 0;
}

} // namespace

void register_purge(CLI::App& app, Context& ctx)
{
  auto o = std::make_shared<PurgeOptions>();
  auto* purge = app.add_subcommand("purge", "Remove personal data past its retention period, keeping the counts");
  purge->add_flag("--dry-run", o->dry_run, "List what would be purged, change nothing");
  purge->footer(R"(Retention is in the profile (retention:): by default the personal data of a case closed more
than 6 years ago, of a referral declined or redirected more than 1 year ago, and of an ASB case
review whose last step was more than 6 years ago. Names, dates of birth, postcodes, addresses,
referrers' details and free text are removed; references, dates, agencies, categories and the
other figures reports use stay, so old quarters report the same numbers. Cases on legal hold
('panel case hold') are kept. Every record purged is an audit row. See docs/data-protection.md.

Formats: table, csv, json, md.

Examples:
  panel purge --dry-run
  panel purge)");
  purge->callback([o, &ctx] { ctx.select("purge", [o, &ctx] { return run_purge(*o, ctx); }); });
}

} // namespace panel::cmd
