#include "panel/ops/meetings.hpp"

#include "panel/core/error.hpp"
#include "panel/core/text.hpp"
#include "panel/core/vocabulary.hpp"
#include "panel/ops/setup.hpp"
#include "panel/rules/dates.hpp"
#include "panel/rules/meetings.hpp"
#include "panel/store/agenda.hpp"
#include "panel/store/audit.hpp"
#include "panel/store/case_reviews.hpp"
#include "panel/store/meetings.hpp"
#include "panel/store/referrals.hpp"

#include <fmt/format.h>
#include <set>

namespace panel::ops {
namespace {

void check_details(const core::Meeting& m)
{
  if (!m.time.empty() && !rules::valid_time(m.time))
    throw refused(fmt::format("--time: '{}' is not a time (use HH:MM, e.g. 14:00)", m.time));
  for (const auto& [what, text] : {std::pair{"--venue", &m.venue}, std::pair{"--chair", &m.chair}})
    if (!core::valid_utf8(*text) || core::strip_controls(*text) != *text || text->find('\n') != std::string::npos)
      throw refused(fmt::format("{}: use plain text on one line", what));
}

// The first open meeting a referral accepted on `today` can still be listed for.
std::optional<core::Meeting> first_before_cutoff(store::Db& db, core::Date today, int lead_days)
{
  // No meeting before today can be; after that, each open meeting in date order until one can.
  for (auto m = store::next_open_meeting(db, today); m; m = store::next_open_meeting(db, m->date.plus_days(1)))
    if (rules::before_cutoff(today, m->date, lead_days))
      return m;
  return std::nullopt;
}

AddedMeeting add_one(store::Db& db, const core::Meeting& m, int lead_days, const core::Actor& actor)
{
  store::insert_meeting(db, m, actor);
  store::append_audit(db, actor, core::AuditAction::create, "meeting", m.date.iso());
  AddedMeeting added{*store::find_meeting(db, m.date), {}};
  // Cases waiting for a meeting go to the first one they can still make.
  const auto first = first_before_cutoff(db, actor.today, lead_days);
  if (first && first->date == m.date) {
    added.listed = store::listed_referrals(db, std::nullopt);
    store::relist(db, std::nullopt, m.date);
    for (const auto& ref : added.listed)
      store::append_audit(db, actor, core::AuditAction::update, "referral", ref, "listed for the meeting on " + m.date.iso());
  }
  return added;
}

void check_reason(const std::string& reason)
{
  if (core::trim(reason).empty())
    throw usage_error("a cancelled meeting needs --reason (it is reported to the partnership board)");
}

// Whether a meeting's status leaves it closed to business: held or cancelled.
bool over(const std::string& status)
{
  const auto s = core::stored<core::MeetingStatus>(status);
  return s == core::MeetingStatus::held || s == core::MeetingStatus::cancelled;
}

} // namespace

AddedMeeting add_meeting(store::Db& db, const core::Meeting& meeting, const core::Actor& actor)
{
  check_details(meeting);
  if (const auto problem = rules::event_date_problem(meeting.date); !problem.empty())
    throw refused("meeting date: " + problem);
  store::Transaction txn(db, store::Transaction::Kind::write);
  const auto profile = load_profile(db);
  if (store::find_meeting(db, meeting.date))
    throw refused(fmt::format("there is already a meeting on {}", meeting.date.iso()));
  auto added = add_one(db, meeting, profile.agenda_lead_days, actor);
  txn.commit();
  return added;
}

std::vector<AddedMeeting> schedule_meetings(store::Db& db, const std::string& rule, core::Date from, core::Date to,
                                            const core::Meeting& details, std::vector<std::string>& skipped,
                                            const core::Actor& actor)
{
  check_details(details);
  if (to < from)
    throw usage_error(fmt::format("--to {} is before --from {}", to.iso(), from.iso()));
  if (from.days_until(to) > 3 * 366)
    throw usage_error("schedule at most three years at a time");
  std::string problem;
  const auto dates = rules::monthly_dates(rule, from, to, problem);
  if (!problem.empty())
    throw usage_error(fmt::format("--every: cannot read '{}': {}", rule, problem));
  store::Transaction txn(db, store::Transaction::Kind::write);
  const auto profile = load_profile(db);
  std::vector<AddedMeeting> added;
  for (const auto date : dates) {
    if (store::find_meeting(db, date)) {
      skipped.push_back(date.iso());
      continue;
    }
    core::Meeting m = details;
    m.date = date;
    added.push_back(add_one(db, m, profile.agenda_lead_days, actor));
  }
  txn.commit();
  return added;
}

Cancelled cancel_meeting(store::Db& db, core::Date date, const std::string& reason, const core::Actor& actor)
{
  check_reason(reason);
  store::Transaction txn(db, store::Transaction::Kind::write);
  auto result = cancel_in_transaction(db, date, reason, actor);
  txn.commit();
  return result;
}

Cancelled cancel_in_transaction(store::Db& db, core::Date date, const std::string& reason, const core::Actor& actor)
{
  check_reason(reason);
  const auto meeting = store::find_meeting(db, date);
  if (!meeting)
    throw refused(fmt::format("no meeting on {} (see 'panel meeting list')", date.iso()));
  if (over(meeting->status))
    throw refused(fmt::format("the meeting on {} is already {}", date.iso(), meeting->status));
  Cancelled result;
  result.moved = store::listed_referrals(db, date);
  // Cases due for review come up at the first meeting on or after their date: now the next one.
  std::set<std::string> listed_cases;
  for (const auto& ref : result.moved)
    if (const auto kase = store::find_case(db, ref))
      listed_cases.insert(kase->reference);
  for (const auto& item : store::review_items(db, date))
    if (!listed_cases.count(item.case_reference))
      result.reviews.push_back(item.reference);
  store::cancel_meeting(db, meeting->id, reason);
  store::append_audit(db, actor, core::AuditAction::update, "meeting", date.iso(), core::trim(reason).empty() ? "cancelled" : "cancelled, reason given");
  if (const auto next = store::next_open_meeting(db, date.plus_days(1)))
    result.to = next->date;
  store::relist(db, date, result.to);
  for (const auto& ref : result.moved)
    store::append_audit(db, actor, core::AuditAction::update, "referral", ref,
                        result.to ? "moved to the meeting on " + result.to->iso() : "awaiting a meeting");
  const auto to_id = result.to ? std::optional<std::int64_t>(store::find_meeting(db, *result.to)->id) : std::nullopt;
  for (const auto& [id, ref] : store::move_case_reviews(db, meeting->id, to_id)) {
    const auto detail = result.to ? "moved to the meeting on " + result.to->iso() : "meeting cancelled: awaiting a meeting";
    store::record_case_review_step(db, id, core::CaseReviewStep::review, actor.today, detail, actor);
    store::append_audit(db, actor, core::AuditAction::update, "case_review", ref, detail);
    result.case_reviews.push_back(ref);
  }
  return result;
}

std::optional<core::Date> meeting_for_acceptance(store::Db& db, std::optional<core::Date> asked, int agenda_lead_days,
                                                 core::Date today)
{
  if (asked) {
    const auto meeting = store::find_meeting(db, *asked);
    if (!meeting)
      throw refused(fmt::format("no meeting on {}; add it first with 'panel meeting add {}'", asked->iso(), asked->iso()));
    if (over(meeting->status))
      throw refused(fmt::format("the meeting on {} is {}", asked->iso(), meeting->status));
    return asked;
  }
  if (const auto next = first_before_cutoff(db, today, agenda_lead_days))
    return next->date;
  return std::nullopt;
}

} // namespace panel::ops
