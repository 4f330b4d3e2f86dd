#include "panel/input/yaml_document.hpp"

#include "panel/core/error.hpp"
#include "panel/core/text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <optional>
#include <sstream>
#include <yaml-cpp/eventhandler.h>

namespace panel::input {
namespace {

// Watches the parser's events for what a file may not hold: a second document with content, or
// a tag. Events see each node once, so an alias is never expanded (no cost from "billion laughs").
class Survey : public YAML::EventHandler {
public:
  std::size_t start_pos = 0;        // where the current document starts
  long start_line = 0;              // its line, 1-based
  bool content = false;             // the current document holds something other than null
  std::optional<std::pair<long, std::string>> tag;  // the first explicit tag and its line

  void OnDocumentStart(const YAML::Mark& mark) override
  {
    start_pos = static_cast<std::size_t>(mark.pos);
    start_line = mark.line + 1;
    content = false;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override { content = true; }
  void OnScalar(const YAML::Mark& mark, const std::string& t, YAML::anchor_t, const std::string&) override
  {
    seen(mark, t);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& t, YAML::anchor_t, YAML::EmitterStyle::value) override
  {
    seen(mark, t);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string& t, YAML::anchor_t, YAML::EmitterStyle::value) override
  {
    seen(mark, t);
  }
  void OnMapEnd() override {}

private:
  void seen(const YAML::Mark& mark, const std::string& t)
  {
    content = true;
    // '?' and '!' are the parser's marks for an untagged plain or quoted value.
    if (!tag && !t.empty() && t != "?" && t != "!") {
      // Shown as written: "!!python/object", not "tag:yaml.org,2002:python/object".
      const std::string_view core = "tag:yaml.org,2002:";
      tag = std::pair{static_cast<long>(mark.line + 1), t.starts_with(core) ? "!!" + t.substr(core.size()) : t};
    }
  }
};

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

// Walks every document with events only (YAML::LoadAll would build each one, and loops forever
// on some inputs such as "," where the parser yields empty documents without moving on).
void survey(const std::string& text, const std::string& file)
{
  std::istringstream in(text);
  YAML::Parser parser(in);
  Survey s;
  for (int document = 0;; ++document) {
    const std::size_t before = document == 0 ? 0 : s.start_pos;
    if (!parser.HandleNextDocument(s))
      return;
    if (document > 0 && s.content)
      throw refused(fmt::format("{}:{}: a second YAML document starts here; panel reads one document per file", file,
                                s.start_line));
    if (s.tag)
      throw refused(fmt::format("{}:{}: YAML tag '{}' is not accepted: panel reads plain text, numbers, lists and "
                                "mappings",
                                file, s.tag->first, s.tag->second));
    // An empty document that did not move the parser on means it is stuck: nothing more to read.
    if (document > 0 && s.start_pos <= before)
      return;
  }
}

} // namespace

YAML::Node load_document(std::string_view text, const std::string& file)
{
  if (const long line = first_bad_line(text))
    throw refused(fmt::format("{}:{}: not valid UTF-8 text (save the file as UTF-8)", file, line));
  const std::string owned(text);
  try {
    survey(owned, file);
    return YAML::Load(owned);
  } catch (const YAML::ParserException& e) {
    throw refused(fmt::format("{}:{}: YAML syntax error: {}", file, e.mark.line + 1, e.msg));
  }
}

} // namespace panel::input
