#include "panel/ops/maintenance.hpp"

#include "panel/core/error.hpp"
#include "panel/core/files.hpp"
#include "panel/core/text.hpp"
#include "panel/mail/delivery.hpp"
#include "panel/ops/cases.hpp"
#include "panel/ops/config.hpp"
#include "panel/ops/minutes_due.hpp"
#include "panel/ops/setup.hpp"
#include "panel/profile/profile.hpp"
#include "panel/store/audit.hpp"
#include "panel/store/maintenance.hpp"
#include "panel/store/profile_store.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

namespace panel::ops {
namespace {

// The schema version that started the audit hash chain.
constexpr int chained_since = 9;
// The schema versions that added meetings, then minutes (and so cases' review dates and discussions).
constexpr int meetings_since = 4;
constexpr int minutes_since = 5;

// Whether anyone but the owner can get at a file (or list a folder), as a finding.
void permissions(const std::string& path, bool folder, std::vector<Finding>& out)
{
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    return;
  const unsigned mode = st.st_mode & 0777;
  const bool open = folder ? (mode & 0004) != 0 : (mode & 0077) != 0;
  if (open)
    out.push_back({"permissions", false,
                   fmt::format("{} '{}' is {} by others than its owner (mode {:04o}): chmod {} '{}'", folder ? "folder" : "file",
                               path, folder ? "listable" : "readable or writable", mode, folder ? "700" : "600", path)});
}

// Meetings past their minutes limit with no minutes: a warning each, not a problem. The register
// is sound; the coordinator has minutes to record (or a meeting to record as not held).
void minutes_findings(store::Db& db, core::Date today, std::vector<Finding>& out)
{
  const auto overdue = minutes_overdue(db, today);
  if (overdue.empty())
    out.push_back({"minutes", true, "no meeting's minutes are overdue", false});
  for (const auto& m : overdue)
    out.push_back({"minutes", true,
                   fmt::format("the meeting of {} has no minutes: they were due {} ({} working day{} ago); "
                               "panel minute {}",
                               m.meeting.date.iso(), m.minutes.due->iso(), m.minutes.working_days_late,
                               m.minutes.working_days_late == 1 ? "" : "s", m.meeting.date.iso()),
                   true});
}

// The register's own rule (DESIGN §2): every open case has a next step and was discussed recently
// enough (ops::cases_needing_attention). A warning for each case that has slipped.
void next_step_findings(store::Db& db, core::Date today, std::vector<Finding>& out)
{
  const auto cases = cases_needing_attention(db, load_profile(db), today);
  if (cases.empty())
    out.push_back({"next steps", true, "every open case has a review date or a place on a coming meeting's agenda", false});
  for (const auto& c : cases)
    out.push_back({"next steps", true, c.info.reference + ": " + core::join(c.attention, "; "), true});
}

// Removes the rollback journal, WAL and shared-memory files SQLite may have left beside `path`.
void remove_companions(const std::string& path)
{
  for (const char* extra : {"-journal", "-wal", "-shm"})
    ::unlink((path + extra).c_str());
}

} // namespace

namespace {

// The mail program a register's profile names; none when it has no profile (remind cannot run).
std::optional<std::vector<std::string>> mail_program_of(store::Db& db)
{
  if (!store::load_profile_yaml(db))
    return std::nullopt;
  return load_profile(db).mail.sendmail;
}

// The audit log: its chain, its append-only triggers, the head given (if any), and the records
// that must have audit rows. What these can and cannot prove: docs/data-protection.md.
void audit_findings(store::Db& db, const std::optional<core::AuditHead>& given, std::vector<Finding>& out)
{
  const auto chain = store::verify_audit_chain(db);
  const core::AuditHead head{chain.rows, chain.head};
  if (chain.first_broken)
    out.push_back({"audit chain", false,
                   fmt::format("broken at row {}: that row, or one before it, was changed, inserted or deleted "
                               "outside panel", *chain.first_broken)});
  else if (chain.rows == 0)
    out.push_back({"audit chain", false, "the audit log is empty, but 'panel init' writes its first row: it was wiped"});
  else
    out.push_back({"audit chain", true, fmt::format("{} row{}, unbroken; head {}", chain.rows, chain.rows == 1 ? "" : "s",
                                                    core::format_head(head))});

  const auto triggers = store::missing_audit_triggers(db);
  out.push_back({"audit triggers", triggers.empty(),
                 triggers.empty() ? "the database refuses to change or delete audit rows"
                                  : fmt::format("{} missing or changed: audit rows can be changed or deleted without a "
                                                "trace in the chain's own rows; restore from a backup",
                                                core::join(triggers, ", "))});

  if (given) {
    const auto at = store::audit_hash_at(db, given->rows);
    const auto rechained = store::rechained_heads(db);
    if (at && *at == given->hash)
      out.push_back({"audit head", true, fmt::format("row {} has the hash given: the rows up to it are as they were", given->rows)});
    else if (std::find_if(rechained.begin(), rechained.end(), [&](const auto& h) {
               return h.rows == given->rows && h.hash == given->hash; }) != rechained.end())
      out.push_back({"audit head", true, fmt::format("{} is the head recorded when the schema upgrade redacted the "
                                                     "details and worked the chain out again", core::format_head(*given))});
    else if (!at)
      out.push_back({"audit head", false, fmt::format("the log has {} row{}, fewer than the {} given: rows were "
                                                      "deleted (the log truncated or wiped)", head.rows,
                                                      head.rows == 1 ? "" : "s", given->rows)});
    else
      out.push_back({"audit head", false, fmt::format("row {} does not have the hash given: the log up to it was "
                                                      "rewritten{}", given->rows,
                                                      rechained.empty() ? "" : " (or the head is from before the schema "
                                                                               "upgrade that redacted old details, and "
                                                                               "not its last)")});
  }

  const auto missing = store::records_without_audit(db);
  out.push_back({"audit records", missing.count == 0,
                 missing.count == 0 ? "every referral, case, triage decision and minutes has its audit row"
                                    : fmt::format("{} record{} without the audit row panel writes: {}{}", missing.count,
                                                  missing.count == 1 ? "" : "s", core::join(missing.examples, ", "),
                                                  missing.count > static_cast<std::int64_t>(missing.examples.size()) ? ", ..." : "")});
}

} // namespace

std::vector<Finding> check_database(const std::string& path, std::optional<core::Date> today,
                                    const std::optional<core::AuditHead>& head)
{
  std::vector<Finding> out;
  // Permissions first, before this check's own connection makes a -wal and -shm (removed again
  // when it closes): what is reported is what others left there.
  std::vector<Finding> modes;
  permissions(path, false, modes);
  permissions(path + "-wal", false, modes);
  permissions(path + "-shm", false, modes);
  const auto folder = std::filesystem::absolute(path).parent_path().string();
  permissions(folder, true, modes);
  auto db = store::Db::inspect(path);
  const auto integrity = store::integrity_problems(db);
  out.push_back({"integrity", integrity.empty(), integrity.empty() ? "PRAGMA integrity_check: ok" : core::join(integrity, "; ")});
  const auto references = store::foreign_key_problems(db);
  out.push_back({"foreign keys", references.empty(),
                 references.empty() ? "every reference points at a row that exists"
                                    : fmt::format("{} broken: {}", references.size(), core::join(references, "; "))});
  const int version = db.schema_version();
  const int current = store::current_schema_version();
  out.push_back({"schema", true,
                 version == current ? fmt::format("version {}", version)
                                    : fmt::format("version {}; panel upgrades it to {} when it next opens it", version, current)});

  out.insert(out.end(), modes.begin(), modes.end());
  if (modes.empty())
    out.push_back({"permissions", true, "only the owner can read the file and list its folder"});

  if (version < chained_since) {
    out.push_back({"audit chain", true, fmt::format("none before schema {}", chained_since)});
  } else {
    audit_findings(db, head, out);
  }
  // Shown, not judged: a register that never sends reminders need not have a mail program.
  try {
    if (const auto program = mail_program_of(db)) {
      // A program not installed here is remind's to report (the default is not installed on
      // every machine); one that is there but unsafe, or not named in full, is said now.
      std::error_code ec;
      const bool there = program->empty() || !program->front().starts_with('/') ||
                         std::filesystem::exists(program->front(), ec);
      const auto problem = there ? mail::program_problem(*program) : std::string();
      out.push_back({"mail program", true,
                     fmt::format("[{}]{}", core::join(*program, ", "),
                                 problem.empty() ? ": run by 'panel remind'" : "; 'panel remind' refuses it: " + problem)});
    }
  } catch (const std::exception& e) {
    // A damaged file: the findings above say what is wrong; this one must not hide them.
    out.push_back({"mail program", true, fmt::format("cannot read the profile: {}", e.what()), true});
  }
  if (today && version >= meetings_since)
    minutes_findings(db, *today, out);
  if (today && version >= minutes_since)
    next_step_findings(db, *today, out);
  return out;
}

std::vector<Finding> backup_database(const std::string& db_path, const std::string& backup, bool force,
                                     const core::Actor& actor)
{
  auto db = store::Db::open(db_path);
  // The copy is made and checked as a private temporary beside `backup`, which appears only when
  // the audit row saying so commits: a failed backup leaves no junk, an old backup stays whole.
  core::PendingFile file(backup, force);
  std::vector<Finding> findings;
  core::AuditHead copied;  // the copy's head, not the live log's: another command may have written since
  try {
    store::backup_into(db, file.temporary());
    findings = check_database(file.temporary());
    auto copy = store::Db::inspect(file.temporary());
    copied = store::audit_head(copy);
  } catch (...) {
    remove_companions(file.temporary());
    throw;
  }
  remove_companions(file.temporary());
  for (const auto& f : findings)
    if (!f.ok && f.check != "permissions" && f.check != "audit records")
      throw database_error(fmt::format("the backup '{}' failed its check ({}: {}); keep the old backups", backup, f.check,
                                       f.detail));
  store::Transaction txn(db, store::Transaction::Kind::write);
  store::append_audit(db, actor, core::AuditAction::export_, "database", core::format_head(copied), "backup, with this head");
  store::publish_on_commit(db, std::move(file));
  txn.commit();
  // What an older panel left beside a copy it made here belongs to the file just replaced.
  remove_companions(backup);
  return findings;
}

void restore_database(const std::string& from, const std::string& db_path, bool force, const core::Actor& actor,
                      bool allow_mail_program)
{
  struct stat source {};
  if (::stat(from.c_str(), &source) != 0)
    throw refused(fmt::format("no backup at '{}'", from));
  std::vector<Finding> findings;
  try {
    findings = check_database(from);
  } catch (const std::exception& e) {
    // A damaged or truncated backup: the message must name it, not the register it would replace.
    if (!store::as_database_error(e, from))
      throw;
    throw refused(fmt::format("'{}' cannot be read as a panel backup ({}); nothing was restored", from, e.what()));
  }
  for (const auto& f : findings)
    if (!f.ok && f.check != "permissions" && f.check != "audit records")
      throw refused(fmt::format("'{}' fails its check ({}: {}); nothing was restored", from, f.check, f.detail));
  struct stat st {};
  const bool replacing = ::lstat(db_path.c_str(), &st) == 0;
  if (replacing && !force)
    throw refused(fmt::format("'{}' exists: restoring replaces everything in it (add --force, after 'panel backup' "
                              "if you may want it back)", db_path));
  if (replacing && !S_ISREG(st.st_mode))
    throw refused(fmt::format("'{}' is not a regular file; nothing was restored", db_path));
  // The numbers the replaced register has issued: references on letters already sent must never
  // be issued again to someone else.
  store::ReferenceCounters issued;
  if (replacing) {
    std::optional<store::Db> old;
    try {
      old.emplace(store::Db::inspect(db_path));
    } catch (const Error& e) {
      throw refused(fmt::format("'{}' is not a panel register ({}); restore replaces only a panel register: move the "
                                "file away first. Nothing was restored", db_path, e.what()));
    }
    try {
      issued = store::reference_counters(*old);
    } catch (const std::exception&) {
      // A register damaged past reading its counters is what restore is for: it goes ahead, and
      // the restored register keeps the counters of the backup.
    }
  }
  {
    // The backup's mail program is what 'panel remind' runs from then on: one different from the
    // register's (or, with none, from the built-in default) needs the same allowance as config set.
    auto backup_db = store::Db::inspect(from);
    if (const auto incoming = mail_program_of(backup_db)) {
      std::optional<std::vector<std::string>> current;
      if (replacing) {
        try {
          auto db = store::Db::inspect(db_path);
          current = mail_program_of(db);
        } catch (const std::exception&) {
          // A register too damaged to read is compared as if it named the default program.
        }
      }
      vet_mail_program(current.value_or(profile::load(profile::builtin_text("ccm"), "ccm").mail.sendmail), *incoming,
                       allow_mail_program);
    }
  }
  // The restored register is prepared whole in a private scratch copy (migrated, counters
  // carried forward, the audit row added) and then copied in through the backup API in one step:
  // a copy that cannot happen (a lock held past the timeout) records nothing.
  const auto folder = std::filesystem::absolute(db_path).parent_path().string();
  core::TemporaryFile scratch(folder, "restore", ".db");
  scratch.fd().close(scratch.path());
  try {
    {
      auto backup = store::Db::inspect(from);
      store::backup_into(backup, scratch.path());
    }
    auto restored = store::Db::open(scratch.path());  // migrates an older backup
    {
      store::Transaction txn(restored, store::Transaction::Kind::write);
      store::carry_forward(restored, issued);
      store::append_audit(restored, actor, core::AuditAction::update, "database", "", "restored from a backup");
      txn.commit();
    }
    if (replacing) {
      store::restore_into(restored, db_path);
    } else {
      core::PendingFile file(db_path, false);
      store::restore_into(restored, file.temporary());
      remove_companions(file.temporary());
      file.publish();
    }
  } catch (...) {
    remove_companions(scratch.path());
    throw;
  }
  remove_companions(scratch.path());
}

} // namespace panel::ops
