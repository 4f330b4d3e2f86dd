#include "panel/input/values.hpp"

#include "panel/core/error.hpp"
#include "panel/core/text.hpp"

#include <algorithm>
#include <charconv>
#include <fmt/format.h>

namespace panel::input {
namespace {

std::string lower(std::string text)
{
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

std::optional<int> parse_int(const std::string& text, const std::string& source, long line, const std::string& field)
{
  const std::string t = core::trim(text);
  if (t.empty())
    return std::nullopt;
  long value = 0;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (ec == std::errc::result_out_of_range || (ec == std::errc() && (value > 1000000000 || value < -1000000000)))
    field_error(source, line, field, fmt::format("'{}' is far too large", t));
  if (ec != std::errc() || end != t.data() + t.size())
    field_error(source, line, field, fmt::format("expected a whole number, got '{}'", core::strip_controls(t)));
  return static_cast<int>(value);
}

std::optional<bool> parse_flag(const std::string& text, const std::string& source, long line, const std::string& field)
{
  const std::string t = lower(core::trim(text));
  if (t.empty())
    return std::nullopt;
  if (t == "true" || t == "yes" || t == "y" || t == "1")
    return true;
  if (t == "false" || t == "no" || t == "n" || t == "0")
    return false;
  field_error(source, line, field, fmt::format("expected true or false, got '{}'", core::strip_controls(t)));
}

// "suicide; mental-health" or "suicide,mental-health" -> two codes.
std::vector<std::string> parse_list(const std::string& text)
{
  std::vector<std::string> items;
  size_t start = 0;
  while (start <= text.size()) {
    const auto end = text.find_first_of(",;", start);
    const auto item = core::trim(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (!item.empty() && std::find(items.begin(), items.end(), item) == items.end())
      items.push_back(item);
    if (end == std::string::npos)
      break;
    start = end + 1;
  }
  return items;
}

} // namespace

std::string where(const std::string& source, long line, const std::string& field)
{
  if (!source.empty())
    return fmt::format("{}:{}: {}", source, line, field);
  std::string flag = field == "category" ? "category" : field == "referrer" ? "referrer" : field;
  std::replace(flag.begin(), flag.end(), '_', '-');
  return "--" + flag;
}

void field_error(const std::string& source, long line, const std::string& field, const std::string& problem)
{
  throw RecordProblem(fmt::format("{}: {}", where(source, line, field), problem));
}

std::optional<core::Date> parse_date(const std::string& text, const std::string& source, long line,
                                     const std::string& field)
{
  const std::string t = core::trim(text);
  if (t.empty())
    return std::nullopt;
  const auto date = core::Date::parse(t);
  if (!date)
    field_error(source, line, field,
                fmt::format("'{}' is not a date (use YYYY-MM-DD, e.g. 2017-09-04)", core::strip_controls(t)));
  return date;
}

std::string canonical_field(const std::string& name)
{
  std::string n = lower(core::trim(name));
  std::replace(n.begin(), n.end(), '-', '_');
  std::replace(n.begin(), n.end(), ' ', '_');
  if (n == "categories")
    return "category";
  if (n == "referrer_name")
    return "referrer";
  if (n == "person_id")
    return "person";
  const auto& fields = core::referral_fields();
  return std::find(fields.begin(), fields.end(), n) != fields.end() ? n : "";
}

bool set_field(core::Referral& r, const std::string& field, const std::string& text, const std::string& source,
               long line)
{
  // Line ends inside a field are LF whatever the file used (CSV from Windows has CRLF).
  if (text.find('\r') != std::string::npos) {
    std::string unified;
    for (size_t i = 0; i < text.size(); ++i)
      if (text[i] != '\r')
        unified += text[i];
      else if (i + 1 >= text.size() || text[i + 1] != '\n')
        unified += '\n';
    return set_field(r, field, unified, source, line);
  }
  auto number = [&] { return parse_int(text, source, line, field); };
  auto flag = [&] { return parse_flag(text, source, line, field); };
  // Free text keeps its inner spacing; codes are trimmed.
  const std::string code = core::trim(text);
  if (field == "received")
    r.received = parse_date(text, source, line, field).value_or(core::Date());
  else if (field == "agency")
    r.agency = code;
  else if (field == "referrer")
    r.referrer_name = code;
  else if (field == "referrer_email")
    r.referrer_email = code;
  else if (field == "source_ref")
    r.source_ref = code;
  else if (field == "person") {
    const auto id = number();
    if (id && *id <= 0)
      field_error(source, line, field, "a person id is a positive number");
    r.person_id = id ? std::optional<std::int64_t>(*id) : std::nullopt;
  } else if (field == "name")
    r.name = code;
  else if (field == "dob")
    r.dob = parse_date(text, source, line, field);
  else if (field == "gender")
    r.gender = code;
  else if (field == "postcode")
    r.postcode = code;
  else if (field == "resident")
    r.resident = flag();
  else if (field == "bame")
    r.bame = flag();
  else if (field == "lgbt")
    r.lgbt = flag();
  else if (field == "disability")
    r.disability = flag();
  else if (field == "role")
    r.role = lower(code);
  else if (field == "category") {
    for (auto& c : parse_list(text))
      if (std::find(r.categories.begin(), r.categories.end(), c) == r.categories.end())
        r.categories.push_back(std::move(c));
  } else if (field == "vulnerable")
    r.vulnerable = flag().value_or(false);
  else if (field == "risk_level")
    r.risk_level = lower(code);
  else if (field == "risk_score")
    r.risk_score = number();
  else if (field == "risk_instrument")
    r.risk_instrument = code;
  else if (field == "incidents_12m")
    r.incidents_12m = number();
  else if (field == "agencies_involved")
    r.agencies_involved = number();
  else if (field == "children")
    r.children = number();
  else if (field == "professional_judgement")
    r.professional_judgement = flag().value_or(false);
  else if (field == "consent")
    r.consent = lower(code);
  else if (field == "consent_rationale")
    r.consent_rationale = code;
  else if (field == "summary")
    r.summary = code;
  else
    return false;
  return true;
}

} // namespace panel::input
