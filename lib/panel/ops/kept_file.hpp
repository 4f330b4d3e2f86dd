#pragma once
#include "panel/store/audit.hpp"
#include "panel/store/db.hpp"

#include <functional>

#include <optional>
#include <string>
#include <string_view>

namespace panel::ops {

// A file of personal data that panel keeps for the user to resume (the text of an edit session
// that could not be recorded) starts with a comment line naming the database it came from:
//   # panel: database /srv/panel/marac.db 1e2441e10aeb7ca7
// the database's absolute path and its register id (store::register_id), so that it is not
// imported into another panel's database by mistake.
std::string kept_file_header(store::Db& db);

// The database a kept file names on its first line, or nothing for a file without that line.
struct KeptFrom {
  std::string path, id;
};
std::optional<KeptFrom> kept_from(std::string_view text);

// Error(refused), naming both databases, when `text` is a kept file from another register than
// `db`'s; a renamed or copied database is the same register. Files without the line pass.
void check_kept_file(store::Db& db, std::string_view text, const std::string& source);

// Error(refused) when the register was changed since `mark` (taken when an edit session began)
// by a write that `relevant` picks (every one, when it is not given): the edit would silently
// undo it. The message says what changed: up to five rows, as command, entity and record, who
// and when (never the detail, which may carry personal data). Call inside the write transaction
// that records the edit, so that nothing can slip in between.
void check_unchanged(store::Db& db, const store::AuditMark& mark, const std::string& what,
                     const std::function<bool(const core::AuditEntry&)>& relevant = {});

} // namespace panel::ops
