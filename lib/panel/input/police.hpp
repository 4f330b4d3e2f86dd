#pragma once
// data.police.uk "street" CSV files: one row per crime or ASB incident, one file per force and month.
#include "panel/input/csv.hpp"

#include <array>
#include <cstddef>
#include <istream>
#include <optional>
#include <string>
#include <vector>

namespace panel::input {

// The columns of a street CSV, in the order of the published header.
enum class PoliceColumn : std::size_t {
  crime_id, month, reported_by, falls_within, longitude, latitude, location, lsoa_code, lsoa_name, crime_type,
  last_outcome, context
};
constexpr std::size_t police_columns = 12;
// The longest field accepted (real ones are under 100 characters: a place, an LSOA name).
constexpr std::size_t max_police_field = 1000;

// The published header names, in column order: "Crime ID", "Month", ... "Context".
const std::array<std::string, police_columns>& police_header();

// One checked row. `fields` is in header order whatever the file's column order; the reader
// swaps its strings in and out, so rows reuse their storage.
struct PoliceRow {
  std::array<std::string, police_columns> fields;
  std::optional<double> longitude, latitude;  // nothing for "No Location" rows
  long line = 0;
  const std::string& operator[](PoliceColumn column) const { return fields[static_cast<std::size_t>(column)]; }
};

// Reads a street CSV: the header must name the twelve published columns (in any order, each
// once). Rows are checked: Month is YYYY-MM, Longitude and Latitude are numbers in range or
// both empty, Reported by and Crime type are not empty. Identical rows are separate incidents.
class PoliceReader {
public:
  // Reads and checks the header. Throws Error(refused) "<source>:<line>: <problem>" for a
  // missing, unknown or repeated column, or an empty file.
  PoliceReader(std::istream& in, std::string source);

  // The next row, or false at the end. A bad value throws RecordProblem
  // "<source>:<line>: <column>: <problem>" and the reader can go on with the next row; a CSV
  // syntax error throws Error(refused) and ends the file.
  bool next(PoliceRow& row);

private:
  std::string m_source;
  CsvReader m_csv;
  CsvRecord m_record;
  std::array<std::size_t, police_columns> m_position{};  // column -> field index in the file
};

// The whole content of a street file ("-" for standard input), read in one go: it is hashed
// and parsed from memory. Error(refused) names the file and the reason.
std::string read_street_file(const std::string& path, std::istream* standard_input = nullptr);

// "YYYY-MM" with a real month, as Month is written.
bool is_month(const std::string& text);

} // namespace panel::input
