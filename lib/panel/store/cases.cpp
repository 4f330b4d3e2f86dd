#include "panel/store/cases.hpp"

#include "panel/store/row.hpp"

namespace panel::store {

void set_case_lead(Db& db, std::int64_t case_id, const std::string& lead_agency)
{
  SQLite::Statement s(db.impl().sql, "UPDATE \"case\" SET lead_agency = ? WHERE id = ?");
  bind_nullable(s, 1, lead_agency);
  s.bind(2, case_id);
  s.exec();
}

void set_case_risk(Db& db, std::int64_t case_id, const std::string& risk_level)
{
  SQLite::Statement s(db.impl().sql, "UPDATE \"case\" SET risk_level = ? WHERE id = ?");
  s.bind(1, risk_level);
  s.bind(2, case_id);
  s.exec();
}

void set_case_review(Db& db, std::int64_t case_id, std::optional<core::Date> review)
{
  SQLite::Statement s(db.impl().sql, "UPDATE \"case\" SET review_date = ? WHERE id = ?");
  bind_optional(s, 1, review);
  s.bind(2, case_id);
  s.exec();
}

std::optional<core::Date> case_voided(Db& db, std::int64_t case_id)
{
  SQLite::Statement s(db.impl().sql, "SELECT voided FROM \"case\" WHERE id = ?");
  s.bind(1, case_id);
  return s.executeStep() ? optional_date(s.getColumn(0)) : std::nullopt;
}

void insert_case_note(Db& db, std::int64_t case_id, core::Date day, const std::string& text, const core::Actor& actor)
{
  SQLite::Statement s(db.impl().sql, "INSERT INTO case_note (case_id, day, text, at, user) VALUES (?, ?, ?, ?, ?)");
  s.bind(1, case_id);
  s.bind(2, day.iso());
  s.bind(3, text);
  s.bind(4, actor.at);
  s.bind(5, actor.user);
  s.exec();
}

std::vector<core::CaseNote> case_notes(Db& db, std::int64_t case_id)
{
  SQLite::Statement s(db.impl().sql, "SELECT day, text, at, user FROM case_note WHERE case_id = ? ORDER BY day, id");
  s.bind(1, case_id);
  std::vector<core::CaseNote> rows;
  while (s.executeStep())
    rows.push_back({date_of(s.getColumn(0)), s.getColumn(1).getString(), s.getColumn(2).getString(),
                    s.getColumn(3).getString()});
  return rows;
}

std::vector<core::CaseNote> notes_since_last_discussion(Db& db, std::int64_t case_id)
{
  auto& s = db.impl().cached(
      "SELECT day, text, at, user FROM case_note WHERE case_id = ?1 AND day > coalesce((SELECT max(m.date) FROM "
      "discussion d JOIN meeting m ON m.id = d.meeting_id WHERE d.case_id = ?1), '') ORDER BY day, id");
  s.bind(1, case_id);
  std::vector<core::CaseNote> rows;
  while (s.executeStep())
    rows.push_back({date_of(s.getColumn(0)), s.getColumn(1).getString(), s.getColumn(2).getString(),
                    s.getColumn(3).getString()});
  return rows;
}

} // namespace panel::store
