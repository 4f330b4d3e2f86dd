#include "cmd/cli.hpp"

#include "panel/ops/maintenance.hpp"
#include "panel/render/listings.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <fmt/format.h>
#include <fstream>
#include <memory>

namespace panel::cmd {
namespace {

// --head takes N:HASH, or a file whose first line is one (kept from 'panel audit head').
core::AuditHead head_argument(const std::string& value)
{
  if (const auto head = core::parse_head(value))
    return *head;
  std::ifstream in(value);
  if (!in)
    throw usage_error(fmt::format("--head: '{}' is neither N:HASH nor a file that can be read", value));
  std::string line;
  std::getline(in, line);
  if (const auto head = core::parse_head(line))
    return *head;
  throw usage_error(fmt::format("--head: {}:1: not N:HASH (a row count, a colon and 64 hex digits, as 'panel audit head' "
                                "prints)", value));
}

int run_check(const std::string& head, Context& ctx)
{
  using render::Format;
  const auto given = head.empty() ? std::nullopt : std::optional<core::AuditHead>(head_argument(head));
  const auto findings = ops::check_database(ctx.db_path, ctx.today, given);
  render::findings_listing(ctx.out, findings, ctx.format_or(Format::table, {Format::table, Format::json}), ctx.style());
  const auto problems = std::count_if(findings.begin(), findings.end(), [](const auto& f) { return !f.ok; });
  const auto warnings = std::count_if(findings.begin(), findings.end(), [](const auto& f) { return f.ok && f.warning; });
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
  auto head = std::make_shared<std::string>();
  auto* check = app.add_subcommand("check", "Check the database: integrity, references, permissions, audit chain");
  check->add_option("--head", *head, "Prove the audit log still has this head's row (N:HASH from 'panel audit head', "
                                     "or a file holding it)")->type_name("N:HASH|FILE");
  check->footer(R"(Opens the database read-only and changes nothing. Exit 0 when every check passes, 1 on any
problem (each named on its line), 3 when the file is missing or not a panel database.
Formats: table, json.

A warning (RESULT warning; "warning": true in JSON) is work for the coordinator, not damage to
the register, and leaves the exit code 0: a meeting past its date whose minutes are overdue
(minutes_due_working_days working days after it) is one, until 'panel minute DATE' records them.

Checks: SQLite's integrity check; references between tables; the schema version; that only the
owner can read the file (and its -wal and -shm files) and list its folder; the audit log: its
hash chain is unbroken, its append-only triggers are in place, and every referral, case, triage
decision and minutes has its audit row; and meetings' minutes.

The chain shows rows changed in the middle of the log, not rows removed from its end nor a log
rewritten with hashes worked out again. For those, keep the head ('panel audit head', printed
by every backup and at the foot of board reports) somewhere else, and check against it later:
--head N:HASH fails unless row N still has that hash.

Examples:
  panel check && panel backup /srv/backups/panel-$(date +%F).db
  panel audit head > /mnt/elsewhere/panel-head.txt
  panel check --head /mnt/elsewhere/panel-head.txt)");
  check->callback([head, &ctx] { ctx.select("check", [head, &ctx] { return run_check(*head, ctx); }); });
}

} // namespace panel::cmd
