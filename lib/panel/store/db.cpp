#include "panel/store/db.hpp"

#include "panel/store/impl.hpp"
#include "panel/store/schema.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

namespace panel::store {
namespace {

int read_pragma(SQLite::Database& sql, const char* name)
{
  return sql.execAndGet(fmt::format("PRAGMA {}", name)).getInt();
}

void configure(SQLite::Database& sql, int busy_timeout_ms)
{
  sql.setBusyTimeout(busy_timeout_ms);
  sql.exec("PRAGMA foreign_keys = ON");
  // FULL: a committed referral survives a power cut, which matters more than speed here.
  sql.exec("PRAGMA synchronous = FULL");
  // A bulk intake touches many index pages; a 32 MiB cache (a bound, not an allocation) keeps
  // them in memory instead of spilling to the WAL and reading them back.
  sql.exec("PRAGMA cache_size = -32768");
}

// Applies the migrations after `from` in one transaction, so a failed upgrade changes nothing.
// Foreign keys are off while they run, as SQLite's procedure for rebuilding a table requires
// (dropping the old table would otherwise delete through its references), and checked as a
// whole before the commit.
void migrate(SQLite::Database& sql, int from)
{
  const auto& steps = migrations();
  if (from >= static_cast<int>(steps.size()))
    return;
  sql.exec("PRAGMA foreign_keys = OFF");
  sql.exec("BEGIN IMMEDIATE");
  try {
    // Re-read under the write lock: another process may have migrated meanwhile.
    const int version = read_pragma(sql, "user_version");
    for (int v = version; v < static_cast<int>(steps.size()); ++v)
      sql.exec(std::string(steps[v]));
    SQLite::Statement check(sql, "PRAGMA foreign_key_check");
    if (check.executeStep())
      throw database_error(fmt::format("upgrading the schema would break a reference from table '{}'",
                                           check.getColumn(0).getString()));
    sql.exec(fmt::format("PRAGMA user_version = {}", steps.size()));
    sql.exec("COMMIT");
  } catch (...) {
    sql.exec("ROLLBACK");
    sql.exec("PRAGMA foreign_keys = ON");
    throw;
  }
  sql.exec("PRAGMA foreign_keys = ON");
}

} // namespace

int current_schema_version() { return static_cast<int>(migrations().size()); }

std::string sqlite_version() { return sqlite3_libversion(); }

Db::Db(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Db::Db(Db&&) noexcept = default;
Db& Db::operator=(Db&&) noexcept = default;
Db::~Db() = default;

const std::string& Db::path() const { return m_impl->path; }

int Db::schema_version() { return read_pragma(m_impl->sql, "user_version"); }

Db Db::create(const std::string& path)
{
  // O_EXCL: never overwrite, even if another process creates the file at the same moment.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST)
      throw refused(fmt::format("'{}' already exists; refusing to overwrite it", path));
    throw database_error(fmt::format("cannot create '{}': {}", path, std::strerror(errno)));
  }
  ::fchmod(fd, 0600);  // whatever the umask says
  ::close(fd);
  auto impl = std::make_unique<Impl>(path, SQLite::OPEN_READWRITE);
  auto& sql = impl->sql;
  sql.exec(fmt::format("PRAGMA application_id = {}", application_id));
  sql.exec("PRAGMA journal_mode = WAL");
  configure(sql, 5000);
  migrate(sql, 0);
  return Db(std::move(impl));
}

Db Db::open(const std::string& path, int busy_timeout_ms)
{
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    throw database_error(fmt::format("no database at '{}'; run 'panel init'", path));
  if (!S_ISREG(st.st_mode))
    throw database_error(fmt::format("'{}' is not a file", path));
  auto impl = std::make_unique<Impl>(path, SQLite::OPEN_READWRITE);
  auto& sql = impl->sql;
  int app_id = 0;
  try {
    configure(sql, busy_timeout_ms);
    app_id = read_pragma(sql, "application_id");
  } catch (const SQLite::Exception& e) {
    if ((e.getErrorCode() & 0xff) != SQLITE_NOTADB)
      throw;
    throw database_error(fmt::format("'{}' is not a panel database", path));
  }
  if (app_id != application_id)
    throw database_error(fmt::format("'{}' is not a panel database", path));
  const int version = read_pragma(sql, "user_version");
  if (version > current_schema_version())
    throw database_error(fmt::format(
        "'{}' has schema version {}, newer than this panel understands ({}); upgrade panel",
        path, version, current_schema_version()));
  migrate(sql, version);
  return Db(std::move(impl));
}

Db Db::memory()
{
  auto impl = std::make_unique<Impl>(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  impl->sql.exec(fmt::format("PRAGMA application_id = {}", application_id));
  configure(impl->sql, 0);
  migrate(impl->sql, 0);
  return Db(std::move(impl));
}

Transaction::Transaction(Db& db, Kind kind) : m_db(db)
{
  m_db.impl().sql.exec(kind == Kind::write ? "BEGIN IMMEDIATE" : "BEGIN");
}

Transaction::~Transaction()
{
  if (!m_open)
    return;
  try {
    m_db.impl().sql.exec("ROLLBACK");
  } catch (...) {
    // The transaction is gone already (SQLite rolls back on some errors by itself).
  }
}

void Transaction::commit()
{
  m_db.impl().sql.exec("COMMIT");
  m_open = false;
}

std::optional<Error> as_database_error(const std::exception& e, const std::string& path)
{
  const auto* sqlite = dynamic_cast<const SQLite::Exception*>(&e);
  if (!sqlite)
    return std::nullopt;
  const int code = sqlite->getErrorCode() & 0xff;
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
    return database_error(fmt::format("database '{}' is locked by another panel command; try again", path));
  if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
    return database_error(fmt::format("database '{}' is damaged: {}; restore it from a backup", path, sqlite->what()));
  if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN || code == SQLITE_PERM)
    return database_error(fmt::format("cannot write database '{}': {}", path, sqlite->what()));
  if (code == SQLITE_FULL || code == SQLITE_IOERR)
    return database_error(fmt::format("cannot write database '{}': {}", path, sqlite->what()));
  return database_error(fmt::format("database '{}': {}", path, sqlite->what()));
}

} // namespace panel::store
