#include "panel/render/template_check.hpp"

#include "panel/core/text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>

namespace panel::render {
namespace {

using core::Value;

std::string join_path(const std::vector<std::string>& parts)
{
  return core::join(parts, ".");
}

// A tag found in a template.
struct Tag {
  char type;  // '#', '^', '/', '!', '>', '{', '&', '=' or 'v' (variable)
  std::string name;
  long line;
};

class Checker {
public:
  Checker(const core::Template& t, std::vector<std::string>& problems)
      : m_template(t), m_problems(problems), m_schema(template_schema(t.kind))
  {
  }

  void check(const std::string& text, long first_line)
  {
    std::vector<Tag> tags;
    if (!scan(text, first_line, tags))
      return;
    // The stack of sections: each with the schema node its name resolved to, and its path.
    struct Open {
      Tag tag;
      const Value* node;
      std::vector<std::string> path;
      bool unknown = false;  // its name did not resolve: what is inside it is not reported again
    };
    std::vector<Open> open;
    for (const auto& tag : tags) {
      switch (tag.type) {
      case '!':
        break;
      case '{':
      case '&':
        problem(tag.line, fmt::format("'{{{{{{{}}}}}}}': triple braces and '&' print values unescaped; use '{{{{{}}}}}'",
                                      tag.name, tag.name));
        break;
      case '>':
        problem(tag.line, fmt::format("partials ('{{{{>{}}}}}') are not supported", tag.name));
        break;
      case '=':
        problem(tag.line, "changing the delimiters is not supported");
        break;
      case '#':
      case '^': {
        std::vector<std::string> path;
        const bool inside_unknown = std::any_of(open.begin(), open.end(), [](const auto& o) { return o.unknown; });
        const Value* node = inside_unknown ? nullptr : resolve(tag, open_nodes(open), path);
        const Value* inner = node;
        if (node && node->kind == Value::Kind::list && !node->items.empty())
          inner = &node->items.front();
        else if (node && node->kind != Value::Kind::object)
          inner = nullptr;  // a flag or text section keeps the context it is in
        open.push_back({tag, inner, path, inside_unknown || !node});
        break;
      }
      case '/':
        if (open.empty() || open.back().tag.name != tag.name) {
          problem(tag.line, open.empty() ? fmt::format("'{{{{/{}}}}}' closes a section that was not opened", tag.name)
                                         : fmt::format("'{{{{/{}}}}}' closes '{}' opened at line {}", tag.name,
                                                       open.back().tag.name, open.back().tag.line));
          return;
        }
        open.pop_back();
        break;
      default: {
        std::vector<std::string> path;
        if (std::none_of(open.begin(), open.end(), [](const auto& o) { return o.unknown; }))
          resolve(tag, open_nodes(open), path);
      }
      }
    }
    for (const auto& o : open)
      problem(o.tag.line, fmt::format("section '{}' is not closed (add '{{{{/{}}}}}')", o.tag.name, o.tag.name));
  }

private:
  template <typename Open>
  std::vector<std::pair<const Value*, std::vector<std::string>>> open_nodes(const std::vector<Open>& open) const
  {
    std::vector<std::pair<const Value*, std::vector<std::string>>> nodes{{&m_schema, {}}};
    for (const auto& o : open)
      if (o.node)
        nodes.emplace_back(o.node, o.path);
    return nodes;
  }

