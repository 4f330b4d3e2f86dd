#pragma once
#include "panel/core/actor.hpp"
#include "panel/core/audit.hpp"
#include "panel/core/finding.hpp"

#include <optional>
#include <string>
#include <vector>

namespace panel::ops {

using Finding = core::Finding;  // one finding of `panel check` (core/finding.hpp)

// Checks the database file at `path` without changing it (it is opened read-only and not
// migrated): SQLite's integrity check, broken references, the schema version, the permissions of
// the file, its WAL and shared-memory files and its folder, the audit log (its hash chain, its
// append-only triggers, audit rows for every referral, case, decision and minutes, and, given
// `head` (written down earlier), that its row still has that hash), and the mail program the
// profile names (shown, with mail::program_problem's verdict). Given
// `today`, also the meetings whose minutes are overdue and the open cases with no next step or
// not discussed within attention_after_days (warnings: work for the coordinator, not damage).
// Error(database) when it is missing or not a panel database.
std::vector<Finding> check_database(const std::string& path, std::optional<core::Date> today = std::nullopt,
                                    const std::optional<core::AuditHead>& head = std::nullopt);

// Copies the database at `db_path` to `backup` (see store::backup_to), checks the copy, and
// records an export row in the audit log carrying the copy's audit head (N:HASH). Returns the
// copy's findings (every one ok; its "audit chain" finding names the head).
std::vector<Finding> backup_database(const std::string& db_path, const std::string& backup, bool force,
                                     const core::Actor& actor);

// Replaces the database at `db_path` with the backup at `from`, after checking the backup (a
// backup with any finding other than permissions is refused, and the database is left alone);
// refuses to replace an existing database unless `force`. The restored database is migrated
// if it is older and gets an audit row saying what was restored.
// A backup whose mail.sendmail differs from the register's is refused unless
// `allow_mail_program` (see vet_mail_program).
void restore_database(const std::string& from, const std::string& db_path, bool force, const core::Actor& actor,
                      bool allow_mail_program = false);

} // namespace panel::ops
