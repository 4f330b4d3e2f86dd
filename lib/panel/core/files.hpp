#pragma once
// Every file panel writes goes through here: private (0600) from the first byte, never through a
// symbolic link, written in full or not at all, and put in place by one rename.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace panel::core {

// An open file descriptor, closed when the object goes (-1 holds none).
class Fd {
public:
  Fd() = default;
  explicit Fd(int fd) : m_fd(fd) {}
  Fd(Fd&& other) noexcept : m_fd(other.release()) {}
  Fd& operator=(Fd&& other) noexcept;
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd();
  int get() const { return m_fd; }
  int release();
  // Closes now; Error(refused) naming `path` when close reports a failed write (NFS, full disk).
  void close(const std::string& path);

private:
  int m_fd = -1;
};

// Writes all of `bytes` to `fd`, retrying after signals and short writes. Error(refused) naming
// `path`, e.g. "cannot write 'x': the disk is full (No space left on device)".
void write_all(int fd, std::string_view bytes, const std::string& path);

// A file being made: a private temporary file in the target's folder (mode 0600, O_EXCL,
// O_NOFOLLOW, O_CLOEXEC) that publish() fsyncs and renames onto the target. Dropped unpublished,
// the temporary is removed and the target is untouched.
class PendingFile {
public:
  // Refuses (Error(refused)) at once when the target exists and `force` is false, when it is a
  // symbolic link or not a regular file (even with `force`), or when its folder is not writable.
  PendingFile(std::string target, bool force);
  PendingFile(PendingFile&&) noexcept;
  PendingFile& operator=(PendingFile&&) noexcept;
  PendingFile(const PendingFile&) = delete;
  PendingFile& operator=(const PendingFile&) = delete;
  ~PendingFile();

  void write(std::string_view bytes);
  // Flushes the bytes to disk and renames the temporary onto the target (atomically replacing
  // it when forced, refusing if one appeared meanwhile otherwise); then syncs the folder.
  void publish();
  const std::string& target() const { return m_target; }
  const std::string& temporary() const { return m_temporary; }

private:
  std::string m_target;
  std::string m_temporary;
  bool m_force = false;
  Fd m_fd;
};

// A private scratch file (mode 0600, O_EXCL, O_NOFOLLOW, O_CLOEXEC) named
// FOLDER/panel-LABEL-XXXXXXSUFFIX (six random letters or digits, as mkstemps makes), removed when the object goes unless released.
class TemporaryFile {
public:
  // Error(refused) naming the folder when the file cannot be made there.
  TemporaryFile(const std::string& folder, const std::string& label, const std::string& suffix);
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  ~TemporaryFile();
  const std::string& path() const { return m_path; }
  Fd& fd() { return m_fd; }
  // Keeps the file; the caller removes it. Returns its path.
  std::string release();

private:
  std::string m_path;
  Fd m_fd;
};

// A whole file at once (PendingFile, written and published).
void write_file(const std::string& path, std::string_view bytes, bool force);

// A name for a new file beside `target` that starts with '.' and ends with `suffix`; unique in
// practice (random), but callers still create it with O_EXCL.
std::string sibling_name(const std::string& target, const std::string& suffix);

// Test seam (fault injection): after `bytes` more bytes, write_all fails as a full disk does
// (ENOSPC); nullopt turns it off. Process-wide; for tests only.
void fail_writes_after(std::optional<std::size_t> bytes);

} // namespace panel::core
