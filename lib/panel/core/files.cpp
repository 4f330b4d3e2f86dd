#include "panel/core/files.hpp"

#include "panel/core/error.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <functional>
#include <fmt/format.h>
#include <random>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace panel::core {
namespace {

std::optional<std::size_t> g_fail_after;

std::string why(int error)
{
  if (error == ENOSPC || error == EDQUOT)
    return fmt::format("the disk is full ({})", std::strerror(error));
  return std::strerror(error);
}

Error cannot_write(const std::string& path, int error)
{
  return refused(fmt::format("cannot write '{}': {}", path, why(error)));
}

std::string folder_of(const std::string& path)
{
  const auto parent = std::filesystem::path(path).parent_path().string();
  return parent.empty() ? "." : parent;
}

// fsync of the folder makes the rename itself durable; a folder that cannot be opened is no
// reason to fail a write that has happened.
void sync_folder(const std::string& path)
{
  Fd dir(::open(folder_of(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() >= 0)
    ::fsync(dir.get());
}

std::mt19937_64& random_source()
{
  static std::mt19937_64 random{std::random_device{}() ^ static_cast<std::uint64_t>(::getpid())};
  return random;
}

// `n` random letters and digits, as mkstemp puts in place of XXXXXX.
std::string random_letters(size_t n)
{
  static constexpr char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::string text;
  for (size_t i = 0; i < n; ++i)
    text += alphabet[random_source()() % (sizeof alphabet - 1)];
  return text;
}

// Opens a new private file (0600, O_EXCL, never through a symbolic link) at the first free name
// `next_name` gives, trying up to 100; `path` is that name, or "" with errno saying why not.
Fd open_new(const std::function<std::string()>& next_name, int access, std::string& path)
{
  for (int attempt = 0;; ++attempt) {
    path = next_name();
    const int fd = ::open(path.c_str(), access | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd >= 0)
      return Fd(fd);
    if (errno != EEXIST || attempt == 100) {
      const int error = errno;
      path.clear();
      errno = error;
      return Fd();
    }
  }
}

} // namespace

Fd& Fd::operator=(Fd&& other) noexcept
{
  if (this != &other) {
    if (m_fd >= 0)
      ::close(m_fd);
    m_fd = other.release();
  }
  return *this;
}

Fd::~Fd()
{
  if (m_fd >= 0)
    ::close(m_fd);
}

int Fd::release()
{
  const int fd = m_fd;
  m_fd = -1;
  return fd;
}

void Fd::close(const std::string& path)
{
  const int fd = release();
  // Not retried on EINTR: on Linux the descriptor is closed whatever close returns.
  if (fd >= 0 && ::close(fd) != 0 && errno != EINTR)
    throw cannot_write(path, errno);
}

void write_all(int fd, std::string_view bytes, const std::string& path)
{
  size_t done = 0;
  while (done < bytes.size()) {
    size_t want = bytes.size() - done;
    if (g_fail_after) {
      if (*g_fail_after == 0)
        throw cannot_write(path, ENOSPC);
      want = std::min(want, *g_fail_after);
    }
    const ssize_t n = ::write(fd, bytes.data() + done, want);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      throw cannot_write(path, errno);
    if (n == 0)  // write(2) returns 0 only for a zero count; treat it as the disk refusing more
      throw cannot_write(path, ENOSPC);
    done += static_cast<size_t>(n);
    if (g_fail_after)
      *g_fail_after -= static_cast<size_t>(n);
  }
}

std::string sibling_name(const std::string& target, const std::string& suffix)
{
  const std::filesystem::path p(target);
  const std::string name = fmt::format(".{}.{}{}", p.filename().string(), random_letters(12), suffix);
  return (p.parent_path() / name).string();
}

PendingFile::PendingFile(std::string target, bool force) : m_target(std::move(target)), m_force(force)
{
  struct stat st {};
  if (::lstat(m_target.c_str(), &st) == 0) {
    if (S_ISLNK(st.st_mode))
      throw refused(fmt::format("'{}' is a symbolic link; panel does not write through links (remove it, or "
                                "choose another name)", m_target));
    if (!S_ISREG(st.st_mode))
      throw refused(fmt::format("'{}' exists and is not a regular file", m_target));
    if (!m_force)
      throw refused(fmt::format("'{}' already exists; use --force to overwrite it", m_target));
  }
  m_fd = open_new([&] { return sibling_name(m_target, ".tmp"); }, O_WRONLY, m_temporary);
  if (const int error = errno; m_temporary.empty())
    throw refused(fmt::format("cannot create '{}': {}", m_target, why(error)));
  // The umask can only take bits away from 0600; this makes it exactly 0600.
  if (::fchmod(m_fd.get(), 0600) != 0) {
    const int error = errno;
    throw cannot_write(m_target, error);
  }
}

PendingFile::PendingFile(PendingFile&& other) noexcept
    : m_target(std::move(other.m_target)), m_temporary(std::exchange(other.m_temporary, {})), m_force(other.m_force),
      m_fd(std::move(other.m_fd))
{
}

PendingFile& PendingFile::operator=(PendingFile&& other) noexcept
{
  if (this != &other) {
    if (!m_temporary.empty())
      ::unlink(m_temporary.c_str());
    m_target = std::move(other.m_target);
    m_temporary = std::exchange(other.m_temporary, {});
    m_force = other.m_force;
    m_fd = std::move(other.m_fd);
  }
  return *this;
}

PendingFile::~PendingFile()
{
  if (!m_temporary.empty())
    ::unlink(m_temporary.c_str());
}

void PendingFile::write(std::string_view bytes) { write_all(m_fd.get(), bytes, m_target); }

void PendingFile::publish()
{
  if (::fsync(m_fd.get()) != 0)
    throw cannot_write(m_target, errno);
  m_fd.close(m_target);
  if (m_force) {
    // rename replaces a symbolic link planted since the constructor looked, never follows it.
    if (::rename(m_temporary.c_str(), m_target.c_str()) != 0)
      throw cannot_write(m_target, errno);
  } else {
    // NOREPLACE refuses a target made since the constructor looked, as plain rename would not;
    // link does the same where the filesystem lacks it.
    int done = ::renameat2(AT_FDCWD, m_temporary.c_str(), AT_FDCWD, m_target.c_str(), RENAME_NOREPLACE);
    if (done != 0 && (errno == EINVAL || errno == ENOSYS) && (done = ::link(m_temporary.c_str(), m_target.c_str())) == 0)
      ::unlink(m_temporary.c_str());
    if (done != 0) {
      if (errno == EEXIST)
        throw refused(fmt::format("'{}' already exists; use --force to overwrite it", m_target));
      throw cannot_write(m_target, errno);
    }
  }
  m_temporary.clear();
  sync_folder(m_target);
}

TemporaryFile::TemporaryFile(const std::string& folder, const std::string& label, const std::string& suffix)
{
  const auto dir = std::filesystem::path(folder.empty() ? "/tmp" : folder);
  m_fd = open_new([&] { return (dir / ("panel-" + label + "-" + random_letters(6) + suffix)).string(); }, O_RDWR, m_path);
  if (const int error = errno; m_path.empty())
    throw refused(fmt::format("cannot create a temporary file in '{}': {}", folder, why(error)));
}

TemporaryFile::~TemporaryFile()
{
  if (!m_path.empty())
    ::unlink(m_path.c_str());
}

std::string TemporaryFile::release() { return std::exchange(m_path, {}); }

void write_file(const std::string& path, std::string_view bytes, bool force)
{
  PendingFile file(path, force);
  file.write(bytes);
  file.publish();
}

void fail_writes_after(std::optional<std::size_t> bytes) { g_fail_after = bytes; }

} // namespace panel::core
