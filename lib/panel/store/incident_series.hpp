#pragma once
#include "panel/store/db.hpp"
#include "panel/store/incidents.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace panel::store {

// How incidents are grouped into areas.
enum class AreaLevel {
  lsoa,      // one area per LSOA code
  district,  // one area per LSOA name without its trailing code ("City of London 001F")
};

// Which incidents to count, month by month.
struct SeriesQuery {
  std::string crime_type;  // "" for every type
  std::string force;       // reported_by; "" for every force
  std::string to;          // last month, YYYY-MM
  int months = 15;         // months up to and including `to`
  AreaLevel level = AreaLevel::lsoa;
};

// One area's monthly counts, oldest first; 0 for an imported month with no incident there.
struct AreaSeries {
  std::string code, name;
  std::vector<std::int64_t> counts;
};

struct IncidentSeries {
  std::vector<std::string> months;  // YYYY-MM, oldest first
  std::vector<AreaSeries> areas;    // areas with at least one incident in those months, by code
  std::int64_t no_location = 0;     // incidents with no LSOA ("No Location"), in no area
};

// The monthly counts per area; Error(refused) listing the months (and forces) with no import in
// the range, since a month never imported is missing data, not zero.
IncidentSeries incident_series(Db& db, const SeriesQuery& query);

// The latest month imported (for one force, or any when `force` is ""), or nothing.
std::optional<std::string> latest_month_imported(Db& db, const std::string& force);
// The crime types and forces in the imported data: store::incident_types, store::incident_forces.

// "City of London 001F" -> "City of London": the name without a trailing " 999X" LSOA code.
std::string lsoa_district(const std::string& lsoa_name);

} // namespace panel::store
