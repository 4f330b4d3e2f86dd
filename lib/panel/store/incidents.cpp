#include "panel/store/incidents.hpp"

#include "panel/store/impl.hpp"

namespace panel::store {

struct IncidentWriter::Statements {
  explicit Statements(SQLite::Database& db)
      : sql(db), find(sql, "SELECT id FROM incident_month WHERE reported_by = ? AND month = ?"),
        remove(sql, "DELETE FROM incident WHERE month_id = ?"),
        update_month(sql, "UPDATE incident_month SET file = ?, sha256 = '', rows = 0, imported_at = ?, "
                          "imported_by = ? WHERE id = ?"),
        insert_month(sql, "INSERT INTO incident_month (reported_by, month, file, sha256, rows, imported_at, "
                          "imported_by) VALUES (?, ?, ?, '', 0, ?, ?)"),
        finish(sql, "UPDATE incident_month SET rows = ?, sha256 = ? WHERE id = ?"),
        insert(sql, "INSERT INTO incident (month_id, crime_id, month, reported_by, falls_within, longitude, latitude, "
                    "location, lsoa_code, lsoa_name, crime_type, last_outcome, context) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
  {
  }
  SQLite::Database& sql;
  SQLite::Statement find, remove, update_month, insert_month, finish, insert;
};

namespace {

SQLite::Statement& fresh(SQLite::Statement& s)
{
  s.reset();
  s.clearBindings();
  return s;
}

} // namespace

IncidentWriter::IncidentWriter(Db& db) : m(std::make_unique<Statements>(db.impl().sql)) {}
IncidentWriter::~IncidentWriter() = default;

ClaimedMonth IncidentWriter::claim_month(const std::string& reported_by, const std::string& month,
                                         const std::string& file, const std::string& at, const std::string& by)
{
  ClaimedMonth claimed;
  auto& find = fresh(m->find);
  find.bind(1, reported_by);
  find.bind(2, month);
  if (find.executeStep()) {
    claimed.id = find.getColumn(0).getInt64();
    claimed.existed = true;
    auto& remove = fresh(m->remove);
    remove.bind(1, claimed.id);
    claimed.replaced = remove.exec();
    auto& update = fresh(m->update_month);
    update.bind(1, file);
    update.bind(2, at);
    update.bind(3, by);
    update.bind(4, claimed.id);
    update.exec();
    return claimed;
  }
  auto& insert = fresh(m->insert_month);
  insert.bind(1, reported_by);
  insert.bind(2, month);
  insert.bind(3, file);
  insert.bind(4, at);
  insert.bind(5, by);
  insert.exec();
  claimed.id = m->sql.getLastInsertRowid();
  return claimed;
}

void IncidentWriter::insert(std::int64_t month_id, const IncidentTexts& texts, std::optional<double> longitude,
                            std::optional<double> latitude)
{
  // Every parameter is bound on every call, so clearing the bindings would be wasted work.
  auto& s = m->insert;
  s.reset();
  s.bind(1, month_id);
  for (int i = 0; i < 4; ++i)
    s.bindNoCopy(2 + i, texts[i]);
  if (longitude)
    s.bind(6, *longitude);
  else
    s.bind(6);
  if (latitude)
    s.bind(7, *latitude);
  else
    s.bind(7);
  for (int i = 6; i < 12; ++i)
    s.bindNoCopy(2 + i, texts[i]);
  s.exec();
}

void IncidentWriter::finish_month(std::int64_t month_id, std::int64_t rows, const std::string& sha256)
{
  auto& s = fresh(m->finish);
  s.bind(1, rows);
  s.bind(2, sha256);
  s.bind(3, month_id);
  s.exec();
}

std::vector<IncidentCount> count_incidents(Db& db, const IncidentQuery& query)
{
  // Only the filters asked for go into the text, so that a type filter can use the
  // (crime_type, month) index.
  std::string where = "WHERE 1";
  std::vector<const std::string*> values;
  const auto filter = [&](const char* condition, const std::string& value) {
    if (value.empty())
      return;
    where += condition;
    values.push_back(&value);
  };
  filter(" AND crime_type = ?", query.type);
  filter(" AND reported_by = ?", query.force);
  filter(" AND month >= ?", query.from);
  filter(" AND month <= ?", query.to);
  std::string select;
  switch (query.by) {
  case IncidentDimension::none:
    select = "SELECT month, '', '', count(*) FROM incident " + where + " GROUP BY month ORDER BY month";
    break;
  case IncidentDimension::lsoa:
    select = "SELECT month, lsoa_code, max(lsoa_name), count(*) FROM incident " + where +
             " GROUP BY month, lsoa_code ORDER BY month, lsoa_code";
    break;
  case IncidentDimension::type:
    select = "SELECT month, crime_type, '', count(*) FROM incident " + where +
             " GROUP BY month, crime_type ORDER BY month, crime_type";
    break;
  }
  SQLite::Statement s(db.impl().sql, select);
  for (std::size_t i = 0; i < values.size(); ++i)
    s.bind(static_cast<int>(i + 1), *values[i]);
  std::vector<IncidentCount> counts;
  while (s.executeStep())
    counts.push_back({s.getColumn(0).getString(), s.getColumn(1).getString(), s.getColumn(2).getString(),
                      s.getColumn(3).getInt64()});
  return counts;
}

std::vector<std::string> incident_forces(Db& db)
{
  SQLite::Statement s(db.impl().sql, "SELECT DISTINCT reported_by FROM incident_month ORDER BY reported_by");
  std::vector<std::string> forces;
  while (s.executeStep())
    forces.push_back(s.getColumn(0).getString());
  return forces;
}

std::vector<std::string> months_imported(Db& db, const std::string& force, const std::string& from,
                                         const std::string& to)
{
  SQLite::Statement s(db.impl().sql, "SELECT DISTINCT month FROM incident_month WHERE (?1 = '' OR reported_by = ?1) "
                                     "AND month BETWEEN ?2 AND ?3 ORDER BY month");
  s.bind(1, force);
  s.bind(2, from);
  s.bind(3, to);
  std::vector<std::string> months;
  while (s.executeStep())
    months.push_back(s.getColumn(0).getString());
  return months;
}

std::vector<std::string> incident_types(Db& db)
{
  // DISTINCT over the leading column of the (crime_type, month) index: a walk of the index.
  SQLite::Statement s(db.impl().sql, "SELECT DISTINCT crime_type FROM incident ORDER BY crime_type");
  std::vector<std::string> types;
  while (s.executeStep())
    types.push_back(s.getColumn(0).getString());
  return types;
}

} // namespace panel::store
