#include "panel/input/yaml_document.hpp"

#include "panel/core/error.hpp"
#include "panel/core/text.hpp"
#include "panel/input/yaml_guidance.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <optional>
#include <set>
#include <vector>
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
  // The first key written twice in one mapping ("summary:" typed again further down, which
  // YAML::Load would settle silently by keeping one of the two values): its line and text.
  std::optional<std::pair<long, std::string>> duplicate;

  void OnDocumentStart(const YAML::Mark& mark) override
  {
    start_pos = static_cast<std::size_t>(mark.pos);
    start_line = mark.line + 1;
    content = false;
    open.clear();
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override { node(); }
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override
  {
    content = true;
    node();
  }
  void OnScalar(const YAML::Mark& mark, const std::string& t, YAML::anchor_t, const std::string& value) override
  {
    seen(mark, t);
    if (!open.empty() && open.back().mapping && open.back().at_key && !duplicate &&
        !open.back().keys.insert(value).second)
      duplicate = std::pair{static_cast<long>(mark.line + 1), value};
    node();
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& t, YAML::anchor_t, YAML::EmitterStyle::value) override
  {
    seen(mark, t);
    node();
    open.push_back({false, false, {}});
  }
  void OnSequenceEnd() override { open.pop_back(); }
  void OnMapStart(const YAML::Mark& mark, const std::string& t, YAML::anchor_t, YAML::EmitterStyle::value) override
  {
    seen(mark, t);
    node();
    open.push_back({true, true, {}});
  }
  void OnMapEnd() override { open.pop_back(); }

private:
  struct Collection {
    bool mapping = false;
    bool at_key = false;  // in a mapping: the next node is a key (else its value)
    std::set<std::string> keys;
  };
  std::vector<Collection> open;  // the collections being read, innermost last

  // A node was read in the innermost collection: in a mapping, keys and values alternate.
  // Called before a collection's own entry is pushed, so a mapping or list used as a value
  // counts as that value.
  void node()
  {
    if (!open.empty() && open.back().mapping)
      open.back().at_key = !open.back().at_key;
  }
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
                                "mappings; if the '!' is part of the text, put the value in quotes",
                                file, s.tag->first, s.tag->second));
    if (s.duplicate)
      throw refused(fmt::format("{}:{}: {}: is given twice in the same mapping; keep one (panel would otherwise have "
                                "to guess which you meant)",
                                file, s.duplicate->first, s.duplicate->second));
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
  check_typing(owned, file);
  try {
    survey(owned, file);
    return YAML::Load(owned);
  } catch (const YAML::ParserException& e) {
    throw refused(explain_yaml_error(owned, file, e.mark.line, e.mark.column, e.msg));
  }
}

} // namespace panel::input
