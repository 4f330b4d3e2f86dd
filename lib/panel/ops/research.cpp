#include "panel/ops/research.hpp"

#include "panel/core/text.hpp"
#include "panel/core/vocabulary.hpp"
#include "panel/rules/case_facts.hpp"
#include "panel/rules/research.hpp"
#include "panel/store/audit.hpp"
#include "panel/store/people.hpp"
#include "panel/store/cases.hpp"
#include "panel/store/referrals.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace panel::ops {
namespace {

// The subject as the case's referrals describe them: each of role, date of birth and postcode the
// latest value known across them, as the SafeLives return reads a case's facts (docs/reports.md):
// a repeat that leaves the postcode blank has not said it, and agencies search by postcode.
core::ResearchPerson subject_of(store::Db& db, const core::AgendaItem& item, const std::vector<core::RecordedReferral>& referrals)
{
  const auto& r = referrals.back();
  core::ResearchPerson p;
  p.reference = item.reference;
  p.case_reference = item.case_reference;
  p.item = item.item;
  p.person = "subject";
  p.name = item.name.empty() ? r.referral.name : item.name;
  rules::KnownFacts known;
  for (const auto& referral : referrals)
    rules::learn(known, referral.referral);
  p.role = known.role;
  p.dob = known.dob;
  p.postcode = known.postcode;
  p.person_id = r.person_id;
  for (const auto& name : store::person_names(db, r.person_id))
    if (name != p.name)
      p.aliases.push_back(name);
  // Other names the person is known by (person alias add, or a record merged into theirs), with
  // a date of birth other than the one listed: an agency searches its records under both.
  auto add = [&](const std::string& name, const std::optional<core::Date>& dob) {
    const bool other_dob = dob && dob != p.dob;
    const auto text = other_dob ? fmt::format("{} (born {})", name, dob->british()) : name;
    if ((name != p.name || other_dob) && std::find(p.aliases.begin(), p.aliases.end(), text) == p.aliases.end())
      p.aliases.push_back(text);
  };
  for (const auto& alias : store::aliases_of(db, r.person_id))
    add(alias.name, alias.dob);
  if (const auto person = store::find_person(db, r.person_id))
    add(person->name, person->dob);
  return p;
}

void add_parties(std::vector<core::ResearchPerson>& people, const core::AgendaItem& item, const core::RecordedReferral& r)
{
  for (const auto& party : r.referral.other_parties) {
    core::ResearchPerson p;
    p.reference = item.reference;
    p.case_reference = item.case_reference;
    p.item = item.item;
    p.person = "other-party";
    p.role = party.role;
    p.relationship = party.relationship;
    p.name = party.name;
    p.dob = party.dob;
    people.push_back(std::move(p));
  }
}

} // namespace

std::vector<core::ResearchPerson> item_people(store::Db& db, const core::AgendaItem& item, ItemReferrals which)
{
  std::vector<core::ResearchPerson> people;
  if (core::is(item.item, core::AgendaItemKind::case_review)) {
    // An ASB case review is about how agencies responded to the applicant's complaints.
    core::ResearchPerson p;
    p.reference = item.reference;
    p.item = item.item;
    p.person = "subject";
    p.name = item.name;
    people.push_back(std::move(p));
    return people;
  }
  // The subject as every live referral of the case describes them, so that each item of a case
  // lists them alike. The people named: for a review, by every live referral of the case; for a
  // new or repeat referral that has joined a case, by the case's live referrals up to it on a
  // research list (an earlier referral's children are searched for whenever the case is on the
  // agenda), or by its own referral. A case's referrals include those of the earlier cases its
  // referrals repeat: a repeat after a closed case keeps the household (trial 2 N1).
  std::vector<core::RecordedReferral> case_referrals;
  if (const auto kase = item.case_reference.empty() ? std::nullopt : store::find_case(db, item.case_reference))
    case_referrals = store::household_referrals(db, kase->id);
  auto referrals = case_referrals;
  if (!core::is(item.item, core::AgendaItemKind::review)) {
    const auto self = std::find_if(referrals.begin(), referrals.end(),
                                   [&](const core::RecordedReferral& r) { return r.reference == item.reference; });
    if (self != referrals.end())
      referrals.erase(std::next(self), referrals.end());
    else if (auto r = store::find_referral(db, item.reference))
      referrals = {std::move(*r)};
    else
      referrals.clear();
  }
  if (referrals.empty())
    return people;
  people.push_back(subject_of(db, item, case_referrals.empty() ? referrals : case_referrals));
  const bool only_the_item = which == ItemReferrals::the_item && !core::is(item.item, core::AgendaItemKind::review);
  for (auto r = only_the_item ? std::prev(referrals.end()) : referrals.begin(); r != referrals.end(); ++r)
    add_parties(people, item, *r);
  return rules::one_row_per_person(people);
}

core::ResearchList research_people(store::Db& db, const core::Agenda& agenda)
{
  core::ResearchList list;
  list.meeting = agenda.meeting.date;
  for (const auto& item : agenda.items)
    for (auto& p : item_people(db, item, ItemReferrals::case_so_far))
      list.people.push_back(std::move(p));
  list.people = rules::one_row_per_person(list.people);
  return list;
}

void audit_people_read(store::Db& db, const core::ResearchList& list, const std::string& what, const core::Actor& actor)
{
  std::vector<std::string> refs;
  size_t subjects = 0;
  for (const auto& p : list.people) {
    if (std::find(refs.begin(), refs.end(), p.reference) == refs.end())
      refs.push_back(p.reference);
    subjects += p.person == "subject";
  }
  const auto n = list.people.size();
  store::append_audit(db, actor, core::AuditAction::read, "referral", core::join(refs, ","),
                      fmt::format("{}: {} {} ({} subject{}, {} other part{})", what, n, n == 1 ? "person" : "people",
                                  subjects, subjects == 1 ? "" : "s", n - subjects, n - subjects == 1 ? "y" : "ies"));
}

std::string research_file_name(const std::string& panel_short, core::Date meeting, const std::string& agency,
                               const std::string& extension)
{
  // Only letters, digits, '-' and '_' from the profile's words, so the name is safe to mail.
  auto safe = [](std::string s) {
    std::replace_if(s.begin(), s.end(), [](unsigned char c) { return !std::isalnum(c) && c != '-' && c != '_'; }, '-');
    return s;
  };
  const std::string prefix = panel_short.empty() ? "" : safe(panel_short) + "-";
  return fmt::format("{}{}-research-{}.{}", prefix, meeting.iso(), safe(agency), extension);
}

} // namespace panel::ops
