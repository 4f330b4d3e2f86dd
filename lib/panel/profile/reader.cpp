#include "panel/profile/reader.hpp"

#include "panel/core/error.hpp"
#include "panel/core/text.hpp"

#include <algorithm>
#include <charconv>
#include <fmt/format.h>

namespace panel::profile {

std::string join_path(const std::string& path, const std::string& key)
{
  return path.empty() ? key : path + "." + key;
}

void Reader::fail(const YAML::Node& at, const std::string& path, const std::string& problem) const
{
  std::string where;
  if (!m_source.empty()) {
    const auto mark = at.IsDefined() ? at.Mark() : YAML::Mark::null_mark();
    where = mark.is_null() ? m_source + ": " : fmt::format("{}:{}: ", m_source, mark.line + 1);
  }
  throw refused(where + (path.empty() ? problem : path + ": " + problem));
}

void Reader::expect_map(const YAML::Node& node, const std::string& path,
                        const std::vector<std::string>& known) const
{
  if (!node.IsMap())
    fail(node, path, "expected a mapping of keys to values");
  std::vector<std::string> seen;
  for (const auto& item : node) {
    if (!item.first.IsScalar())
      fail(item.first, path, "keys are plain words");
    const auto key = item.first.Scalar();
    // yaml-cpp keeps both copies of a repeated key and answers with the first: refuse instead.
    if (std::find(seen.begin(), seen.end(), key) != seen.end())
      fail(item.first, path, fmt::format("key '{}' is given twice", key));
    seen.push_back(key);
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      const auto hint = core::close_matches(key, known);
      fail(item.first, path,
           hint.empty() ? fmt::format("unknown key '{}' (known: {})", key, core::join(known, ", "))
                        : fmt::format("unknown key '{}' (did you mean '{}'?)", key, hint.front()));
    }
  }
}

void Reader::expect_list(const YAML::Node& node, const std::string& path) const
{
  if (node.IsDefined() && !node.IsNull() && !node.IsSequence())
    fail(node, path, "expected a list");
}

YAML::Node Reader::child(const YAML::Node& map, const std::string& path, const std::string& key,
                         bool required) const
{
  const YAML::Node node = map[key];
  if (required && !node.IsDefined())
    fail(map, path, fmt::format("missing required key '{}'", key));
  if (required && node.IsNull())
    fail(node, join_path(path, key), "needs a value");
  return node;
}

std::string Reader::text(const YAML::Node& node, const std::string& path) const
{
  if (!node.IsDefined() || node.IsNull())
    return "";
  if (!node.IsScalar())
    fail(node, path, "expected text");
  const auto& s = node.Scalar();
  if (!core::valid_utf8(s))
    fail(node, path, "text is not valid UTF-8");
  if (m_stored)
    return core::strip_controls(s);
  // A NUL, ESC or CR would cut the value short in the register, drive a terminal, or break the
  // marking line of a CSV file: only line breaks and tabs are text.
  if (core::strip_controls(s) != s)
    fail(node, path, "holds a control character (such as NUL, ESC or a carriage return); remove it");
  if (s.size() > max_text)
    fail(node, path, fmt::format("is {} characters long; at most {} are kept", s.size(), max_text));
  return s;
}

std::string Reader::line(const YAML::Node& node, const std::string& path) const
{
  std::string s = text(node, path);
  if (m_stored) {
    std::replace_if(s.begin(), s.end(), [](char c) { return c == '\n' || c == '\t'; }, ' ');
    return s;
  }
  if (s.find_first_of("\n\t") != std::string::npos)
    fail(node, path, "is one line of text: remove the line break or tab");
  if (s.size() > max_line)
    fail(node, path, fmt::format("is {} characters long; at most {} fit on one line", s.size(), max_line));
  return s;
}

long Reader::integer(const YAML::Node& node, const std::string& path, long min, long max) const
{
  if (!node.IsScalar())
    fail(node, path, "expected a whole number");
  const auto& s = node.Scalar();
  long value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size())
    fail(node, path, fmt::format("expected a whole number, got '{}'", s));
  if (value < min || value > max)
    fail(node, path, fmt::format("{} is out of range ({} to {})", value, min, max));
  return value;
}

bool Reader::flag(const YAML::Node& node, const std::string& path) const
{
  if (node.IsScalar()) {
    std::string s = node.Scalar();
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    if (s == "true" || s == "yes")
      return true;
    if (s == "false" || s == "no")
      return false;
  }
  fail(node, path, node.IsScalar() && !node.IsNull() ? fmt::format("expected true or false, got '{}'", node.Scalar())
                                                      : std::string("expected true or false"));
}

std::vector<std::string> Reader::text_list(const YAML::Node& node, const std::string& path) const
{
  expect_list(node, path);
  std::vector<std::string> values;
  if (!node.IsDefined() || node.IsNull())
    return values;
  for (size_t i = 0; i < node.size(); ++i)
    values.push_back(text(node[i], fmt::format("{}[{}]", path, i)));
  return values;
}

} // namespace panel::profile
