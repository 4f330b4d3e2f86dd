#include "panel/ops/cases.hpp"

#include "panel/core/error.hpp"
#include "panel/core/text.hpp"
#include "panel/core/words.hpp"
#include "panel/core/vocabulary.hpp"
#include "panel/ops/agencies.hpp"
#include "panel/ops/setup.hpp"
#include "panel/rules/minutes.hpp"
#include "panel/store/agencies.hpp"
#include "panel/store/audit.hpp"
#include "panel/store/cases.hpp"
#include "panel/store/history.hpp"
#include "panel/store/meetings.hpp"
#include "panel/store/minutes.hpp"
#include "panel/store/referrals.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace panel::ops {
namespace {

// The case a correction is about: known, not voided, its personal data not purged.
core::Case existing_case(store::Db& db, const std::string& reference)
{
  // find_case_any: a voided case is found, to say so rather than "no case".
  const auto found = store::find_case_any(db, reference);
  if (!found) {
    if (const auto referral = store::find_referral(db, reference))
      throw refused(fmt::format("referral {} is {}, not part of a case (see 'panel triage')", reference, referral->status));
    throw refused(fmt::format("no case or referral '{}' (see 'panel case list')", reference));
  }
  if (const auto voided = store::case_voided(db, found->id))
    throw refused(fmt::format("case {} was voided on {} (recorded in error): it can no longer be changed",
                              found->reference, voided->iso()));
  if (found->purged)
    throw refused(fmt::format("case {} was purged on {}: its record can no longer be changed", found->reference,
                              found->purged->iso()));
  return *found;
}

void refuse_closed(const core::Case& c, const std::string& what)
{
  if (core::is(c.status, core::CaseStatus::closed))
    throw refused(fmt::format("case {} is closed: {} needs an open case; reopen it first ('panel case reopen {} "
                              "--reason ...')",
                              c.reference, what, c.reference));
}

// A review date keeps an open case's next step only when a meeting on or after it is scheduled
// (rules::attention_reasons): anything else would leave the case waiting unseen.
void check_review(store::Db& db, core::Date review, core::Date today)
{
  if (review < today)
    throw refused(fmt::format("--review: {} is in the past (today is {})", review.iso(), today.iso()));
  if (!store::next_open_meeting(db, review))
    throw refused(fmt::format("--review: no meeting on or after {} is scheduled, so the case would have no next step: "
                              "add one first ('panel meeting add DATE'), or give an earlier date",
                              review.iso()));
}

void check_text(const std::string& text, const std::string& what)
{
  if (core::trim(text).empty())
    throw refused(what + ": the text is empty");
  if (!core::plain_line(text))
    throw refused(what + ": use plain text on one line");
}

std::string iso(const std::optional<core::Date>& d) { return d ? d->iso() : ""; }

// "Risk  Reduced" is "risk reduced": a word of a fixed list as people type it (lower case, one
// space between words), as the minutes read it.
std::string choice(const std::string& text)
{
  std::string out;
  for (const char ch : core::trim(text)) {
    const bool space = ch == ' ' || ch == '\t';
    if (space && out.back() == ' ')
      continue;
    out += space ? ' ' : static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
  }
  return out;
}

// Writes the history row of each change and one audit row naming the fields (codes only).
void record(store::Db& db, const core::Actor& actor, const core::Case& c, const std::vector<FieldChange>& changes,
            const std::string& reason)
{
  std::vector<std::string> fields;
  for (const auto& change : changes) {
    store::append_history(db, actor, core::HistoryEntity::case_, c.id, change.field, change.old_value,
                          change.new_value, reason);
    fields.push_back(change.field);
  }
  if (!fields.empty())
    store::append_audit(db, actor, core::AuditAction::update, "case", c.reference, core::join(fields, ","));
}

void write_note(store::Db& db, const core::Actor& actor, const core::Case& c, core::Date day, const std::string& text)
{
  store::insert_case_note(db, c.id, day, core::trim(text), actor);
  store::append_audit(db, actor, core::AuditAction::create, "case-note", c.reference, day.iso());
}

} // namespace

