#include "panel/store/intake.hpp"

#include "panel/store/row.hpp"

#include <algorithm>

namespace panel::store {

struct IntakeWriter::Statements {
  explicit Statements(SQLite::Database& db)
      : sql(db), source(sql, "SELECT reference FROM referral WHERE agency = ? AND source_ref = ?"),
        person_exists(sql, "SELECT merged_into FROM person WHERE id = ?"),
        // A person merged into another is found through the alias the merge gave the one kept.
        persons_named(sql, "SELECT id, dob FROM person WHERE name_key = ?1 AND merged_into IS NULL "
                           "UNION ALL SELECT person_id, dob FROM person_alias WHERE name_key = ?1"),
        insert_person(sql, "INSERT INTO person (name, name_key, dob, created_at) VALUES (?, ?, ?, ?)"),
        previous(sql, "SELECT id, reference, received, status FROM referral WHERE person_id = ? AND received <= ? "
                      "AND voided IS NULL ORDER BY received DESC, id DESC LIMIT 1"),
        next(sql, "SELECT id, reference, received, status FROM referral WHERE person_id = ? AND received > ? "
                  "AND voided IS NULL ORDER BY received, id LIMIT 1"),
        latest(sql, "SELECT id, reference, received, status FROM referral WHERE person_id = ? "
                    "AND voided IS NULL ORDER BY received DESC, id DESC LIMIT 1"),
        sequence(sql, "SELECT last FROM reference_counter WHERE kind = ? AND year = ?"),
        save_sequence(sql, "INSERT INTO reference_counter (kind, year, last) VALUES (?, ?, ?) "
                           "ON CONFLICT (kind, year) DO UPDATE SET last = excluded.last"),
        insert_referral(sql,
                        "INSERT INTO referral (reference, year, seq, received, agency, referrer_name, referrer_email, "
                        "source_ref, person_id, name, dob, age_at_referral, gender, postcode, address, resident, bame, lgbt, "
                        "disability, role, vulnerable, risk_level, risk_score, risk_instrument, incidents_12m, "
                        "agencies_involved, children, professional_judgement, consent, consent_rationale, summary, "
                        "repeat_of, criteria_met, meets_threshold, created_at, created_by) VALUES "
                        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                        "?, ?, ?, ?, ?, ?)"),
        insert_category(sql, "INSERT INTO referral_category (referral_id, position, category) VALUES (?, ?, ?)"),
        insert_party(sql, "INSERT INTO other_party (referral_id, name, dob, role, relationship) VALUES (?, ?, ?, ?, ?)"),
        insert_match(sql, "INSERT OR IGNORE INTO possible_match (referral_id, match_id) VALUES (?, ?)"),
        load(sql, "SELECT received, agency, name, dob, vulnerable, risk_level, risk_score, incidents_12m, "
                  "agencies_involved, children, professional_judgement, resident FROM referral WHERE id = ?"),
        update_repeat(sql, "UPDATE referral SET repeat_of = ?, criteria_met = ?, meets_threshold = ? WHERE id = ?")
  {
  }
  SQLite::Database& sql;
  SQLite::Statement source, person_exists, persons_named, insert_person, previous, next, latest,
      sequence, save_sequence, insert_referral, insert_category, insert_party, insert_match, load, update_repeat;
};

namespace {

// Resets a prepared statement so it can be bound and run again.
SQLite::Statement& fresh(SQLite::Statement& s)
{
  s.reset();
  s.clearBindings();
  return s;
}

// Text bound without copying (SQLite would otherwise copy every value of every row): the
// caller's string must outlive the statement's run, as each function here ensures.
void bind_text(SQLite::Statement& s, int index, const std::string& value) { s.bindNoCopy(index, value); }

// As bind_nullable, without copying.
void bind_text_or_null(SQLite::Statement& s, int index, const std::string& value)
{
  if (value.empty())
    s.bind(index);
  else
    s.bindNoCopy(index, value);
}

std::optional<ReferralLink> link_row(SQLite::Statement& s)
{
  if (!s.executeStep())
    return std::nullopt;
  return ReferralLink{s.getColumn(0).getInt64(), s.getColumn(1).getString(), date_of(s.getColumn(2)),
                      s.getColumn(3).getString()};
}

} // namespace

IntakeWriter::IntakeWriter(Db& db) : m(std::make_unique<Statements>(db.impl().sql)) {}
IntakeWriter::~IntakeWriter() = default;

std::optional<std::string> IntakeWriter::reference_for_source(const std::string& agency, const std::string& source_ref)
{
  auto& s = fresh(m->source);
  bind_text(s, 1, agency);
  bind_text(s, 2, source_ref);
  if (!s.executeStep())
    return std::nullopt;
  return s.getColumn(0).getString();
}

std::optional<VoidedSource> IntakeWriter::voided_source(const std::string& agency, const std::string& source_ref)
{
  if (!m_voided) {
    m_voided.emplace();
    // The reference a voided referral gave up, kept in its history by `referral void`: only when
    // that void is the last change of its source_ref (not restored, corrected or cleared since).
    SQLite::Statement s(m->sql, "SELECT r.agency, h.old, r.reference, r.voided, h.reason FROM referral r "
                                "JOIN history h ON h.entity = 'referral' AND h.record_id = r.id "
                                "WHERE r.voided IS NOT NULL AND h.command = 'referral void' AND h.id = "
                                "(SELECT max(id) FROM history WHERE entity = 'referral' AND record_id = r.id "
                                "AND field = 'source_ref') ORDER BY h.id");
    while (s.executeStep())
      (*m_voided)[s.getColumn(0).getString() + "\n" + s.getColumn(1).getString()] =
          VoidedSource{s.getColumn(2).getString(), date_of(s.getColumn(3)), s.getColumn(4).getString()};
  }
  const auto found = m_voided->find(agency + "\n" + source_ref);
  if (found == m_voided->end())
    return std::nullopt;
  return found->second;
}

bool IntakeWriter::person_exists(std::int64_t id)
{
  auto& s = fresh(m->person_exists);
  s.bind(1, id);
  return s.executeStep();
}

std::optional<std::int64_t> IntakeWriter::merged_into(std::int64_t id)
{
  auto& s = fresh(m->person_exists);
  s.bind(1, id);
  if (!s.executeStep() || s.getColumn(0).isNull())
    return std::nullopt;
  return s.getColumn(0).getInt64();
}

std::vector<Namesake> IntakeWriter::persons_named(const std::string& name_key)
{
  auto& s = fresh(m->persons_named);
  bind_text(s, 1, name_key);
  std::vector<Namesake> people;
  while (s.executeStep())
    people.push_back({s.getColumn(0).getInt64(), optional_date(s.getColumn(1))});
  // Ordered here rather than by SQL: the index gives them by date of birth, and for these few
  // rows SQLite would set up a sorter for every referral.
  std::stable_sort(people.begin(), people.end(), [](const Namesake& a, const Namesake& b) { return a.id < b.id; });
  return people;
}

std::vector<Born> IntakeWriter::persons_born()
{
  SQLite::Statement s(m->sql, "SELECT id, dob, name_key FROM person WHERE dob IS NOT NULL AND merged_into IS NULL "
                              "UNION ALL SELECT person_id, dob, name_key FROM person_alias WHERE dob IS NOT NULL");
  std::vector<Born> people;
  while (s.executeStep())
    if (const auto dob = optional_date(s.getColumn(1)))
      people.push_back({s.getColumn(0).getInt64(), *dob, s.getColumn(2).getString()});
  return people;
}

std::int64_t IntakeWriter::insert_person(const std::string& name, const std::string& name_key,
                                         const std::optional<core::Date>& dob, const std::string& at)
{
  auto& s = fresh(m->insert_person);
  const std::string dob_text = dob ? dob->iso() : "";
  bind_text(s, 1, name);
  bind_text(s, 2, name_key);
  bind_text_or_null(s, 3, dob_text);
  bind_text(s, 4, at);
  s.exec();
  return m->sql.getLastInsertRowid();
}

std::optional<ReferralLink> IntakeWriter::previous_referral(std::int64_t person_id, core::Date day)
{
  auto& s = fresh(m->previous);
  const std::string day_text = day.iso();
  s.bind(1, person_id);
  bind_text(s, 2, day_text);
  return link_row(s);
}

std::optional<ReferralLink> IntakeWriter::next_referral(std::int64_t person_id, core::Date day)
{
  auto& s = fresh(m->next);
  const std::string day_text = day.iso();
  s.bind(1, person_id);
  bind_text(s, 2, day_text);
  return link_row(s);
}

std::optional<ReferralLink> IntakeWriter::latest_referral(std::int64_t person_id)
{
  auto& s = fresh(m->latest);
  s.bind(1, person_id);
  return link_row(s);
}

int IntakeWriter::next_sequence(const std::string& kind, int year)
{
  const auto key = std::make_pair(kind, year);
  auto it = m_sequences.find(key);
  if (it == m_sequences.end()) {
    auto& s = fresh(m->sequence);
    s.bind(1, kind);
    s.bind(2, year);
    it = m_sequences.emplace(key, s.executeStep() ? s.getColumn(0).getInt() : 0).first;
  }
  return ++it->second;
}

void IntakeWriter::flush()
{
  for (const auto& [key, last] : m_sequences) {
    auto& s = fresh(m->save_sequence);
    s.bind(1, key.first);
    s.bind(2, key.second);
    s.bind(3, last);
    s.exec();
  }
}

std::int64_t IntakeWriter::insert_referral(const NewReferral& n)
{
  const core::Referral& r = *n.referral;
  auto& s = fresh(m->insert_referral);
  const std::string received = r.received.iso();
  const std::string dob = r.dob ? r.dob->iso() : "";
  int i = 0;
  bind_text(s, ++i, n.reference);
  s.bind(++i, n.year);
  s.bind(++i, n.seq);
  bind_text(s, ++i, received);
  bind_text(s, ++i, r.agency);
  bind_text(s, ++i, r.referrer_name);
  bind_text(s, ++i, r.referrer_email);
  bind_text_or_null(s, ++i, r.source_ref);
  s.bind(++i, n.person_id);
  bind_text(s, ++i, r.name);
  bind_text_or_null(s, ++i, dob);
  bind_optional(s, ++i, r.dob ? std::optional<int>(core::age_on(*r.dob, r.received)) : std::nullopt);
  bind_text(s, ++i, r.gender);
  bind_text(s, ++i, r.postcode);
  bind_text(s, ++i, r.address);
  bind_optional(s, ++i, r.resident);
  bind_optional(s, ++i, r.bame);
  bind_optional(s, ++i, r.lgbt);
  bind_optional(s, ++i, r.disability);
  bind_text(s, ++i, r.role);
  s.bind(++i, r.vulnerable ? 1 : 0);
  bind_text(s, ++i, r.risk_level);
  bind_optional(s, ++i, r.risk_score);
  bind_text(s, ++i, r.risk_instrument);
  bind_optional(s, ++i, r.incidents_12m);
  bind_optional(s, ++i, r.agencies_involved);
  bind_optional(s, ++i, r.children);
  s.bind(++i, r.professional_judgement ? 1 : 0);
  bind_text(s, ++i, r.consent);
  bind_text(s, ++i, r.consent_rationale);
  bind_text(s, ++i, r.summary);
  if (n.repeat_of)
    s.bind(++i, *n.repeat_of);
  else
    s.bind(++i);
  bind_text(s, ++i, n.criteria_met);
  s.bind(++i, n.meets_threshold ? 1 : 0);
  bind_text(s, ++i, n.created_at);
  bind_text(s, ++i, n.created_by);
  s.exec();
  const std::int64_t id = m->sql.getLastInsertRowid();

  for (size_t k = 0; k < r.categories.size(); ++k) {
    auto& c = fresh(m->insert_category);
    c.bind(1, id);
    c.bind(2, static_cast<int>(k + 1));
    bind_text(c, 3, r.categories[k]);
    c.exec();
  }
  for (const auto& party : r.other_parties) {
    auto& p = fresh(m->insert_party);
    p.bind(1, id);
    bind_text(p, 2, party.name);
    bind_optional(p, 3, party.dob);
    bind_text(p, 4, party.role);
    bind_text(p, 5, party.relationship);
    p.exec();
  }
  for (const auto match : n.possible_matches) {
    auto& p = fresh(m->insert_match);
    p.bind(1, id);
    p.bind(2, match);
    p.exec();
  }
  return id;
}

core::Referral IntakeWriter::load_referral(std::int64_t id)
{
  auto& s = fresh(m->load);
  s.bind(1, id);
  core::Referral r;
  if (!s.executeStep())
    return r;
  r.received = date_of(s.getColumn(0));
  r.agency = s.getColumn(1).getString();
  r.name = s.getColumn(2).getString();
  r.dob = optional_date(s.getColumn(3));
  r.vulnerable = s.getColumn(4).getInt() != 0;
  r.risk_level = s.getColumn(5).getString();
  r.risk_score = optional_int(s.getColumn(6));
  r.incidents_12m = optional_int(s.getColumn(7));
  r.agencies_involved = optional_int(s.getColumn(8));
  r.children = optional_int(s.getColumn(9));
  r.professional_judgement = s.getColumn(10).getInt() != 0;
  r.resident = optional_bool(s.getColumn(11));
  return r;
}

void IntakeWriter::update_repeat(std::int64_t id, std::optional<std::int64_t> repeat_of,
                                 const std::string& criteria_met, bool meets_threshold)
{
  auto& s = fresh(m->update_repeat);
  if (repeat_of)
    s.bind(1, *repeat_of);
  else
    s.bind(1);
  bind_text(s, 2, criteria_met);
  s.bind(3, meets_threshold ? 1 : 0);
  s.bind(4, id);
  s.exec();
}

} // namespace panel::store
