#pragma once
// Police incident counts by month, quarter, financial-year quarter, LSOA or crime type.
#include "panel/store/db.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace panel::report {

enum class IncidentKey { month, quarter, fy_quarter, lsoa, type };

// "month", "quarter", "fy-quarter", "lsoa", "type" -> the key; nothing when unknown.
std::optional<IncidentKey> parse_incident_key(const std::string& name);
std::string incident_key_name(IncidentKey key);

// "2018-10" -> "2018-Q4" (calendar quarters).
std::string quarter_of(const std::string& month);
// "2018-10" -> "2018/19-Q3" (UK financial year, April to March; Q1 is April to June).
std::string fy_quarter_of(const std::string& month);
// "2018-10" shifted by -12 -> "2017-10"; `month` must be YYYY-MM.
std::string shift_month(const std::string& month, int months);

struct IncidentOptions {
  IncidentKey by = IncidentKey::month;
  std::string type, force;   // "" for all
  std::string from, to;      // YYYY-MM, inclusive; "" for the data's first or last month
  bool compare_year = false;  // add the count of the same months one year earlier
};

struct IncidentRow {
  std::string key;   // "2018-10", "2018-Q4", "2018/19-Q3", an LSOA code ("" for no location), a type
  std::string name;  // the LSOA name ("No Location" for key ""); empty for other keys
  std::int64_t count = 0;
  std::optional<std::int64_t> previous;  // with compare_year, when the year before has data (see incident_report)
  std::optional<double> change;          // when previous > 0: (count - previous) / previous, 4 decimals
};

struct IncidentReport {
  IncidentKey by = IncidentKey::month;
  std::string from, to;  // the months counted ("" when there are none)
  bool compare_year = false;
  std::vector<IncidentRow> rows;  // time keys in time order; LSOAs and types by count, largest first
};

// Counts incidents. The months counted are --from to --to, defaulting to the first and last
// month with incidents; for --by lsoa|type with compare_year, --from defaults to the twelve
// months ending at --to. `previous` counts the same months one year earlier, under the same key:
// the months of the key that were imported (for --force, or by any force), each a year earlier;
// it is empty (no data, never 0) unless every one of those year-earlier months was imported.
// Error(usage) for a month that is not YYYY-MM or from after to; Error(refused) for a force or
// type with no incidents.
IncidentReport incident_report(store::Db& db, const IncidentOptions& options);

} // namespace panel::report
