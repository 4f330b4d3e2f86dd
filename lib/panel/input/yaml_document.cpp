#include "panel/input/yaml_document.hpp"

#include "panel/core/error.hpp"
#include "panel/core/text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <optional>

namespace panel::input {
namespace {

// The first node, depth first, that carries an explicit tag ('?' and '!' are yaml-cpp's marks
// for an untagged plain or quoted value).
std::optional<YAML::Node> tagged(const YAML::Node& n)
{
  if (!n.Tag().empty() && n.Tag() != "?" && n.Tag() != "!")
    return n;
  if (n.IsMap()) {
    for (const auto& item : n)
      for (const YAML::Node& part : {item.first, item.second})
        if (auto t = tagged(part))
          return t;
  } else if (n.IsSequence()) {
    for (const auto& item : n)
      if (auto t = tagged(item))
        return t;
  }
  return std::nullopt;
}

// The line of the first bytes that are not UTF-8, or 0 when all are.
long first_bad_line(std::string_view text)
{
  long line = 1;
  for (size_t start = 0; start <= text.size(); ++line) {
    const auto end = std::min(text.find('\n', start), text.size());
    if (!core::valid_utf8(text.substr(start, end - start)))
      return line;
    start = end + 1;
  }
  return 0;
}

} // namespace

YAML::Node load_document(std::string_view text, const std::string& file)
{
  if (const long line = first_bad_line(text))
    throw refused(fmt::format("{}:{}: not valid UTF-8 text (save the file as UTF-8)", file, line));
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(std::string(text));
  } catch (const YAML::ParserException& e) {
    throw refused(fmt::format("{}:{}: YAML syntax error: {}", file, e.mark.line + 1, e.msg));
  }
  for (size_t i = 1; i < documents.size(); ++i)
    if (!documents[i].IsNull())
      throw refused(fmt::format("{}:{}: a second YAML document (after '---'): a file holds one document, and "
                                "nothing after the '---' would be read; put everything in one document",
                                file, documents[i].Mark().line + 1));
  YAML::Node doc = documents.empty() ? YAML::Node() : documents.front();
  if (const auto t = tagged(doc))
    throw refused(fmt::format("{}:{}: YAML tag '{}' is not accepted: panel reads plain text, numbers, lists and "
                              "mappings",
                              file, t->Mark().line + 1, t->Tag()));
  return doc;
}

} // namespace panel::input
