#include "panel/store/maintenance.hpp"

#include "panel/store/impl.hpp"

#include <SQLiteCpp/Backup.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

namespace panel::store {
namespace {

// Creates an empty file with mode 0600 (whatever the umask), never over an existing one.
void create_private(const std::string& path)
{
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    throw refused(errno == EEXIST ? fmt::format("'{}' already exists; refusing to overwrite it (add --force)", path)
                                  : fmt::format("cannot create '{}': {}", path, std::strerror(errno)));
  if (::fchmod(fd, 0600) != 0) {
    const int error = errno;
    ::close(fd);
    ::unlink(path.c_str());
    throw refused(fmt::format("cannot make '{}' private: {}", path, std::strerror(error)));
  }
  ::close(fd);
}

void copy(SQLite::Database& from, SQLite::Database& to)
{
  SQLite::Backup backup(to, from);
  backup.executeStep(-1);  // all pages in one step: the source is read in one consistent snapshot
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

void backup_to(Db& source, const std::string& path, bool force)
{
  if (force)
    for (const auto& file : {path, path + "-wal", path + "-shm"})
      if (::unlink(file.c_str()) != 0 && errno != ENOENT)
        throw refused(fmt::format("cannot replace '{}': {}", file, std::strerror(errno)));
  create_private(path);
  try {
    SQLite::Database to(path, SQLite::OPEN_READWRITE);
    copy(source.impl().sql, to);
  } catch (...) {
    ::unlink(path.c_str());  // half a backup is worse than none
    throw;
  }
}

void restore_into(Db& source, const std::string& path)
{
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    create_private(path);
  SQLite::Database to(path, SQLite::OPEN_READWRITE);
  to.setBusyTimeout(5000);
  copy(source.impl().sql, to);
}

} // namespace panel::store
