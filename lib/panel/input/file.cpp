#include "panel/input/file.hpp"

#include "panel/core/error.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <istream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace panel::input {
namespace {

[[noreturn]] void too_large(const std::string& name, std::size_t max_mb)
{
  throw refused(fmt::format("{}: larger than {} MB; panel reads at most {} MB", name, max_mb, max_mb));
}

// Closes the descriptor on every way out.
struct Descriptor {
  int fd;
  ~Descriptor()
  {
    if (fd >= 0)
      ::close(fd);
  }
};

} // namespace

std::string read_file(const std::string& path, std::size_t max_mb, std::istream* standard_input)
{
  if (standard_input)
    return read_file(path, *standard_input, max_mb);
  if (path == "-")
    throw refused("'-' (standard input) cannot be read here: give a file name");
  std::istringstream none;
  return read_file(path, none, max_mb);
}

std::string read_file(const std::string& path, std::istream& standard_input, std::size_t max_mb)
{
  const std::size_t max = max_mb * 1024 * 1024;
  std::string bytes;
  std::array<char, 65536> chunk{};
  if (path == "-") {
    // Through the stream's buffer, which may already hold what was typed or piped.
    for (;;) {
      const auto got = standard_input.rdbuf()->sgetn(chunk.data(), static_cast<std::streamsize>(chunk.size()));
      if (got <= 0)
        return bytes;
      if (bytes.size() + static_cast<std::size_t>(got) > max)
        too_large("<stdin>", max_mb);
      bytes.append(chunk.data(), static_cast<std::size_t>(got));
    }
  }
  const Descriptor file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (file.fd < 0)
    throw refused(fmt::format("cannot read '{}': {}", path, std::strerror(errno)));
  struct stat st {};
  if (::fstat(file.fd, &st) != 0)
    throw refused(fmt::format("cannot read '{}': {}", path, std::strerror(errno)));
  if (S_ISDIR(st.st_mode))
    throw refused(fmt::format("cannot read '{}': it is a folder", path));
  // A regular file says its size up front; a pipe, a FIFO or a device is read until it ends or
  // passes the limit, so /dev/zero is refused rather than filling memory.
  if (S_ISREG(st.st_mode)) {
    if (static_cast<std::size_t>(st.st_size) > max)
      too_large(path, max_mb);
    bytes.reserve(static_cast<std::size_t>(st.st_size));
  }
  for (;;) {
    const auto got = ::read(file.fd, chunk.data(), chunk.size());
    if (got < 0 && errno == EINTR)
      continue;
    if (got < 0)
      throw refused(fmt::format("cannot read '{}': {}", path, std::strerror(errno)));
    if (got == 0)
      return bytes;
    if (bytes.size() + static_cast<std::size_t>(got) > max)
      too_large(path, max_mb);
    bytes.append(chunk.data(), static_cast<std::size_t>(got));
  }
}

} // namespace panel::input
