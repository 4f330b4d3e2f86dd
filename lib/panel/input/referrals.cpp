#include "panel/input/referrals.hpp"

#include "panel/core/error.hpp"
#include "panel/core/text.hpp"
#include "panel/input/csv.hpp"
#include "panel/input/values.hpp"
#include "panel/input/yaml_document.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <set>
#include <sstream>
#include <yaml-cpp/yaml.h>

namespace panel::input {

long ReferralRecord::line_of(const std::string& field) const
{
  // "other_parties[2].name", else the party "other_parties[2]", else the list "other_parties".
  for (std::string f = field;;) {
    if (const auto it = lines.find(f); it != lines.end())
      return it->second;
    const auto cut = f.find_last_of(".[");
    if (cut == std::string::npos || cut == 0)
      return line;
    f.resize(cut);
  }
}

namespace {

long line_of(const YAML::Node& node) { return node.Mark().is_null() ? 0 : node.Mark().line + 1; }

// The end of reading one referral: its problems are thrown together unless the caller takes
// them from the record.
void finish(ReferralRecord& record, const ReadSettings& settings)
{
  if (record.problems.empty() || settings.problems_in_record)
    return;
  std::vector<std::string> messages;
  for (const auto& p : record.problems)
    messages.push_back(p.message);
  throw RecordProblem(messages, record.problems.front().line);
}

// Runs `read`; a RecordProblem it throws is kept in the record against `field`, so that the
// other fields are still read and every problem is reported at once.
template <typename Read>
void keeping_problems(ReferralRecord& record, const std::string& field, long line, Read read)
{
  try {
    read();
  } catch (const RecordProblem& e) {
    record.problems.push_back({e.line() ? e.line() : line, field, e.what()});
  }
}

std::string known_fields()
{
  return "received, agency, source_ref, person, referrer, subject, role, categories, vulnerable, risk_level, "
         "risk_score, risk_instrument, incidents_12m, agencies_involved, children, professional_judgement, "
         "consent, consent_rationale, summary, other_parties";
}

class YamlReferrals : public ReferralReader {
public:
  YamlReferrals(std::istream& in, std::string source) : m_source(std::move(source))
  {
    std::ostringstream text;
    text << in.rdbuf();
    m_doc = load_document(text.str(), m_source);
    if (m_doc.IsMap() && m_doc["referrals"]) {
      for (const auto& item : m_doc)
        if (item.first.Scalar() != "referrals")
          field_error(m_source, line_of(item.first), item.first.Scalar(),
                      "a file with a 'referrals:' list has nothing else at the top level");
      m_list = m_doc["referrals"];
      if (!m_list.IsSequence())
        field_error(m_source, line_of(m_list), "referrals", "expected a list of referrals");
    } else if (m_doc.IsMap()) {
      m_list = YAML::Node(YAML::NodeType::Sequence);
      m_list.push_back(m_doc);
    } else if (m_doc.IsSequence()) {
      m_list = m_doc;
    } else if (!m_doc.IsNull() && m_doc.IsDefined()) {
      field_error(m_source, line_of(m_doc), "referrals", "expected a referral (a mapping) or a 'referrals:' list");
    }
  }

  bool next(ReferralRecord& record) override
  {
    if (!m_list.IsDefined() || m_list.IsNull() || m_index >= m_list.size())
      return false;
    const YAML::Node node = m_list[m_index++];
    record = ReferralRecord{};
    record.line = line_of(node);
    if (!node.IsMap())
      field_error(m_source, record.line, fmt::format("referrals[{}]", m_index - 1), "expected a mapping of fields");
    read(node, record);
    finish(record, m_settings);
    return true;
  }

private:
  std::string scalar(const YAML::Node& node, const std::string& field)
  {
    if (node.IsNull())
      return "";
    if (!node.IsScalar())
      field_error(m_source, line_of(node), field, "expected a single value, not a list or mapping");
    return node.Scalar();
  }

