#include "panel/render/incidents.hpp"

#include "panel/core/rounding.hpp"

#include <nlohmann/json.hpp>
#include <sstream>

namespace panel::render {
namespace {

std::string key_title(report::IncidentKey by)
{
  switch (by) {
  case report::IncidentKey::month: return "MONTH";
  case report::IncidentKey::quarter: return "QUARTER";
  case report::IncidentKey::fy_quarter: return "FINANCIAL QUARTER";
  case report::IncidentKey::lsoa: return "LSOA";
  case report::IncidentKey::type: return "CRIME TYPE";
  }
  return "KEY";
}

// For people a change reads as a percentage, rounded from the two counts (docs/reports.md); CSV
// keeps the fraction JSON has.
Cell change_cell(const report::IncidentRow& row, bool people)
{
  if (!row.change)
    return {};
  if (people)
    return core::percent(row.count - *row.previous, *row.previous, 1, true);
  return *row.change;
}

// The year before with no data (months never imported) is no count at all, never 0.
Cell previous_cell(const std::optional<std::int64_t>& previous, bool people)
{
  if (previous)
    return *previous;
  if (people)
    return std::string("no data");
  return {};
}

} // namespace

std::string incidents_json(const report::IncidentReport& result)
{
  using nlohmann::ordered_json;
  const auto text_or_null = [](const std::string& text) { return text.empty() ? ordered_json() : ordered_json(text); };
  ordered_json rows = ordered_json::array();
  for (const auto& r : result.rows) {
    ordered_json row = {{"key", r.key}};
    if (result.by == report::IncidentKey::lsoa)
      row["name"] = r.name;
    row["count"] = r.count;
    if (result.compare_year) {
      row["previous"] = r.previous ? ordered_json(*r.previous) : ordered_json();
      row["change"] = r.change ? ordered_json(*r.change) : ordered_json();
    }
    rows.push_back(std::move(row));
  }
  const ordered_json out = {{"by", report::incident_key_name(result.by)},
                            {"from", text_or_null(result.from)},
                            {"to", text_or_null(result.to)},
                            {"rows", std::move(rows)}};
  return out.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

Table incidents_table(const report::IncidentReport& result, Format format)
{
  const bool people = format == Format::table || format == Format::md;
  const bool lsoa = result.by == report::IncidentKey::lsoa;
  Table table{{{"key", key_title(result.by)}}, {}};
  if (lsoa)
    table.columns.push_back({"name", "NAME"});
  table.columns.push_back({"count", "INCIDENTS"});
  if (result.compare_year) {
    table.columns.push_back({"previous", "YEAR BEFORE"});
    table.columns.push_back({"change", "CHANGE"});
  }
  for (const auto& r : result.rows) {
    // Cells are made in place: GCC 12 warns, falsely, of an uninitialised string list when a
    // Cell made from a number is moved into the row (GCC bug 105562 and relatives).
    auto& row = table.rows.emplace_back();
    row.emplace_back(r.key);
    if (lsoa)
      row.emplace_back(r.name);
    row.emplace_back(r.count);
    if (result.compare_year) {
      row.push_back(previous_cell(r.previous, people));
      row.push_back(change_cell(r, people));
    }
  }
  return table;
}

std::string incidents(const report::IncidentReport& result, Format format, const Style& style)
{
  if (format == Format::json)
    return incidents_json(result);
  std::ostringstream out;
  write(out, incidents_table(result, format), format, style);
  return out.str();
}

} // namespace panel::render
