#include "panel/input/file.hpp"

#include "panel/core/error.hpp"

#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <sstream>
#include <sys/stat.h>

namespace panel::input {

std::string read_file(const std::string& path)
{
  std::ostringstream buffer;
  if (path == "-") {
    buffer << std::cin.rdbuf();
    return buffer.str();
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
    throw refused(fmt::format("cannot read '{}': it is a folder", path));
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw refused(fmt::format("cannot read '{}': {}", path, std::strerror(errno)));
  buffer << in.rdbuf();
  return buffer.str();
}

} // namespace panel::input
