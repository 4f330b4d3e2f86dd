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
#include "panel/store/history.hpp"
#include "panel/store/meetings.hpp"
#include "panel/store/cases.hpp"
#include "panel/store/referrals.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <set>

namespace panel::ops {

std::string moved_case_text(const MovedCase& moved)
{
  if (moved.referrals.empty())
    return moved.case_reference;
  return fmt::format("{} ({} {})", moved.case_reference, moved.referrals.size() == 1 ? "referral" : "referrals",
                     core::join(moved.referrals, ", "));
}

namespace {

// The cases of referrals listed for a meeting, each once: a case is what the panel discusses, and
// a repeat that joined it moves with it.
std::vector<MovedCase> cases_of(store::Db& db, const std::vector<std::string>& referrals)
{
  std::vector<MovedCase> cases;
  for (const auto& ref : referrals) {
    const auto referral = store::find_referral(db, ref);
    const auto kase = referral && !referral->case_reference.empty() ? referral->case_reference : ref;
    auto it = std::find_if(cases.begin(), cases.end(), [&](const MovedCase& c) { return c.case_reference == kase; });
    if (it == cases.end())
      it = cases.insert(cases.end(), MovedCase{kase, {}});
    if (ref != kase)
      it->referrals.push_back(ref);
  }
  return cases;
}

} // namespace
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
                                            std::vector<std::string>& past, const core::Actor& actor)
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
    if (date < actor.today) {
      past.push_back(date.iso());
      continue;
    }
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
  result.moved_cases = cases_of(db, result.moved);
  // Cases due for review come up at the first meeting on or after their date: now the next one.
  std::set<std::string> listed_cases;
  for (const auto& moved : result.moved_cases)
    listed_cases.insert(moved.case_reference);
  // Only the reviews this meeting would have reached: one due before it that an earlier meeting
  // still to come reaches is not moved.
  for (const auto& item : store::review_items(db, date)) {
    if (listed_cases.count(item.case_reference))
      continue;
    const auto kase = store::find_case(db, item.case_reference);
    const auto first = kase && kase->review_date ? store::next_open_meeting(db, *kase->review_date) : std::nullopt;
    if (!first || first->date == date)
      result.reviews.push_back(item.reference);
  }
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

UpdatedMeeting update_meeting(store::Db& db, core::Date date, const MeetingChange& change, const core::Actor& actor)
{
  if (!change.date && !change.time && !change.venue && !change.chair)
    throw usage_error("nothing to change: give --date, --time, --venue or --chair");
  store::Transaction txn(db, store::Transaction::Kind::write);
  const auto meeting = store::find_meeting(db, date);
  if (!meeting)
    throw refused(fmt::format("no meeting on {} (see 'panel meeting list')", date.iso()));
  if (core::is(meeting->status, core::MeetingStatus::held))
    throw refused(fmt::format("the meeting on {} was held and its minutes are recorded: it cannot be changed (correct "
                              "the minutes with 'panel minute {} --amend')",
                              date.iso(), date.iso()));
  if (core::is(meeting->status, core::MeetingStatus::cancelled))
    throw refused(fmt::format("the meeting on {} was cancelled: it cannot be changed (add the meeting again with "
                              "'panel meeting add DATE')",
                              date.iso()));
  core::Meeting to = *meeting;
  to.time = change.time.value_or(meeting->time);
  to.venue = change.venue.value_or(meeting->venue);
  to.chair = change.chair.value_or(meeting->chair);
  to.date = change.date.value_or(date);
  check_details(to);
  UpdatedMeeting result;
  auto changed = [&](const std::string& field, const std::string& old_value, const std::string& new_value) {
    if (old_value == new_value)
      return false;
    result.changes.push_back(fmt::format("{}: {} -> {}", field, old_value.empty() ? "(none)" : old_value,
                                         new_value.empty() ? "(none)" : new_value));
    store::append_history(db, actor, core::HistoryEntity::meeting, meeting->id, field, old_value, new_value);
    return true;
  };
  if (to.date != date) {
    if (const auto problem = rules::event_date_problem(to.date); !problem.empty())
      throw refused("--date: " + problem);
    if (store::find_meeting(db, to.date))
      throw refused(fmt::format("there is already a meeting on {}: a meeting cannot be moved onto another (cancel or "
                                "delete one of them first)",
                                to.date.iso()));
    result.past = to.date < actor.today;
    result.agenda_issued = meeting->agenda_issued.has_value();
    // Cases whose review this meeting reaches: moved earlier, it may pass their review dates by.
    std::vector<core::Case> reviewed_here;
    for (const auto& item : store::review_items(db, date))
      if (const auto kase = store::find_case(db, item.case_reference); kase && kase->review_date)
        if (const auto first = store::next_open_meeting(db, *kase->review_date); first && first->date == date)
          reviewed_here.push_back(*kase);
    result.moved = store::listed_referrals(db, date);
    result.moved_cases = cases_of(db, result.moved);
    store::move_meeting(db, meeting->id, date, to.date);
    changed("date", date.iso(), to.date.iso());
    for (const auto& ref : result.moved)
      store::append_audit(db, actor, core::AuditAction::update, "referral", ref, "moved to the meeting on " + to.date.iso());
    // A case kept open "to the next meeting" has that meeting's date as its review date: it goes too.
    for (const auto& [id, reference] : store::reviews_on(db, date)) {
      store::set_review_date(db, id, to.date);
      store::append_history(db, actor, core::HistoryEntity::case_, id, "review_date", date.iso(), to.date.iso(),
                            "meeting moved");
      store::append_audit(db, actor, core::AuditAction::update, "case", reference, "review moved to " + to.date.iso());
      result.reviews.push_back(reference);
    }
    std::vector<std::string> stranded;
    for (const auto& kase : reviewed_here)
      if (*kase.review_date != date && !store::next_open_meeting(db, *kase.review_date))
        stranded.push_back(fmt::format("{} (review {})", kase.reference, kase.review_date->iso()));
    if (!stranded.empty())
      throw refused(fmt::format("moved to {}, the meeting would come before the review date of {}, and no later "
                                "meeting is scheduled: the case{} would have no next step; add the next meeting "
                                "first ('panel meeting add DATE'), or bring the review forward ('panel case update "
                                "REF --review DATE --reason ...')",
                                to.date.iso(), core::join(stranded, ", "), stranded.size() == 1 ? "" : "s"));
  }
  const bool details = changed("time", meeting->time, to.time) | changed("venue", meeting->venue, to.venue) |
                       changed("chair", meeting->chair, to.chair);
  if (details)
    store::set_meeting_details(db, meeting->id, to.time, to.venue, to.chair);
  if (!result.changes.empty()) {
    std::vector<std::string> fields;
    for (const auto& c : result.changes)
      fields.push_back(c.substr(0, c.find(':')));
    store::append_audit(db, actor, core::AuditAction::update, "meeting", to.date.iso(),
                        to.date != date ? "moved from " + date.iso() + "; " + core::join(fields, ", ")
                                        : core::join(fields, ", "));
    txn.commit();
  }
  return result;
}

