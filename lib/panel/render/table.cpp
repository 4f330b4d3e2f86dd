#include "panel/render/table.hpp"

#include "panel/core/error.hpp"
#include "panel/core/text.hpp"
#include "panel/core/words.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace panel::render {
namespace {

// Display width of UTF-8 text: code points, which is right for the Latin scripts panels use.
size_t width(const std::string& text)
{
  return static_cast<size_t>(std::count_if(text.begin(), text.end(),
                                           [](unsigned char c) { return (c & 0xc0) != 0x80; }));
}

// Table cells are one line each: newlines and tabs become spaces, controls go.
std::string one_line(const std::string& text)
{
  std::string out = core::strip_controls(text);
  std::replace_if(out.begin(), out.end(), [](char c) { return c == '\n' || c == '\t'; }, ' ');
  return out;
}

bool numeric(const Cell& cell)
{
  return std::holds_alternative<std::int64_t>(cell) || std::holds_alternative<double>(cell);
}

void write_text(std::ostream& out, const Table& table, const Style& style)
{
  std::vector<size_t> widths;
  for (const auto& c : table.columns)
    widths.push_back(width(c.title));
  std::vector<std::vector<std::string>> cells;
  for (const auto& row : table.rows) {
    auto& line = cells.emplace_back();
    for (size_t i = 0; i < row.size(); ++i) {
      line.push_back(one_line(cell_text(row[i])));
      widths[i] = std::max(widths[i], width(line.back()));
    }
  }
  auto emit = [&](const std::vector<std::string>& line, const std::vector<Cell>* row, bool bold) {
    std::string text;
    for (size_t i = 0; i < line.size(); ++i) {
      const size_t pad = widths[i] - width(line[i]);
      const bool last = i + 1 == line.size();
      if (row && numeric((*row)[i]))
        text += std::string(pad, ' ') + line[i];
      else
        text += line[i] + (last ? "" : std::string(pad, ' '));
      if (!last)
        text += "  ";
    }
    while (!text.empty() && text.back() == ' ')
      text.pop_back();
    out << (bold ? "\033[1m" + text + "\033[0m" : text) << '\n';
  };
  std::vector<std::string> titles;
  for (const auto& c : table.columns)
    titles.push_back(c.title);
  emit(titles, nullptr, style.color);
  for (size_t r = 0; r < cells.size(); ++r)
    emit(cells[r], &table.rows[r], false);
}

void csv_header(std::ostream& out, const std::vector<Column>& columns)
{
  for (size_t i = 0; i < columns.size(); ++i)
    out << (i ? "," : "") << csv_field(columns[i].key);
  out << "\r\n";
}

void csv_row(std::ostream& out, const std::vector<Cell>& row)
{
  for (size_t i = 0; i < row.size(); ++i) {
    const Cell& cell = row[i];
    out << (i ? "," : "");
    if (const auto* flag = std::get_if<bool>(&cell))
      out << (*flag ? "true" : "false");
    else if (const auto* list = std::get_if<std::vector<std::string>>(&cell))
      out << csv_field(core::join(*list, ";"));
    else if (numeric(cell))
      out << cell_text(cell);  // a negative number is data, not a formula
    else
      out << csv_field(cell_text(cell));
  }
  out << "\r\n";
}

void write_csv(std::ostream& out, const Table& table)
{
  csv_header(out, table.columns);
  for (const auto& row : table.rows)
    csv_row(out, row);
}

nlohmann::ordered_json to_json(const Cell& cell)
{
  return std::visit(
      [](const auto& v) -> nlohmann::ordered_json {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>)
          return nullptr;
        else
          return v;
      },
      cell);
}

// One object of a JSON array, indented as dump(2) would indent it inside the array.
void json_object(std::ostream& out, const std::vector<Column>& columns, const std::vector<Cell>& row)
{
  nlohmann::ordered_json object = nlohmann::ordered_json::object();
  for (size_t i = 0; i < row.size(); ++i)
    object[columns[i].key] = to_json(row[i]);
  // Invalid UTF-8 cannot reach here (inputs are checked), but never abort on it.
  const std::string text = object.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  out << "  ";
  for (char c : text) {
    out << c;
    if (c == '\n')
      out << "  ";
  }
}

void write_json(std::ostream& out, const Table& table)
{
  if (table.rows.empty()) {
    out << "[]\n";
    return;
  }
  out << "[\n";
  for (size_t r = 0; r < table.rows.size(); ++r) {
    json_object(out, table.columns, table.rows[r]);
    out << (r + 1 < table.rows.size() ? ",\n" : "\n");
  }
  out << "]\n";
}

