#include "panel/input/values.hpp"

#include "panel/core/address.hpp"
#include "panel/core/error.hpp"
#include "panel/core/text.hpp"
#include "panel/input/dates.hpp"

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

RecordProblem::RecordProblem(const std::vector<std::string>& messages, long line)
    : Error(Exit::refused, core::join(messages, "\npanel: error: ")), m_messages(messages), m_line(line)
{
}

void field_error(const std::string& source, long line, const std::string& field, const std::string& problem)
{
  throw RecordProblem(fmt::format("{}: {}", where(source, line, field), problem), line);
}

std::optional<core::Date> parse_date(const std::string& text, const std::string& source, long line,
                                     const std::string& field, core::DateOrder order)
{
  const auto reading = read_date(text, order);
  if (!reading.problem.empty())
    field_error(source, line, field, date_problem(text, reading.problem));
  if (reading.date)
    if (const auto problem = core::year_range_problem(*reading.date); !problem.empty())
      field_error(source, line, field, problem);
  return reading.date;
}

std::string tidy_address(const std::string& text) { return core::address_lines(text, false); }

std::optional<std::string> tidy_postcode(const std::string& text)
{
  // Outward code: a letter or two, a digit, then a digit or letter or nothing; inward: digit and
  // two letters (e.g. EX1 1AA, SW1A 2AA, M1 1AE, GIR 0AA is not handled and stays as written).
  std::string compact;
  for (unsigned char c : core::trim(text))
    if (c != ' ')
      compact += static_cast<char>(std::toupper(c));
  auto letter = [](char c) { return c >= 'A' && c <= 'Z'; };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (compact.size() < 5 || compact.size() > 7)
    return std::nullopt;
  const std::string inward = compact.substr(compact.size() - 3), outward = compact.substr(0, compact.size() - 3);
  if (!digit(inward[0]) || !letter(inward[1]) || !letter(inward[2]) || !letter(outward[0]))
    return std::nullopt;
  const size_t letters = letter(outward[1]) ? 2 : 1;
  if (outward.size() <= letters || !digit(outward[letters]))
    return std::nullopt;
  const std::string rest = outward.substr(letters + 1);
  if (rest.size() > 1 || (rest.size() == 1 && !digit(rest[0]) && !letter(rest[0])))
    return std::nullopt;
  return outward + " " + inward;
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
      {"address", Field::address},
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
               long line, core::DateOrder order)
{
  const auto known = field_named(field);
  if (!known)
    return false;
  set_field(r, *known, field, text, source, line, order);
  return true;
}

void set_field(core::Referral& r, Field field, const std::string& name, const std::string& text,
               const std::string& source, long line, core::DateOrder order)
{
  // Line ends inside a field are LF whatever the file used (CSV from Windows has CRLF).
  if (text.find('\r') != std::string::npos) {
    std::string unified;
    for (size_t i = 0; i < text.size(); ++i)
      if (text[i] != '\r')
        unified += text[i];
      else if (i + 1 >= text.size() || text[i + 1] != '\n')
        unified += '\n';
    set_field(r, field, name, unified, source, line, order);
    return;
  }
  auto number = [&] { return parse_int(text, source, line, name); };
  auto flag = [&] { return parse_flag(text, source, line, name); };
  // Free text keeps its inner spacing; codes are trimmed.
  auto code = [&] { return core::trim(text); };
  switch (field) {
  case Field::received:
    r.received = parse_date(text, source, line, name, order).value_or(core::Date());
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
    r.dob = parse_date(text, source, line, name, order);
    break;
  case Field::gender:
    r.gender = code();
    break;
  case Field::postcode:
    // Tidied when it has a postcode's shape; anything else ("NFA") is kept as written, and
    // intake warns about it.
    r.postcode = tidy_postcode(text).value_or(code());
    break;
  case Field::address:
    r.address = tidy_address(text);
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
    parse_parties(r.other_parties, text, source, line, order);
    break;
  }
}

} // namespace panel::input
