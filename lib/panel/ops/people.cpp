#include "panel/ops/people.hpp"

#include "panel/core/error.hpp"
#include "panel/core/text.hpp"
#include "panel/ops/cases.hpp"
#include "panel/rules/names.hpp"
#include "panel/store/audit.hpp"
#include "panel/store/people.hpp"
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

} // namespace

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
  std::int64_t number = 0;
  const auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), number);
  if (ec != std::errc() || end != id.data() + id.size())
    throw usage_error(fmt::format("ID: '{}' is not a person's id (the number 'panel person find' shows)", id));
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
    if (const auto kase = store::find_case(db, reference))
      record.cases.push_back(case_detail(db, *kase));
  for (auto& r : store::person_referrals_without_case(db, person->id)) {
    auto decisions = store::decisions_for(db, r.id);
    record.referrals.push_back({std::move(r), std::move(decisions)});
  }
  std::vector<std::vector<std::string>> keys;
  for (const auto& n : record.names)
    keys.push_back(words(n));
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