CaseChange update_case(store::Db& db, const std::string& reference, const CaseUpdate& u, const core::Actor& actor)
{
  if (!u.note.empty())
    check_text(u.note, "--note");
  store::Transaction txn(db, store::Transaction::Kind::write);
  const auto c = existing_case(db, reference);
  CaseChange result{c.reference, {}, false, {}, false, {}};
  if (!u.lead.empty()) {
    const auto lead = agency_code(db, u.lead);
    if (lead != c.lead_agency)
      result.changes.push_back({"lead", c.lead_agency, lead});
  }
  if (!u.risk.empty()) {
    const auto risk = core::canonical_word(u.risk, load_profile(db).risk_levels, "risk level", Exit::refused, "--risk: ");
    if (risk != c.risk_level)
      result.changes.push_back({"risk", c.risk_level, risk});
  }
  if (u.review) {
    refuse_closed(c, "a review date");
    check_review(db, *u.review, actor.today);
    if (u.review != c.review_date)
      result.changes.push_back({"review", iso(c.review_date), u.review->iso()});
  }
  for (const auto& change : result.changes) {
    if (change.field == "lead")
      store::set_case_lead(db, c.id, change.new_value);
    else if (change.field == "risk")
      store::set_case_risk(db, c.id, change.new_value);
    else
      store::set_case_review(db, c.id, u.review);
  }
  record(db, actor, c, result.changes, core::trim(u.reason));
  if (!u.note.empty()) {
    write_note(db, actor, c, actor.today, u.note);
    result.noted = true;
  }
  txn.commit();
  return result;
}

CaseChange close_case(store::Db& db, const std::string& reference, const std::string& close_reason,
                      bool cancel_actions, const core::Actor& actor)
{
  if (core::trim(close_reason).empty())  // as a missing --reason is: a usage error, exit 2
    throw usage_error("'case close' needs --reason: one of " + core::join(rules::close_reasons(), ", "));
  const auto reason = choice(close_reason);
  const auto& reasons = rules::close_reasons();
  if (std::find(reasons.begin(), reasons.end(), reason) == reasons.end())
    throw refused(fmt::format("--reason: '{}' is not a reason to close a case (use one of: {})", close_reason,
                              core::join(reasons, ", ")));
  store::Transaction txn(db, store::Transaction::Kind::write);
  const auto c = existing_case(db, reference);
  if (core::is(c.status, core::CaseStatus::closed))
    throw refused(fmt::format("case {} is already closed ({}: {})", c.reference, iso(c.closed), c.close_reason));
  std::vector<std::string> open;
  for (const auto& a : store::case_actions(db, c.id))
    if (core::is(a.status, core::ActionStatus::open))
      open.push_back(a.id);
  if (!open.empty() && !cancel_actions)
    throw refused(fmt::format("case {} has open actions ({}): record what became of them ('panel action done' or "
                              "'panel action update --status'), or close with --cancel-actions to cancel them",
                              c.reference, core::join(open, ", ")));
  CaseChange result{c.reference, {}, false, open, false, {}};
  for (const auto& id : open) {
    store::set_action_status(db, id, core::to_string(core::ActionStatus::cancelled), actor.today,
                             "case closed: " + reason, actor);
    store::append_audit(db, actor, core::AuditAction::update, "action", id, "cancelled: case closed");
  }
  result.changes = {{"status", c.status, core::to_string(core::CaseStatus::closed)},
                    {"closed", "", actor.today.iso()},
                    {"close_reason", c.close_reason, reason}};
  if (c.review_date)
    result.changes.push_back({"review", c.review_date->iso(), ""});
  store::close_case(db, c.id, actor.today, reason);
  record(db, actor, c, result.changes, reason);
  const auto meetings = store::open_meeting_dates(db);
  for (const auto& r : store::case_referrals(db, c.id))
    if (r.meeting_date && std::count(meetings.begin(), meetings.end(), *r.meeting_date) &&
        !std::count(result.still_listed.begin(), result.still_listed.end(), *r.meeting_date))
      result.still_listed.push_back(*r.meeting_date);
  txn.commit();
  return result;
}