std::string md_escape(const std::string& text)
{
  std::string out;
  for (char c : one_line(text)) {
    if (c == '|' || c == '\\' || c == '*' || c == '_' || c == '`' || c == '<' || c == '[')
      out += '\\';
    out += c;
  }
  return out;
}

void md_header(std::ostream& out, const std::vector<Column>& columns, const std::vector<Cell>* first)
{
  out << '|';
  for (const auto& c : columns)
    out << ' ' << md_escape(c.title) << " |";
  out << "\n|";
  for (size_t i = 0; i < columns.size(); ++i)
    out << (!first || !numeric((*first)[i]) ? " --- |" : " ---: |");
  out << '\n';
}

void md_row(std::ostream& out, const std::vector<Cell>& row)
{
  out << '|';
  for (const auto& cell : row)
    out << ' ' << md_escape(cell_text(cell)) << " |";
  out << '\n';
}

void write_md(std::ostream& out, const Table& table)
{
  md_header(out, table.columns, table.rows.empty() ? nullptr : &table.rows.front());
  for (const auto& row : table.rows)
    md_row(out, row);
}

} // namespace

RowWriter::RowWriter(std::ostream& out, std::vector<Column> columns, Format format, Style style)
    : m_out(out), m_table{std::move(columns), {}}, m_format(format), m_style(style)
{
  if (m_format == Format::csv) {
    if (!m_style.csv_marking.empty())
      m_out << "# " << m_style.csv_marking << "\r\n";
    csv_header(m_out, m_table.columns);
  }
}

void RowWriter::row(std::vector<Cell> cells)
{
  switch (m_format) {
  case Format::table:
    m_table.rows.push_back(std::move(cells));
    break;
  case Format::csv:
    csv_row(m_out, cells);
    break;
  case Format::json:
    m_out << (m_rows ? ",\n" : "[\n");
    json_object(m_out, m_table.columns, cells);
    break;
  case Format::md:
    if (m_rows == 0)
      md_header(m_out, m_table.columns, &cells);
    md_row(m_out, cells);
    break;
  }
  ++m_rows;
}

void RowWriter::finish()
{
  if (m_format == Format::table)
    write_text(m_out, m_table, m_style);
  else if (m_format == Format::json)
    m_out << (m_rows ? "\n]\n" : "[]\n");
  else if (m_format == Format::md && m_rows == 0)
    md_header(m_out, m_table.columns, nullptr);
}

Format parse_format(const std::string& name, const std::vector<Format>& allowed, const std::string& command)
{
  std::vector<std::string> names;
  for (const auto f : allowed)
    names.push_back(format_name(f));
  if (const auto found = core::find_word(name, names))  // `CSV` is csv
    for (const auto f : allowed)
      if (format_name(f) == *found)
        return f;
  throw usage_error(fmt::format("'{}' has no format '{}' (known: {}){}", command, name, core::join(names, ", "),
                                core::close_matches(core::ascii_lower(name), names).empty()
                                    ? std::string()
                                    : "; did you mean '" + core::close_matches(core::ascii_lower(name), names).front() + "'?"));
}

std::string format_name(Format format)
{
  switch (format) {
  case Format::table: return "table";
  case Format::csv: return "csv";
  case Format::json: return "json";
  case Format::md: return "md";
  }
  return "table";
}

std::string cell_text(const Cell& cell)
{
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>)
          return "";
        else if constexpr (std::is_same_v<T, bool>)
          return v ? "yes" : "no";
        else if constexpr (std::is_same_v<T, std::string>)
          return v;
        else if constexpr (std::is_same_v<T, std::vector<std::string>>)
          return core::join(v, ", ");
        else if constexpr (std::is_same_v<T, double>)
          return fmt::format("{}", v);
        else
          return std::to_string(v);
      },
      cell);
}

std::string csv_field(const std::string& text)
{
  std::string value = text;
  if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' ||
                         value[0] == '\t' || value[0] == '\r'))
    value.insert(value.begin(), '\'');
  if (value.find_first_of(",\"\r\n") == std::string::npos)
    return value;
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"')
      quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

void write(std::ostream& out, const Table& table, Format format, const Style& style)
{
  switch (format) {
  case Format::table: write_text(out, table, style); break;
  case Format::csv:
    // Asked for with --marking: a comment line spreadsheets show as text in A1, not a formula.
    if (!style.csv_marking.empty())
      out << "# " << style.csv_marking << "\r\n";
    write_csv(out, table);
    break;
  case Format::json: write_json(out, table); break;
  case Format::md: write_md(out, table); break;
  }
}

Cell text_cell(const std::string& text) { return text.empty() ? Cell{} : Cell{text}; }

} // namespace panel::render
