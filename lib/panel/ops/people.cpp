#include "panel/ops/people.hpp"

#include "panel/core/error.hpp"
#include "panel/core/text.hpp"
#include "panel/ops/cases.hpp"
#include "panel/rules/dates.hpp"
#include "panel/rules/dupes.hpp"
#include "panel/rules/names.hpp"
#include "panel/store/audit.hpp"
#include "panel/store/history.hpp"
#include "panel/store/merges.hpp"
#include "panel/store/people.hpp"
#include "panel/store/cases.hpp"
#include "panel/store/referrals.hpp"

#include <charconv>
#include <fmt/format.h>
#include <sstream>

namespace panel::ops {
namespace {

std::vector<std::string> words(const std::string& name)
{
  std::istringstream in(rules::normalise_name(name));
  std::vector<std::string> out;
  for (std::string w; in >> w;)
    out.push_back(w);
  return out;
}

// Every word of the query is a word of the candidate ("jo smith" finds "Jo Anne Smith").
bool matches(const std::vector<std::string>& query, const std::string& candidate)
{
  const auto have = words(candidate);
  for (const auto& w : query)
    if (std::find(have.begin(), have.end(), w) == have.end())
      return false;
  return !query.empty();
}

std::int64_t person_number(const std::string& id)
{
  std::int64_t number = 0;
  const auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), number);
  if (ec != std::errc() || end != id.data() + id.size())
    throw usage_error(fmt::format("ID: '{}' is not a person's id (the number 'panel person find' shows)", id));
  return number;
}

store::PersonRow existing_person(store::Db& db, std::int64_t id)
{
  const auto person = store::find_person(db, id);
  if (!person)
    throw refused(fmt::format("no person {} (see 'panel person find NAME')", id));
  return *person;
}

} // namespace

std::vector<core::DupePair> person_dupes(store::Db& db, const core::Actor& actor)
{
  store::Transaction txn(db, store::Transaction::Kind::write);
  auto identities = store::identities(db);
  for (auto& i : identities)
    i.name_key = rules::normalise_name(i.name);
  auto pairs = rules::dupe_pairs(identities);
  std::vector<std::string> ids;
  for (const auto& p : pairs)
    ids.push_back(fmt::format("P{}+P{}", p.first.person_id, p.second.person_id));
  store::append_audit(db, actor, core::AuditAction::read, "person", core::join(ids, ","), "person dupes");
  txn.commit();
  return pairs;
}

AliasAdded add_alias(store::Db& db, const std::string& id, const std::string& name, std::optional<core::Date> dob,
                     const core::Actor& actor)
{
  const auto number = person_number(id);
  // The checks `refer` makes of a subject's name and date of birth.
  if (!core::valid_utf8(name) || core::strip_controls(name) != name || name.find_first_of("\n\r\t") != std::string::npos)
    throw usage_error("--name: is not plain UTF-8 text on one line");
  if (const auto chars = std::count_if(name.begin(), name.end(), [](unsigned char c) { return (c & 0xc0) != 0x80; });
      chars > 200)
    throw usage_error(fmt::format("--name: is {} characters long; the limit is 200", chars));
  const auto key = rules::normalise_name(name);
  if (key.empty())
    throw usage_error("--name: give the other name the person is known by, e.g. --name \"Jo Bloggs\"");
  if (dob && *dob > actor.today)
    throw usage_error(fmt::format("--dob: {} is after today", dob->iso()));
  if (dob)
    if (const auto problem = rules::birth_date_problem(*dob, actor.today); !problem.empty())
      throw usage_error("--dob: " + problem);
  store::Transaction txn(db, store::Transaction::Kind::write);
  const auto person = existing_person(db, number);
  if (person.merged_into)
    throw refused(fmt::format("person {} was merged into person {}: add the alias to person {}", number,
                              *person.merged_into, *person.merged_into));
  if (person.name == "[purged]")
    throw refused(fmt::format("person {}'s details were purged: an alias would be personal data about nobody", number));
  for (const auto& a : store::aliases_of(db, number))
    if (rules::normalise_name(a.name) == key && a.dob == dob)
      throw refused(fmt::format("person {} already has the alias '{}'{}", number, a.name,
                                dob ? " with that date of birth" : ""));
  if (rules::normalise_name(person.name) == key && (!dob || person.dob == dob))
    throw refused(fmt::format("'{}' is person {}'s own name: an alias is another name", name, number));
  const auto alias = store::insert_alias(db, number, core::trim(name), key, dob, actor.at, actor.user);
  store::append_history(db, actor, core::HistoryEntity::person, number, "alias", "",
                        core::trim(name) + (dob ? " (" + dob->iso() + ")" : ""));
  store::append_audit(db, actor, core::AuditAction::create, "person", std::to_string(number),
                      fmt::format("alias {}", alias));
  txn.commit();
  return {alias, person.name};
}