  void set(ReferralRecord& record, const std::string& field, const YAML::Node& value)
  {
    record.lines[field] = line_of(value);
    set_field(record.referral, field, scalar(value, field), m_source, line_of(value), m_settings.date_order);
  }

  void read_subject(const YAML::Node& subject, ReferralRecord& record)
  {
    if (!subject.IsMap())
      field_error(m_source, line_of(subject), "subject", "expected a mapping (name, dob, gender, ...)");
    static const std::set<std::string> keys = {"name", "dob", "gender", "postcode", "address", "resident", "bame", "lgbt", "disability"};
    for (const auto& item : subject) {
      const auto key = item.first.Scalar();
      keeping_problems(record, key, line_of(item.first), [&] {
        if (!keys.count(key))
          field_error(m_source, line_of(item.first), "subject." + key,
                      "unknown field (known: name, dob, gender, postcode, address, resident, bame, lgbt, disability)");
        set(record, key, item.second);
      });
    }
  }

  void read_referrer(const YAML::Node& referrer, ReferralRecord& record)
  {
    if (referrer.IsScalar()) {
      set(record, "referrer", referrer);
      return;
    }
    if (!referrer.IsMap())
      field_error(m_source, line_of(referrer), "referrer", "expected a mapping (name, email)");
    for (const auto& item : referrer) {
      const auto key = item.first.Scalar();
      if (key == "name")
        set(record, "referrer", item.second);
      else if (key == "email")
        set(record, "referrer_email", item.second);
      else
        field_error(m_source, line_of(item.first), "referrer." + key, "unknown field (known: name, email)");
    }
  }

  void read_parties(const YAML::Node& list, ReferralRecord& record)
  {
    if (!list.IsSequence())
      field_error(m_source, line_of(list), "other_parties", "expected a list of people");
    for (size_t i = 0; i < list.size(); ++i) {
      const auto field = fmt::format("other_parties[{}]", i);
      const YAML::Node p = list[i];
      if (!p.IsMap())
        field_error(m_source, line_of(p), field, "expected a mapping (name, dob, role, relationship)");
      record.lines[field] = line_of(p);
      core::OtherParty party;
      for (const auto& item : p) {
        const auto key = item.first.Scalar();
        const auto sub = field + "." + key;
        record.lines[sub] = line_of(item.second);
        if (key == "name")
          party.name = core::trim(scalar(item.second, sub));
        else if (key == "dob")
          party.dob = parse_date(scalar(item.second, sub), m_source, line_of(item.second), sub, m_settings.date_order);
        else if (key == "role") {
          party.role = core::trim(scalar(item.second, sub));
          std::transform(party.role.begin(), party.role.end(), party.role.begin(),
                         [](unsigned char c) { return std::tolower(c); });
        }
        else if (key == "relationship")
          party.relationship = core::trim(scalar(item.second, sub));
        else
          field_error(m_source, line_of(item.first), sub, "unknown field (known: name, dob, role, relationship)");
      }
      record.referral.other_parties.push_back(std::move(party));
    }
  }

  void read(const YAML::Node& node, ReferralRecord& record)
  {
    std::set<std::string> seen;
    for (const auto& item : node) {
      if (!item.first.IsScalar())
        field_error(m_source, line_of(item.first), "referral", "field names are plain words");
      const std::string key = item.first.Scalar();
      // yaml-cpp would keep both and answer with the first: a field given twice is a mistake.
      if (!seen.insert(key).second)
        field_error(m_source, line_of(item.first), key, "is given twice in this referral");
      record.lines[key] = line_of(item.second);
      const auto field = canonical_field(key);
      keeping_problems(record, field.empty() ? key : field, line_of(item.second), [&] { read_one(key, item, record); });
    }
  }

