#include "panel/input/yaml_fields.hpp"

#include "panel/core/error.hpp"
#include "panel/core/text.hpp"
#include "panel/input/dates.hpp"
#include "panel/input/yaml_document.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace panel::input {

long line_of(const YAML::Node& n) { return n.Mark().is_null() ? 1 : n.Mark().line + 1; }

bool blank(const YAML::Node& n)
{
  return !n.IsDefined() || n.IsNull() || (n.IsScalar() && core::trim(n.Scalar()).empty());
}

std::optional<YAML::Node> load_yaml(std::string_view text, const std::string& file, std::vector<std::string>& problems)
{
  try {
    return load_document(text, file);
  } catch (const Error& e) {
    problems.push_back(e.what());
    return std::nullopt;
  }
}

void FieldReader::problem(const YAML::Node& at, const std::string& field, const std::string& text)
{
  m_problems.push_back(fmt::format("{}:{}: {}: {}", m_file, line_of(at), field, text));
}

std::string FieldReader::text(const YAML::Node& n, const std::string& field)
{
  if (!n.IsDefined() || n.IsNull())
    return "";
  if (!n.IsScalar()) {
    problem(n, field, "expected text");
    return "";
  }
  const std::string s = n.Scalar();
  if (!core::valid_utf8(s) || core::strip_controls(s) != s) {
    problem(n, field, "has control characters or is not UTF-8");
    return "";
  }
  // As long as a referral's summary may be: minutes record a discussion, not a case file.
  const auto chars = static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xc0) != 0x80; }));
  if (chars > max_field_chars)  // the text is kept, so that "is required" does not follow
    problem(n, field, fmt::format("is {} characters long; the limit is {}", chars, max_field_chars));
  return core::trim(s);
}

std::optional<core::Date> FieldReader::date(const YAML::Node& n, const std::string& field)
{
  const auto t = text(n, field);
  if (t.empty())
    return std::nullopt;
  const auto reading = read_date(t, m_order);
  const auto d = reading.date;
  if (!d)
    problem(n, field, date_problem(t, reading.problem));
  else if (const auto out_of_range = core::year_range_problem(*d); !out_of_range.empty())
    problem(n, field, out_of_range);
  return d;
}

std::optional<bool> FieldReader::flag(const YAML::Node& n, const std::string& field)
{
  std::string t = text(n, field);
  std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::tolower(c); });
  if (t == "true" || t == "yes")
    return true;
  if (t == "false" || t == "no")
    return false;
  problem(n, field, fmt::format("expected true or false, got '{}'", t));
  return std::nullopt;
}

bool FieldReader::keys(const YAML::Node& n, const std::string& field, const std::vector<std::string>& known)
{
  if (!n.IsMap()) {
    problem(n, field, "expected a mapping");
    return false;
  }
  for (const auto& item : n) {
    const auto key = item.first.Scalar();
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      const auto hint = core::close_matches(key, known);
      problem(item.first, field.empty() ? key : field + "." + key,
              hint.empty() ? fmt::format("unknown key (known: {})", core::join(known, ", "))
                           : fmt::format("unknown key (did you mean '{}'?)", hint.front()));
    }
  }
  return true;
}

std::vector<core::NewAction> FieldReader::actions(const YAML::Node& list, const std::string& field, bool with_id)
{
  std::vector<core::NewAction> out;
  if (!list || list.IsNull())
    return out;
  if (!list.IsSequence()) {
    problem(list, field, "expected a list");
    return out;
  }
  for (size_t i = 0; i < list.size(); ++i) {
    const auto g = fmt::format("{}[{}]", field, i);
    const YAML::Node x = list[i];
    core::NewAction a;
    a.line = line_of(x);
    if (!keys(x, g, with_id ? std::vector<std::string>{"id", "owner", "description", "due"}
                            : std::vector<std::string>{"owner", "description", "due"}))
      continue;
    if (with_id)
      a.id = text(x["id"], g + ".id");
    a.owner = text(x["owner"], g + ".owner");
    a.description = text(x["description"], g + ".description");
    const auto due = date(x["due"], g + ".due");
    if (a.owner.empty())
      problem(x, g + ".owner", "every action needs an owner agency");
    if (a.description.empty())
      problem(x, g + ".description", "say what is to be done");
    if (blank(x["due"]))
      problem(x, g + ".due", "every action needs a due date");
    a.due = due.value_or(core::Date());
    out.push_back(a);
  }
  return out;
}

} // namespace panel::input
