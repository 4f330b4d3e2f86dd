#pragma once
#include <cstdint>
#include <ostream>
#include <string>
#include <variant>
#include <vector>

namespace panel::render {

// One value in a listing; null renders as an empty cell and as JSON null, a list as a JSON array
// and as "a, b" in text ("a;b" in CSV).
using Cell = std::variant<std::monostate, bool, std::int64_t, double, std::string, std::vector<std::string>>;

struct Column {
  std::string key;    // snake_case JSON key and CSV header
  std::string title;  // heading for people (table, Markdown)
};

// A listing computed once and rendered in any format.
struct Table {
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;
};

enum class Format { table, csv, json, md };

// How people see output: colour only when asked and on a terminal.
struct Style {
  bool color = false;
  std::string csv_marking;  // CSV only: a first line "# <marking>" (--marking), else none
};

// Parses a --format value against the formats a command offers; throws Error(usage).
Format parse_format(const std::string& name, const std::vector<Format>& allowed, const std::string& command);
std::string format_name(Format format);

// Renders a table: aligned text, RFC 4180 CSV with a header row, a JSON array of objects, or
// a Markdown table.
void write(std::ostream& out, const Table& table, Format format, const Style& style = {});

// Writes a listing row by row, so that long listings need no memory: CSV, JSON and Markdown go
// straight to the stream; aligned text needs every row for the column widths and keeps them
// until finish().
class RowWriter {
public:
  RowWriter(std::ostream& out, std::vector<Column> columns, Format format, Style style = {});
  void row(std::vector<Cell> cells);
  // Ends the listing (the closing bracket of JSON, the whole table for text).
  void finish();

private:
  std::ostream& m_out;
  Table m_table;
  Format m_format;
  Style m_style;
  size_t m_rows = 0;
};

// One CSV field: quoted when needed, and prefixed with ' when it starts with = + - @ (or a tab
// or carriage return) so that spreadsheets do not run it as a formula.
std::string csv_field(const std::string& text);

// A text cell, or null when the text is empty (an optional field not recorded).
Cell text_cell(const std::string& text);

// A cell as text for people: "yes"/"no" for flags, "" for null, lists joined with ", ".
std::string cell_text(const Cell& cell);

} // namespace panel::render
