#include "panel/store/agencies.hpp"

#include "panel/store/impl.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

namespace panel::store {
namespace {

core::Agency read_row(SQLite::Statement& s)
{
  return {s.getColumn(0).getString(), s.getColumn(1).getString(), s.getColumn(2).getString(),
          s.getColumn(3).getInt() != 0};
}

} // namespace

std::vector<core::Agency> list_agencies(Db& db)
{
  SQLite::Statement s(db.impl().sql, "SELECT code, name, email, core FROM agency ORDER BY position");
  std::vector<core::Agency> agencies;
  while (s.executeStep())
    agencies.push_back(read_row(s));
  return agencies;
}

std::optional<core::Agency> find_agency(Db& db, const std::string& code)
{
  // Prepared once: a meeting pack looks up an agency for every case, action and intervention.
  auto& s = db.impl().cached("SELECT code, name, email, core FROM agency WHERE code = ?");
  s.bind(1, code);
  std::optional<core::Agency> agency;
  if (s.executeStep())
    agency = read_row(s);
  s.reset();  // no read left open on the connection
  return agency;
}

long next_agency_position(Db& db)
{
  SQLite::Statement s(db.impl().sql, "SELECT coalesce(max(position), 0) + 1 FROM agency");
  s.executeStep();
  return s.getColumn(0).getInt64();
}

void insert_agency(Db& db, const core::Agency& a) { insert_agency(db, a, next_agency_position(db)); }

void insert_agency(Db& db, const core::Agency& a, long position)
{
  auto& s = db.impl().cached("INSERT INTO agency (code, name, email, core, position) VALUES (?, ?, ?, ?, ?)");
  s.bind(1, a.code);
  s.bind(2, a.name);
  s.bind(3, a.email);
  s.bind(4, a.core ? 1 : 0);
  s.bind(5, static_cast<int64_t>(position));
  s.exec();
}

void update_agency(Db& db, const core::Agency& a)
{
  SQLite::Statement s(db.impl().sql, "UPDATE agency SET name = ?, email = ?, core = ? WHERE code = ?");
  s.bind(1, a.name);
  s.bind(2, a.email);
  s.bind(3, a.core ? 1 : 0);
  s.bind(4, a.code);
  s.exec();
}

void delete_agency(Db& db, const std::string& code)
{
  SQLite::Statement s(db.impl().sql, "DELETE FROM agency WHERE code = ?");
  s.bind(1, code);
  try {
    s.exec();
  } catch (const SQLite::Exception& e) {
    if ((e.getErrorCode() & 0xff) == SQLITE_CONSTRAINT)
      throw refused(fmt::format("agency '{}' is still referred to by records; it cannot be removed", code));
    throw;
  }
}

} // namespace panel::store
