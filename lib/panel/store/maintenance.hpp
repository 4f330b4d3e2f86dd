#pragma once
#include "panel/store/db.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace panel::store {

// What PRAGMA integrity_check finds (at most 20 lines); empty when the file is sound.
std::vector<std::string> integrity_problems(Db& db);

// One line per reference to a row that does not exist (PRAGMA foreign_key_check).
std::vector<std::string> foreign_key_problems(Db& db);

// Copies the whole database into the empty file at `path` (a private temporary made by the
// caller) with SQLite's online backup API: a consistent copy even while other processes write.
// The copy is left in rollback-journal mode, so opening it later leaves no -wal or -shm beside
// it. Error(database) when the source stays locked past the busy timeout.
void backup_into(Db& source, const std::string& path);

// Replaces the contents of the database at `path` with those of `source`, through the backup
// API, so other processes never see half a database; the result is in WAL mode. Error(database)
// when a lock held by another connection keeps the copy from happening (nothing changed then).
void restore_into(Db& source, const std::string& path);

// The numbers references are made from: the reference counters (kind, year -> last) and the
// last row number of each AUTOINCREMENT table (actions are A-<number>).
struct ReferenceCounters {
  std::map<std::pair<std::string, int>, std::int64_t> last;
  std::map<std::string, std::int64_t> sequences;
};
ReferenceCounters reference_counters(Db& db);

// Raises every counter of `db` to at least the one in `floor`, so that no reference issued from
// `floor`'s register is issued again; inside the caller's write transaction.
void carry_forward(Db& db, const ReferenceCounters& floor);

} // namespace panel::store