  // Finds a dotted name from the innermost context outwards, as Mustache does.
  const Value* resolve(const Tag& tag, const std::vector<std::pair<const Value*, std::vector<std::string>>>& contexts,
                       std::vector<std::string>& path)
  {
    if (tag.name == ".")
      return contexts.back().first;
    std::vector<std::string> parts;
    for (size_t start = 0;;) {
      const auto dot = tag.name.find('.', start);
      parts.push_back(tag.name.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
      if (dot == std::string::npos)
        break;
      start = dot + 1;
    }
    for (auto it = contexts.rbegin(); it != contexts.rend(); ++it) {
      const Value* node = it->first;
      if (node->kind != Value::Kind::object || !node->fields.count(parts.front()))
        continue;
      path = it->second;
      for (const auto& part : parts) {
        if (node->kind != Value::Kind::object || !node->fields.count(part)) {
          problem(tag.line, fmt::format("unknown variable '{}' ('{}' has no '{}')", tag.name, join_path(path), part));
          return nullptr;
        }
        node = &node->fields.at(part);
        path.push_back(part);
      }
      check_personal(tag, path);
      if (path.front() == "intervention" && m_template.interventions.empty()) {
        problem(tag.line, fmt::format("'{}' is for a letter about an intervention: add 'interventions: [...]' with the "
                                      "profile's codes of the kinds it is about, e.g. [cpw]",
                                      join_path(path)));
        return nullptr;
      }
      return node;
    }
    std::vector<std::string> known;
    for (const auto& [name, value] : contexts.back().first->fields)
      known.push_back(name);
    const bool vowel = !m_template.kind.empty() && std::string("aeiou").find(m_template.kind[0]) != std::string::npos;
    problem(tag.line, fmt::format("unknown variable '{}' for {} {} template (known here: {})", tag.name,
                                  vowel ? "an" : "a", m_template.kind, core::join(known, ", ")));
    return nullptr;
  }

  void check_personal(const Tag& tag, const std::vector<std::string>& path)
  {
    const auto& personal = core::personal_fields();
    const std::string full = join_path(path);
    const bool is_personal = std::find(personal.begin(), personal.end(), full) != personal.end() ||
                             (full == "person" && tag.type != 'v');
    if (!is_personal || full == "person")
      return;
    const auto& allowed = m_template.fields;
    if (std::find(allowed.begin(), allowed.end(), full) == allowed.end())
      problem(tag.line, fmt::format("'{}' is personal data: list it under 'fields:' if this document must show it", full));
  }

  // Splits text into tags; false (with a problem) when a tag is not closed.
  bool scan(const std::string& text, long first_line, std::vector<Tag>& tags)
  {
    long line = first_line;
    size_t pos = 0;
    while (true) {
      const auto open = text.find("{{", pos);
      if (open == std::string::npos)
        return true;
      line += std::count(text.begin() + static_cast<long>(pos), text.begin() + static_cast<long>(open), '\n');
      const bool triple = text.compare(open, 3, "{{{") == 0;
      const auto close = text.find(triple ? "}}}" : "}}", open + (triple ? 3 : 2));
      if (close == std::string::npos) {
        problem(line, "a tag opened with '{{' is not closed with '}}'");
        return false;
      }
      std::string inside = text.substr(open + (triple ? 3 : 2), close - open - (triple ? 3 : 2));
      Tag tag{'v', "", line};
      if (triple) {
        tag.type = '{';
      } else if (!inside.empty() && std::string("#^/!>&=").find(inside[0]) != std::string::npos) {
        tag.type = inside[0];
        inside = inside.substr(1);
      }
      tag.name = core::trim(inside);
      if (tag.type != '!' && tag.name.empty()) {
        problem(line, "an empty tag '{{}}'");
      } else {
        tags.push_back(tag);
      }
      line += std::count(text.begin() + static_cast<long>(open), text.begin() + static_cast<long>(close), '\n');
      pos = close + (triple ? 3 : 2);
    }
  }

  void problem(long line, const std::string& message)
  {
    m_problems.push_back(fmt::format("{}:{}: {}", m_template.file, line, message));
  }

  const core::Template& m_template;
  std::vector<std::string>& m_problems;
  const Value& m_schema;
};

} // namespace

std::vector<std::string> check_template(const core::Template& t)
{
  std::vector<std::string> problems;
  Checker checker(t, problems);
  if (!t.subject.empty())
    checker.check(t.subject, t.subject_line);
  checker.check(t.body, t.body_line);
  return problems;
}

} // namespace panel::render
