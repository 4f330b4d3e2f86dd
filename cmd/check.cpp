#include "cmd/cli.hpp"

#include "panel/ops/maintenance.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <fmt/format.h>

namespace panel::cmd {
namespace {

// Writes findings as a table (RESULT ok, WARNING or PROBLEM) or as JSON [{check, ok, detail,
// warning}].
void write_findings(const std::vector<ops::Finding>& findings, Context& ctx)
{
  using render::Format;
  const auto format = ctx.format_or(Format::table, {Format::table, Format::json});
  render::Table t{{{"result", "RESULT"}, {"check", "CHECK"}, {"detail", "DETAIL"}}, {}};
  render::Table j{{{"check", "CHECK"}, {"ok", "OK"}, {"detail", "DETAIL"}, {"warning", "WARNING"}}, {}};
  for (const auto& f : findings) {
    t.rows.push_back({std::string(!f.ok ? "PROBLEM" : f.warning ? "WARNING" : "ok"), f.check, f.detail});
    j.rows.push_back({f.check, f.ok, f.detail, f.warning});
  }
  render::write(ctx.out, format == Format::json ? j : t, format, ctx.style());
}

int run_check(Context& ctx)
{
  auto findings = ops::check_database(ctx.db_path);
  const auto steps = ops::check_next_steps(ctx.db_path, ctx.today);
  findings.insert(findings.end(), steps.begin(), steps.end());
  write_findings(findings, ctx);
  const auto count = [&](auto pred) { return std::count_if(findings.begin(), findings.end(), pred); };
  const auto problems = count([](const auto& f) { return !f.ok; });
  const auto warnings = count([](const auto& f) { return f.warning; });
  if (warnings)
    ctx.warn(fmt::format("check: {} open case{} need{} the coordinator's attention (panel case list --attention)", warnings,
                         warnings == 1 ? "" : "s", warnings == 1 ? "s" : ""));
  if (problems) {
    ctx.err << fmt::format("panel: error: check: {} problem{} in '{}'\n", problems, problems == 1 ? "" : "s", ctx.db_path);
    return 1;
  }
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

Checks: SQLite's integrity check; references between tables; the schema version; that only the
owner can read the file (and its -wal and -shm files) and list its folder; and that the audit
log's hash chain is unbroken. Then the register's own rule: every open case has a next step (a
review date, or a place on a coming meeting) and was discussed within attention_after_days; each
case that has slipped is a WARNING line (exit 0: the file is sound, the coordinator must act; see
'panel case list --attention'). Write down the last hash it prints (or keep the output of a nightly
check) to notice rows deleted from the end of the log.

Example:
  panel check && panel backup /srv/backups/panel-$(date +%F).db)");
  check->callback([&ctx] { ctx.select("check", [&ctx] { return run_check(ctx); }); });
}

} // namespace panel::cmd
