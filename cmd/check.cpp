#include "cmd/cli.hpp"

#include "panel/ops/maintenance.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace panel::cmd {
namespace {

// Writes findings as a table (RESULT ok, warning or PROBLEM) or as JSON [{check, ok, detail,
// warning}]; counts the problems and the warnings.
void write_findings(const std::vector<ops::Finding>& findings, Context& ctx, size_t& problems, size_t& warnings)
{
  using render::Format;
  const auto format = ctx.format_or(Format::table, {Format::table, Format::json});
  render::Table t{{{"result", "RESULT"}, {"check", "CHECK"}, {"detail", "DETAIL"}}, {}};
  render::Table j{{{"check", "CHECK"}, {"ok", "OK"}, {"detail", "DETAIL"}, {"warning", "WARNING"}}, {}};
  for (const auto& f : findings) {
    problems += !f.ok;
    warnings += f.ok && f.warning;
    t.rows.push_back({std::string(!f.ok ? "PROBLEM" : f.warning ? "warning" : "ok"), f.check, f.detail});
    j.rows.push_back({f.check, f.ok, f.detail, f.warning});
  }
  render::write(ctx.out, format == Format::json ? j : t, format, ctx.style());
}

int run_check(Context& ctx)
{
  size_t problems = 0, warnings = 0;
  write_findings(ops::check_database(ctx.db_path, ctx.today), ctx, problems, warnings);
  if (problems) {
    ctx.err << fmt::format("panel: error: check: {} problem{} in '{}'\n", problems, problems == 1 ? "" : "s", ctx.db_path);
    return 1;
  }
  if (warnings)
    ctx.warn(fmt::format("check: {} warning{} in '{}' (not problems: the exit code stays 0)", warnings,
                         warnings == 1 ? "" : "s", ctx.db_path));
  ctx.note(fmt::format("'{}' passed every check{}", ctx.db_path, warnings ? " of the file" : ""));
  return 0;
}

} // namespace

void register_check(CLI::App& app, Context& ctx)
{
  auto* check = app.add_subcommand("check", "Check the database: integrity, references, permissions, audit chain");
  check->footer(R"(Opens the database read-only and changes nothing. Exit 0 when every check passes, 1 on any
problem (each named on its line), 3 when the file is missing or not a panel database.
Formats: table, json.

A warning (RESULT warning; "warning": true in JSON) is work for the coordinator, not damage to
the register, and leaves the exit code 0: a meeting past its date whose minutes are overdue
(minutes_due_working_days working days after it) is one, until 'panel minute DATE' records them.

Checks: SQLite's integrity check; references between tables; the schema version; that only the
owner can read the file (and its -wal and -shm files) and list its folder; that the audit
log's hash chain is unbroken; and meetings' minutes. Write down the last hash it prints (or keep the output of a nightly
check) to notice rows deleted from the end of the log.

Example:
  panel check && panel backup /srv/backups/panel-$(date +%F).db)");
  check->callback([&ctx] { ctx.select("check", [&ctx] { return run_check(ctx); }); });
}

} // namespace panel::cmd
