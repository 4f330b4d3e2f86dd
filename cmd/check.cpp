#include "cmd/cli.hpp"

#include "panel/ops/maintenance.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace panel::cmd {
namespace {

// Writes findings as a table (RESULT ok or PROBLEM) or as JSON [{check, ok, detail}]; returns
// how many are problems.
size_t write_findings(const std::vector<ops::Finding>& findings, Context& ctx)
{
  using render::Format;
  const auto format = ctx.format_or(Format::table, {Format::table, Format::json});
  size_t problems = 0;
  render::Table t{{{"result", "RESULT"}, {"check", "CHECK"}, {"detail", "DETAIL"}}, {}};
  render::Table j{{{"check", "CHECK"}, {"ok", "OK"}, {"detail", "DETAIL"}}, {}};
  for (const auto& f : findings) {
    problems += !f.ok;
    t.rows.push_back({std::string(f.ok ? "ok" : "PROBLEM"), f.check, f.detail});
    j.rows.push_back({f.check, f.ok, f.detail});
  }
  render::write(ctx.out, format == Format::json ? j : t, format, ctx.style());
  return problems;
}

int run_check(Context& ctx)
{
  const auto problems = write_findings(ops::check_database(ctx.db_path), ctx);
  if (problems) {
    ctx.err << fmt::format("panel: error: check: {} problem{} in '{}'\n", problems, problems == 1 ? "" : "s", ctx.db_path);
    return 1;
  }
  ctx.note(fmt::format("'{}' passed every check", ctx.db_path));
  return 0;
}

} // namespace

void register_check(CLI::App& app, Context& ctx)
{
  auto* check = app.add_subcommand("check", "Check the database: integrity, references, permissions, audit chain");
  check->footer(R"(Opens the database read-only and changes nothing. Exit 0 when every check passes, 1 on any
problem (each named on its line), 3 when the file is missing or not a panel database.
Formats: table, json.

Checks: SQLite's integrity check; references between tables; the schema version; that only the
owner can read the file (and its -wal and -shm files) and list its folder; and that the audit
log's hash chain is unbroken. Write down the last hash it prints (or keep the output of a nightly
check) to notice rows deleted from the end of the log.

Example:
  panel check && panel backup /srv/backups/panel-$(date +%F).db)");
  check->callback([&ctx] { ctx.select("check", [&ctx] { return run_check(ctx); }); });
}

} // namespace panel::cmd