  void read_one(const std::string& key, const std::pair<YAML::Node, YAML::Node>& item, ReferralRecord& record)
  {
    if (key == "subject")
      read_subject(item.second, record);
    else if (key == "referrer")
      read_referrer(item.second, record);
    else if (key == "other_parties")
      read_parties(item.second, record);
    else if ((key == "categories" || key == "category") && item.second.IsSequence()) {
      record.lines["category"] = line_of(item.second);
      for (const auto& c : item.second)
        set_field(record.referral, "category", scalar(c, "category"), m_source, line_of(c), m_settings.date_order);
    } else if (const auto field = canonical_field(key); !field.empty()) {
      set(record, field, item.second);
    } else {
      field_error(m_source, line_of(item.first), key, fmt::format("unknown field (known: {})", known_fields()));
    }
  }

  std::string m_source;
  YAML::Node m_doc, m_list;
  size_t m_index = 0;
};

// A row Excel leaves behind: every cell empty or spaces (",,,,,").
bool blank(const CsvRecord& row)
{
  return std::all_of(row.fields.begin(), row.fields.end(), [](const std::string& f) { return core::trim(f).empty(); });
}

// The names a CSV header may use for the fields, for "did you mean".
std::vector<std::string> column_names()
{
  auto names = core::referral_fields();
  names.push_back("categories");
  return names;
}

class CsvReferrals : public ReferralReader {
public:
  CsvReferrals(std::istream& in, std::string source) : m_source(std::move(source)), m_csv(in, m_source) {}

  bool next(ReferralRecord& record) override
  {
    if (!m_header_read) {
      m_header_read = true;
      read_header();  // after configure(), which says whether an unknown column refuses the file
    }
    do {
      if (!m_has_header || !m_csv.next(m_row))
        return false;
    } while (blank(m_row));
    record = ReferralRecord{};
    record.line = m_row.line;
    if (m_row.fields.size() != m_columns.size())
      field_error(m_source, m_row.line, "row",
                  fmt::format("has {} fields but the header has {} columns", m_row.fields.size(), m_columns.size()));
    for (size_t i = 0; i < m_columns.size(); ++i) {
      if (m_fields[i])
        keeping_problems(record, m_columns[i], m_row.line, [&] {
          set_field(record.referral, *m_fields[i], m_columns[i], m_row.fields[i], m_source, m_row.line,
                    m_settings.date_order);
        });
      else if (m_unnamed[i] && !core::trim(m_row.fields[i]).empty())
        record.problems.push_back({m_row.line, "row",
                                   fmt::format("{}:{}: column {}: has a value but the header names no field there",
                                               m_source, m_row.line, i + 1)});
    }
    finish(record, m_settings);
    return true;
  }

private:
  // Column names match fields whatever their case and surrounding spaces. A column that names no
  // field is ignored with a warning (refused with --strict); a column with no name must be empty.
  void read_header()
  {
    CsvRecord header;
    do {
      if (!m_csv.next(header))
        return;
    } while (blank(header));
    // Excel in some locales saves "CSV" with semicolons: one column named "Received;Agency;...".
    if (header.fields.size() == 1 && header.fields[0].find(';') != std::string::npos)
      throw RecordProblem(fmt::format("{}:{}: the columns are separated by ';': in Excel, save as "
                                      "'CSV UTF-8 (Comma delimited)'",
                                      m_source, header.line),
                          header.line);
    m_has_header = true;
    std::set<std::string> seen;
    std::vector<std::string> problems;
    std::map<std::string, std::string> lookalikes;  // field -> the unknown column that looks like it
    for (size_t i = 0; i < header.fields.size(); ++i) {
      const auto name = core::strip_controls(core::trim(header.fields[i]));
      auto field = name.empty() ? "" : canonical_field(name);
      if (!name.empty() && field.empty()) {
        const auto near = core::close_matches(lower(name), column_names());
        if (!near.empty())
          lookalikes.emplace(canonical_field(near.front()), name);
        const auto hint = near.empty() ? fmt::format("known: {}", core::join(core::referral_fields(), ", "))
                                       : fmt::format("did you mean '{}'?", near.front());
        if (m_settings.strict)
          problems.push_back(fmt::format("{}:{}: column '{}' is not a referral field ({}); --strict refuses it: "
                                         "rename or remove the column, or leave out --strict to ignore it",
                                         m_source, header.line, name, hint));
        else
          m_warnings.push_back(fmt::format("{}:{}: column '{}' is not a referral field and is ignored ({})",
                                           m_source, header.line, name, hint));
      } else if (!field.empty() && !seen.insert(field).second) {
        problems.push_back(fmt::format("{}:{}: {}: the column appears twice", m_source, header.line, field));
        field.clear();
      }
      m_columns.push_back(field);
      m_fields.push_back(field.empty() ? std::nullopt : field_named(field));
      m_unnamed.push_back(name.empty());
    }
    for (const auto& field : core::referral_fields())
      if (!seen.count(field)) {
        const auto like = lookalikes.find(field);
        m_absent_columns[field] =
            like == lookalikes.end()
                ? fmt::format("{}:{}: the column '{}' is missing: add it to the header row", m_source, header.line, field)
                : fmt::format("{}:{}: the column '{}' is missing; the header '{}' looks like it: rename it", m_source,
                              header.line, field, like->second);
      }
    if (!problems.empty())
      throw RecordProblem(problems, header.line);
  }

