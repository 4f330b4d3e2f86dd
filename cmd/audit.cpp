#include "cmd/cli.hpp"

#include "panel/core/error.hpp"
#include "panel/render/listings.hpp"
#include "panel/store/audit.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>

namespace panel::cmd {
namespace {

struct AuditOptions {
  std::string since;
};

int run_audit(const AuditOptions& options, Context& ctx)
{
  using render::Format;
  const auto format = ctx.format_or(Format::table, {Format::table, Format::csv, Format::json, Format::md});
  const auto since = iso_date_argument(ctx, options.since, "--since");
  auto db = ctx.open_db();
  render::audit_listing(ctx.out, store::list_audit(db, since), format, ctx.style());
  return 0;
}

// One line, N:HASH: how many rows the log has and the last row's hash.
int run_head(Context& ctx)
{
  auto db = ctx.open_db();
  ctx.out << core::format_head(store::audit_head(db)) << "\n";
  return 0;
}

} // namespace

void register_audit(CLI::App& app, Context& ctx)
{
  auto options = std::make_shared<AuditOptions>();
  auto* sub = app.add_subcommand("audit", "List the audit log: who read or changed what, and when");
  add_date_option(*sub, "--since", options->since, "Only entries on or after this date");
  sub->footer(R"(The log is append-only: the database refuses to change or delete its rows. It holds
references and codes, never names, free text or file names. Formats: table (default), csv,
json, md.

Examples:
  panel audit --since 2017-09-01
  panel audit --format csv > audit.csv
  panel audit head)");
  auto* head = sub->add_subcommand("head", "Print the audit log's head, N:HASH: its row count and last hash");
  head->footer(R"(Keep the line somewhere the register's users cannot change (a printed report, another
machine); 'panel check --head N:HASH' later proves that the log's first N rows are still the
ones it had, which the chain alone cannot show if rows were removed from its end or the whole
log rewritten. See docs/data-protection.md.

Example:
  panel audit head >> /mnt/elsewhere/panel-heads.txt)");
  head->callback([&ctx] { ctx.select("audit head", [&ctx] { return run_head(ctx); }); });
  sub->callback([options, head, &ctx] {
    if (head->parsed())
      return;
    ctx.select("audit", [options, &ctx] { return run_audit(*options, ctx); });
  });
}

} // namespace panel::cmd
