#include "panel/core/address.hpp"

#include "panel/core/text.hpp"

#include <vector>

namespace panel::core {

std::string address_lines(std::string_view text, bool on_one_line)
{
  std::vector<std::string> lines;
  std::string line;
  auto end_line = [&] {
    if (auto kept = trim(line); !kept.empty())
      lines.push_back(std::move(kept));
    line.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (on_one_line && c == '\\' && i + 1 < text.size() && text[i + 1] == 'n') {
      end_line();
      ++i;
    } else if (c == '\n' || c == '\r' || c == ';' || (on_one_line && c == ',')) {
      end_line();
    } else {
      line += c;
    }
  }
  end_line();
  return join(lines, "\n");
}

} // namespace panel::core
