#include "panel/ops/referral_update.hpp"

#include "panel/core/text.hpp"
#include "panel/core/vocabulary.hpp"
#include "panel/input/referrals.hpp"
#include "panel/input/values.hpp"
#include "panel/ops/referral_repeats.hpp"
#include "panel/ops/setup.hpp"
#include "panel/rules/referral_check.hpp"
#include "panel/store/audit.hpp"
#include "panel/store/history.hpp"
#include "panel/store/intake.hpp"
#include "panel/store/people.hpp"
#include "panel/store/referrals.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <set>
#include <sstream>

namespace panel::ops {
namespace {

using input::Field;

// Every field `update` can change, in the order of docs/formats/referral.md (`person` is not one).
const std::vector<std::pair<Field, const char*>>& fields()
{
  static const std::vector<std::pair<Field, const char*>> all = {
      {Field::received, "received"}, {Field::agency, "agency"}, {Field::referrer, "referrer"},
      {Field::referrer_email, "referrer_email"}, {Field::source_ref, "source_ref"}, {Field::name, "name"},
      {Field::dob, "dob"}, {Field::gender, "gender"}, {Field::postcode, "postcode"}, {Field::address, "address"},
      {Field::resident, "resident"},
      {Field::bame, "bame"}, {Field::lgbt, "lgbt"}, {Field::disability, "disability"}, {Field::role, "role"},
      {Field::category, "category"}, {Field::vulnerable, "vulnerable"}, {Field::risk_level, "risk_level"},
      {Field::risk_score, "risk_score"}, {Field::risk_instrument, "risk_instrument"},
      {Field::incidents_12m, "incidents_12m"}, {Field::agencies_involved, "agencies_involved"},
      {Field::children, "children"}, {Field::professional_judgement, "professional_judgement"},
      {Field::consent, "consent"}, {Field::consent_rationale, "consent_rationale"}, {Field::summary, "summary"},
      {Field::other_parties, "other_parties"}};
  return all;
}

std::string yes_no(bool v) { return v ? "yes" : "no"; }
std::string yes_no(const std::optional<bool>& v) { return v ? yes_no(*v) : ""; }
std::string number(const std::optional<int>& v) { return v ? std::to_string(*v) : ""; }

// A field's value as text, as it would be typed (set_field reads it back).
std::string field_text(const core::Referral& r, Field field)
{
  switch (field) {
  case Field::received: return r.received.iso();
  case Field::agency: return r.agency;
  case Field::referrer: return r.referrer_name;
  case Field::referrer_email: return r.referrer_email;
  case Field::source_ref: return r.source_ref;
  case Field::person: return r.person_id ? std::to_string(*r.person_id) : "";
  case Field::name: return r.name;
  case Field::dob: return r.dob ? r.dob->iso() : "";
  case Field::gender: return r.gender;
  case Field::postcode: return r.postcode;
  case Field::address: return r.address;
  case Field::resident: return yes_no(r.resident);
  case Field::bame: return yes_no(r.bame);
  case Field::lgbt: return yes_no(r.lgbt);
  case Field::disability: return yes_no(r.disability);
  case Field::role: return r.role;
  case Field::category: return core::join(r.categories, ", ");
  case Field::vulnerable: return yes_no(r.vulnerable);
  case Field::risk_level: return r.risk_level;
  case Field::risk_score: return number(r.risk_score);
  case Field::risk_instrument: return r.risk_instrument;
  case Field::incidents_12m: return number(r.incidents_12m);
  case Field::agencies_involved: return number(r.agencies_involved);
  case Field::children: return number(r.children);
  case Field::professional_judgement: return yes_no(r.professional_judgement);
  case Field::consent: return r.consent;
  case Field::consent_rationale: return r.consent_rationale;
  case Field::summary: return r.summary;
  case Field::other_parties: {
    std::vector<std::string> people;
    for (const auto& p : r.other_parties)
      people.push_back(fmt::format("{}|{}|{}|{}", p.name, p.dob ? p.dob->iso() : "", p.role, p.relationship));
    return core::join(people, "; ");
  }
  }
  return "";
}

// Empties a list field before the first value given for it: a patch replaces the list.
void clear_list(core::Referral& r, Field field)
{
  if (field == Field::category)
    r.categories.clear();
  if (field == Field::other_parties)
    r.other_parties.clear();
}

void refuse_person(const std::string& reference)
{
  throw refused(fmt::format("{}: person: a referral is not moved to another person here; if it is about someone "
                            "else, void it and record it again, or join two records with 'panel person merge'",
                            reference));
}

// The flags' fields applied to `into`; the names of the fields given.
std::set<Field> apply_fields(core::Referral& into, const ReferralPatch& patch, const std::string& reference,
                             core::DateOrder order)
{
  std::set<Field> given;
  for (const auto& [name, text] : patch.fields) {
    const auto canonical = input::canonical_field(name);
    const auto field = canonical.empty() ? std::nullopt : input::field_named(canonical);
    if (!field)
      throw refused(fmt::format("{}: unknown field (known: {})", name, core::join(core::referral_fields(), ", ")));
    if (*field == Field::person)
      refuse_person(reference);
    if (given.insert(*field).second)
      clear_list(into, *field);
    input::set_field(into, *field, canonical, text, "", 0, order);
  }
  return given;
}

// The YAML patch's fields applied to `into` (the file's lines in `lines`).
std::set<Field> apply_yaml(core::Referral& into, const ReferralPatch& patch, const std::string& reference,
                           input::ReferralRecord& record, core::DateOrder order)
{
  std::istringstream in(patch.yaml);
  auto reader = input::referral_reader(in, patch.source, input::FileKind::yaml);
  reader->configure({order, false, false});
  if (!reader->next(record))
    throw refused(fmt::format("{}: no fields to change", patch.source));
  input::ReferralRecord more;
  if (reader->next(more))
    throw refused(fmt::format("{}: one referral's fields, not a list of referrals", patch.source));
  std::set<Field> given;
  for (const auto& [key, line] : record.lines) {
    if (key == "person")
      refuse_person(reference);
    for (const auto& [field, name] : fields())
      if (key == name || key.rfind(std::string(name) + "[", 0) == 0)
        given.insert(field);
  }
  for (const auto field : given) {
    clear_list(into, field);
    const std::string name = std::find_if(fields().begin(), fields().end(), [&](const auto& f) { return f.first == field; })->second;
    input::set_field(into, field, name, field_text(record.referral, field), patch.source, record.line_of(name));
  }
  return given;
}

bool decided(const std::string& status)
{
  return !core::is(status, core::ReferralStatus::pending) && !core::is(status, core::ReferralStatus::awaiting_information);
}

// "postcode: EC2Y 8DS -> EC2Y 8DT"; long texts only say that they changed.
std::string describe(const char* name, const std::string& was, const std::string& now)
{
  const std::string field = std::string(name) == "category" ? "categories" : name;
  if (field == "summary" || field == "consent_rationale" || field == "other_parties")
    return field + ": changed";
  if (field == "address") {
    // An address's lines on the one line of the summary: "12 High St, London -> (none)".
    return fmt::format("address: {} -> {}", was.empty() ? "(none)" : core::address_on_one_line(was),
                       now.empty() ? "(none)" : core::address_on_one_line(now));
  }
  return fmt::format("{}: {} -> {}", field, was.empty() ? "(none)" : was, now.empty() ? "(none)" : now);
}

} // namespace

UpdateOutcome update_referral(store::Db& db, const std::string& reference, const ReferralPatch& patch,
                              const core::Actor& actor)
{
  store::Transaction txn(db, store::Transaction::Kind::write);
  const auto profile = load_profile(db);
  const auto r = store::find_referral_any(db, reference);
  if (!r)
    throw refused(fmt::format("no referral '{}' (see 'panel triage list' or 'panel case list')", reference));
  if (r->voided)
    throw refused(fmt::format("{} was voided on {}; restore it first ('panel referral unvoid {} --reason \"WHY\"')",
                              r->reference, r->voided->iso(), r->reference));
  if (r->purged)
    throw refused(fmt::format("{}: its personal data was purged on {}; it cannot be changed", r->reference,
                              r->purged->iso()));
  core::Referral updated = r->referral;
  auto given = apply_fields(updated, patch, r->reference, profile.input.date_order);
  input::ReferralRecord record;
  if (!patch.yaml.empty())
    for (const auto field : apply_yaml(updated, patch, r->reference, record, profile.input.date_order))
      given.insert(field);
  if (given.empty())
    throw usage_error("nothing to change: give the fields to correct (the flags of 'panel refer') or --file");

  // The same checks as a new referral; a file's problems name its lines.
  std::vector<std::string> problems;
  updated = rules::canonical_referral(std::move(updated), profile);
  for (const auto& p : rules::check_referral(updated, profile, actor.today))
    problems.push_back(fmt::format("{}: {}", input::where(patch.yaml.empty() ? "" : patch.source,
                                                          patch.yaml.empty() ? 0 : record.line_of(p.field), p.field),
                                   p.message));
  if (!problems.empty())
    throw refused(core::join(problems, "\npanel: error: "));

  UpdateOutcome out{r->reference, {}};
  std::vector<std::string> changed;
  std::vector<std::pair<const char*, std::pair<std::string, std::string>>> diffs;
  for (const auto& [field, name] : fields()) {
    const auto was = field_text(r->referral, field), now = field_text(updated, field);
    if (was != now)
      diffs.push_back({name, {was, now}});
  }
  if (diffs.empty()) {
    out.changes.push_back(r->reference + ": nothing changed: the values given are those recorded");
    return out;
  }
  const auto reason = core::trim(patch.reason);
  if (decided(r->status) && reason.empty())
    throw refused(fmt::format("{} is {}: a correction to a decided referral needs --reason (kept in its history)",
                              r->reference, r->status));
  store::IntakeWriter writer(db);
  if (!updated.source_ref.empty() && updated.source_ref != r->referral.source_ref)
    if (const auto other = writer.reference_for_source(updated.agency, updated.source_ref))
      throw refused(fmt::format("{}: source_ref: '{}' from {} is already recorded as {}", r->reference,
                                updated.source_ref, updated.agency, *other));

  bool categories = false, parties = false;
  for (const auto& [name, values] : diffs) {
    const std::string field = std::string(name) == "category" ? "categories" : name;
    store::append_history(db, actor, core::HistoryEntity::referral, r->id, field, values.first, values.second, reason);
    changed.push_back(field);
    out.changes.push_back(r->reference + ": " + describe(name, values.first, values.second));
    categories = categories || std::string(name) == "category";
    parties = parties || std::string(name) == "other_parties";
  }
  store::update_referral_fields(db, r->id, updated, categories, parties);
  store::append_audit(db, actor, core::AuditAction::update, "referral", r->reference, "corrected: " + core::join(changed, ","));

  if (updated.name != r->referral.name || updated.dob != r->referral.dob)
    out.changes.push_back(fmt::format("{}: still the referral of person {}: a referral is not moved to another "
                                      "person (see 'panel person merge')",
                                      r->reference, r->person_id));
  // The person's date of birth is their latest referral's: a correction reaches it, unless a later
  // referral of theirs says otherwise, which the coordinator is told.
  const auto person = store::refresh_person_dob(db, r->person_id);
  if (person.now != person.was)
    out.changes.push_back(fmt::format("person {}: date of birth {} -> {}", r->person_id,
                                      person.was ? person.was->iso() : "(none)",
                                      person.now ? person.now->iso() : "(none)"));
  if (updated.dob && updated.dob != r->referral.dob && person.now != updated.dob)
    out.changes.push_back(fmt::format("person {}: date of birth stays {}, as their later referral {} gives it: "
                                      "correct that one too if it is wrong",
                                      r->person_id, person.now ? person.now->iso() : "(none)", person.from));
  // Itself, and the person's next referral both where it was and where it is now.
  std::set<std::string> rework = {r->reference};
  for (const auto day : {r->referral.received, updated.received})
    if (const auto next = store::next_live_referral(db, r->person_id, day, r->id))
      rework.insert(next->reference);
  for (const auto& ref : rework)
    for (auto& line : work_out_repeat(db, writer, profile, ref, actor, reason))
      out.changes.push_back(std::move(line));
  txn.commit();
  return out;
}

} // namespace panel::ops
