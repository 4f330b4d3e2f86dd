#include "panel/store/purge.hpp"

#include "panel/store/row.hpp"

#include <sqlite3.h>

namespace panel::store {
namespace {

std::vector<PurgeDue> due(Db& db, const char* kind, const char* sql, core::Date cutoff)
{
  SQLite::Statement s(db.impl().sql, sql);
  s.bind(1, cutoff.iso());
  std::vector<PurgeDue> out;
  while (s.executeStep())
    out.push_back({kind, s.getColumn(0).getInt64(), s.getColumn(1).getString(), date_of(s.getColumn(2))});
  return out;
}

// Runs each statement with ?1 = the record's id and ?2 = the day.
void run(Db& db, std::initializer_list<const char*> statements, std::int64_t id, core::Date day)
{
  for (const char* sql : statements) {
    SQLite::Statement s(db.impl().sql, sql);
    s.bind(1, id);
    if (s.getBindParameterCount() > 1)
      s.bind(2, day.iso());
    s.exec();
  }
}

// Other parties of the referrals `where` selects: whether they were under 18 when referred is
// kept (the SafeLives return counts it) before their date of birth goes.
std::string other_parties(const std::string& where)
{
  return "UPDATE other_party SET under_18 = (dob IS NOT NULL AND date(dob, '+18 years') > "
         "(SELECT r.received FROM referral r WHERE r.id = other_party.referral_id)), name = '[purged]', dob = NULL, "
         "relationship = '' WHERE " + where;
}

std::string referrals(const std::string& where)
{
  return "UPDATE referral SET name = '[purged]', dob = NULL, postcode = '', address = '', referrer_name = '', referrer_email = '', "
         "source_ref = NULL, summary = '', consent_rationale = '', purged = ?2 WHERE " + where;
}

} // namespace

std::vector<PurgeDue> closed_cases_before(Db& db, core::Date cutoff)
{
  return due(db, "case",
             "SELECT id, reference, closed FROM \"case\" WHERE status = 'closed' AND closed < ?1 AND legal_hold = '' "
             "AND purged IS NULL ORDER BY closed, id",
             cutoff);
}

std::vector<PurgeDue> declined_referrals_before(Db& db, core::Date cutoff)
{
  // A voided referral outside a live case follows the same clock from the day it was voided
  // (a case that is not voided purges its voided referrals with it).
  return due(db, "referral",
             "SELECT id, reference, last FROM (SELECT r.id, r.reference, max(coalesce((SELECT max(d.decided_on) "
             "FROM decision d WHERE d.referral_id = r.id), ''), coalesce(r.voided, '')) AS last FROM referral r "
             "WHERE r.purged IS NULL AND ((r.case_id IS NULL AND (r.status = 'declined' OR r.status = 'redirected')) "
             "OR (r.voided IS NOT NULL AND (r.case_id IS NULL OR "
             "r.case_id IN (SELECT id FROM \"case\" WHERE voided IS NOT NULL))))) "
             "WHERE last <> '' AND last < ?1 ORDER BY last, id",
             cutoff);
}

std::vector<PurgeDue> case_reviews_before(Db& db, core::Date cutoff)
{
  return due(db, "case-review",
             "SELECT id, reference, max(received, coalesce(acknowledged, ''), coalesce(decided, ''), coalesce(outcome, ''), "
             "coalesce(appealed, '')) AS last FROM case_review WHERE purged IS NULL AND last < ?1 ORDER BY last, id",
             cutoff);
}

void purge_case(Db& db, std::int64_t case_id, core::Date day)
{
  run(db,
      {other_parties("referral_id IN (SELECT id FROM referral WHERE case_id = ?1)").c_str(),
       "UPDATE decision SET reason = '', signpost = '', forum = '' WHERE referral_id IN (SELECT id FROM referral WHERE case_id = ?1)",
       referrals("case_id = ?1").c_str(),
       "UPDATE discussion SET summary = '', referred_to = '' WHERE case_id = ?1",
       "UPDATE action_history SET note = '' WHERE action_id IN (SELECT id FROM action WHERE case_id = ?1)",
       "UPDATE action SET description = '[purged]' WHERE case_id = ?1",
       "UPDATE intervention SET note = '' WHERE case_id = ?1",
       "UPDATE case_note SET text = '' WHERE case_id = ?1",
       "UPDATE document SET path = '' WHERE case_id = ?1 OR referral_id IN (SELECT id FROM referral WHERE case_id = ?1)",
       "UPDATE history SET old = '', new = '', reason = '' WHERE (entity = 'case' AND record_id = ?1) OR "
       "(entity = 'referral' AND record_id IN (SELECT id FROM referral WHERE case_id = ?1))",
       "UPDATE \"case\" SET purged = ?2 WHERE id = ?1"},
      case_id, day);
}

void purge_referral(Db& db, std::int64_t referral_id, core::Date day)
{
  run(db,
      {other_parties("referral_id = ?1").c_str(), "UPDATE decision SET reason = '', signpost = '', forum = '' WHERE referral_id = ?1",
       referrals("id = ?1").c_str(),
       "UPDATE document SET path = '' WHERE referral_id = ?1",
       "UPDATE history SET old = '', new = '', reason = '' WHERE entity = 'referral' AND record_id = ?1"},
      referral_id, day);
}

void purge_case_review(Db& db, std::int64_t case_review_id, core::Date day)
{
  run(db,
      {"UPDATE complaint SET complainant = '[purged]', description = '', reference = '' WHERE case_review_id = ?1",
       "UPDATE case_review_step SET detail = '' WHERE case_review_id = ?1 AND step <> 'apply'",
       "UPDATE action_history SET note = '' WHERE action_id IN (SELECT id FROM action WHERE case_review_id = ?1)",
       "UPDATE action SET description = '[purged]' WHERE case_review_id = ?1",
       "UPDATE document SET path = '' WHERE case_review_id = ?1",
       "UPDATE case_review SET applicant = '[purged]', on_behalf_of = CASE on_behalf_of WHEN '' THEN '' ELSE '[purged]' END, "
       "contact = '', address = '', check_json = '', override_reason = '', outcome_summary = '', appeal_reason = '', "
       "purged = ?2 WHERE id = ?1"},
      case_review_id, day);
}

std::int64_t purge_people(Db& db)
{
  auto& sql = db.impl().sql;
  // A record merged into another has no referrals of its own: it goes with the person kept, and
  // the names a purged person was known by (aliases) go with them.
  SQLite::Statement s(sql,
                      "UPDATE person SET name = '[purged]', name_key = '', dob = NULL WHERE name <> '[purged]' "
                      "AND merged_into IS NULL AND NOT EXISTS "
                      "(SELECT 1 FROM referral r WHERE r.person_id = person.id AND r.purged IS NULL)");
  const auto purged = s.exec();
  SQLite::Statement merged(sql, "UPDATE person SET name = '[purged]', name_key = '', dob = NULL WHERE name <> '[purged]' "
                                "AND merged_into IN (SELECT id FROM person WHERE name = '[purged]')");
  const auto merged_away = merged.exec();
  sql.exec("DELETE FROM person_alias WHERE person_id IN (SELECT id FROM person WHERE name = '[purged]')");
  return purged + merged_away;
}

void purge_meeting_documents(Db& db, core::Date cutoff)
{
  SQLite::Statement s(db.impl().sql, "UPDATE document SET path = '' WHERE path <> '' AND case_id IS NULL AND referral_id IS NULL "
                                     "AND case_review_id IS NULL AND reference < ?");
  s.bind(1, cutoff.iso());
  s.exec();
}

void zero_freed_space(Db& db) { db.impl().sql.exec("PRAGMA secure_delete = ON"); }

bool rebuild_file(Db& db)
{
  try {
    db.impl().sql.exec("VACUUM");
    return true;
  } catch (const SQLite::Exception& e) {
    // Another writer past the busy timeout: the purge is committed all the same, so say so
    // rather than fail; running purge again rebuilds.
    const int code = e.getErrorCode() & 0xff;
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
      return false;
    throw;
  }
}

void set_legal_hold(Db& db, std::int64_t case_id, const std::string& reason)
{
  SQLite::Statement s(db.impl().sql, "UPDATE \"case\" SET legal_hold = ? WHERE id = ?");
  s.bind(1, reason);
  s.bind(2, case_id);
  s.exec();
}

} // namespace panel::store
