#include "panel/render/pandoc.hpp"

#include "panel/core/error.hpp"
#include "panel/core/files.hpp"
#include "panel/core/process.hpp"
#include "panel/core/text.hpp"

#include <fmt/format.h>
#include <fstream>
#include <sstream>

namespace panel::render {

std::string pandoc_convert(const std::string& input, const std::string& from, const std::string& to,
                           const std::string& tmpdir)
{
  core::TemporaryFile output(tmpdir, "document", "." + to);
  output.fd().close(output.path());
  const auto result = core::run_process({"pandoc", "--from", from, "--to", to, "--output", output.path()}, input);
  std::ostringstream bytes;
  if (result.status == 0) {
    std::ifstream file(output.path(), std::ios::binary);
    bytes << file.rdbuf();
  }
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
