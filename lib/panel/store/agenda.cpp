#include "panel/store/agenda.hpp"

#include "panel/core/vocabulary.hpp"
#include "panel/store/row.hpp"

namespace panel::store {
namespace {

std::vector<std::string> categories_of(SQLite::Statement& s, std::int64_t referral_id)
{
  s.reset();
  s.bind(1, referral_id);
  std::vector<std::string> out;
  while (s.executeStep())
    out.push_back(s.getColumn(0).getString());
  return out;
}

// The (old meeting date, reason) of each meeting_date history row that `s`, bound to
// `reference`, selects, newest first.
std::vector<std::pair<std::string, std::string>> moves(SQLite::Statement& s, const std::string& reference)
{
  s.bind(1, reference);
  std::vector<std::pair<std::string, std::string>> out;
  while (s.executeStep())
    out.emplace_back(s.getColumn(0).getString(), s.getColumn(1).getString());
  return out;
}

} // namespace

std::vector<core::AgendaItem> listed_items(Db& db, core::Date meeting)
{
  auto& sql = db.impl().sql;
  SQLite::Statement s(sql, "SELECT r.id, r.reference, coalesce(k.reference, ''), r.repeat_of IS NOT NULL, r.name, "
                           "coalesce(k.risk_level, ''), coalesce(k.lead_agency, '') "
                           "FROM referral r LEFT JOIN \"case\" k ON k.id = r.case_id "
                           "WHERE r.status = 'accepted' AND r.meeting_date = ? AND r.voided IS NULL ORDER BY r.received, r.id");
  SQLite::Statement categories(sql, "SELECT category FROM referral_category WHERE referral_id = ? ORDER BY position");
  s.bind(1, meeting.iso());
  std::vector<core::AgendaItem> items;
  while (s.executeStep()) {
    core::AgendaItem item;
    item.reference = s.getColumn(1).getString();
    item.case_reference = s.getColumn(2).getString();
    item.item = core::to_string(s.getColumn(3).getInt() ? core::AgendaItemKind::repeat : core::AgendaItemKind::new_);
    item.name = s.getColumn(4).getString();
    item.risk = s.getColumn(5).getString();
    item.lead_agency = s.getColumn(6).getString();
    item.categories = categories_of(categories, s.getColumn(0).getInt64());
    items.push_back(std::move(item));
  }
  return items;
}

std::vector<core::AgendaItem> review_items(Db& db, core::Date meeting)
{
  auto& sql = db.impl().sql;
  SQLite::Statement s(sql, "SELECT k.reference, p.name, coalesce(k.risk_level, ''), coalesce(k.lead_agency, '') "
                           "FROM \"case\" k JOIN person p ON p.id = k.person_id "
                           "WHERE k.status = 'open' AND k.voided IS NULL AND k.review_date IS NOT NULL AND k.review_date <= ? "
                           "ORDER BY k.review_date, k.id");
  s.bind(1, meeting.iso());
  std::vector<core::AgendaItem> items;
  while (s.executeStep()) {
    core::AgendaItem item;
    item.reference = s.getColumn(0).getString();
    item.case_reference = item.reference;
    item.item = core::to_string(core::AgendaItemKind::review);
    item.name = s.getColumn(1).getString();
    item.risk = s.getColumn(2).getString();
    item.lead_agency = s.getColumn(3).getString();
    items.push_back(std::move(item));
  }
  return items;
}

std::vector<std::string> accepted_too_late(Db& db, core::Date cutoff, core::Date meeting)
{
  SQLite::Statement s(db.impl().sql,
                      "SELECT r.reference FROM referral r WHERE r.status = 'accepted' AND r.voided IS NULL AND "
                      "(r.meeting_date IS NULL OR r.meeting_date > ?2) AND EXISTS (SELECT 1 FROM decision d WHERE "
                      "d.referral_id = r.id AND d.decision = 'accept' AND d.decided_on > ?1 AND d.decided_on <= ?2) "
                      "ORDER BY r.received, r.id");
  s.bind(1, cutoff.iso());
  s.bind(2, meeting.iso());
  std::vector<std::string> refs;
  while (s.executeStep())
    refs.push_back(s.getColumn(0).getString());
  return refs;
}

std::vector<CaseReferral> case_referrals(Db& db, const std::string& case_reference)
{
  // Cached, as are the other per-item reads below: the agenda asks them for every item.
  auto& s = db.impl().cached("SELECT r.id, r.reference, coalesce(r.risk_level, ''), r.received FROM referral r "
                             "JOIN \"case\" k ON k.id = r.case_id WHERE k.reference = ? AND r.voided IS NULL "
                             "ORDER BY r.received, r.id");
  auto& categories = db.impl().cached("SELECT category FROM referral_category WHERE referral_id = ? ORDER BY position");
  s.bind(1, case_reference);
  std::vector<CaseReferral> out;
  while (s.executeStep())
    out.push_back({s.getColumn(1).getString(), s.getColumn(2).getString(), core::Date::parse(s.getColumn(3).getString()),
                   categories_of(categories, s.getColumn(0).getInt64())});
  return out;
}

std::optional<core::Date> case_risk_set(Db& db, const std::string& case_reference)
{
  auto& s = db.impl().cached("SELECT max(k.opened, "
                             "  coalesce((SELECT max(h.day) FROM history h WHERE h.entity = 'case' AND h.record_id = k.id "
                             "            AND (h.field = 'risk' OR h.field = 'risk_level')), ''), "
                             "  coalesce((SELECT max(m.date) FROM discussion d JOIN meeting m ON m.id = d.meeting_id "
                             "            WHERE d.case_id = k.id AND d.risk_level <> ''), '')) "
                             "FROM \"case\" k WHERE k.reference = ? AND coalesce(k.risk_level, '') <> ''");
  s.bind(1, case_reference);
  std::optional<core::Date> day;
  if (s.executeStep())
    day = core::Date::parse(s.getColumn(0).getString());
  s.reset();
  return day;
}

std::vector<std::pair<std::string, std::string>> meeting_moves(Db& db, const std::string& referral_reference)
{
  return moves(db.impl().cached("SELECT coalesce(h.old, ''), coalesce(h.reason, '') FROM history h "
                                "JOIN referral r ON r.id = h.record_id WHERE h.entity = 'referral' "
                                "AND h.field = 'meeting_date' AND r.reference = ? ORDER BY h.id DESC"),
               referral_reference);
}

std::vector<std::pair<std::string, std::string>> case_meeting_moves(Db& db, const std::string& case_reference)
{
  return moves(db.impl().cached("SELECT coalesce(h.old, ''), coalesce(h.reason, '') FROM history h "
                                "JOIN \"case\" k ON k.id = h.record_id WHERE h.entity = 'case' "
                                "AND h.field = 'meeting_date' AND k.reference = ? ORDER BY h.id DESC"),
               case_reference);
}

void mark_agenda_issued(Db& db, std::int64_t meeting_id, core::Date day)
{
  SQLite::Statement s(db.impl().sql,
                      "UPDATE meeting SET status = 'agenda-issued', agenda_issued = ? WHERE id = ? AND status = 'scheduled'");
  s.bind(1, day.iso());
  s.bind(2, meeting_id);
  s.exec();
}

} // namespace panel::store
