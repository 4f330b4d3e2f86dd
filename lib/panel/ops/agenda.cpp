#include "panel/ops/agenda.hpp"

#include "panel/core/error.hpp"
#include "panel/core/text.hpp"
#include "panel/core/vocabulary.hpp"
#include "panel/ops/setup.hpp"
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
  for (auto& item : a.items)
    item.open_actions = item.case_reference.empty() ? 0 : store::open_actions(db, item.case_reference);
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
