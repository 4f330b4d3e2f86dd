#pragma once
#include "panel/core/error.hpp"
#include "panel/core/files.hpp"

#include <exception>
#include <memory>
#include <optional>
#include <string>

namespace panel::store {

// The schema version this build writes; older files are migrated forward on open.
int current_schema_version();
// "PANL", stored in the SQLite header so that other files are recognised as not ours.
constexpr int application_id = 0x50414e4c;
std::string sqlite_version();

// An open panel database: foreign keys on, WAL, busy timeout, schema up to date.
class Db {
public:
  // Creates a new database at `path` (mode 0600) and applies the schema; refuses an existing file.
  static Db create(const std::string& path);
  // Applies the schema to the empty file at `path`, made already (a private temporary that is
  // renamed into place when whole, as init does).
  static Db create_in(const std::string& path);
  // Opens an existing database, migrating it when it is older; Error(database) when it is missing,
  // not a panel database, or newer than this build.
  static Db open(const std::string& path, int busy_timeout_ms = 5000);
  // Opens an existing database read-only and as it is, without migrating it (for checking a
  // file, such as a backup, without changing it); the same refusals as open().
  static Db inspect(const std::string& path);
  // A private in-memory database with the schema applied (tests).
  static Db memory();

  Db(Db&&) noexcept;
  Db& operator=(Db&&) noexcept;
  ~Db();

  const std::string& path() const;
  int schema_version();

  struct Impl;
  Impl& impl() { return *m_impl; }

private:
  explicit Db(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

// A transaction held for the life of the object: BEGIN IMMEDIATE for writes (so two writers
// queue on the busy timeout instead of failing half-way), BEGIN for consistent reads. Rolled
// back unless commit() was called.
class Transaction {
public:
  enum class Kind { read, write };
  Transaction(Db& db, Kind kind);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  void commit();

private:
  Db& m_db;
  bool m_open = true;
};

// The result of copying the write-ahead log into the database file and emptying it.
struct Checkpoint {
  bool complete = false;  // false: another connection's read or write kept old pages in use
  int log_frames = 0;     // frames in the log
  int copied = 0;         // frames copied into the database file
};
// PRAGMA wal_checkpoint(TRUNCATE): after it, the -wal file is empty unless `complete` is false.
Checkpoint checkpoint(Db& db);

// Puts `file` in place once the transaction open on `db` has committed (at once when none is
// open); if it rolls back instead, the file's temporary is removed and the target left alone. So
// a document appears only when its row and audit row exist.
void publish_on_commit(Db& db, core::PendingFile file);

// Turns an exception from SQLite into a user-facing Error (exit 3), or nothing if it is not one.
std::optional<Error> as_database_error(const std::exception& e, const std::string& path);

} // namespace panel::store
