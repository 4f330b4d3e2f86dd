#include "panel/input/police.hpp"

#include "panel/core/error.hpp"
#include "panel/core/text.hpp"
#include "panel/input/file.hpp"
#include "panel/input/values.hpp"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <fmt/format.h>
#include <utility>

namespace panel::input {
namespace {

constexpr std::size_t index_of(PoliceColumn column) { return static_cast<std::size_t>(column); }

// A value as shown in a message: controls removed and cut short, so a hostile field cannot
// flood the terminal.
std::string shown(const std::string& text)
{
  std::string out = core::strip_controls(text);
  if (out.size() <= 40)
    return out;
  std::size_t cut = 40;
  while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xc0) == 0x80)
    --cut;  // never split a UTF-8 sequence
  return out.substr(0, cut) + "...";
}

// A coordinate: empty, or a finite number within [-limit, limit].
std::optional<double> coordinate(const std::string& text, double limit, const std::string& source, long line,
                                 PoliceColumn column)
{
  if (text.empty())
    return std::nullopt;
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  const auto& name = police_header()[index_of(column)];
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
    field_error(source, line, name, fmt::format("'{}' is not a number", shown(text)));
  if (value < -limit || value > limit)
    field_error(source, line, name, fmt::format("{} is out of range (-{} to {})", text, limit, limit));
  return value;
}

} // namespace

const std::array<std::string, police_columns>& police_header()
{
  static const std::array<std::string, police_columns> names = {
      "Crime ID",  "Month",     "Reported by", "Falls within", "Longitude",             "Latitude",
      "Location",  "LSOA code", "LSOA name",   "Crime type",   "Last outcome category", "Context"};
  return names;
}

std::string read_street_file(const std::string& path, std::istream* standard_input)
{
  return read_file(path, police_file_mb, standard_input);
}

// A police.uk field is one line of printable text: a NUL, ESC or other control character (or a
// line break inside quotes) is damage or mischief, and would reach tables, terminals and reports.
bool has_control(std::string_view text)
{
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7f)
      return true;
    if (c == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(text[i + 1]) <= 0x9f)
      return true;  // a C1 control, U+0080..U+009F
  }
  return false;
}

bool is_month(const std::string& text)
{
  if (text.size() != 7 || text[4] != '-')
    return false;
  for (const std::size_t i : {0, 1, 2, 3, 5, 6})
    if (text[i] < '0' || text[i] > '9')
      return false;
  const int month = (text[5] - '0') * 10 + (text[6] - '0');
  return month >= 1 && month <= 12;
}

PoliceReader::PoliceReader(std::istream& in, std::string source) : m_source(std::move(source)), m_csv(in, m_source)
{
  const auto& names = police_header();
  CsvRecord header;
  if (!m_csv.next(header))
    throw refused(fmt::format("{}: the file is empty (expected the header '{}')", m_source, core::join({names.begin(), names.end()}, ",")));
  std::array<bool, police_columns> seen{};
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const auto& name = header.fields[i];
    std::size_t column = 0;
    while (column < police_columns && names[column] != name)
      ++column;
    if (column == police_columns) {
      const auto close = core::close_matches(name, {names.begin(), names.end()});
      throw refused(fmt::format("{}:{}: unknown column '{}' ({})", m_source, header.line, shown(name),
                                close.empty() ? "not a data.police.uk street file?"
                                              : fmt::format("did you mean '{}'?", close.front())));
    }
    if (seen[column])
      throw refused(fmt::format("{}:{}: the column '{}' appears twice", m_source, header.line, name));
    seen[column] = true;
    m_position[column] = i;
  }
  for (std::size_t column = 0; column < police_columns; ++column)
    if (!seen[column])
      throw refused(fmt::format("{}:{}: missing column '{}'", m_source, header.line, names[column]));
}

bool PoliceReader::next(PoliceRow& row)
{
  if (!m_csv.next(m_record))
    return false;
  row.line = m_record.line;
  auto& fields = m_record.fields;
  if (fields.size() != police_columns)
    field_error(m_source, row.line, "row",
                fmt::format("has {} fields but the header has {} columns", fields.size(), police_columns));
  // Swapped, not copied: both sides keep their capacity for the next row.
  for (std::size_t column = 0; column < police_columns; ++column)
    std::swap(row.fields[column], fields[m_position[column]]);

  const auto& names = police_header();
  for (std::size_t column = 0; column < police_columns; ++column) {
    if (has_control(row.fields[column]))
      field_error(m_source, row.line, names[column], "holds a control character (such as NUL or ESC)");
    if (row.fields[column].size() > max_police_field)
      field_error(m_source, row.line, names[column],
                  fmt::format("is {} characters long; a police.uk field has at most {}", row.fields[column].size(),
                              max_police_field));
  }
  const auto& month = row[PoliceColumn::month];
  if (!is_month(month))
    field_error(m_source, row.line, names[index_of(PoliceColumn::month)],
                fmt::format("'{}' is not a month (use YYYY-MM)", shown(month)));
  if (row[PoliceColumn::reported_by].empty())
    field_error(m_source, row.line, names[index_of(PoliceColumn::reported_by)], "is empty (the force is required)");
  row.longitude = coordinate(row[PoliceColumn::longitude], 180, m_source, row.line, PoliceColumn::longitude);
  row.latitude = coordinate(row[PoliceColumn::latitude], 90, m_source, row.line, PoliceColumn::latitude);
  if (row.longitude.has_value() != row.latitude.has_value())
    field_error(m_source, row.line, names[index_of(row.longitude ? PoliceColumn::latitude : PoliceColumn::longitude)],
                "is empty but the other coordinate is not");
  if (row[PoliceColumn::crime_type].empty())
    field_error(m_source, row.line, names[index_of(PoliceColumn::crime_type)], "is empty (the type is required)");
  return true;
}

} // namespace panel::input
