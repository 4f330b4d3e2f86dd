#include "panel/store/minutes.hpp"

#include "panel/core/words.hpp"
#include "panel/store/actions.hpp"
#include "panel/store/row.hpp"

#include <algorithm>
#include <charconv>

namespace panel::store {
namespace {

std::optional<std::int64_t> action_number(const std::string& id)
{
  if (id.size() < 3 || !core::same_word(id.substr(0, 2), "A-"))  // `a-4` is A-4
    return std::nullopt;
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(id.data() + 2, id.data() + id.size(), n);
  if (ec != std::errc() || end != id.data() + id.size() || n <= 0)
    return std::nullopt;
  return n;
}

} // namespace

void insert_attendance(Db& db, std::int64_t meeting_id, const std::string& agency, const std::string& status)
{
  SQLite::Statement s(db.impl().sql, "INSERT INTO attendance (meeting_id, agency, status) VALUES (?, ?, ?)");
  s.bind(1, meeting_id);
  s.bind(2, agency);
  s.bind(3, status);
  s.exec();
}

void insert_observer(Db& db, std::int64_t meeting_id, const core::Observer& o)
{
  SQLite::Statement s(db.impl().sql, "INSERT INTO observer (meeting_id, name, organisation, confidentiality_signed) "
                                     "VALUES (?, ?, ?, ?)");
  s.bind(1, meeting_id);
  s.bind(2, o.name);
  s.bind(3, o.organisation);
  s.bind(4, o.confidentiality_signed ? 1 : 0);
  s.exec();
}

void insert_discussion(Db& db, std::int64_t meeting_id, std::int64_t case_id, const core::CaseMinute& c)
{
  SQLite::Statement s(db.impl().sql, "INSERT INTO discussion (meeting_id, case_id, summary, risk_level, outcome, "
                                     "close_reason, next_review, referred_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, meeting_id);
  s.bind(2, case_id);
  s.bind(3, c.summary);
  s.bind(4, c.risk);
  s.bind(5, c.outcome);
  s.bind(6, c.close_reason);
  bind_optional(s, 7, c.next_review);
  s.bind(8, c.referred_to);
  s.exec();
}

std::string insert_action(Db& db, std::int64_t case_id, std::optional<std::int64_t> meeting_id, const core::NewAction& a,
                          const core::Actor& actor)
{
  return insert_action_row(db, {case_id, std::nullopt}, meeting_id, a, actor);
}

std::int64_t insert_intervention(Db& db, std::int64_t case_id, std::optional<std::int64_t> meeting_id,
                                 const core::NewIntervention& i, int tier)
{
  SQLite::Statement s(db.impl().sql, "INSERT INTO intervention (case_id, meeting_id, type, tier, agency, date, review, "
                                     "expiry, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, case_id);
  bind_optional(s, 2, meeting_id);
  s.bind(3, i.type);
  s.bind(4, tier);
  s.bind(5, i.agency);
  s.bind(6, i.date.iso());
  bind_optional(s, 7, i.review);
  bind_optional(s, 8, i.expiry);
  s.bind(9, i.note);
  s.exec();
  return db.impl().sql.getLastInsertRowid();
}

void update_case_after_discussion(Db& db, std::int64_t case_id, const std::string& risk, std::optional<core::Date> review)
{
  SQLite::Statement s(db.impl().sql, "UPDATE \"case\" SET risk_level = CASE WHEN ?1 = '' THEN risk_level ELSE ?1 END, "
                                     "review_date = ?2 WHERE id = ?3");
  s.bind(1, risk);
  bind_optional(s, 2, review);
  s.bind(3, case_id);
  s.exec();
}

std::vector<std::string> take_into_meeting(Db& db, std::int64_t case_id, core::Date meeting)
{
  SQLite::Statement s(db.impl().sql,
                      "UPDATE referral SET meeting_date = ?1 WHERE case_id = ?2 AND status = 'accepted' AND received <= ?1 "
                      "AND (meeting_date IS NULL OR meeting_date IN (SELECT date FROM meeting WHERE date > ?1 AND "
                      "(status = 'scheduled' OR status = 'agenda-issued'))) RETURNING reference");
  s.bind(1, meeting.iso());
  s.bind(2, case_id);
  std::vector<std::string> refs;
  while (s.executeStep())
    refs.push_back(s.getColumn(0).getString());
  std::sort(refs.begin(), refs.end());
  return refs;
}

void close_case(Db& db, std::int64_t case_id, core::Date day, const std::string& reason)
{
  SQLite::Statement s(db.impl().sql, "UPDATE \"case\" SET status = 'closed', closed = ?, close_reason = ?, "
                                     "review_date = NULL WHERE id = ?");
  s.bind(1, day.iso());
  s.bind(2, reason);
  s.bind(3, case_id);
  s.exec();
}

void reopen_case(Db& db, std::int64_t case_id)
{
  SQLite::Statement s(db.impl().sql, "UPDATE \"case\" SET status = 'open', closed = NULL, close_reason = '' WHERE id = ?");
  s.bind(1, case_id);
  s.exec();
}

void mark_held(Db& db, std::int64_t meeting_id, const std::string& chair, bool quorate, const std::string& at)
{
  SQLite::Statement s(db.impl().sql, "UPDATE meeting SET status = 'held', chair = CASE WHEN ?1 = '' THEN chair ELSE ?1 END, "
                                     "quorate = ?2, minuted_at = ?3 WHERE id = ?4");
  s.bind(1, chair);
  s.bind(2, quorate ? 1 : 0);
  s.bind(3, at);
  s.bind(4, meeting_id);
  s.exec();
}

std::optional<std::string> action_status(Db& db, const std::string& id)
{
  const auto n = action_number(id);
  if (!n)
    return std::nullopt;
  SQLite::Statement s(db.impl().sql, "SELECT status FROM action WHERE id = ?");
  s.bind(1, *n);
  if (!s.executeStep())
    return std::nullopt;
  return s.getColumn(0).getString();
}

void set_action_status(Db& db, const std::string& id, const std::string& status, core::Date day,
                       const std::string& note, const core::Actor& actor)
{
  const auto n = action_number(id);
  const auto before = action_status(db, id).value_or("");
  SQLite::Statement s(db.impl().sql, "UPDATE action SET status = ?, status_date = ? WHERE id = ?");
  s.bind(1, status);
  s.bind(2, day.iso());
  s.bind(3, *n);
  s.exec();
  append_action_history(db, *n, actor, day, "status " + before + " -> " + status, note);
}

std::vector<core::OutstandingAction> outstanding_actions(Db& db, core::Date day)
{
  // Recommendations of ASB case reviews are followed up at meetings too, after the cases' actions.
  SQLite::Statement s(db.impl().sql, "SELECT a.id, coalesce(k.reference, t.reference), a.owner, a.description, a.due "
                                     "FROM action a LEFT JOIN \"case\" k ON k.id = a.case_id "
                                     "LEFT JOIN case_review t ON t.id = a.case_review_id "
                                     "WHERE a.status = 'open' AND a.due <= ? ORDER BY k.id IS NULL, k.id, t.id, a.due, a.id");
  s.bind(1, day.iso());
  std::vector<core::OutstandingAction> rows;
  while (s.executeStep()) {
    core::OutstandingAction a;
    a.id = "A-" + std::to_string(s.getColumn(0).getInt64());
    a.case_reference = s.getColumn(1).getString();
    a.owner = s.getColumn(2).getString();
    a.description = s.getColumn(3).getString();
    a.due = date_of(s.getColumn(4));
    a.days_overdue = std::max(0, a.due.days_until(day));
    rows.push_back(std::move(a));
  }
  return rows;
}

int open_actions(Db& db, const std::string& case_reference)
{
  // Prepared once: the agenda asks for every item.
  auto& s = db.impl().cached("SELECT count(*) FROM action a JOIN \"case\" k ON k.id = a.case_id "
                             "WHERE k.reference = ? AND a.status = 'open'");
  s.bind(1, case_reference);
  s.executeStep();
  const int open = s.getColumn(0).getInt();
  s.reset();
  return open;
}

std::vector<core::DiscussionRecord> case_discussions(Db& db, std::int64_t case_id)
{
  // Prepared once, like case_actions: a meeting pack asks for every case.
  auto& s = db.impl().cached("SELECT m.date, d.summary, d.risk_level, d.outcome, d.close_reason, d.next_review, d.referred_to "
                             "FROM discussion d JOIN meeting m ON m.id = d.meeting_id WHERE d.case_id = ? "
                             "ORDER BY m.date");
  s.bind(1, case_id);
  std::vector<core::DiscussionRecord> rows;
  while (s.executeStep())
    rows.push_back({date_of(s.getColumn(0)), s.getColumn(1).getString(), s.getColumn(2).getString(),
                    s.getColumn(3).getString(), s.getColumn(4).getString(), optional_date(s.getColumn(5)),
                    s.getColumn(6).getString()});
  return rows;
}

std::vector<core::ActionRecord> case_actions(Db& db, std::int64_t case_id)
{
  auto& s = db.impl().cached("SELECT a.id, k.reference, a.owner, a.description, a.status, a.due, a.status_date "
                             "FROM action a JOIN \"case\" k ON k.id = a.case_id WHERE a.case_id = ? ORDER BY a.id");
  s.bind(1, case_id);
  std::vector<core::ActionRecord> rows;
  while (s.executeStep())
    rows.push_back({"A-" + std::to_string(s.getColumn(0).getInt64()), s.getColumn(1).getString(),
                    s.getColumn(2).getString(), s.getColumn(3).getString(), s.getColumn(4).getString(),
                    date_of(s.getColumn(5)), optional_date(s.getColumn(6))});
  return rows;
}

std::vector<core::InterventionRecord> case_interventions(Db& db, std::int64_t case_id)
{
  auto& s = db.impl().cached("SELECT type, agency, note, tier, date, review, expiry, id FROM intervention "
                             "WHERE case_id = ? ORDER BY date, id");
  s.bind(1, case_id);
  std::vector<core::InterventionRecord> rows;
  while (s.executeStep())
    rows.push_back({s.getColumn(0).getString(), s.getColumn(1).getString(), s.getColumn(2).getString(),
                    s.getColumn(3).getInt(), date_of(s.getColumn(4)), optional_date(s.getColumn(5)),
                    optional_date(s.getColumn(6)), s.getColumn(7).getInt64()});
  return rows;
}

std::vector<Deferral> deferred_from(Db& db, core::Date meeting, const std::string& reason)
{
  auto& sql = db.impl().sql;
  // Referrals listed, and cases due for review, that were not reached: the case's own row names it.
  SQLite::Statement s(sql, "SELECT h.id, r.reference, coalesce(k.reference, ''), h.new, 0 FROM history h "
                           "JOIN referral r ON r.id = h.record_id LEFT JOIN \"case\" k ON k.id = r.case_id "
                           "WHERE h.entity = 'referral' AND h.field = 'meeting_date' AND h.old = ?1 AND h.reason = ?2 "
                           "AND r.voided IS NULL "
                           "UNION ALL SELECT h.id, k.reference, k.reference, h.new, 1 FROM history h "
                           "JOIN \"case\" k ON k.id = h.record_id WHERE h.entity = 'case' AND h.field = 'meeting_date' "
                           "AND h.old = ?1 AND h.reason = ?2 AND k.voided IS NULL ORDER BY 1");
  // A later move of the meeting they went to: its history row, after theirs, from the date it had.
  SQLite::Statement moved(sql, "SELECT id, new FROM history WHERE entity = 'meeting' AND field = 'date' AND old = ? "
                               "AND id > ? ORDER BY id LIMIT 1");
  s.bind(1, meeting.iso());
  s.bind(2, reason);
  std::vector<Deferral> rows;
  while (s.executeStep()) {
    Deferral d{s.getColumn(1).getString(), s.getColumn(2).getString(), optional_date(s.getColumn(3)),
               s.getColumn(4).getInt() != 0};
    for (auto after = s.getColumn(0).getInt64(); d.to;) {
      moved.reset();
      moved.bind(1, d.to->iso());
      moved.bind(2, after);
      if (!moved.executeStep())
        break;
      after = moved.getColumn(0).getInt64();
      d.to = optional_date(moved.getColumn(1));
    }
    rows.push_back(std::move(d));
  }
  moved.reset();  // no read left open on the connection
  return rows;
}

std::optional<std::string> intervention_case(Db& db, std::int64_t intervention_id)
{
  SQLite::Statement s(db.impl().sql, "SELECT k.reference FROM intervention i JOIN \"case\" k ON k.id = i.case_id WHERE i.id = ?");
  s.bind(1, intervention_id);
  if (!s.executeStep())
    return std::nullopt;
  return s.getColumn(0).getString();
}

MeetingRecord meeting_record(Db& db, std::int64_t meeting_id)
{
  auto& sql = db.impl().sql;
  MeetingRecord r;
  SQLite::Statement a(sql, "SELECT a.agency, a.status FROM attendance a JOIN agency g ON g.code = a.agency "
                           "WHERE a.meeting_id = ? ORDER BY g.position");
  a.bind(1, meeting_id);
  while (a.executeStep())
    r.attendance.emplace_back(a.getColumn(0).getString(), a.getColumn(1).getString());
  SQLite::Statement o(sql, "SELECT name, organisation, confidentiality_signed FROM observer WHERE meeting_id = ? ORDER BY id");
  o.bind(1, meeting_id);
  while (o.executeStep())
    r.observers.push_back({o.getColumn(0).getString(), o.getColumn(1).getString(), o.getColumn(2).getInt() != 0});
  SQLite::Statement d(sql, "SELECT k.reference, m.date, d.summary, d.risk_level, d.outcome, d.close_reason, d.next_review, "
                           "d.referred_to FROM discussion d JOIN \"case\" k ON k.id = d.case_id JOIN meeting m ON m.id = d.meeting_id "
                           "WHERE d.meeting_id = ? ORDER BY d.id");
  d.bind(1, meeting_id);
  while (d.executeStep())
    r.discussions.emplace_back(d.getColumn(0).getString(),
                               core::DiscussionRecord{date_of(d.getColumn(1)), d.getColumn(2).getString(),
                                                      d.getColumn(3).getString(), d.getColumn(4).getString(),
                                                      d.getColumn(5).getString(), optional_date(d.getColumn(6)),
                                                      d.getColumn(7).getString()});
  SQLite::Statement x(sql, "SELECT a.id, k.reference, a.owner, a.description, a.status, a.due, a.status_date FROM action a "
                           "JOIN \"case\" k ON k.id = a.case_id WHERE a.meeting_id = ? ORDER BY a.id");
  x.bind(1, meeting_id);
  while (x.executeStep())
    r.actions.push_back({"A-" + std::to_string(x.getColumn(0).getInt64()), x.getColumn(1).getString(),
                         x.getColumn(2).getString(), x.getColumn(3).getString(), x.getColumn(4).getString(),
                         date_of(x.getColumn(5)), optional_date(x.getColumn(6))});
  SQLite::Statement q(sql, "SELECT coalesce(quorate, 1) FROM meeting WHERE id = ?");
  q.bind(1, meeting_id);
  r.quorate = q.executeStep() && q.getColumn(0).getInt() != 0;
  return r;
}

bool has_minutes(Db& db, std::int64_t meeting_id)
{
  SQLite::Statement s(db.impl().sql, "SELECT minuted_at IS NOT NULL FROM meeting WHERE id = ?");
  s.bind(1, meeting_id);
  return s.executeStep() && s.getColumn(0).getInt() != 0;
}

std::vector<MinutedIntervention> meeting_interventions(Db& db, std::int64_t meeting_id)
{
  SQLite::Statement s(db.impl().sql, "SELECT i.id, k.reference, i.type, i.agency, i.note, i.date, i.review, i.expiry "
                                     "FROM intervention i JOIN \"case\" k ON k.id = i.case_id WHERE i.meeting_id = ? "
                                     "ORDER BY i.id");
  s.bind(1, meeting_id);
  std::vector<MinutedIntervention> rows;
  while (s.executeStep()) {
    MinutedIntervention m;
    m.id = s.getColumn(0).getInt64();
    m.case_reference = s.getColumn(1).getString();
    m.intervention.type = s.getColumn(2).getString();
    m.intervention.agency = s.getColumn(3).getString();
    m.intervention.note = s.getColumn(4).getString();
    m.intervention.date = date_of(s.getColumn(5));
    m.intervention.review = optional_date(s.getColumn(6));
    m.intervention.expiry = optional_date(s.getColumn(7));
    rows.push_back(std::move(m));
  }
  return rows;
}

void delete_intervention(Db& db, std::int64_t id)
{
  SQLite::Statement s(db.impl().sql, "DELETE FROM intervention WHERE id = ?");
  s.bind(1, id);
  s.exec();
}

std::vector<core::ActionRecord> followed_up_actions(Db& db, std::int64_t meeting_id, core::Date day)
{
  SQLite::Statement s(db.impl().sql, "SELECT a.id, k.reference, a.owner, a.description, a.status, a.due, a.status_date "
                                     "FROM action a JOIN \"case\" k ON k.id = a.case_id "
                                     "WHERE a.meeting_id IS NOT ?1 AND a.due <= ?2 AND (a.status = 'open' OR a.status_date = ?2) "
                                     "ORDER BY k.id, a.due, a.id");
  s.bind(1, meeting_id);
  s.bind(2, day.iso());
  std::vector<core::ActionRecord> rows;
  while (s.executeStep())
    rows.push_back({"A-" + std::to_string(s.getColumn(0).getInt64()), s.getColumn(1).getString(),
                    s.getColumn(2).getString(), s.getColumn(3).getString(), s.getColumn(4).getString(),
                    date_of(s.getColumn(5)), optional_date(s.getColumn(6))});
  return rows;
}

void set_attendance(Db& db, std::int64_t meeting_id, const std::string& agency, const std::optional<std::string>& status)
{
  SQLite::Statement d(db.impl().sql, "DELETE FROM attendance WHERE meeting_id = ? AND agency = ?");
  d.bind(1, meeting_id);
  d.bind(2, agency);
  d.exec();
  if (status)
    insert_attendance(db, meeting_id, agency, *status);
}

void replace_observers(Db& db, std::int64_t meeting_id, const std::vector<core::Observer>& observers)
{
  SQLite::Statement d(db.impl().sql, "DELETE FROM observer WHERE meeting_id = ?");
  d.bind(1, meeting_id);
  d.exec();
  for (const auto& o : observers)
    insert_observer(db, meeting_id, o);
}

void set_chair_and_quorum(Db& db, std::int64_t meeting_id, const std::string& chair, bool quorate)
{
  SQLite::Statement s(db.impl().sql, "UPDATE meeting SET chair = ?, quorate = ? WHERE id = ?");
  s.bind(1, chair);
  s.bind(2, quorate ? 1 : 0);
  s.bind(3, meeting_id);
  s.exec();
}

void update_discussion(Db& db, std::int64_t meeting_id, std::int64_t case_id, const core::CaseMinute& c)
{
  SQLite::Statement s(db.impl().sql, "UPDATE discussion SET summary = ?, risk_level = ?, outcome = ?, close_reason = ?, "
                                     "next_review = ?, referred_to = ? WHERE meeting_id = ? AND case_id = ?");
  s.bind(1, c.summary);
  s.bind(2, c.risk);
  s.bind(3, c.outcome);
  s.bind(4, c.close_reason);
  bind_optional(s, 5, c.next_review);
  s.bind(6, c.referred_to);
  s.bind(7, meeting_id);
  s.bind(8, case_id);
  s.exec();
}

bool discussed_after(Db& db, std::int64_t case_id, core::Date day)
{
  SQLite::Statement s(db.impl().sql, "SELECT 1 FROM discussion d JOIN meeting m ON m.id = d.meeting_id "
                                     "WHERE d.case_id = ? AND m.date > ? LIMIT 1");
  s.bind(1, case_id);
  s.bind(2, day.iso());
  return s.executeStep();
}

void set_case_risk_and_review(Db& db, std::int64_t case_id, const std::string& risk, std::optional<core::Date> review)
{
  update_case_after_discussion(db, case_id, risk, review);
}

std::string amend_action(Db& db, const std::string& id, const core::NewAction& to, const std::string& note,
                         const core::Actor& actor)
{
  const auto n = action_number(id);
  SQLite::Statement r(db.impl().sql, "SELECT owner, description, due FROM action WHERE id = ?");
  r.bind(1, *n);
  r.executeStep();
  const std::string owner = r.getColumn(0).getString(), description = r.getColumn(1).getString();
  const auto due = date_of(r.getColumn(2));
  std::string change;
  auto add = [&](const std::string& part) { change += (change.empty() ? "" : "; ") + part; };
  if (to.due != due)
    add("due " + due.iso() + " -> " + to.due.iso());
  if (to.owner != owner)
    add("owner " + owner + " -> " + to.owner);
  if (to.description != description)
    add("description changed");
  if (change.empty())
    return change;
  SQLite::Statement s(db.impl().sql, "UPDATE action SET owner = ?, description = ?, due = ? WHERE id = ?");
  s.bind(1, to.owner);
  s.bind(2, to.description);
  s.bind(3, to.due.iso());
  s.bind(4, *n);
  s.exec();
  // The old description is kept in the note: the history says what the action was.
  append_action_history(db, *n, actor, actor.today, change,
                        to.description != description ? note + " (was: " + description + ")" : note);
  return change;
}

}  // namespace panel::store