  static std::string lower(std::string text)
  {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
  }

  std::string m_source;
  CsvReader m_csv;
  CsvRecord m_row;
  std::vector<std::string> m_columns;          // the field of each column, "" for one ignored
  std::vector<std::optional<Field>> m_fields;  // of each column, looked up once
  std::vector<bool> m_unnamed;                 // the header has no name for this column
  bool m_header_read = false;
  bool m_has_header = false;
};

class FieldReferral : public ReferralReader {
public:
  explicit FieldReferral(std::vector<std::pair<std::string, std::string>> fields) : m_fields(std::move(fields)) {}
  bool next(ReferralRecord& record) override
  {
    if (m_done)
      return false;
    m_done = true;
    record = ReferralRecord{};
    for (const auto& entry : m_fields) {
      // Named, not a structured binding: clang before 16 cannot capture a binding in a lambda.
      const std::string& field = entry.first;
      const std::string& text = entry.second;
      keeping_problems(record, canonical_field(field), 0,
                       [&] { set_field(record.referral, field, text, "", 0, m_settings.date_order); });
    }
    finish(record, m_settings);
    return true;
  }

private:
  std::vector<std::pair<std::string, std::string>> m_fields;
  bool m_done = false;
};

} // namespace

std::unique_ptr<ReferralReader> referral_from_fields(std::vector<std::pair<std::string, std::string>> fields)
{
  return std::make_unique<FieldReferral>(std::move(fields));
}

FileKind guess_kind(const std::string& path, const std::string& line)
{
  // Excel's "CSV UTF-8" starts with a byte order mark.
  const std::string first_line = line.rfind("\xEF\xBB\xBF", 0) == 0 ? line.substr(3) : line;
  auto ends = [&](const char* suffix) { return path.ends_with(suffix); };
  if (ends(".csv") || ends(".CSV"))
    return FileKind::csv;
  if (ends(".yaml") || ends(".yml") || ends(".YAML"))
    return FileKind::yaml;
  const auto comma = first_line.find(',');
  const auto colon = first_line.find(':');
  std::string name = comma == std::string::npos ? "" : first_line.substr(0, comma);
  if (name.size() >= 2 && name.front() == '"' && name.back() == '"')
    name = name.substr(1, name.size() - 2);  // a spreadsheet may quote every header cell
  if (comma != std::string::npos && (colon == std::string::npos || comma < colon) && !canonical_field(name).empty())
    return FileKind::csv;
  return FileKind::yaml;
}

std::unique_ptr<ReferralReader> referral_reader(std::istream& in, const std::string& source, FileKind kind)
{
  if (kind == FileKind::csv)
    return std::make_unique<CsvReferrals>(in, source);
  return std::make_unique<YamlReferrals>(in, source);
}

} // namespace panel::input
