#include "panel/ops/agenda.hpp"

#include "panel/core/error.hpp"
#include "panel/core/text.hpp"
#include "panel/core/vocabulary.hpp"
#include "panel/ops/minutes.hpp"
#include "panel/ops/setup.hpp"
#include "panel/rules/risk.hpp"
#include "panel/rules/meetings.hpp"
#include "panel/store/agenda.hpp"
#include "panel/store/audit.hpp"
#include "panel/store/case_reviews.hpp"
#include "panel/store/meetings.hpp"
#include "panel/store/minutes.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace panel::ops {

core::Meeting agenda_meeting(store::Db& db, std::optional<core::Date> date, core::Date today)
{
  const auto meeting = date ? store::find_meeting(db, *date) : store::next_open_meeting(db, today);
  if (!meeting)
    throw refused(date ? fmt::format("no meeting on {} (see 'panel meeting list')", date->iso())
                       : fmt::format("no meeting scheduled on or after {} (add one with 'panel meeting add')",
                                     today.iso()));
  return *meeting;
}

namespace {

// The date of the meeting a listed referral was carried over from: the latest of its meeting
// changes, when the minutes of that meeting moved it as not reached.
std::optional<core::Date> carried_over_from(const std::vector<std::pair<std::string, std::string>>& moves)
{
  if (moves.empty())
    return std::nullopt;
  const auto from = core::Date::parse(moves.front().first);
  if (!from || moves.front().second != deferral_reason(*from))
    return std::nullopt;
  return from;
}

// A review not reached at a meeting is kept on the case's history (minutes, reviews_carried). It
// is carried over to this meeting when no meeting was held between: one held in between either
// reviewed the case or, not reaching it again, left a later row.
std::optional<core::Date> review_carried_over_from(store::Db& db, const std::string& case_reference, core::Date meeting)
{
  const auto from = carried_over_from(store::case_meeting_moves(db, case_reference));
  if (!from || !(*from < meeting))
    return std::nullopt;
  for (const auto& m : store::list_meetings(db))
    if (*from < m.date && m.date < meeting && core::is(m.status, core::MeetingStatus::held))
      return std::nullopt;
  return from;
}

// What the agenda says of an item's case beyond its own row: the categories of a review from the
// case's live referrals (a voided one says nothing), the level its referrer assessed a new or
// repeat referral at, and the live referrals assessed above the panel's risk for the case.
void describe_case(store::Db& db, const core::Profile& profile, core::Date meeting, core::AgendaItem& item)
{
  std::vector<rules::AssessedRisk> assessed;
  for (const auto& r : store::case_referrals(db, item.case_reference)) {
    assessed.push_back({r.reference, r.risk_level, r.received});
    if (r.reference == item.reference)
      item.referral_risk = r.risk_level;
    if (core::is(item.item, core::AgendaItemKind::review))
      for (const auto& category : r.categories)
        if (std::find(item.categories.begin(), item.categories.end(), category) == item.categories.end())
          item.categories.push_back(category);
  }
  if (core::is(item.item, core::AgendaItemKind::review))
    item.referral_risk.clear();  // a review is of the case, not of the referral that opened it
  item.assessed_higher = rules::assessed_higher(profile, item.risk, assessed, store::case_risk_set(db, item.case_reference));
  std::vector<rules::AssessedRisk> higher;
  for (const auto& r : assessed)
    if (std::find(item.assessed_higher.begin(), item.assessed_higher.end(), r.reference) != item.assessed_higher.end())
      higher.push_back(r);
  item.highest_assessed = rules::highest_assessed(profile, higher);
  item.carried_over_from = core::is(item.item, core::AgendaItemKind::review)
                               ? review_carried_over_from(db, item.case_reference, meeting)
                               : carried_over_from(store::meeting_moves(db, item.reference));
}

} // namespace

core::Agenda compute_agenda(store::Db& db, const core::Meeting& meeting, const core::Profile& profile)
{
  core::Agenda a;
  a.meeting = meeting;
  a.cutoff = rules::agenda_cutoff(meeting.date, profile.agenda_lead_days);
  a.quorum = profile.quorum;
  a.items = store::listed_items(db, meeting.date);
  for (auto& review : store::review_items(db, meeting.date)) {
    // A case already on the agenda through a new referral is not listed twice.
    const bool listed = std::any_of(a.items.begin(), a.items.end(),
                                    [&](const auto& i) { return i.case_reference == review.case_reference; });
    if (!listed)
      a.items.push_back(std::move(review));
  }
  // ASB case reviews listed with 'trigger review' come last: the panel reviews how agencies
  // responded, not a person's risk.
  for (const auto& review : store::case_reviews_for_meeting(db, meeting.date)) {
    core::AgendaItem item;
    item.reference = review.reference;
    item.item = core::to_string(core::AgendaItemKind::case_review);
    item.name = review.victim;
    a.items.push_back(std::move(item));
  }
  a.next_meeting = store::accepted_too_late(db, a.cutoff, meeting.date);
  a.outstanding = store::outstanding_actions(db, meeting.date);
  for (auto& item : a.items) {
    if (item.case_reference.empty())
      continue;
    item.open_actions = store::open_actions(db, item.case_reference);
    describe_case(db, profile, meeting.date, item);
  }
  return a;
}

core::Agenda agenda(store::Db& db, std::optional<core::Date> date, bool issue, const core::Actor& actor)
{
  store::Transaction txn(db, store::Transaction::Kind::write);
  const auto profile = load_profile(db);
  const auto meeting = agenda_meeting(db, date, actor.today);
  core::Agenda a = compute_agenda(db, meeting, profile);
  std::vector<std::string> refs;
  for (const auto& item : a.items)
    refs.push_back(item.reference);
  store::append_audit(db, actor, core::AuditAction::read, "agenda", meeting.date.iso(), core::join(refs, ","));
  if (issue) {
    const auto status = core::stored<core::MeetingStatus>(meeting.status);
    if (status == core::MeetingStatus::held || status == core::MeetingStatus::cancelled)
      throw refused(fmt::format("the meeting on {} is {}; its agenda cannot be issued", meeting.date.iso(), meeting.status));
    store::mark_agenda_issued(db, meeting.id, actor.today);
    store::append_audit(db, actor, core::AuditAction::update, "meeting", meeting.date.iso(), "agenda issued");
    a.meeting.status = core::to_string(core::MeetingStatus::agenda_issued);
    a.meeting.agenda_issued = actor.today;
  }
  txn.commit();
  return a;
}

} // namespace panel::ops
