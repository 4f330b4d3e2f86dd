#include "panel/store/cases.hpp"

#include "panel/store/references.hpp"
#include "panel/store/row.hpp"

#include <fmt/format.h>

#include <array>

namespace panel::store {
namespace {

constexpr const char* case_columns =
    "k.id, k.reference, k.person_id, p.name, k.opened, coalesce(k.lead_agency, ''), k.risk_level, k.review_date, "
    "k.status, k.closed, k.close_reason, k.legal_hold, k.purged";

core::Case read_case(SQLite::Statement& s)
{
  return {s.getColumn(0).getInt64(),   s.getColumn(1).getString(), s.getColumn(2).getInt64(),
          s.getColumn(3).getString(),  date_of(s.getColumn(4)),    s.getColumn(5).getString(),
          s.getColumn(6).getString(),  optional_date(s.getColumn(7)), s.getColumn(8).getString(),
          optional_date(s.getColumn(9)), s.getColumn(10).getString(), s.getColumn(11).getString(),
          optional_date(s.getColumn(12))};
}

// The first row of a bound cached statement, which is reset for its next use.
std::optional<core::Case> first_case(SQLite::Statement& s)
{
  std::optional<core::Case> found;
  if (s.executeStep())
    found = read_case(s);
  s.reset();
  return found;
}

} // namespace

std::optional<core::Case> open_case_for_person(Db& db, std::int64_t person_id)
{
  // Cached: intake asks it for every referral in a file (what `refer --check` says would happen).
  static const std::string text =
      fmt::format("SELECT {} FROM \"case\" k JOIN person p ON p.id = k.person_id "
                  "WHERE k.person_id = ? AND k.status = 'open' AND k.voided IS NULL ORDER BY k.id DESC LIMIT 1",
                  case_columns);
  auto& s = db.impl().cached(text);
  s.bind(1, person_id);
  return first_case(s);
}

std::int64_t insert_case(Db& db, const core::Case& c)
{
  SQLite::Statement s(db.impl().sql,
                      "INSERT INTO \"case\" (reference, person_id, opened, lead_agency, risk_level, review_date, status) "
                      "VALUES (?, ?, ?, ?, ?, ?, 'open')");
  s.bind(1, c.reference);
  s.bind(2, c.person_id);
  s.bind(3, c.opened.iso());
  bind_nullable(s, 4, c.lead_agency);
  s.bind(5, c.risk_level);
  bind_optional(s, 6, c.review_date);
  s.exec();
  return db.impl().sql.getLastInsertRowid();
}

std::optional<core::Case> find_case(Db& db, const std::string& reference)
{
  static const std::string text =
      fmt::format("SELECT {} FROM \"case\" k JOIN person p ON p.id = k.person_id "
                  "WHERE k.voided IS NULL AND (k.reference = ?1 OR "
                  "k.id = (SELECT case_id FROM referral WHERE reference = ?1 AND voided IS NULL))",
                  case_columns);
  auto& s = db.impl().cached(text);
  s.bind(1, reference);
  const auto found = first_case(s);
  if (!found)
    if (const auto stored = stored_reference(db, reference); stored != reference)
      return find_case(db, stored);
  return found;
}

std::vector<core::CaseNextStep> open_case_next_steps(Db& db)
{
  SQLite::Statement s(
      db.impl().sql,
      fmt::format("SELECT {}, (SELECT min(r.meeting_date) FROM referral r JOIN meeting m ON m.date = r.meeting_date "
                  "WHERE r.case_id = k.id AND r.status = 'accepted' AND r.voided IS NULL AND (m.status = 'scheduled' OR m.status = "
                  "'agenda-issued')), EXISTS (SELECT 1 FROM referral r WHERE r.case_id = k.id AND r.status = 'accepted' "
                  "AND r.voided IS NULL AND r.meeting_date IS NULL), (SELECT max(m.date) FROM discussion d JOIN meeting m ON m.id = "
                  "d.meeting_id WHERE d.case_id = k.id) "
                  "FROM \"case\" k JOIN person p ON p.id = k.person_id WHERE k.status = 'open' AND k.voided IS NULL "
                  "ORDER BY k.id",
                  case_columns));
  std::vector<core::CaseNextStep> rows;
  while (s.executeStep())
    rows.push_back({read_case(s), optional_date(s.getColumn(13)), s.getColumn(14).getInt() != 0,
                    optional_date(s.getColumn(15)), {}});
  return rows;
}

std::vector<core::Date> open_meeting_dates(Db& db)
{
  SQLite::Statement s(db.impl().sql,
                      "SELECT date FROM meeting WHERE status = 'scheduled' OR status = 'agenda-issued' ORDER BY date");
  std::vector<core::Date> dates;
  while (s.executeStep())
    dates.push_back(date_of(s.getColumn(0)));
  return dates;
}

std::vector<core::Case> list_cases(Db& db, const std::string& status)
{
  SQLite::Statement s(db.impl().sql,
                      fmt::format("SELECT {} FROM \"case\" k JOIN person p ON p.id = k.person_id "
                                  "WHERE k.voided IS NULL AND (?1 = '' OR k.status = ?1) ORDER BY k.id",
                                  case_columns));
  s.bind(1, status);
  std::vector<core::Case> rows;
  while (s.executeStep())
    rows.push_back(read_case(s));
  return rows;
}

void set_case_voided(Db& db, std::int64_t case_id, std::optional<core::Date> day)
{
  SQLite::Statement s(db.impl().sql, "UPDATE \"case\" SET voided = ? WHERE id = ?");
  bind_optional(s, 1, day);
  s.bind(2, case_id);
  s.exec();
}

std::optional<core::Case> find_case_any(Db& db, const std::string& case_reference)
{
  SQLite::Statement s(db.impl().sql, fmt::format("SELECT {} FROM \"case\" k JOIN person p ON p.id = k.person_id "
                                                 "WHERE k.reference = ?",
                                                 case_columns));
  s.bind(1, case_reference);
  if (!s.executeStep()) {
    if (const auto stored = stored_reference(db, case_reference); stored != case_reference)
      return find_case_any(db, stored);
    return std::nullopt;
  }
  return read_case(s);
}

std::vector<std::string> case_records(Db& db, std::int64_t case_id)
{
  SQLite::Statement s(db.impl().sql,
                      "SELECT (SELECT count(*) FROM discussion WHERE case_id = ?1), "
                      "(SELECT count(*) FROM action WHERE case_id = ?1), "
                      "(SELECT count(*) FROM intervention WHERE case_id = ?1), "
                      "(SELECT count(*) FROM case_note WHERE case_id = ?1), "
                      "(SELECT count(*) FROM document WHERE case_id = ?1 OR referral_id IN "
                      "(SELECT id FROM referral WHERE case_id = ?1))");
  s.bind(1, case_id);
  s.executeStep();
  const std::array<std::pair<const char*, const char*>, 5> kinds{{{"discussion", "discussions"},
                                                                  {"action", "actions"},
                                                                  {"intervention", "interventions"},
                                                                  {"case note", "case notes"},
                                                                  {"document", "documents"}}};
  std::vector<std::string> found;
  for (int i = 0; i < 5; ++i)
    if (const auto n = s.getColumn(i).getInt64(); n > 0)
      found.push_back(fmt::format("{} {}", n, n == 1 ? kinds[i].first : kinds[i].second));
  return found;
}


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
