#include "panel/store/reminders.hpp"

#include "panel/store/row.hpp"

namespace panel::store {

std::vector<ReviewDue> reviews_due(Db& db, core::Date today)
{
  SQLite::Statement s(db.impl().sql, "SELECT reference, coalesce(lead_agency, ''), risk_level, review_date FROM \"case\" "
                                     "WHERE status = 'open' AND voided IS NULL AND review_date < ? "
                                     "ORDER BY review_date, reference");
  s.bind(1, today.iso());
  std::vector<ReviewDue> rows;
  while (s.executeStep())
    rows.push_back({s.getColumn(0).getString(), s.getColumn(1).getString(), s.getColumn(2).getString(), date_of(s.getColumn(3))});
  return rows;
}

std::vector<InterventionDue> interventions_due(Db& db, core::Date today)
{
  // The two steps as rows, then those not yet reached by a discussion of the case.
  SQLite::Statement s(db.impl().sql, R"SQL(
    WITH step (id, case_id, step, due) AS (
      SELECT id, case_id, 'review', review FROM intervention WHERE review IS NOT NULL
      UNION ALL
      SELECT id, case_id, 'expiry', expiry FROM intervention WHERE expiry IS NOT NULL)
    SELECT i.id, k.reference, i.type, i.agency, i.tier, i.date, step.step, step.due
    FROM step JOIN intervention i ON i.id = step.id JOIN "case" k ON k.id = step.case_id
    WHERE k.status = 'open' AND k.voided IS NULL AND step.due < ?1
      AND NOT EXISTS (SELECT 1 FROM discussion d JOIN meeting m ON m.id = d.meeting_id
                      WHERE d.case_id = step.case_id AND m.date >= step.due)
    ORDER BY step.due, k.reference, i.id, step.step)SQL");
  s.bind(1, today.iso());
  std::vector<InterventionDue> rows;
  while (s.executeStep())
    rows.push_back({s.getColumn(0).getInt64(), s.getColumn(1).getString(), s.getColumn(2).getString(),
                    s.getColumn(3).getString(), s.getColumn(4).getInt(), date_of(s.getColumn(5)), s.getColumn(6).getString(),
                    date_of(s.getColumn(7))});
  return rows;
}

void record_reminder(Db& db, const ReminderRecord& r, const core::Actor& actor)
{
  auto& s = db.impl().cached("INSERT INTO reminder (item, subject, due, recipient, address, message_id, delivery, day, at, user) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, r.item);
  s.bind(2, r.subject);
  s.bind(3, r.due.iso());
  s.bind(4, r.recipient);
  s.bind(5, r.address);
  s.bind(6, r.message_id);
  s.bind(7, r.delivery);
  s.bind(8, actor.today.iso());
  s.bind(9, actor.at);
  s.bind(10, actor.user);
  s.exec();
  s.tryReset();
}

std::set<std::pair<std::string, std::string>> reminded_since(Db& db, core::Date since)
{
  SQLite::Statement s(db.impl().sql, "SELECT DISTINCT item, subject FROM reminder WHERE day >= ?");
  s.bind(1, since.iso());
  std::set<std::pair<std::string, std::string>> seen;
  while (s.executeStep())
    seen.emplace(s.getColumn(0).getString(), s.getColumn(1).getString());
  return seen;
}

std::vector<ReminderSent> action_reminders(Db& db, const std::string& id)
{
  SQLite::Statement s(db.impl().sql, "SELECT day, item, recipient, address, delivery FROM reminder "
                                     "WHERE (item = 'action' OR item = 'escalation') AND subject = ? ORDER BY id");
  s.bind(1, id);
  std::vector<ReminderSent> rows;
  while (s.executeStep())
    rows.push_back({s.getColumn(0).getString(), s.getColumn(1).getString(), s.getColumn(2).getString(),
                    s.getColumn(3).getString(), s.getColumn(4).getString()});
  return rows;
}

} // namespace panel::store
