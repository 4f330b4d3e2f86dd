#include "panel/input/values.hpp"

#include "panel/core/error.hpp"
#include "panel/core/text.hpp"

#include <algorithm>
#include <charconv>
#include <fmt/format.h>
#include <utility>

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
  std::string flag = field;
  if (flag.starts_with("other_parties"))
    flag = "party" + flag.substr(13);  // "--party[1].dob": the second --party flag's date of birth
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
  if (const auto problem = core::year_range_problem(*date); !problem.empty())
    field_error(source, line, field, problem);
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
  if (n == "other_party" || n == "party" || n == "parties")
    return "other_parties";
  const auto& fields = core::referral_fields();
  return std::find(fields.begin(), fields.end(), n) != fields.end() ? n : "";
}

std::optional<Field> field_named(const std::string& name)
{
  static const std::vector<std::pair<std::string, Field>> fields = {
      {"received", Field::received},
      {"agency", Field::agency},
      {"referrer", Field::referrer},
      {"referrer_email", Field::referrer_email},
      {"source_ref", Field::source_ref},
      {"person", Field::person},
      {"name", Field::name},
      {"dob", Field::dob},
      {"gender", Field::gender},
      {"postcode", Field::postcode},
      {"resident", Field::resident},
      {"bame", Field::bame},
      {"lgbt", Field::lgbt},
      {"disability", Field::disability},
      {"role", Field::role},
      {"category", Field::category},
      {"vulnerable", Field::vulnerable},
      {"risk_level", Field::risk_level},
      {"risk_score", Field::risk_score},
      {"risk_instrument", Field::risk_instrument},
      {"incidents_12m", Field::incidents_12m},
      {"agencies_involved", Field::agencies_involved},
      {"children", Field::children},
      {"professional_judgement", Field::professional_judgement},
      {"consent", Field::consent},
      {"consent_rationale", Field::consent_rationale},
      {"summary", Field::summary},
      {"other_parties", Field::other_parties},
  };
  for (const auto& [known, field] : fields)
    if (known == name)
      return field;
  return std::nullopt;
}

bool set_field(core::Referral& r, const std::string& field, const std::string& text, const std::string& source,
               long line)
{
  const auto known = field_named(field);
  if (!known)
    return false;
  set_field(r, *known, field, text, source, line);
  return true;
}

void set_field(core::Referral& r, Field field, const std::string& name, const std::string& text,
               const std::string& source, long line)
{
  // Line ends inside a field are LF whatever the file used (CSV from Windows has CRLF).
  if (text.find('\r') != std::string::npos) {
    std::string unified;
    for (size_t i = 0; i < text.size(); ++i)
      if (text[i] != '\r')
        unified += text[i];
      else if (i + 1 >= text.size() || text[i + 1] != '\n')
        unified += '\n';
    set_field(r, field, name, unified, source, line);
    return;
  }
  auto number = [&] { return parse_int(text, source, line, name); };
  auto flag = [&] { return parse_flag(text, source, line, name); };
  // Free text keeps its inner spacing; codes are trimmed.
  auto code = [&] { return core::trim(text); };
  switch (field) {
  case Field::received:
    r.received = parse_date(text, source, line, name).value_or(core::Date());
    break;
  case Field::agency:
    r.agency = code();
    break;
  case Field::referrer:
    r.referrer_name = code();
    break;
  case Field::referrer_email:
    r.referrer_email = code();
    break;
  case Field::source_ref:
    r.source_ref = code();
    break;
  case Field::person: {
    const auto id = number();
    if (id && *id <= 0)
      field_error(source, line, name, "a person id is a positive number");
    r.person_id = id ? std::optional<std::int64_t>(*id) : std::nullopt;
    break;
  }
  case Field::name:
    r.name = code();
    break;
  case Field::dob:
    r.dob = parse_date(text, source, line, name);
    break;
  case Field::gender:
    r.gender = code();
    break;
  case Field::postcode:
    r.postcode = code();
    break;
  case Field::resident:
    r.resident = flag();
    break;
  case Field::bame:
    r.bame = flag();
    break;
  case Field::lgbt:
    r.lgbt = flag();
    break;
  case Field::disability:
    r.disability = flag();
    break;
  case Field::role:
    r.role = lower(code());
    break;
  case Field::category:
    for (auto& c : parse_list(text))
      if (std::find(r.categories.begin(), r.categories.end(), c) == r.categories.end())
        r.categories.push_back(std::move(c));
    break;
  case Field::vulnerable:
    r.vulnerable = flag().value_or(false);
    break;
  case Field::risk_level:
    r.risk_level = lower(code());
    break;
  case Field::risk_score:
    r.risk_score = number();
    break;
  case Field::risk_instrument:
    r.risk_instrument = code();
    break;
  case Field::incidents_12m:
    r.incidents_12m = number();
    break;
  case Field::agencies_involved:
    r.agencies_involved = number();
    break;
  case Field::children:
    r.children = number();
    break;
  case Field::professional_judgement:
    r.professional_judgement = flag().value_or(false);
    break;
  case Field::consent:
    r.consent = lower(code());
    break;
  case Field::consent_rationale:
    r.consent_rationale = code();
    break;
  case Field::summary:
    r.summary = code();
    break;
  case Field::other_parties:
    parse_parties(r.other_parties, text, source, line);
    break;
  }
}

} // namespace panel::input
