#pragma once
#include "panel/store/db.hpp"

#include <string>
#include <vector>

namespace panel::store {

// What PRAGMA integrity_check finds (at most 20 lines); empty when the file is sound.
std::vector<std::string> integrity_problems(Db& db);

// One line per reference to a row that does not exist (PRAGMA foreign_key_check).
std::vector<std::string> foreign_key_problems(Db& db);

// Copies the whole database into a new file at `path` (mode 0600) with SQLite's online backup
// API: a consistent copy even while other processes write. Refuses an existing file unless
// `force`. Error(refused) naming the file when it cannot be written.
void backup_to(Db& source, const std::string& path, bool force);

// Replaces the contents of the database at `path` (created 0600 when there is none) with those
// of `source`, through the backup API, so other processes never see half a database.
void restore_into(Db& source, const std::string& path);

} // namespace panel::store
