#include "panel/render/pandoc.hpp"

#include "panel/core/error.hpp"
#include "panel/core/process.hpp"
#include "panel/core/text.hpp"

#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace panel::render {

std::string pandoc_convert(const std::string& input, const std::string& from, const std::string& to,
                           const std::string& tmpdir)
{
  std::string path = (tmpdir.empty() ? std::string("/tmp") : tmpdir) + "/panel-document-XXXXXX." + to;
  const int fd = ::mkstemps(path.data(), static_cast<int>(to.size() + 1));
  if (fd < 0)
    throw refused(fmt::format("cannot create a temporary file in '{}': {}", tmpdir, std::strerror(errno)));
  ::close(fd);
  const auto result = core::run_process({"pandoc", "--from", from, "--to", to, "--output", path}, input);
  std::ostringstream bytes;
  if (result.status == 0) {
    std::ifstream file(path, std::ios::binary);
    bytes << file.rdbuf();
  }
  ::unlink(path.c_str());
  if (result.status == 127)
    throw refused(fmt::format("{} output needs pandoc, which is not installed: apt-get install pandoc", to));
  if (result.status != 0) {
    const std::string why = core::trim(result.err);
    if (to == "pdf" && why.find("not found") != std::string::npos)
      throw refused(fmt::format("PDF output needs pandoc's LaTeX engine: apt-get install texlive-latex-recommended "
                                "(pandoc said: {})", why));
    throw refused(fmt::format("pandoc could not make the {} file: {}", to, why));
  }
  return bytes.str();
}

} // namespace panel::render
