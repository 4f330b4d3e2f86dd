#pragma once
// Police incident data (data.police.uk street CSVs): tables incident_month and incident.
#include "panel/store/db.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace panel::store {

// The twelve texts of a street CSV row, in the order of the published header: Crime ID,
// Month, Reported by, Falls within, Longitude, Latitude, Location, LSOA code, LSOA name, Crime
// type, Last outcome category, Context (the two coordinates are given as numbers instead).
using IncidentTexts = std::array<std::string, 12>;

// A force's month made ready for its rows.
struct ClaimedMonth {
  std::int64_t id = 0;
  bool existed = false;       // the force's month had been imported before
  std::int64_t replaced = 0;  // incidents deleted to replace it
};

// The statements of a bulk import, prepared once. Use inside a write transaction.
class IncidentWriter {
public:
  explicit IncidentWriter(Db& db);
  ~IncidentWriter();

  // Makes a force's month ready to receive the rows of `file`: records the file and who
  // imports it, and deletes the incidents of an earlier import of that month.
  ClaimedMonth claim_month(const std::string& reported_by, const std::string& month, const std::string& file,
                           const std::string& at, const std::string& by);
  // Adds one incident to a claimed month. The texts are bound without copying.
  void insert(std::int64_t month_id, const IncidentTexts& texts, std::optional<double> longitude,
              std::optional<double> latitude);
  // Records how many incidents a claimed month holds and the SHA-256 of its file; call it
  // before the commit (until then the month's sha256 is empty).
  void finish_month(std::int64_t month_id, std::int64_t rows, const std::string& sha256);

private:
  struct Statements;
  std::unique_ptr<Statements> m;
};

// What incident counts are grouped by besides the month.
enum class IncidentDimension { none, lsoa, type };

// Which incidents to count; empty strings do not filter. Months are "YYYY-MM", inclusive.
struct IncidentQuery {
  IncidentDimension by = IncidentDimension::none;
  std::string type, force, from, to;
};

// The number of incidents of one month (and one LSOA or type).
struct IncidentCount {
  std::string month;
  std::string key;   // LSOA code or crime type; "" for IncidentDimension::none and for no location
  std::string name;  // the LSOA name, for IncidentDimension::lsoa
  std::int64_t count = 0;
};

// Counts by month and dimension, ordered by month then key.
std::vector<IncidentCount> count_incidents(Db& db, const IncidentQuery& query);
// The forces ("Reported by") with imported months, sorted.
std::vector<std::string> incident_forces(Db& db);
// The months ("YYYY-MM") imported for a force, or for any force when `force` is "", from `from`
// to `to` inclusive, sorted. A month not among them has no data: never count it as 0.
std::vector<std::string> months_imported(Db& db, const std::string& force, const std::string& from,
                                         const std::string& to);
// The crime types recorded, sorted.
std::vector<std::string> incident_types(Db& db);

} // namespace panel::store