CaseChange reopen_case(store::Db& db, const std::string& reference, const std::string& reason,
                       std::optional<core::Date> review, const core::Actor& actor)
{
  required_reason(reason, "case reopen", "case");
  check_text(reason, "--reason");
  store::Transaction txn(db, store::Transaction::Kind::write);
  const auto c = existing_case(db, reference);
  if (core::is(c.status, core::CaseStatus::open))
    throw refused(fmt::format("case {} is open: there is nothing to reopen", c.reference));
  if (const auto other = store::open_case_for_person(db, c.person_id))
    throw refused(fmt::format("person {} has another open case, {}: add to that case instead", c.person_id,
                              other->reference));
  CaseChange result{c.reference, {}, false, {}, false, {}};
  if (review) {
    check_review(db, *review, actor.today);
  } else if (const auto next = store::next_open_meeting(db, actor.today)) {
    review = next->date;
    result.review_defaulted = true;
  } else {
    throw refused(fmt::format("no meeting is scheduled on or after {}, so the reopened case would have no next step: "
                              "add the meeting that will review it first ('panel meeting add DATE'); --review DATE "
                              "then picks a later review",
                              actor.today.iso()));
  }
  result.changes = {{"status", c.status, core::to_string(core::CaseStatus::open)},
                    {"closed", iso(c.closed), ""},
                    {"close_reason", c.close_reason, ""},
                    {"review", iso(c.review_date), review->iso()}};
  store::reopen_case(db, c.id);
  store::set_case_review(db, c.id, review);
  record(db, actor, c, result.changes, core::trim(reason));
  txn.commit();
  return result;
}

std::string add_case_note(store::Db& db, const std::string& reference, const std::string& text,
                          std::optional<core::Date> day, const core::Actor& actor)
{
  check_text(text, "TEXT");
  const auto date = day.value_or(actor.today);
  if (actor.today < date)
    throw refused(fmt::format("--date: {} is after today ({}): a note records what has happened", date.iso(),
                              actor.today.iso()));
  store::Transaction txn(db, store::Transaction::Kind::write);
  const auto c = existing_case(db, reference);
  if (date < c.opened)
    throw refused(fmt::format("--date: {} is before case {} was opened ({})", date.iso(), c.reference, c.opened.iso()));
  write_note(db, actor, c, date, text);
  txn.commit();
  return c.reference;
}

core::InterventionRecord add_case_intervention(store::Db& db, const std::string& reference,
                                               const core::NewIntervention& given, std::optional<int> tier,
                                               const core::Actor& actor)
{
  core::NewIntervention i = given;
  if (!i.note.empty())
    check_text(i.note, "--note");
  if (actor.today < i.date)
    throw refused(fmt::format("--date: {} is after today ({}): record an intervention once it is used", i.date.iso(),
                              actor.today.iso()));
  store::Transaction txn(db, store::Transaction::Kind::write);
  const auto c = existing_case(db, reference);
  refuse_closed(c, "an intervention");
  const auto profile = load_profile(db);
  std::vector<std::string> agencies;
  for (const auto& a : store::list_agencies(db))
    agencies.push_back(a.code);
  // Codes typed in any case, kept as the register spells them (`--agency hsg --type CPW`).
  std::vector<std::string> types;
  for (const auto& t : profile.interventions)
    types.push_back(t.code);
  if (const auto type = core::find_word(i.type, types))
    i.type = *type;
  if (const auto agency = core::find_word(i.agency, agencies))
    i.agency = *agency;
  // The minutes' own checks, so that an intervention means the same however it was recorded.
  const auto problems = rules::intervention_problems(i, profile, agencies);
  if (!problems.empty())
    throw refused(fmt::format("--{}: {}", problems.front().first, problems.front().second));
  const auto& type = *std::find_if(profile.interventions.begin(), profile.interventions.end(),
                                   [&](const auto& t) { return t.code == i.type; });
  if (tier && *tier != type.tier)
    throw refused(fmt::format("--tier: {} ({}) is a tier {} intervention in the panel's profile", type.code, type.name,
                              type.tier));
  const auto filled = rules::with_type_dates(i, type);
  if (filled.review && *filled.review < filled.date)
    throw refused(fmt::format("--review: {} is before the date it was used ({})", filled.review->iso(), i.date.iso()));
  if (filled.expiry && *filled.expiry < filled.date)
    throw refused(fmt::format("--expiry: {} is before the date it was used ({})", filled.expiry->iso(), i.date.iso()));
  const auto id = store::insert_intervention(db, c.id, std::nullopt, filled, type.tier);
  store::append_audit(db, actor, core::AuditAction::create, "intervention", c.reference, type.code);
  txn.commit();
  return {filled.type, filled.agency, filled.note, type.tier, filled.date, filled.review, filled.expiry, id};
}

} // namespace panel::ops
