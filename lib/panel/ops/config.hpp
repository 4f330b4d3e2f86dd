#pragma once
#include "panel/core/actor.hpp"
#include "panel/store/audit.hpp"
#include "panel/store/db.hpp"

#include <string>
#include <vector>

namespace panel::ops {

// Sets one profile key (see profile::set_value) and records the change; returns the new value.
// Changing mail.sendmail needs `allow_mail_program` (see vet_mail_program).
std::string config_set(store::Db& db, const std::string& key, const std::string& value, const core::Actor& actor,
                       bool allow_mail_program = false);

// What an import changed.
struct ImportResult {
  bool settings_changed = false;
  std::vector<std::string> added, updated, removed;  // agency codes
};

// Replaces the profile with a YAML document. When it lists agencies, the agency table is brought
// in line: new ones added, changed ones updated, missing ones removed (refused if still used).
// All or nothing; `source` names the file in messages. Changing mail.sendmail needs
// `allow_mail_program` (see vet_mail_program).
// With `edited_since` (config edit: the audit mark taken before the editor opened), an import is
// refused when the profile or the agencies were changed meanwhile (see check_unchanged).
ImportResult config_import(store::Db& db, const std::string& text, const std::string& source,
                           const core::Actor& actor, bool allow_mail_program = false,
                           const store::AuditMark* edited_since = nullptr);

// 'panel remind' runs the profile's mail program, often from cron as a privileged user, so a
// change of it (by config set, import or edit, or a restore) is refused unless `allowed` (the
// option --allow-mail-program), and an allowed one must pass mail::program_problem. Nothing
// happens when `before` and `after` are the same.
void vet_mail_program(const std::vector<std::string>& before, const std::vector<std::string>& after, bool allowed);

} // namespace panel::ops
