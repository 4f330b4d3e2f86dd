#include "panel/store/people.hpp"

#include "panel/store/referrals.hpp"
#include "panel/store/row.hpp"

#include <fmt/format.h>

namespace panel::store {

std::optional<PersonRow> find_person(Db& db, std::int64_t id)
{
  SQLite::Statement s(db.impl().sql, "SELECT id, name, dob, merged_into FROM person WHERE id = ?");
  s.bind(1, id);
  if (!s.executeStep())
    return std::nullopt;
  PersonRow row{s.getColumn(0).getInt64(), s.getColumn(1).getString(), optional_date(s.getColumn(2)), std::nullopt};
  if (!s.getColumn(3).isNull())
    row.merged_into = s.getColumn(3).getInt64();
  return row;
}

PersonDob refresh_person_dob(Db& db, std::int64_t person_id)
{
  auto& person = db.impl().cached("SELECT dob FROM person WHERE id = ?");
  person.bind(1, person_id);
  PersonDob out;
  if (!person.executeStep())
    return out;
  out.was = out.now = optional_date(person.getColumn(0));
  person.reset();
  // The latest live referral that gives a date of birth, or, when none does, the latest live one.
  auto& latest = db.impl().cached("SELECT reference, dob FROM referral WHERE person_id = ? AND voided IS NULL "
                                  "ORDER BY dob IS NULL, received DESC, id DESC LIMIT 1");
  latest.bind(1, person_id);
  if (!latest.executeStep())
    return out;  // no live referral: nothing to follow
  out.now = optional_date(latest.getColumn(1));
  if (out.now)
    out.from = latest.getColumn(0).getString();
  latest.reset();
  if (out.now != out.was) {
    auto& update = db.impl().cached("UPDATE person SET dob = ? WHERE id = ?");
    bind_optional(update, 1, out.now);
    update.bind(2, person_id);
    update.exec();
  }
  return out;
}

void refresh_person_dobs(Db& db)
{
  db.impl().sql.exec("UPDATE person SET dob = (SELECT r.dob FROM referral r WHERE r.person_id = person.id AND "
                     "r.voided IS NULL ORDER BY r.dob IS NULL, r.received DESC, r.id DESC LIMIT 1) WHERE EXISTS "
                     "(SELECT 1 FROM referral r WHERE r.person_id = person.id AND r.voided IS NULL)");
}

void each_named(Db& db, const std::function<void(const core::PersonMatch&)>& visit)
{
  auto& sql = db.impl().sql;
  // One row per name a person's referrals used, with how many referrals and which cases.
  SQLite::Statement people(sql, R"SQL(
    SELECT p.id, r.name, p.dob, count(*), group_concat(DISTINCT k.reference)
    FROM person p JOIN referral r ON r.person_id = p.id LEFT JOIN "case" k ON k.id = r.case_id
    WHERE r.voided IS NULL
    GROUP BY p.id, r.name ORDER BY p.id)SQL");
  while (people.executeStep()) {
    const auto n = people.getColumn(3).getInt();
    const auto cases = people.getColumn(4).getString();
    visit({"person", std::to_string(people.getColumn(0).getInt64()), people.getColumn(1).getString(),
           optional_date(people.getColumn(2)),
           fmt::format("{} referral{}{}", n, n == 1 ? "" : "s", cases.empty() ? "" : ", case " + cases)});
  }
  // Other names a person is known by find them too.
  SQLite::Statement aliases(sql, "SELECT a.person_id, a.name, a.dob FROM person_alias a JOIN person p ON p.id = a.person_id "
                                 "WHERE p.merged_into IS NULL ORDER BY a.person_id, a.id");
  while (aliases.executeStep())
    visit({"person", std::to_string(aliases.getColumn(0).getInt64()), aliases.getColumn(1).getString(),
           optional_date(aliases.getColumn(2)), "alias"});
  SQLite::Statement parties(sql, "SELECT r.reference, o.name, o.dob, o.role FROM other_party o "
                                 "JOIN referral r ON r.id = o.referral_id WHERE r.voided IS NULL "
                                 "ORDER BY r.year, r.seq, o.id");
  while (parties.executeStep())
    visit({"other-party", parties.getColumn(0).getString(), parties.getColumn(1).getString(),
           optional_date(parties.getColumn(2)),
           parties.getColumn(3).getString().empty() ? "named in the referral" : parties.getColumn(3).getString() + " in the referral"});
  SQLite::Statement reviews(sql, R"SQL(
    SELECT reference, applicant, 'applicant' FROM case_review
    UNION ALL SELECT reference, on_behalf_of, 'the victim the application was made for' FROM case_review WHERE on_behalf_of <> ''
    UNION ALL SELECT t.reference, c.complainant, 'complainant' FROM complaint c JOIN case_review t ON t.id = c.case_review_id
              WHERE c.complainant <> '')SQL");
  while (reviews.executeStep())
    visit({"case-review", reviews.getColumn(0).getString(), reviews.getColumn(1).getString(), std::nullopt,
           reviews.getColumn(2).getString()});
}

std::vector<std::string> person_case_references(Db& db, std::int64_t person_id)
{
  // A case is theirs by its own person_id too: one a merge closed (--join-cases) keeps no referral.
  SQLite::Statement s(db.impl().sql, "SELECT k.reference FROM \"case\" k WHERE k.person_id = ?1 "
                                     "OR k.id IN (SELECT r.case_id FROM referral r WHERE r.person_id = ?1) ORDER BY k.id");
  s.bind(1, person_id);
  std::vector<std::string> refs;
  while (s.executeStep())
    refs.push_back(s.getColumn(0).getString());
  return refs;
}

std::vector<core::RecordedReferral> person_referrals_without_case(Db& db, std::int64_t person_id)
{
  std::vector<core::RecordedReferral> out;
  // Subject access: a voided referral is still held, so it is listed here (no case shows it).
  SQLite::Statement s(db.impl().sql, "SELECT reference FROM referral WHERE person_id = ? AND (case_id IS NULL OR "
                                     "voided IS NOT NULL) ORDER BY received, id");
  s.bind(1, person_id);
  while (s.executeStep())
    if (auto r = find_referral_any(db, s.getColumn(0).getString()))
      out.push_back(std::move(*r));
  return out;
}

std::vector<core::Mention> mentions(Db& db, const std::function<bool(const std::string&)>& same, std::int64_t person_id)
{
  SQLite::Statement s(db.impl().sql, "SELECT r.reference, o.name, o.role, o.relationship FROM other_party o "
                                     "JOIN referral r ON r.id = o.referral_id WHERE r.person_id <> ? "
                                     "ORDER BY r.year, r.seq, o.id");
  s.bind(1, person_id);
  std::vector<core::Mention> out;
  while (s.executeStep())
    if (same(s.getColumn(1).getString()))
      out.push_back({s.getColumn(0).getString(), s.getColumn(1).getString(), s.getColumn(2).getString(),
                     s.getColumn(3).getString()});
  return out;
}

std::vector<core::PersonIdentity> identities(Db& db)
{
  SQLite::Statement s(db.impl().sql, R"SQL(
    SELECT p.id, p.name, p.dob, 0 FROM person p WHERE p.merged_into IS NULL AND p.name_key <> ''
    UNION ALL
    SELECT a.person_id, a.name, a.dob, 1 FROM person_alias a JOIN person p ON p.id = a.person_id
    WHERE p.merged_into IS NULL AND p.name_key <> ''
    ORDER BY 1, 4)SQL");
  std::vector<core::PersonIdentity> out;
  while (s.executeStep())
    out.push_back({s.getColumn(0).getInt64(), s.getColumn(1).getString(), "", optional_date(s.getColumn(2)),
                   s.getColumn(3).getInt() != 0});
  return out;
}

std::vector<core::PersonAlias> aliases_of(Db& db, std::int64_t person_id)
{
  SQLite::Statement s(db.impl().sql, "SELECT id, person_id, name, dob, created_at, created_by FROM person_alias "
                                     "WHERE person_id = ? ORDER BY id");
  s.bind(1, person_id);
  std::vector<core::PersonAlias> out;
  while (s.executeStep())
    out.push_back({s.getColumn(0).getInt64(), s.getColumn(1).getInt64(), s.getColumn(2).getString(),
                   optional_date(s.getColumn(3)), s.getColumn(4).getString(), s.getColumn(5).getString()});
  return out;
}

std::int64_t insert_alias(Db& db, std::int64_t person_id, const std::string& name, const std::string& name_key,
                          const std::optional<core::Date>& dob, const std::string& at, const std::string& user)
{
  SQLite::Statement s(db.impl().sql, "INSERT INTO person_alias (person_id, name, name_key, dob, created_at, created_by) "
                                     "VALUES (?, ?, ?, ?, ?, ?)");
  s.bind(1, person_id);
  s.bind(2, name);
  s.bind(3, name_key);
  bind_optional(s, 4, dob);
  s.bind(5, at);
  s.bind(6, user);
  s.exec();
  return db.impl().sql.getLastInsertRowid();
}

std::vector<core::MergeRecord> merges_of(Db& db, std::int64_t person_id)
{
  SQLite::Statement s(db.impl().sql, "SELECT id, keep_id, drop_id, reason, day, user, coalesce(undone_at, '') "
                                     "FROM person_merge WHERE keep_id = ?1 OR drop_id = ?1 ORDER BY id");
  s.bind(1, person_id);
  std::vector<core::MergeRecord> out;
  while (s.executeStep())
    out.push_back({s.getColumn(0).getInt64(), s.getColumn(1).getInt64(), s.getColumn(2).getInt64(),
                   s.getColumn(3).getString(), s.getColumn(4).getString(), s.getColumn(5).getString(),
                   s.getColumn(6).getString()});
  return out;
}

std::vector<core::HistoryItem> person_history(Db& db, std::int64_t person_id)
{
  SQLite::Statement s(db.impl().sql, R"SQL(
    SELECT h.entity,
           CASE h.entity WHEN 'referral' THEN (SELECT r.reference FROM referral r WHERE r.id = h.record_id)
                         WHEN 'case' THEN (SELECT k.reference FROM "case" k WHERE k.id = h.record_id)
                         ELSE CAST(h.record_id AS TEXT) END,
           h.at, h.day, h.user, h.command, h.field, h.old, h.new, h.reason
    FROM history h
    WHERE (h.entity = 'person' AND h.record_id = ?1)
       OR (h.entity = 'referral' AND h.record_id IN (SELECT id FROM referral WHERE person_id = ?1))
       OR (h.entity = 'case' AND h.record_id IN (SELECT id FROM "case" WHERE person_id = ?1))
    ORDER BY h.id)SQL");
  s.bind(1, person_id);
  std::vector<core::HistoryItem> out;
  while (s.executeStep())
    out.push_back({s.getColumn(0).getString(), s.getColumn(1).getString(),
                   {s.getColumn(2).getString(), s.getColumn(3).getString(), s.getColumn(4).getString(),
                    s.getColumn(5).getString(), s.getColumn(6).getString(), s.getColumn(7).getString(),
                    s.getColumn(8).getString(), s.getColumn(9).getString()}});
  return out;
}

} // namespace panel::store
