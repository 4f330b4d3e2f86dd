#include "panel/store/meetings.hpp"

#include "panel/store/row.hpp"

namespace panel::store {
namespace {

constexpr const char* columns =
    "m.id, m.date, m.time, m.venue, m.chair, m.status, m.cancel_reason, m.agenda_issued, "
    "(SELECT count(*) FROM referral r WHERE r.meeting_date = m.date AND r.status = 'accepted' AND r.voided IS NULL)";

core::Meeting read(SQLite::Statement& s)
{
  core::Meeting m;
  m.id = s.getColumn(0).getInt64();
  m.date = date_of(s.getColumn(1));
  m.time = s.getColumn(2).getString();
  m.venue = s.getColumn(3).getString();
  m.chair = s.getColumn(4).getString();
  m.status = s.getColumn(5).getString();
  m.cancel_reason = s.getColumn(6).getString();
  m.agenda_issued = optional_date(s.getColumn(7));
  m.listed = s.getColumn(8).getInt();
  return m;
}

} // namespace

void insert_meeting(Db& db, const core::Meeting& m, const core::Actor& actor)
{
  SQLite::Statement s(db.impl().sql, "INSERT INTO meeting (date, time, venue, chair, status, created_at, created_by) "
                                     "VALUES (?, ?, ?, ?, 'scheduled', ?, ?)");
  s.bind(1, m.date.iso());
  s.bind(2, m.time);
  s.bind(3, m.venue);
  s.bind(4, m.chair);
  s.bind(5, actor.at);
  s.bind(6, actor.user);
  s.exec();
}

std::optional<core::Meeting> find_meeting(Db& db, core::Date date)
{
  SQLite::Statement s(db.impl().sql, std::string("SELECT ") + columns + " FROM meeting m WHERE m.date = ?");
  s.bind(1, date.iso());
  if (!s.executeStep())
    return std::nullopt;
  return read(s);
}

std::vector<core::Meeting> list_meetings(Db& db)
{
  SQLite::Statement s(db.impl().sql, std::string("SELECT ") + columns + " FROM meeting m ORDER BY m.date");
  std::vector<core::Meeting> rows;
  while (s.executeStep())
    rows.push_back(read(s));
  return rows;
}

std::optional<core::Meeting> next_open_meeting(Db& db, core::Date day)
{
  SQLite::Statement s(db.impl().sql, std::string("SELECT ") + columns +
                                         " FROM meeting m WHERE m.date >= ? AND (m.status = 'scheduled' OR "
                                         "m.status = 'agenda-issued') ORDER BY m.date LIMIT 1");
  s.bind(1, day.iso());
  if (!s.executeStep())
    return std::nullopt;
  return read(s);
}

void cancel_meeting(Db& db, std::int64_t id, const std::string& reason)
{
  SQLite::Statement s(db.impl().sql, "UPDATE meeting SET status = 'cancelled', cancel_reason = ? WHERE id = ?");
  s.bind(1, reason);
  s.bind(2, id);
  s.exec();
}

std::vector<std::string> listed_referrals(Db& db, std::optional<core::Date> date)
{
  SQLite::Statement s(db.impl().sql, "SELECT reference FROM referral WHERE status = 'accepted' AND voided IS NULL AND "
                                     "meeting_date IS ? ORDER BY received, id");
  bind_optional(s, 1, date);
  std::vector<std::string> refs;
  while (s.executeStep())
    refs.push_back(s.getColumn(0).getString());
  return refs;
}

void relist(Db& db, std::optional<core::Date> from, std::optional<core::Date> to)
{
  SQLite::Statement s(db.impl().sql, "UPDATE referral SET meeting_date = ? WHERE status = 'accepted' AND meeting_date IS ?");
  bind_optional(s, 1, to);
  bind_optional(s, 2, from);
  s.exec();
}

} // namespace panel::store

namespace panel::store {

void relist_referral(Db& db, const std::string& reference, std::optional<core::Date> to)
{
  SQLite::Statement s(db.impl().sql, "UPDATE referral SET meeting_date = ? WHERE reference = ?");
  bind_optional(s, 1, to);
  s.bind(2, reference);
  s.exec();
}

} // namespace panel::store

namespace panel::store {

void set_meeting_details(Db& db, std::int64_t id, const std::string& time, const std::string& venue, const std::string& chair)
{
  SQLite::Statement s(db.impl().sql, "UPDATE meeting SET time = ?, venue = ?, chair = ? WHERE id = ?");
  s.bind(1, time);
  s.bind(2, venue);
  s.bind(3, chair);
  s.bind(4, id);
  s.exec();
}

void move_meeting(Db& db, std::int64_t id, core::Date from, core::Date to)
{
  auto& sql = db.impl().sql;
  SQLite::Statement m(sql, "UPDATE meeting SET date = ? WHERE id = ?");
  m.bind(1, to.iso());
  m.bind(2, id);
  m.exec();
  for (const char* statement : {"UPDATE referral SET meeting_date = ?1 WHERE meeting_date = ?2",
                                "UPDATE decision SET meeting_date = ?1 WHERE meeting_date = ?2"}) {
    SQLite::Statement s(sql, statement);
    s.bind(1, to.iso());
    s.bind(2, from.iso());
    s.exec();
  }
}

std::vector<std::pair<std::int64_t, std::string>> reviews_on(Db& db, core::Date day)
{
  SQLite::Statement s(db.impl().sql, "SELECT id, reference FROM \"case\" WHERE status = 'open' AND review_date = ? "
                                     "AND voided IS NULL ORDER BY id");
  s.bind(1, day.iso());
  std::vector<std::pair<std::int64_t, std::string>> rows;
  while (s.executeStep())
    rows.emplace_back(s.getColumn(0).getInt64(), s.getColumn(1).getString());
  return rows;
}

void set_review_date(Db& db, std::int64_t case_id, core::Date day)
{
  SQLite::Statement s(db.impl().sql, "UPDATE \"case\" SET review_date = ? WHERE id = ?");
  s.bind(1, day.iso());
  s.bind(2, case_id);
  s.exec();
}

MeetingTies meeting_ties(Db& db, std::int64_t id, core::Date date)
{
  auto& sql = db.impl().sql;
  MeetingTies ties;
  SQLite::Statement r(sql, "SELECT reference FROM referral WHERE meeting_date = ? ORDER BY received, id");
  r.bind(1, date.iso());
  while (r.executeStep())
    ties.listed.push_back(r.getColumn(0).getString());
  SQLite::Statement c(sql, "SELECT reference FROM case_review WHERE meeting_id = ? ORDER BY id");
  c.bind(1, id);
  while (c.executeStep())
    ties.case_reviews.push_back(c.getColumn(0).getString());
  SQLite::Statement d(sql, "SELECT count(*) FROM document WHERE reference = ?");
  d.bind(1, date.iso());
  d.executeStep();
  ties.documents = d.getColumn(0).getInt64();
  return ties;
}

void delete_meeting(Db& db, std::int64_t id)
{
  SQLite::Statement s(db.impl().sql, "DELETE FROM meeting WHERE id = ?");
  s.bind(1, id);
  s.exec();
}

} // namespace panel::store
