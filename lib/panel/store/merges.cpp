#include "panel/store/merges.hpp"

#include "panel/store/row.hpp"

#include <fmt/format.h>

namespace panel::store {
namespace {

std::vector<std::int64_t> ids(Db& db, const char* sql, std::int64_t key)
{
  SQLite::Statement s(db.impl().sql, sql);
  s.bind(1, key);
  std::vector<std::int64_t> out;
  while (s.executeStep())
    out.push_back(s.getColumn(0).getInt64());
  return out;
}

void set(Db& db, const char* sql, std::int64_t value, std::int64_t id)
{
  SQLite::Statement s(db.impl().sql, sql);
  s.bind(1, value);
  s.bind(2, id);
  s.exec();
}

std::int64_t max_id(Db& db, const char* sql)
{
  SQLite::Statement s(db.impl().sql, sql);
  s.executeStep();
  return s.getColumn(0).getInt64();
}

RepeatState repeat_row(SQLite::Statement& s)
{
  RepeatState r{s.getColumn(0).getInt64(), s.getColumn(1).getString(), date_of(s.getColumn(2)),
                s.getColumn(3).getString(), std::nullopt, s.getColumn(5).getString(), s.getColumn(6).getInt() != 0};
  if (!s.getColumn(4).isNull())
    r.repeat_of = s.getColumn(4).getInt64();
  return r;
}

} // namespace

std::vector<std::int64_t> referral_ids_of(Db& db, std::int64_t person_id)
{
  return ids(db, "SELECT id FROM referral WHERE person_id = ? ORDER BY id", person_id);
}

std::vector<std::int64_t> case_ids_of(Db& db, std::int64_t person_id)
{
  return ids(db, "SELECT id FROM \"case\" WHERE person_id = ? ORDER BY id", person_id);
}

std::vector<std::int64_t> alias_ids_of(Db& db, std::int64_t person_id)
{
  return ids(db, "SELECT id FROM person_alias WHERE person_id = ? ORDER BY id", person_id);
}

void set_referral_person(Db& db, std::int64_t referral_id, std::int64_t person_id)
{
  set(db, "UPDATE referral SET person_id = ? WHERE id = ?", person_id, referral_id);
}

void set_case_person(Db& db, std::int64_t case_id, std::int64_t person_id)
{
  set(db, "UPDATE \"case\" SET person_id = ? WHERE id = ?", person_id, case_id);
}

void set_alias_person(Db& db, std::int64_t alias_id, std::int64_t person_id)
{
  set(db, "UPDATE person_alias SET person_id = ? WHERE id = ?", person_id, alias_id);
}

std::optional<std::int64_t> merge_holding_alias(Db& db, std::int64_t alias_id)
{
  SQLite::Statement s(db.impl().sql,
                      "SELECT id FROM person_merge WHERE undone_at IS NULL AND (json_extract(changes, '$.alias_added') = ?1 "
                      "OR EXISTS (SELECT 1 FROM json_each(changes, '$.aliases') WHERE json_extract(value, '$.id') = ?1)) "
                      "ORDER BY id DESC LIMIT 1");
  s.bind(1, alias_id);
  if (!s.executeStep())
    return std::nullopt;
  return s.getColumn(0).getInt64();
}

void delete_alias(Db& db, std::int64_t alias_id)
{
  SQLite::Statement s(db.impl().sql, "DELETE FROM person_alias WHERE id = ?");
  s.bind(1, alias_id);
  s.exec();
}

void set_merged_into(Db& db, std::int64_t person_id, std::optional<std::int64_t> into)
{
  SQLite::Statement s(db.impl().sql, "UPDATE person SET merged_into = ? WHERE id = ?");
  bind_optional(s, 1, into);
  s.bind(2, person_id);
  s.exec();
}

std::vector<CaseState> open_cases_of(Db& db, std::int64_t person_id)
{
  SQLite::Statement s(db.impl().sql, "SELECT id, reference, status, coalesce(closed, ''), close_reason FROM \"case\" "
                                     "WHERE person_id = ? AND status = 'open' AND voided IS NULL "
                                     "ORDER BY opened DESC, id DESC");
  s.bind(1, person_id);
  std::vector<CaseState> out;
  while (s.executeStep())
    out.push_back({s.getColumn(0).getInt64(), s.getColumn(1).getString(), s.getColumn(2).getString(),
                   s.getColumn(3).getString(), s.getColumn(4).getString()});
  return out;
}

void set_case_state(Db& db, const CaseState& state)
{
  SQLite::Statement s(db.impl().sql, "UPDATE \"case\" SET status = ?, closed = ?, close_reason = ? WHERE id = ?");
  s.bind(1, state.status);
  bind_nullable(s, 2, state.closed);
  s.bind(3, state.close_reason);
  s.bind(4, state.id);
  s.exec();
}

std::vector<std::int64_t> case_referral_ids(Db& db, std::int64_t case_id)
{
  return ids(db, "SELECT id FROM referral WHERE case_id = ? ORDER BY id", case_id);
}

void set_referral_case(Db& db, std::int64_t referral_id, std::int64_t case_id)
{
  set(db, "UPDATE referral SET case_id = ? WHERE id = ?", case_id, referral_id);
}

std::vector<RepeatState> repeat_states(Db& db, std::int64_t person_id)
{
  SQLite::Statement s(db.impl().sql, "SELECT id, reference, received, status, repeat_of, criteria_met, meets_threshold "
                                     "FROM referral WHERE person_id = ? AND voided IS NULL ORDER BY received, id");
  s.bind(1, person_id);
  std::vector<RepeatState> out;
  while (s.executeStep())
    out.push_back(repeat_row(s));
  return out;
}

std::optional<RepeatState> repeat_state(Db& db, std::int64_t referral_id)
{
  SQLite::Statement s(db.impl().sql, "SELECT id, reference, received, status, repeat_of, criteria_met, meets_threshold "
                                     "FROM referral WHERE id = ?");
  s.bind(1, referral_id);
  if (!s.executeStep())
    return std::nullopt;
  return repeat_row(s);
}

void set_repeat_state(Db& db, const RepeatState& state)
{
  SQLite::Statement s(db.impl().sql,
                      "UPDATE referral SET repeat_of = ?, criteria_met = ?, meets_threshold = ? WHERE id = ?");
  bind_optional(s, 1, state.repeat_of);
  s.bind(2, state.criteria_met);
  s.bind(3, state.meets_threshold ? 1 : 0);
  s.bind(4, state.id);
  s.exec();
}

std::string referral_reference(Db& db, std::int64_t referral_id)
{
  SQLite::Statement s(db.impl().sql, "SELECT reference FROM referral WHERE id = ?");
  s.bind(1, referral_id);
  return s.executeStep() ? s.getColumn(0).getString() : std::string();
}

std::string case_reference(Db& db, std::int64_t case_id)
{
  SQLite::Statement s(db.impl().sql, "SELECT reference FROM \"case\" WHERE id = ?");
  s.bind(1, case_id);
  return s.executeStep() ? s.getColumn(0).getString() : std::string();
}

std::int64_t count_repeats(Db& db, core::Date from, core::Date to)
{
  SQLite::Statement s(db.impl().sql, "SELECT count(*) FROM referral WHERE received BETWEEN ? AND ? "
                                     "AND repeat_of IS NOT NULL AND voided IS NULL");
  s.bind(1, from.iso());
  s.bind(2, to.iso());
  s.executeStep();
  return s.getColumn(0).getInt64();
}

Marks high_water_marks(Db& db)
{
  Marks m;
  m.referral = max_id(db, "SELECT coalesce(max(id), 0) FROM referral");
  m.kase = max_id(db, "SELECT coalesce(max(id), 0) FROM \"case\"");
  m.decision = max_id(db, "SELECT coalesce(max(id), 0) FROM decision");
  m.history = max_id(db, "SELECT coalesce(max(id), 0) FROM history");
  m.discussion = max_id(db, "SELECT coalesce(max(id), 0) FROM discussion");
  m.case_note = max_id(db, "SELECT coalesce(max(id), 0) FROM case_note");
  m.action = max_id(db, "SELECT coalesce(max(id), 0) FROM action");
  m.intervention = max_id(db, "SELECT coalesce(max(id), 0) FROM intervention");
  m.merge = max_id(db, "SELECT coalesce(max(id), 0) FROM person_merge");
  return m;
}

std::int64_t insert_merge(Db& db, const MergeRow& row, const std::string& day, const std::string& user)
{
  SQLite::Statement s(db.impl().sql, "INSERT INTO person_merge (keep_id, drop_id, reason, changes, at, day, user) "
                                     "VALUES (?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, row.keep_id);
  s.bind(2, row.drop_id);
  s.bind(3, row.reason);
  s.bind(4, row.changes);
  s.bind(5, row.at);
  s.bind(6, day);
  s.bind(7, user);
  s.exec();
  return db.impl().sql.getLastInsertRowid();
}

std::optional<MergeRow> find_merge(Db& db, std::int64_t id)
{
  SQLite::Statement s(db.impl().sql, "SELECT id, keep_id, drop_id, reason, changes, at, coalesce(undone_at, '') "
                                     "FROM person_merge WHERE id = ?");
  s.bind(1, id);
  if (!s.executeStep())
    return std::nullopt;
  return MergeRow{s.getColumn(0).getInt64(), s.getColumn(1).getInt64(), s.getColumn(2).getInt64(),
                  s.getColumn(3).getString(), s.getColumn(4).getString(), s.getColumn(5).getString(),
                  s.getColumn(6).getString()};
}

void set_merge_undone(Db& db, std::int64_t id, const std::string& at)
{
  SQLite::Statement s(db.impl().sql, "UPDATE person_merge SET undone_at = ? WHERE id = ?");
  s.bind(1, at);
  s.bind(2, id);
  s.exec();
}

std::vector<std::string> recorded_since(Db& db, const Marks& marks, std::int64_t merge_id, std::int64_t keep_id,
                                        std::int64_t drop_id, const std::vector<std::int64_t>& referral_ids,
                                        const std::vector<std::int64_t>& case_ids)
{
  auto& sql = db.impl().sql;
  std::vector<std::string> out;
  SQLite::Statement later(sql, "SELECT id FROM person_merge WHERE id > ?1 AND id <> ?2 AND undone_at IS NULL "
                               "AND (keep_id IN (?3, ?4) OR drop_id IN (?3, ?4)) ORDER BY id");
  later.bind(1, marks.merge);
  later.bind(2, merge_id);
  later.bind(3, keep_id);
  later.bind(4, drop_id);
  while (later.executeStep())
    out.push_back(fmt::format("merge {} was made later with the same people: undo it first", later.getColumn(0).getInt64()));
  SQLite::Statement referrals(sql, "SELECT reference, person_id FROM referral WHERE id > ? AND person_id IN (?, ?) ORDER BY id");
  referrals.bind(1, marks.referral);
  referrals.bind(2, keep_id);
  referrals.bind(3, drop_id);
  while (referrals.executeStep())
    out.push_back(fmt::format("referral {} was recorded for person {} after the merge", referrals.getColumn(0).getString(),
                              referrals.getColumn(1).getInt64()));
  SQLite::Statement cases(sql, "SELECT reference, person_id FROM \"case\" WHERE id > ? AND person_id IN (?, ?) ORDER BY id");
  cases.bind(1, marks.kase);
  cases.bind(2, keep_id);
  cases.bind(3, drop_id);
  while (cases.executeStep())
    out.push_back(fmt::format("case {} was opened for person {} after the merge", cases.getColumn(0).getString(),
                              cases.getColumn(1).getInt64()));
  SQLite::Statement decision(sql, "SELECT r.reference, d.decision FROM decision d JOIN referral r ON r.id = d.referral_id "
                                  "WHERE d.id > ? AND d.referral_id = ? ORDER BY d.id");
  SQLite::Statement referral_history(sql, "SELECT r.reference, h.field FROM history h JOIN referral r ON r.id = h.record_id "
                                          "WHERE h.id > ? AND h.entity = 'referral' AND h.record_id = ? ORDER BY h.id");
  for (const auto id : referral_ids) {
    decision.reset();
    decision.bind(1, marks.decision);
    decision.bind(2, id);
    while (decision.executeStep())
      out.push_back(fmt::format("referral {} was decided ({}) after the merge", decision.getColumn(0).getString(),
                                decision.getColumn(1).getString()));
    referral_history.reset();
    referral_history.bind(1, marks.history);
    referral_history.bind(2, id);
    while (referral_history.executeStep())
      out.push_back(fmt::format("referral {} was changed ({}) after the merge", referral_history.getColumn(0).getString(),
                                referral_history.getColumn(1).getString()));
  }
  SQLite::Statement case_rows(sql, R"SQL(
    SELECT 'was changed (' || h.field || ')' FROM history h WHERE h.id > ?1 AND h.entity = 'case' AND h.record_id = ?6
    UNION ALL SELECT 'was discussed at the meeting of ' || m.date FROM discussion d JOIN meeting m ON m.id = d.meeting_id
              WHERE d.id > ?2 AND d.case_id = ?6
    UNION ALL SELECT 'has a note' FROM case_note n WHERE n.id > ?3 AND n.case_id = ?6
    UNION ALL SELECT 'has action A-' || a.id FROM action a WHERE a.id > ?4 AND a.case_id = ?6
    UNION ALL SELECT 'has an intervention (' || i.type || ')' FROM intervention i WHERE i.id > ?5 AND i.case_id = ?6)SQL");
  SQLite::Statement case_reference(sql, "SELECT reference FROM \"case\" WHERE id = ?");
  for (const auto id : case_ids) {
    case_reference.reset();
    case_reference.bind(1, id);
    const std::string reference = case_reference.executeStep() ? case_reference.getColumn(0).getString() : "";
    case_rows.reset();
    case_rows.bind(1, marks.history);
    case_rows.bind(2, marks.discussion);
    case_rows.bind(3, marks.case_note);
    case_rows.bind(4, marks.action);
    case_rows.bind(5, marks.intervention);
    case_rows.bind(6, id);
    while (case_rows.executeStep())
      out.push_back(fmt::format("case {} {} after the merge", reference, case_rows.getColumn(0).getString()));
  }
  return out;
}

} // namespace panel::store
