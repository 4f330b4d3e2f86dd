#include "panel/store/incident_series.hpp"

#include "panel/core/date.hpp"
#include "panel/core/error.hpp"
#include "panel/core/text.hpp"
#include "panel/store/impl.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <set>

namespace panel::store {
namespace {

// The `count` months ending with `to` (YYYY-MM), oldest first.
std::vector<std::string> month_range(const std::string& to, int count)
{
  const auto last = core::Date::parse(to + "-01");
  if (to.size() != 7 || !last)
    throw usage_error(fmt::format("--to: '{}' is not a month (use YYYY-MM)", to));
  std::vector<std::string> months;
  for (int i = count - 1; i >= 0; --i)
    months.push_back(last->plus_months(-i).iso().substr(0, 7));
  return months;
}

// The forces in scope and, per month, the forces among them that imported nothing for it.
void refuse_missing_months(Db& db, const SeriesQuery& q, const std::vector<std::string>& months)
{
  SQLite::Statement s(db.impl().sql, "SELECT reported_by, month FROM incident_month "
                                     "WHERE month >= ?1 AND month <= ?2 AND (?3 = '' OR reported_by = ?3)");
  s.bind(1, months.front());
  s.bind(2, months.back());
  s.bind(3, q.force);
  std::set<std::pair<std::string, std::string>> imported;
  std::set<std::string> forces;
  while (s.executeStep()) {
    forces.insert(s.getColumn(0).getString());
    imported.emplace(s.getColumn(0).getString(), s.getColumn(1).getString());
  }
  const std::string range = months.front() + ".." + months.back();
  if (forces.empty())
    throw refused(q.force.empty() ? fmt::format("no incident data imported for {}", range)
                                  : fmt::format("no incident data imported for {} from '{}'", range, q.force));
  // A force with some months imported and others not would show false zeros, and a false rise.
  std::vector<std::string> missing;
  for (const auto& month : months) {
    std::vector<std::string> lacking;
    for (const auto& force : forces)
      if (!imported.count({force, month}))
        lacking.push_back(force);
    if (!lacking.empty())
      missing.push_back(forces.size() == 1 ? month : fmt::format("{} ({})", month, core::join(lacking, ", ")));
  }
  if (missing.empty())
    return;
  const size_t shown = std::min<size_t>(missing.size(), 12);
  std::vector<std::string> listed(missing.begin(), missing.begin() + static_cast<std::ptrdiff_t>(shown));
  if (shown < missing.size())
    listed.push_back(fmt::format("and {} more", missing.size() - shown));
  throw refused(fmt::format("incident data is missing for {} of the months {}: {} (import them with 'panel incidents "
                            "import', or choose another --to, --window or --baseline)",
                            missing.size(), range, core::join(listed, ", ")));
}

} // namespace

IncidentSeries incident_series(Db& db, const SeriesQuery& q)
{
  IncidentSeries series;
  series.months = month_range(q.to, q.months);
  refuse_missing_months(db, q, series.months);

  // The type condition is left out rather than written as (? = '' OR ...), so that the
  // (crime_type, month) index is used when there is a type.
  SQLite::Statement s(db.impl().sql,
                      fmt::format("SELECT lsoa_code, max(lsoa_name), month, count(*) FROM incident "
                                  "WHERE month >= ?1 AND month <= ?2 AND (?3 = '' OR reported_by = ?3){} "
                                  "GROUP BY lsoa_code, month",
                                  q.crime_type.empty() ? "" : " AND crime_type = ?4"));
  s.bind(1, series.months.front());
  s.bind(2, series.months.back());
  s.bind(3, q.force);
  if (!q.crime_type.empty())
    s.bind(4, q.crime_type);
  std::map<std::string, size_t> month_index;
  for (size_t i = 0; i < series.months.size(); ++i)
    month_index[series.months[i]] = i;
  std::map<std::string, AreaSeries> areas;
  while (s.executeStep()) {
    const std::string code = s.getColumn(0).getString();
    const std::string name = s.getColumn(1).getString();
    const std::int64_t count = s.getColumn(3).getInt64();
    if (code.empty()) {
      series.no_location += count;
      continue;
    }
    const std::string key = q.level == AreaLevel::lsoa ? code : lsoa_district(name);
    auto& area = areas[key];
    if (area.counts.empty())
      area = {key, q.level == AreaLevel::lsoa ? name : "", std::vector<std::int64_t>(series.months.size(), 0)};
    area.counts[month_index.at(s.getColumn(2).getString())] += count;
  }
  for (auto& [key, area] : areas)
    series.areas.push_back(std::move(area));
  return series;
}

std::optional<std::string> latest_month_imported(Db& db, const std::string& force)
{
  SQLite::Statement s(db.impl().sql, "SELECT max(month) FROM incident_month WHERE ?1 = '' OR reported_by = ?1");
  s.bind(1, force);
  if (!s.executeStep() || s.getColumn(0).isNull())
    return std::nullopt;
  return s.getColumn(0).getString();
}

std::string lsoa_district(const std::string& name)
{
  // data.police.uk names are "<district> <3 digits><capital letter>".
  const size_t n = name.size();
  if (n < 6 || name[n - 5] != ' ' || name[n - 1] < 'A' || name[n - 1] > 'Z')
    return name;
  for (size_t i = n - 4; i < n - 1; ++i)
    if (name[i] < '0' || name[i] > '9')
      return name;
  return name.substr(0, n - 5);
}

} // namespace panel::store