core::PersonAlias remove_alias(store::Db& db, const std::string& id, const std::string& name,
                               std::optional<core::Date> dob, const std::string& reason, const core::Actor& actor)
{
  const auto number = person_number(id);
  required_reason(reason, "person alias remove", "person");
  const auto key = rules::normalise_name(name);
  store::Transaction txn(db, store::Transaction::Kind::write);
  existing_person(db, number);
  std::vector<core::PersonAlias> named;
  for (const auto& a : store::aliases_of(db, number))
    if (rules::normalise_name(a.name) == key && (!dob || a.dob == dob))
      named.push_back(a);
  if (named.empty())
    throw refused(fmt::format("person {} has no alias '{}'{} (see 'panel person alias list {}')", number, name,
                              dob ? " born " + dob->iso() : "", number));
  if (named.size() > 1)
    throw refused(fmt::format("person {} has {} aliases '{}' with different dates of birth: give --dob to say which",
                              number, named.size(), name));
  const auto& alias = named.front();
  if (const auto merge = store::merge_holding_alias(db, alias.id))
    throw refused(fmt::format("the alias '{}' of person {} comes from merge {}, which still stands: undo the merge with "
                              "'panel person unmerge {}' instead",
                              alias.name, number, *merge, *merge));
  store::delete_alias(db, alias.id);
  store::append_history(db, actor, core::HistoryEntity::person, number, "alias",
                        alias.name + (alias.dob ? " (" + alias.dob->iso() + ")" : ""), "", std::string(core::trim(reason)));
  store::append_audit(db, actor, core::AuditAction::delete_, "person", std::to_string(number),
                      fmt::format("alias {}", alias.id));
  txn.commit();
  return alias;
}

std::vector<core::PersonAlias> list_aliases(store::Db& db, const std::string& id, const core::Actor& actor)
{
  const auto number = person_number(id);
  store::Transaction txn(db, store::Transaction::Kind::write);
  existing_person(db, number);
  auto aliases = store::aliases_of(db, number);
  store::append_audit(db, actor, core::AuditAction::read, "person", std::to_string(number), "aliases");
  txn.commit();
  return aliases;
}

std::vector<core::PersonMatch> find_people(store::Db& db, const std::string& name, std::optional<core::Date> dob,
                                           const core::Actor& actor)
{
  const auto query = words(name);
  if (query.empty())
    throw usage_error("NAME: give a name to look for, e.g. \"Jo Smith\"");
  store::Transaction txn(db, store::Transaction::Kind::write);
  std::vector<core::PersonMatch> found;
  store::each_named(db, [&](const core::PersonMatch& m) {
    if (matches(query, m.name) && (!dob || !m.dob || *m.dob == *dob))
      found.push_back(m);
  });
  std::vector<std::string> ids;
  for (const auto& m : found)
    ids.push_back(m.kind == "person" ? "P" + m.id : m.id);
  store::append_audit(db, actor, core::AuditAction::read, "person", core::join(ids, ","), "person find");
  txn.commit();
  return found;
}

core::PersonRecord export_person(store::Db& db, const std::string& id, const core::Actor& actor,
                                 const std::function<void(const core::PersonRecord&)>& deliver)
{
  const auto number = person_number(id);
  store::Transaction txn(db, store::Transaction::Kind::write);
  const auto person = store::find_person(db, number);
  if (!person)
    throw refused(fmt::format("no person {} (see 'panel person find NAME')", id));
  core::PersonRecord record;
  record.id = person->id;
  record.name = person->name;
  record.dob = person->dob;
  record.names = store::person_names(db, person->id);
  for (const auto& reference : store::person_case_references(db, person->id))
    if (const auto kase = store::find_case_any(db, reference))  // voided ones too: everything held
      record.cases.push_back(case_detail(db, *kase));
  for (auto& r : store::person_referrals_without_case(db, person->id)) {
    auto decisions = store::decisions_for(db, r.id);
    record.referrals.push_back({std::move(r), std::move(decisions)});
  }
  record.aliases = store::aliases_of(db, person->id);
  record.merges = store::merges_of(db, person->id);
  record.history = store::person_history(db, person->id);
  std::vector<std::vector<std::string>> keys;
  for (const auto& n : record.names)
    keys.push_back(words(n));
  for (const auto& a : record.aliases)  // mentions by another name they are known by
    keys.push_back(words(a.name));
  record.mentions = store::mentions(db, [&](const std::string& other) {
    return std::any_of(keys.begin(), keys.end(), [&](const auto& k) { return !k.empty() && words(other) == k; });
  }, person->id);
  store::append_audit(db, actor, core::AuditAction::export_, "person", std::to_string(person->id), "subject access export");
  if (deliver)
    deliver(record);
  txn.commit();
  return record;
}

} // namespace panel::ops
