#include "panel/store/db.hpp"

#include "panel/core/audit.hpp"
#include "panel/store/impl.hpp"
#include "panel/store/schema.hpp"
#include "panel/store/shm_vfs.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
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

// panel_audit_hash(previous, at, user, command, action, entity, record, detail): core::audit_hash
// for SQL, so that the migration that introduced the chain could hash the rows already there.
void audit_hash_function(sqlite3_context* context, int argc, sqlite3_value** argv)
{
  auto text = [&](int i) {
    const auto* p = sqlite3_value_text(argv[i]);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_value_bytes(argv[i]))) : std::string();
  };
  if (argc != 8) {
    sqlite3_result_error(context, "panel_audit_hash takes 8 arguments", -1);
    return;
  }
  const core::AuditEntry row{0, text(1), text(2), text(3), text(4), text(5), text(6), text(7), ""};
  const auto hash = core::audit_hash(text(0), row);
  sqlite3_result_text(context, hash.c_str(), static_cast<int>(hash.size()), SQLITE_TRANSIENT);
}

// Settings for the SQLite library as a whole, made before the first connection opens (SQLite
// refuses them afterwards, harmlessly). Its memory statistics take a global lock around every
// allocation, several per statement run, and panel never reads them.
void configure_library()
{
  [[maybe_unused]] static const int done = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  install_shm_vfs();
}

void configure(SQLite::Database& sql, int busy_timeout_ms)
{
  if (const int rc = sqlite3_create_function_v2(sql.getHandle(), "panel_audit_hash", 8, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                               nullptr, audit_hash_function, nullptr, nullptr, nullptr);
      rc != SQLITE_OK)
    throw database_error(fmt::format("cannot register the audit hash function: {}", sqlite3_errstr(rc)));
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
    // SQLite rolls back by itself after some errors (a full disk): a second ROLLBACK would then
    // fail with "no transaction is active" and hide the error that matters.
    if (!sqlite3_get_autocommit(sql.getHandle()))
      sql.tryExec("ROLLBACK");
    sql.tryExec("PRAGMA foreign_keys = ON");
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
  const bool private_file = ::fchmod(fd, 0600) == 0;  // whatever the umask says
  ::close(fd);
  if (!private_file) {
    ::unlink(path.c_str());
    throw database_error(fmt::format("cannot make '{}' private (mode 0600)", path));
  }
  return create_in(path);
}

Db Db::create_in(const std::string& path)
{
  configure_library();
  auto impl = std::make_unique<Impl>(path, SQLite::OPEN_READWRITE);
  auto& sql = impl->sql;
  sql.exec(fmt::format("PRAGMA application_id = {}", application_id));
  sql.exec("PRAGMA journal_mode = WAL");
  configure(sql, 5000);
  migrate(sql, 0);
  return Db(std::move(impl));
}

namespace {

// Opens an existing panel database: refuses what is missing, not a file, not ours, or newer.
std::unique_ptr<Db::Impl> open_existing(const std::string& path, int flags, int busy_timeout_ms)
{
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    throw database_error(fmt::format("no database at '{}'; run 'panel init'", path));
  if (!S_ISREG(st.st_mode))
    throw database_error(fmt::format("'{}' is not a file", path));
  configure_library();
  auto impl = std::make_unique<Db::Impl>(path, flags);
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
  return impl;
}

} // namespace

Db Db::open(const std::string& path, int busy_timeout_ms)
{
  auto impl = open_existing(path, SQLite::OPEN_READWRITE, busy_timeout_ms);
  migrate(impl->sql, read_pragma(impl->sql, "user_version"));
  return Db(std::move(impl));
}

Db Db::inspect(const std::string& path)
{
  // A read-only connection to a WAL database leaves the -wal and -shm files it made behind, as
  // only a writer may remove them; so open read-write where that is allowed, with query_only
  // refusing every change, and the close tidies up as any other command's does.
  const auto folder = std::filesystem::absolute(path).parent_path().string();
  const bool writable = ::access(path.c_str(), W_OK) == 0 && ::access(folder.c_str(), W_OK) == 0;
  auto impl = open_existing(path, writable ? SQLite::OPEN_READWRITE : SQLite::OPEN_READONLY, 5000);
  impl->sql.exec("PRAGMA query_only = ON");
  return Db(std::move(impl));
}

Db Db::memory()
{
  configure_library();
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
  m_db.impl().pending_files.clear();  // removes their temporaries
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
  auto files = std::move(m_db.impl().pending_files);
  m_db.impl().pending_files.clear();
  for (auto& file : files)
    file.publish();
}

Checkpoint checkpoint(Db& db)
{
  // One row: busy (1 when another connection stopped it), frames in the log, frames copied.
  SQLite::Statement s(db.impl().sql, "PRAGMA wal_checkpoint(TRUNCATE)");
  if (!s.executeStep())
    return {};
  return {s.getColumn(0).getInt() == 0, s.getColumn(1).getInt(), s.getColumn(2).getInt()};
}

void publish_on_commit(Db& db, core::PendingFile file)
{
  if (sqlite3_get_autocommit(db.impl().sql.getHandle()))
    file.publish();
  else
    db.impl().pending_files.push_back(std::move(file));
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
  if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN || code == SQLITE_PERM) {
    // A file that is writable in a folder that is not: SQLite cannot make its -wal and -shm.
    const auto parent = std::filesystem::path(path).parent_path();
    const std::string folder = parent.empty() ? std::string(".") : parent.string();
    if (::access(path.c_str(), W_OK) == 0 && ::access(folder.c_str(), W_OK) != 0)
      return database_error(fmt::format("the folder '{}' must be writable (SQLite keeps its -wal and -shm files there)",
                                        folder));
  }
  if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN || code == SQLITE_PERM)
    return database_error(fmt::format("cannot write database '{}': {}", path, sqlite->what()));
  if (code == SQLITE_FULL || sqlite->getExtendedErrorCode() == SQLITE_IOERR_SHMSIZE)
    return database_error(fmt::format("cannot write database '{}': the disk is full; free some space and try again", path));
  if (code == SQLITE_IOERR)
    return database_error(fmt::format("cannot write database '{}': {}", path, sqlite->what()));
  return database_error(fmt::format("database '{}': {}", path, sqlite->what()));
}

} // namespace panel::store
