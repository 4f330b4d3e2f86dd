#include "panel/ops/minutes.hpp"

#include "panel/core/error.hpp"
#include "panel/core/text.hpp"
#include "panel/core/vocabulary.hpp"
#include "panel/input/minutes.hpp"
#include "panel/ops/actions.hpp"
#include "panel/ops/agencies.hpp"
#include "panel/ops/agenda.hpp"
#include "panel/ops/kept_file.hpp"
#include "panel/ops/meetings.hpp"
#include "panel/ops/minutes_amend.hpp"
#include "panel/ops/setup.hpp"
#include "panel/rules/minutes.hpp"
#include "panel/store/agencies.hpp"
#include "panel/store/agenda.hpp"
#include "panel/store/audit.hpp"
#include "panel/store/meetings.hpp"
#include "panel/store/minutes.hpp"
#include "panel/store/cases.hpp"
#include "panel/store/history.hpp"
#include "panel/store/referrals.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <set>

namespace panel::ops {
namespace {

// "file:12: ..." -> 12, for reporting problems in the order they appear in the file.
long line_of(const std::string& problem, const std::string& file)
{
  const auto colon = problem.find(':', file.size() + 1);
  if (problem.rfind(file + ":", 0) != 0 || colon == std::string::npos)
    return 0;
  try {
    return std::stol(problem.substr(file.size() + 1, colon - file.size() - 1));
  } catch (...) {
    return 0;
  }
}

[[noreturn]] void refuse(std::vector<std::string> problems, const std::string& file)
{
  std::stable_sort(problems.begin(), problems.end(),
                   [&](const auto& a, const auto& b) { return line_of(a, file) < line_of(b, file); });
  throw refused(core::join(problems, "\npanel: error: ") + "\npanel: error: " + file + ": nothing was recorded");
}

} // namespace

std::string deferral_reason(core::Date meeting)
{
  return "not reached at the meeting of " + meeting.iso();
}

void refuse_before_meeting(core::Date date, core::Date today)
{
  // Minutes say what a meeting decided: before its day there is nothing to record, and a date in
  // the future is the usual sign of minutes given the wrong meeting's date.
  if (today < date)
    throw refused(fmt::format("the meeting on {} has not happened yet (today is {}): minutes are recorded on or after "
                              "the day of the meeting",
                              date.iso(), today.iso()));
}

core::NewIntervention filled_intervention(const core::Profile& profile, const core::NewIntervention& i)
{
  const auto type = std::find_if(profile.interventions.begin(), profile.interventions.end(),
                                 [&](const auto& t) { return t.code == i.type; });
  return type == profile.interventions.end() ? i : rules::with_type_dates(i, *type);
}

core::CaseMinute as_recorded(core::CaseMinute c, const std::optional<core::Meeting>& next_meeting)
{
  if (core::is(c.outcome, core::MinutesOutcome::keep_open) && !c.next_review && next_meeting)
    c.next_review = next_meeting->date;
  if (core::is(c.outcome, core::MinutesOutcome::refer_elsewhere) && !c.next_review)
    c.close_reason = "referred elsewhere";
  return c;
}

bool closes(const core::CaseMinute& c)
{
  return core::is(c.outcome, core::MinutesOutcome::close) ||
         (core::is(c.outcome, core::MinutesOutcome::refer_elsewhere) && !c.next_review);
}

void record_discussion(store::Db& db, const core::Meeting& meeting, const core::CaseMinute& written,
                       const rules::MinutedCase& found, const core::Profile& profile,
                       const std::optional<core::Meeting>& next_meeting, const core::Actor& actor, MinutesResult& result)
{
  const auto date = meeting.date;
  const auto case_id = found.id;
  const auto c = as_recorded(written, next_meeting);
  if (core::is(c.outcome, core::MinutesOutcome::keep_open) && !written.next_review)
    result.reviews_defaulted.push_back(found.reference);
  if (!core::is(c.outcome, core::MinutesOutcome::close) && c.next_review && !store::next_open_meeting(db, *c.next_review))
    result.reviews_unscheduled.emplace_back(found.reference, *c.next_review);
  const bool referred_away = core::is(c.outcome, core::MinutesOutcome::refer_elsewhere) && !c.next_review;
  store::insert_discussion(db, meeting.id, case_id, c);
  store::update_case_after_discussion(db, case_id, c.risk, c.next_review);
  // A referral of this case accepted too late for the agenda was before the panel all the same.
  for (const auto& reference : store::take_into_meeting(db, case_id, date)) {
    result.late.push_back(reference);
    store::append_audit(db, actor, core::AuditAction::update, "referral", reference, "discussed at the meeting on " + date.iso());
  }
  for (const auto& i : c.interventions) {
    const auto& type = *std::find_if(profile.interventions.begin(), profile.interventions.end(),
                                     [&](const auto& t) { return t.code == i.type; });
    store::insert_intervention(db, case_id, meeting.id, filled_intervention(profile, i), type.tier);
  }
  for (const auto& a : c.actions) {
    result.actions.push_back(store::insert_action(db, case_id, meeting.id, a, actor));
    if (auto words = names_in_action(db, found.reference, a.description); !words.empty())
      result.named.emplace_back(result.actions.back(), found.reference, std::move(words));
  }
  if (closes(c)) {
    store::close_case(db, case_id, date, c.close_reason);
    (referred_away ? result.referred : result.closed).push_back(found.reference);
  }
  store::append_audit(db, actor, core::AuditAction::create, "discussion", found.reference, date.iso() + ": " + c.outcome);
}

MinutesResult record_minutes(store::Db& db, core::Date date, const std::string& text, const std::string& file,
                             bool amend, const core::Actor& actor, const store::AuditMark* edited_since)
{
  std::vector<std::string> problems;
  const auto written = input::read_minutes(text, file, problems, load_profile(db).input.date_order);
  store::Transaction txn(db, store::Transaction::Kind::write);
  check_kept_file(db, text, file);
  // Minutes touch cases, referrals, actions and interventions: any change since the editor opened
  // may be one an amendment would undo.
  if (edited_since)
    check_unchanged(db, *edited_since, "the register");
  const auto profile = load_profile(db);
  const auto agencies = agency_codes(db);
  const auto m = rules::canonical_minutes(written, profile, agencies);
  const auto meeting = store::find_meeting(db, date);
  if (!meeting)
    throw refused(fmt::format("no meeting on {} (see 'panel meeting list')", date.iso()));
  if (core::is(meeting->status, core::MeetingStatus::cancelled))
    throw refused(fmt::format("the meeting on {} was cancelled ({})", date.iso(), meeting->cancel_reason));
  const bool recorded = store::has_minutes(db, meeting->id);
  if (recorded && !amend)
    throw refused(fmt::format("the meeting on {} already has minutes; use --amend to correct them", date.iso()));
  refuse_before_meeting(date, actor.today);
  if (recorded && !m.held)
    throw refused(fmt::format("the meeting on {} was held and its minutes are recorded: amended minutes cannot say "
                              "it was not held",
                              date.iso()));

  // What the rules check the minutes against, read in this transaction: nothing can change
  // between the check and the writes (nor, for a meeting not held, the cancellation).
  rules::MinutesFacts facts;
  facts.file = file;
  facts.meeting = date;
  facts.agencies = agencies;
  for (const auto& c : m.cases)
    if (const auto found = store::find_case(db, c.reference))
      facts.cases[c.reference] = {found->id, found->reference};
  for (const auto& u : m.action_updates)
    if (store::action_status(db, u.id))
      facts.actions.insert(u.id);
  const auto next_meeting = store::next_open_meeting(db, date.plus_days(1));
  facts.later_meeting = next_meeting.has_value();
  if (recorded)
    agreed_and_discussed(db, meeting->id, facts);
  facts.read_whole = problems.empty();
  for (auto& problem : rules::minutes_problems(m, profile, facts))
    problems.push_back(std::move(problem));
  if (!problems.empty())
    refuse(problems, file);  // every problem, from the reader and the rules, in file order
  if (!m.held) {
    MinutesResult r;
    r.held = false;
    cancel_in_transaction(db, date, m.reason, actor);
    txn.commit();
    return r;
  }
  MinutesResult result;
  if (next_meeting)
    result.next_meeting = next_meeting->date;
  if (recorded) {
    amend_recorded(db, *meeting, m, facts, profile, next_meeting, actor, result);
    if (!result.changes.empty())
      txn.commit();  // nothing changed: nothing is written, not even an audit row
    return result;
  }

  // Then write it all.
  for (const auto& [agency, status] : m.attendance)
    store::insert_attendance(db, meeting->id, agency, status);
  result.absent_quorum = absent_quorum(profile, m.attendance);
  result.quorate = result.absent_quorum.empty();
  for (const auto& o : m.observers)
    store::insert_observer(db, meeting->id, o);
  std::set<std::int64_t> discussed;
  for (const auto& c : m.cases) {
    const auto& found = facts.cases.at(c.reference);
    discussed.insert(found.id);
    record_discussion(db, *meeting, c, found, profile, next_meeting, actor, result);
  }
  for (const auto& u : m.action_updates)
    store::set_action_status(db, u.id, u.status, date, u.note, actor);
  // Cases listed but not reached go to the next meeting rather than dropping off the agenda.
  std::set<std::int64_t> carried_cases;
  for (const auto& item : store::listed_items(db, date)) {
    // The referral's own case: a case named like the referral may be another (a merge that joined
    // cases leaves the referral on the case kept, beside a closed case of its own reference).
    const auto kase = store::find_case(db, item.case_reference);
    if (kase && discussed.count(kase->id))
      continue;
    // A history row beside the audit row: the minutes document lists the case as deferred from it.
    const auto referral = store::find_referral(db, item.reference);
    store::relist_referral(db, item.reference, result.next_meeting);
    if (referral)
      store::append_history(db, actor, core::HistoryEntity::referral, referral->id, "meeting_date", date.iso(),
                            result.next_meeting ? result.next_meeting->iso() : "", deferral_reason(date));
    result.carried.push_back(item.reference);
    if (kase)
      carried_cases.insert(kase->id);
    store::append_audit(db, actor, core::AuditAction::update, "referral", item.reference,
                        result.next_meeting ? "not discussed: moved to the meeting on " + result.next_meeting->iso()
                                          : "not discussed: awaiting a meeting");
  }
  // Cases due for review and not reached keep their review date, which is on or before the next
  // meeting, so they are on its agenda too (or, with none scheduled, on 'case list --attention').
  // A history row like the referrals' puts them under the minutes' "Not reached" (trial F24).
  for (const auto& item : store::review_items(db, date)) {
    const auto kase = store::find_case(db, item.case_reference);
    if (!kase || discussed.count(kase->id) || carried_cases.count(kase->id))
      continue;
    store::append_history(db, actor, core::HistoryEntity::case_, kase->id, "meeting_date", date.iso(),
                          result.next_meeting ? result.next_meeting->iso() : "", deferral_reason(date));
    result.reviews_carried.push_back(kase->reference);
    store::append_audit(db, actor, core::AuditAction::update, "case", kase->reference,
                        result.next_meeting ? "review not reached: moved to the meeting on " + result.next_meeting->iso()
                                          : "review not reached: awaiting a meeting");
  }
  result.discussions = m.cases.size();
  result.updates = m.action_updates.size();
  store::mark_held(db, meeting->id, m.chair, result.quorate, actor.at);
  store::append_audit(db, actor, core::AuditAction::create, "minutes", date.iso(),
                      fmt::format("{} cases, {} new actions{}", result.discussions, result.actions.size(),
                                  result.quorate ? "" : ", inquorate"));
  txn.commit();
  return result;
}

std::vector<std::string> absent_quorum(const core::Profile& profile, const std::map<std::string, std::string>& attendance)
{
  std::vector<std::string> absent;
  for (const auto& code : profile.quorum) {
    const auto it = attendance.find(code);
    if (it == attendance.end() || !core::is(it->second, core::Attendance::present))
      absent.push_back(code);
  }
  return absent;
}

std::vector<SkeletonCase> skeleton_cases(const core::Agenda& agenda)
{
  std::vector<SkeletonCase> cases;
  for (const auto& item : agenda.items) {
    if (core::is(item.item, core::AgendaItemKind::case_review))
      continue;
    // A repeat that joined a case, and a case also due for review, are one discussion.
    const auto key = item.case_reference.empty() ? item.reference : item.case_reference;
    auto it = std::find_if(cases.begin(), cases.end(), [&](const auto& c) { return c.reference == key; });
    if (it == cases.end()) {
      cases.push_back({key, item.name, item.risk, {}});
      it = std::prev(cases.end());
    }
    const bool review = core::is(item.item, core::AgendaItemKind::review);
    it->items.push_back(review ? item.item : item.item + " " + item.reference);
  }
  return cases;
}

// The commented examples use the profile's own codes: a MARAC has no acceptable behaviour contract.
SkeletonExamples skeleton_examples(store::Db& db, const core::Profile& profile, core::Date date)
{
  const auto agencies = store::list_agencies(db);
  const std::string owner = !profile.quorum.empty() ? profile.quorum.front() : agencies.empty() ? "POL" : agencies.front().code;
  SkeletonExamples e;
  if (!profile.interventions.empty())
    e.intervention = fmt::format("      # - {{type: {}, agency: {}, date: {}}}\n", profile.interventions.front().code, owner,
                                 date.iso());
  e.action = fmt::format("      # - owner: {}\n"
                         "      #   description: \"Contact the family and report back to the panel\"\n"
                         "      #   due: {}\n",
                         owner, date.plus_days(14).iso());
  return e;
}

std::string SkeletonExamples::interventions(const std::string& listed) const
{
  if (intervention.empty())
    return listed.empty() ? "    interventions: []\n" : "    interventions:\n" + listed;
  if (listed.empty())
    return "    interventions:       # to record one, delete the '# ' before its '-'\n" + intervention;
  return "    interventions:       # to add one, delete the '# ' before its '-'\n" + listed + intervention;
}

std::string SkeletonExamples::actions(const std::string& listed) const
{
  return "    actions:             # to add one, delete the '# ' before its three lines\n" + listed + action;
}

std::string minutes_skeleton(store::Db& db, core::Date date, const core::Actor& actor, bool amend)
{
  if (amend)
    if (auto recorded = amend_skeleton(db, date, actor))
      return *recorded;
  const auto a = agenda(db, date, false, actor);
  const auto profile = load_profile(db);
  const auto next = store::next_open_meeting(db, date.plus_days(1));
  const auto review_hint = next ? fmt::format("empty: reviewed at the next meeting, {}", next->date.iso())
                                : std::string("required to keep a case open: no later meeting is scheduled");
  std::string out = fmt::format("# Minutes of the {} meeting on {}. Fill in, save and close the editor.\n"
                                "# Format: docs/formats/minutes.md. Leave the file unchanged to abandon.\n",
                                profile.short_name, date.iso());
  out += "held: true          # false, with a reason, if the meeting did not take place\n";
  // Free text is written in double quotes, so that ': ', '#' or brackets typed inside stay text.
  out += "reason: \"\"\n";
  out += fmt::format("chair: {}\n", yaml_quoted(a.meeting.chair));
  out += "attendance:         # present | apologies | absent\n";
  for (const auto& agency : store::list_agencies(db))
    out += fmt::format("  {}: {}\n", agency.code, core::to_string(core::Attendance::absent));
  out += "observers: []       # - {name: ..., organisation: ..., confidentiality_signed: true}\n";
  out += "cases:\n";
  auto cases = skeleton_cases(a);
  // Referrals accepted after the cut-off wait for the next meeting, unless the panel takes them now.
  std::vector<std::string> late_alone;
  for (const auto& reference : a.next_meeting) {
    const auto kase = store::find_case(db, reference);
    const auto it = std::find_if(cases.begin(), cases.end(), [&](const auto& c) { return kase && c.reference == kase->reference; });
    if (it != cases.end())
      it->items.push_back("late " + reference);
    else if (kase)
      late_alone.push_back(fmt::format("  # {}: {}: late {}, accepted after the agenda cut-off; to discuss it now, "
                                       "add a block for it\n",
                                       kase->reference, comment_text(kase->name), reference));
  }
  if (cases.empty())
    out += "  {}\n";
  const auto examples = skeleton_examples(db, profile, date);
  for (const auto& c : cases) {
    out += fmt::format("  {}:            # {}: {}\n", c.reference, comment_text(c.name), core::join(c.items, ", "));
    out += "    summary: \"\"          # what the panel discussed and agreed, between the quotes\n";
    out += fmt::format("    risk: {}\n", c.risk);
    out += "    outcome: keep-open   # keep-open | close | refer-elsewhere\n";
    out += "    close_reason: \"\"     # with close: " + core::join(rules::close_reasons(), " | ") + "\n";
    out += "    referred_to: \"\"      # with refer-elsewhere: the forum the case goes to\n";
    out += "    next_review:         # " + review_hint + "\n";
    out += examples.interventions("");
    out += examples.actions("");
  }
  for (const auto& line : late_alone)
    out += line;
  for (const auto& item : a.items)
    if (core::is(item.item, core::AgendaItemKind::case_review))
      out += fmt::format("  # {}: ASB case review; record its outcome with 'panel trigger outcome {} --file FILE'\n",
                         item.reference, item.reference);
  out += "action_updates:     # done | not-possible | not-done | open | cancelled\n";
  if (a.outstanding.empty())
    out += "  {}\n";
  for (const auto& x : a.outstanding)
    out += fmt::format("  {}: {{status: open, note: \"\"}}   # {} {}, due {}: {}\n", x.id, x.case_reference, x.owner,
                       x.due.iso(), comment_text(x.description));
  return out;
}

} // namespace panel::ops
