#include "panel/store/people.hpp"

#include "panel/store/referrals.hpp"
#include "panel/store/row.hpp"

#include <fmt/format.h>

namespace panel::store {

std::optional<PersonRow> find_person(Db& db, std::int64_t id)
{
  SQLite::Statement s(db.impl().sql, "SELECT id, name, dob FROM person WHERE id = ?");
  s.bind(1, id);
  if (!s.executeStep())
    return std::nullopt;
  return PersonRow{s.getColumn(0).getInt64(), s.getColumn(1).getString(), optional_date(s.getColumn(2))};
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
  SQLite::Statement s(db.impl().sql, "SELECT DISTINCT k.reference, k.id FROM referral r JOIN \"case\" k ON k.id = r.case_id "
                                     "WHERE r.person_id = ? ORDER BY k.id");
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

} // namespace panel::store
