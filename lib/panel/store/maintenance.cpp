#include "panel/store/maintenance.hpp"

#include "panel/store/impl.hpp"

#include <SQLiteCpp/Backup.h>
#include <sqlite3.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

namespace panel::store {
namespace {

// Copies every page in one step (so the source is read in one consistent snapshot), waiting up to
// the busy timeout while another connection holds a lock. SQLiteCpp returns SQLITE_BUSY and
// SQLITE_LOCKED from the step instead of throwing: unchecked, nothing would be copied.
void copy(SQLite::Database& from, SQLite::Database& to, const std::string& locked)
{
  SQLite::Backup backup(to, from);
  for (int waited_ms = 0;; waited_ms += 50) {
    const int rc = backup.executeStep(-1);
    if (rc == SQLITE_DONE)
      return;
    if (waited_ms >= 5000)
      throw database_error(fmt::format("database '{}' is locked by another connection; nothing was copied: try again",
                                       locked));
    ::usleep(50 * 1000);
  }
}

} // namespace

std::vector<std::string> integrity_problems(Db& db)
{
  SQLite::Statement s(db.impl().sql, "PRAGMA integrity_check(20)");
  std::vector<std::string> problems;
  while (s.executeStep())
    if (const auto line = s.getColumn(0).getString(); line != "ok")
      problems.push_back(line);
  return problems;
}

std::vector<std::string> foreign_key_problems(Db& db)
{
  SQLite::Statement s(db.impl().sql, "PRAGMA foreign_key_check");
  std::vector<std::string> problems;
  while (s.executeStep())
    problems.push_back(fmt::format("table '{}' row {} refers to a missing row of '{}'", s.getColumn(0).getString(),
                                   s.getColumn(1).isNull() ? std::string("?") : s.getColumn(1).getString(),
                                   s.getColumn(2).getString()));
  return problems;
}

void backup_into(Db& source, const std::string& path)
{
  SQLite::Database to(path, SQLite::OPEN_READWRITE);
  copy(source.impl().sql, to, source.path());
  to.exec("PRAGMA journal_mode = DELETE");
}

void restore_into(Db& source, const std::string& path)
{
  SQLite::Database to(path, SQLite::OPEN_READWRITE);
  to.setBusyTimeout(5000);
  copy(source.impl().sql, to, path);
  to.exec("PRAGMA journal_mode = WAL");
}

ReferenceCounters reference_counters(Db& db)
{
  auto& sql = db.impl().sql;
  ReferenceCounters counters;
  SQLite::Statement last(sql, "SELECT kind, year, last FROM reference_counter");
  while (last.executeStep())
    counters.last[{last.getColumn(0).getString(), last.getColumn(1).getInt()}] = last.getColumn(2).getInt64();
  SQLite::Statement sequences(sql, "SELECT name, seq FROM sqlite_sequence");
  while (sequences.executeStep())
    counters.sequences[sequences.getColumn(0).getString()] = sequences.getColumn(1).getInt64();
  return counters;
}

void carry_forward(Db& db, const ReferenceCounters& floor)
{
  auto& sql = db.impl().sql;
  SQLite::Statement last(sql, "INSERT INTO reference_counter (kind, year, last) VALUES (?, ?, ?) "
                              "ON CONFLICT (kind, year) DO UPDATE SET last = max(last, excluded.last)");
  for (const auto& [key, value] : floor.last) {
    last.bind(1, key.first);
    last.bind(2, key.second);
    last.bind(3, value);
    last.exec();
    last.reset();
  }
  // Only for tables this register has (an older backup may lack one); sqlite_sequence has no key.
  SQLite::Statement raise(sql, "UPDATE sqlite_sequence SET seq = max(seq, ?2) WHERE name = ?1");
  SQLite::Statement add(sql, "INSERT INTO sqlite_sequence (name, seq) SELECT ?1, ?2 WHERE EXISTS (SELECT 1 FROM "
                             "sqlite_master WHERE type = 'table' AND name = ?1) AND NOT EXISTS (SELECT 1 FROM "
                             "sqlite_sequence WHERE name = ?1)");
  for (const auto& [name, value] : floor.sequences)
    for (auto* s : {&raise, &add}) {
      s->bind(1, name);
      s->bind(2, value);
      s->exec();
      s->reset();
    }
}

} // namespace panel::store
