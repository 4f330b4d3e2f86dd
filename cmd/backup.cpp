#include "cmd/cli.hpp"

#include "panel/ops/maintenance.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>

namespace panel::cmd {
namespace {

struct BackupOptions {
  std::string file;
  bool force = false;
  bool allow_mail_program = false;
};

int run_backup(const BackupOptions& o, Context& ctx)
{
  const auto findings = ops::backup_database(ctx.db_path, o.file, o.force, ctx.actor());
  for (const auto& f : findings)
    if (!f.ok)
      ctx.warn(fmt::format("backup '{}': {}", o.file, f.detail));
  for (const auto& f : findings)
    if (f.check == "audit chain")
      ctx.note(fmt::format("backed up '{}' to '{}' and checked the copy: audit log {}", ctx.db_path, o.file, f.detail));
  return 0;
}

int run_restore(const BackupOptions& o, Context& ctx)
{
  ops::restore_database(o.file, ctx.db_path, o.force, ctx.actor(), o.allow_mail_program);
  ctx.note(fmt::format("restored '{}' from '{}'", ctx.db_path, o.file));
  return 0;
}

} // namespace

void register_backup(CLI::App& app, Context& ctx)
{
  auto o = std::make_shared<BackupOptions>();
  auto* backup = app.add_subcommand("backup", "Copy the database to a file, safely while others use it");
  backup->add_option("FILE", o->file, "The backup file to create (mode 0600)")->required();
  backup->add_flag("--force", o->force, "Replace FILE if it exists");
  backup->footer(R"(Uses SQLite's online backup API: the copy is consistent even while other commands write.
The copy is made in a private temporary file and checked (as 'panel check' does); it replaces
FILE (--force) only when it passes, and the backup is recorded in the audit log. See
docs/backup.md for a nightly cron job and how long to keep backups.

Example:
  panel backup /srv/backups/ccm-$(date +%F).db)");
  backup->callback([o, &ctx] { ctx.select("backup", [o, &ctx] { return run_backup(*o, ctx); }); });

  auto* restore = app.add_subcommand("restore", "Replace the database with a backup that passes its check");
  restore->add_option("FILE", o->file, "The backup to restore")->required();
  restore->add_flag("--force", o->force, "Replace the existing database (everything since the backup is lost)");
  restore->add_flag("--allow-mail-program", o->allow_mail_program,
                    "Allow a backup whose mail.sendmail differs from the register's (the program 'panel remind' runs)");
  restore->footer(R"(The backup is checked first (integrity, references, schema, audit chain); one that fails is
refused and nothing changes. An existing database is only replaced with --force, and never a
file that is not a panel register. Its reference counters are carried forward, so no reference
it issued is issued again. A backup from an older panel is upgraded. The restore is recorded in
the restored database's audit log. A backup whose mail.sendmail differs from the register's is
refused without --allow-mail-program.

Example:
  panel --db ccm.db restore /srv/backups/ccm-2017-09-03.db --force)");
  restore->callback([o, &ctx] { ctx.select("restore", [o, &ctx] { return run_restore(*o, ctx); }); });
}

} // namespace panel::cmd