Cancelled delete_meeting(store::Db& db, core::Date date, const core::Actor& actor)
{
  Cancelled result;
  store::Transaction txn(db, store::Transaction::Kind::write);
  const auto meeting = store::find_meeting(db, date);
  if (!meeting)
    throw refused(fmt::format("no meeting on {} (see 'panel meeting list')", date.iso()));
  const auto cancel = fmt::format("cancel it instead ('panel meeting cancel {} --reason \"WHY\"')", date.iso());
  if (core::is(meeting->status, core::MeetingStatus::held))
    throw refused(fmt::format("the meeting on {} was held and its minutes are recorded: it cannot be deleted", date.iso()));
  if (core::is(meeting->status, core::MeetingStatus::cancelled))
    throw refused(fmt::format("the meeting on {} was cancelled: a cancelled meeting stays on record (it is reported to "
                              "the partnership board)",
                              date.iso()));
  if (meeting->agenda_issued)
    throw refused(fmt::format("the agenda of the meeting on {} was issued on {} and has gone to the agencies: {}",
                              date.iso(), meeting->agenda_issued->iso(), cancel));
  const auto ties = store::meeting_ties(db, meeting->id, date);
  if (!ties.listed.empty())
    throw refused(fmt::format("{} listed for the meeting on {} ({}): move the meeting with 'panel meeting update {} "
                              "--date NEW', or {}",
                              core::plural(static_cast<long long>(ties.listed.size()), "referral is", "referrals are"),
                              date.iso(), core::join(ties.listed, ", "), date.iso(), cancel));
  if (!ties.case_reviews.empty())
    throw refused(fmt::format("ASB case reviews are listed for the meeting on {} ({}): {}", date.iso(),
                              core::join(ties.case_reviews, ", "), cancel));
  if (ties.documents > 0)
    throw refused(fmt::format("documents were made for the meeting on {} (its pack or minutes): {}", date.iso(), cancel));
  // Open cases that would be reviewed at this meeting go to the next one; with none, they would
  // be left without a next step.
  const auto next = store::next_open_meeting(db, date.plus_days(1));
  std::vector<std::string> reviews;
  for (const auto& item : store::review_items(db, date)) {
    const auto kase = store::find_case(db, item.case_reference);
    const auto first = kase && kase->review_date ? store::next_open_meeting(db, *kase->review_date) : std::nullopt;
    if (first && first->date == date)
      reviews.push_back(item.case_reference);
  }
  if (!reviews.empty() && !next)
    throw refused(fmt::format("{} due for review at the meeting on {} ({}) and no later meeting is scheduled: add the "
                              "next meeting first ('panel meeting add DATE'), or {}",
                              core::plural(static_cast<long long>(reviews.size()), "case is", "cases are"), date.iso(),
                              core::join(reviews, ", "), cancel));
  result.reviews = reviews;
  if (next)
    result.to = next->date;
  store::delete_meeting(db, meeting->id);
  store::append_history(db, actor, core::HistoryEntity::meeting, meeting->id, "deleted", date.iso(), "");
  store::append_audit(db, actor, core::AuditAction::delete_, "meeting", date.iso());
  txn.commit();
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
