#include "panel/store/referrals.hpp"

#include "panel/store/references.hpp"
#include "panel/store/row.hpp"

#include <fmt/format.h>

#include <array>

namespace panel::store {
namespace {

constexpr const char* referral_columns =
    "r.id, r.reference, r.received, r.agency, r.referrer_name, r.referrer_email, coalesce(r.source_ref, ''), "
    "r.person_id, r.name, r.dob, r.gender, r.postcode, r.address, r.resident, r.bame, r.lgbt, r.disability, r.role, "
    "r.vulnerable, r.risk_level, r.risk_score, r.risk_instrument, r.incidents_12m, r.agencies_involved, "
    "r.children, r.professional_judgement, r.consent, r.consent_rationale, r.summary, "
    "coalesce((SELECT p.reference FROM referral p WHERE p.id = r.repeat_of), ''), r.criteria_met, "
    "r.meets_threshold, r.status, coalesce((SELECT k.reference FROM \"case\" k WHERE k.id = r.case_id), ''), "
    "r.meeting_date, r.voided, r.purged";

std::vector<std::string> split_commas(const std::string& text)
{
  std::vector<std::string> items;
  size_t start = 0;
  while (!text.empty() && start <= text.size()) {
    const auto comma = text.find(',', start);
    items.push_back(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos)
      break;
    start = comma + 1;
  }
  return items;
}

// Reads referral rows selected with referral_columns, adding categories, parties and matches.
std::vector<core::RecordedReferral> read_referrals(Db& db, SQLite::Statement& s)
{
  // Prepared once per connection: a meeting pack reads a referral for each of its cases.
  auto& categories = db.impl().cached("SELECT category FROM referral_category WHERE referral_id = ? ORDER BY position");
  // A match that is now the referral's own person (the two records were merged) is no longer a
  // possible match: it is the same person.
  auto& matches = db.impl().cached("SELECT m.reference FROM possible_match p JOIN referral m ON m.id = p.match_id "
                                   "JOIN referral own ON own.id = p.referral_id WHERE p.referral_id = ? "
                                   "AND m.voided IS NULL AND m.person_id <> own.person_id ORDER BY m.id");
  auto& parties = db.impl().cached("SELECT name, dob, role, relationship FROM other_party WHERE referral_id = ? ORDER BY id");
  std::vector<core::RecordedReferral> rows;
  while (s.executeStep()) {
    core::RecordedReferral rec;
    auto& r = rec.referral;
    int i = 0;
    auto col = [&] { return s.getColumn(i++); };
    rec.id = col().getInt64();
    rec.reference = col().getString();
    r.received = date_of(col());
    r.agency = col().getString();
    r.referrer_name = col().getString();
    r.referrer_email = col().getString();
    r.source_ref = col().getString();
    rec.person_id = col().getInt64();
    r.name = col().getString();
    r.dob = optional_date(col());
    r.gender = col().getString();
    r.postcode = col().getString();
    r.address = col().getString();
    r.resident = optional_bool(col());
    r.bame = optional_bool(col());
    r.lgbt = optional_bool(col());
    r.disability = optional_bool(col());
    r.role = col().getString();
    r.vulnerable = col().getInt() != 0;
    r.risk_level = col().getString();
    r.risk_score = optional_int(col());
    r.risk_instrument = col().getString();
    r.incidents_12m = optional_int(col());
    r.agencies_involved = optional_int(col());
    r.children = optional_int(col());
    r.professional_judgement = col().getInt() != 0;
    r.consent = col().getString();
    r.consent_rationale = col().getString();
    r.summary = col().getString();
    rec.repeat_of = col().getString();
    rec.criteria_met = split_commas(col().getString());
    rec.meets_threshold = col().getInt() != 0;
    rec.status = col().getString();
    rec.case_reference = col().getString();
    rec.meeting_date = optional_date(col());
    rec.voided = optional_date(col());
    rec.purged = optional_date(col());

    categories.reset();
    categories.bind(1, rec.id);
    while (categories.executeStep())
      r.categories.push_back(categories.getColumn(0).getString());
    matches.reset();
    matches.bind(1, rec.id);
    while (matches.executeStep())
      rec.possible_matches.push_back(matches.getColumn(0).getString());
    parties.reset();
    parties.bind(1, rec.id);
    while (parties.executeStep())
      r.other_parties.push_back({parties.getColumn(0).getString(), optional_date(parties.getColumn(1)),
                                 parties.getColumn(2).getString(), parties.getColumn(3).getString()});
    rows.push_back(std::move(rec));
  }
  return rows;
}

} // namespace

std::vector<core::RecordedReferral> list_referrals(Db& db, const std::vector<core::ReferralStatus>& statuses)
{
  std::string where = statuses.empty() ? "r.voided IS NULL" : "r.voided IS NULL AND r.status IN (";
  for (size_t i = 0; i < statuses.size(); ++i)
    where += i ? ", ?" : "?";
  if (!statuses.empty())
    where += ")";
  SQLite::Statement s(db.impl().sql,
                      fmt::format("SELECT {} FROM referral r WHERE {} ORDER BY r.received, r.id", referral_columns, where));
  for (size_t i = 0; i < statuses.size(); ++i)
    s.bind(static_cast<int>(i + 1), core::to_string(statuses[i]));
  return read_referrals(db, s);
}

std::optional<core::RecordedReferral> find_referral_any(Db& db, const std::string& reference)
{
  static const std::string text = fmt::format("SELECT {} FROM referral r WHERE r.reference = ?", referral_columns);
  auto& s = db.impl().cached(text);
  s.bind(1, reference);
  auto rows = read_referrals(db, s);
  if (rows.empty()) {
    // Typed in another case (`ccm-2017-0001`): look again with the stored spelling.
    if (const auto stored = stored_reference(db, reference); stored != reference)
      return find_referral_any(db, stored);
    return std::nullopt;
  }
  return std::move(rows.front());
}

std::optional<core::RecordedReferral> find_referral(Db& db, const std::string& reference)
{
  auto found = find_referral_any(db, reference);
  if (found && found->voided)
    return std::nullopt;
  return found;
}

std::vector<core::RecordedReferral> case_referrals(Db& db, std::int64_t case_id)
{
  // Cached, as household_referrals: a meeting pack and research lists read them for every item.
  static const std::string text = fmt::format("SELECT {} FROM referral r WHERE r.case_id = ? "
                                              "AND r.voided IS NULL ORDER BY r.received, r.id", referral_columns);
  auto& s = db.impl().cached(text);
  s.bind(1, case_id);
  return read_referrals(db, s);
}

std::vector<core::RecordedReferral> household_referrals(Db& db, std::int64_t case_id)
{
  static const std::string text =
      fmt::format("WITH RECURSIVE family(case_id) AS (SELECT ?1 UNION "
                  "SELECT x.case_id FROM family f JOIN referral y ON y.case_id = f.case_id "
                  "AND y.voided IS NULL JOIN referral x ON x.id = y.repeat_of AND x.voided IS NULL "
                  "WHERE x.case_id IS NOT NULL) "
                  "SELECT {} FROM referral r WHERE r.case_id IN (SELECT case_id FROM family) "
                  "AND r.voided IS NULL ORDER BY r.received, r.id",
                  referral_columns);
  auto& s = db.impl().cached(text);
  s.bind(1, case_id);
  return read_referrals(db, s);
}

std::vector<std::string> person_names(Db& db, std::int64_t person_id)
{
  auto& s = db.impl().cached("SELECT name FROM referral WHERE person_id = ? GROUP BY name ORDER BY min(id)");
  s.bind(1, person_id);
  std::vector<std::string> names;
  while (s.executeStep())
    names.push_back(s.getColumn(0).getString());
  return names;
}

void insert_decision(Db& db, std::int64_t referral_id, const core::Decision& d)
{
  SQLite::Statement s(db.impl().sql,
                      "INSERT INTO decision (referral_id, decision, decided_on, decided_at, decided_by, reason, "
                      "signpost, forum, override, meeting_date, lead_agency, risk_level) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, referral_id);
  s.bind(2, d.decision);
  s.bind(3, d.decided_on.iso());
  s.bind(4, d.decided_at);
  s.bind(5, d.decided_by);
  s.bind(6, d.reason);
  s.bind(7, d.signpost);
  s.bind(8, d.forum);
  s.bind(9, d.override_threshold ? 1 : 0);
  bind_optional(s, 10, d.meeting_date);
  bind_nullable(s, 11, d.lead_agency);
  s.bind(12, d.risk_level);
  s.exec();
}

std::vector<core::Decision> decisions_for(Db& db, std::int64_t referral_id)
{
  SQLite::Statement s(db.impl().sql,
                      "SELECT r.reference, d.decision, d.decided_on, d.decided_at, d.decided_by, d.reason, d.signpost, "
                      "d.forum, d.override, d.meeting_date, coalesce(d.lead_agency, ''), d.risk_level "
                      "FROM decision d JOIN referral r ON r.id = d.referral_id WHERE d.referral_id = ? ORDER BY d.id");
  s.bind(1, referral_id);
  std::vector<core::Decision> rows;
  while (s.executeStep())
    rows.push_back({s.getColumn(0).getString(), s.getColumn(1).getString(), date_of(s.getColumn(2)),
                    s.getColumn(3).getString(), s.getColumn(4).getString(), s.getColumn(5).getString(),
                    s.getColumn(6).getString(), s.getColumn(7).getString(), s.getColumn(8).getInt() != 0,
                    optional_date(s.getColumn(9)), s.getColumn(10).getString(), s.getColumn(11).getString()});
  return rows;
}

void set_referral_outcome(Db& db, std::int64_t referral_id, core::ReferralStatus status,
                          std::optional<std::int64_t> case_id, std::optional<core::Date> meeting)
{
  SQLite::Statement s(db.impl().sql, "UPDATE referral SET status = ?, case_id = ?, meeting_date = ? WHERE id = ?");
  s.bind(1, core::to_string(status));
  if (case_id)
    s.bind(2, *case_id);
  else
    s.bind(2);
  bind_optional(s, 3, meeting);
  s.bind(4, referral_id);
  s.exec();
}

namespace {

void replace_categories(Db& db, std::int64_t referral_id, const std::vector<std::string>& categories)
{
  SQLite::Statement clear_categories(db.impl().sql, "DELETE FROM referral_category WHERE referral_id = ?");
  clear_categories.bind(1, referral_id);
  clear_categories.exec();
  SQLite::Statement category(db.impl().sql, "INSERT INTO referral_category (referral_id, position, category) VALUES (?, ?, ?)");
  for (size_t k = 0; k < categories.size(); ++k) {
    category.reset();
    category.bind(1, referral_id);
    category.bind(2, static_cast<int>(k + 1));
    category.bind(3, categories[k]);
    category.exec();
  }
}

void replace_parties(Db& db, std::int64_t referral_id, const std::vector<core::OtherParty>& parties)
{
  SQLite::Statement clear_parties(db.impl().sql, "DELETE FROM other_party WHERE referral_id = ?");
  clear_parties.bind(1, referral_id);
  clear_parties.exec();
  SQLite::Statement party(db.impl().sql,
                          "INSERT INTO other_party (referral_id, name, dob, role, relationship) VALUES (?, ?, ?, ?, ?)");
  for (const auto& p : parties) {
    party.reset();
    party.bind(1, referral_id);
    party.bind(2, p.name);
    bind_optional(party, 3, p.dob);
    party.bind(4, p.role);
    party.bind(5, p.relationship);
    party.exec();
  }
}

} // namespace

void update_referral_fields(Db& db, std::int64_t referral_id, const core::Referral& r, bool categories, bool parties)
{
  SQLite::Statement s(db.impl().sql,
                      "UPDATE referral SET received = ?, agency = ?, referrer_name = ?, referrer_email = ?, source_ref = ?, "
                      "name = ?, dob = ?, age_at_referral = ?, gender = ?, postcode = ?, address = ?, resident = ?, bame = ?, lgbt = ?, "
                      "disability = ?, role = ?, vulnerable = ?, risk_level = ?, risk_score = ?, risk_instrument = ?, "
                      "incidents_12m = ?, agencies_involved = ?, children = ?, professional_judgement = ?, consent = ?, "
                      "consent_rationale = ?, summary = ? WHERE id = ?");
  int i = 0;
  s.bind(++i, r.received.iso());
  s.bind(++i, r.agency);
  s.bind(++i, r.referrer_name);
  s.bind(++i, r.referrer_email);
  bind_nullable(s, ++i, r.source_ref);
  s.bind(++i, r.name);
  bind_optional(s, ++i, r.dob);
  bind_optional(s, ++i, r.dob ? std::optional<int>(core::age_on(*r.dob, r.received)) : std::nullopt);
  s.bind(++i, r.gender);
  s.bind(++i, r.postcode);
  s.bind(++i, r.address);
  bind_optional(s, ++i, r.resident);
  bind_optional(s, ++i, r.bame);
  bind_optional(s, ++i, r.lgbt);
  bind_optional(s, ++i, r.disability);
  s.bind(++i, r.role);
  s.bind(++i, r.vulnerable ? 1 : 0);
  s.bind(++i, r.risk_level);
  bind_optional(s, ++i, r.risk_score);
  s.bind(++i, r.risk_instrument);
  bind_optional(s, ++i, r.incidents_12m);
  bind_optional(s, ++i, r.agencies_involved);
  bind_optional(s, ++i, r.children);
  s.bind(++i, r.professional_judgement ? 1 : 0);
  s.bind(++i, r.consent);
  s.bind(++i, r.consent_rationale);
  s.bind(++i, r.summary);
  s.bind(++i, referral_id);
  s.exec();

  if (categories)
    replace_categories(db, referral_id, r.categories);
  if (parties)
    replace_parties(db, referral_id, r.other_parties);
}

void set_referral_voided(Db& db, std::int64_t referral_id, std::optional<core::Date> day)
{
  SQLite::Statement s(db.impl().sql, "UPDATE referral SET voided = ? WHERE id = ?");
  bind_optional(s, 1, day);
  s.bind(2, referral_id);
  s.exec();
}

void set_source_ref(Db& db, std::int64_t referral_id, const std::string& source_ref)
{
  SQLite::Statement s(db.impl().sql, "UPDATE referral SET source_ref = ? WHERE id = ?");
  if (source_ref.empty())
    s.bind(1);
  else
    s.bind(1, source_ref);
  s.bind(2, referral_id);
  s.exec();
}

namespace {

std::vector<Neighbour> read_neighbours(SQLite::Statement& s)
{
  std::vector<Neighbour> rows;
  while (s.executeStep())
    rows.push_back({s.getColumn(0).getInt64(), s.getColumn(1).getString(), date_of(s.getColumn(2)),
                    s.getColumn(3).getString()});
  return rows;
}

std::optional<Neighbour> first(std::vector<Neighbour> rows)
{
  if (rows.empty())
    return std::nullopt;
  return rows.front();
}

} // namespace

std::optional<Neighbour> previous_live_referral(Db& db, std::int64_t person_id, core::Date received, std::int64_t id)
{
  SQLite::Statement s(db.impl().sql,
                      "SELECT id, reference, received, status FROM referral WHERE person_id = ?1 AND voided IS NULL "
                      "AND id <> ?3 AND (received < ?2 OR (received = ?2 AND id < ?3)) "
                      "ORDER BY received DESC, id DESC LIMIT 1");
  s.bind(1, person_id);
  s.bind(2, received.iso());
  s.bind(3, id);
  return first(read_neighbours(s));
}

std::optional<Neighbour> next_live_referral(Db& db, std::int64_t person_id, core::Date received, std::int64_t id)
{
  SQLite::Statement s(db.impl().sql,
                      "SELECT id, reference, received, status FROM referral WHERE person_id = ?1 AND voided IS NULL "
                      "AND id <> ?3 AND (received > ?2 OR (received = ?2 AND id > ?3)) "
                      "ORDER BY received, id LIMIT 1");
  s.bind(1, person_id);
  s.bind(2, received.iso());
  s.bind(3, id);
  return first(read_neighbours(s));
}

std::vector<Neighbour> repeats_of(Db& db, std::int64_t id)
{
  SQLite::Statement s(db.impl().sql, "SELECT id, reference, received, status FROM referral "
                                     "WHERE repeat_of = ? AND voided IS NULL ORDER BY received, id");
  s.bind(1, id);
  return read_neighbours(s);
}

} // namespace panel::store
