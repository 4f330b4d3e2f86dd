#include "panel/rules/minutes.hpp"

#include "panel/core/text.hpp"
#include "panel/core/vocabulary.hpp"
#include "panel/core/words.hpp"

#include <algorithm>
#include <set>
#include <fmt/format.h>

namespace panel::rules {
namespace {

template <typename List>
bool has(const List& list, const std::string& value)
{
  return std::find(list.begin(), list.end(), value) != list.end();
}

// A vocabulary's words for a message, from its enum: "present, apologies or absent".
template <core::VocabularyEnum E>
std::string one_of()
{
  auto words = core::known_values<E>();
  const std::string last = words.back();
  words.pop_back();
  return core::join(words, ", ") + " or " + last;
}

// The known word `typed` names, in its canonical spelling; `typed` itself when it names none.
std::string canonical_or_same(const std::string& typed, const std::vector<std::string>& known)
{
  return core::find_word(typed, known).value_or(typed);
}

template <core::VocabularyEnum E>
std::string canonical_or_same(const std::string& typed)
{
  return canonical_or_same(typed, core::known_values<E>());
}

// "A-4" for an action id typed `a-4`.
std::string canonical_action_id(const std::string& typed)
{
  auto id = core::trim(typed);
  if (id.size() > 2 && core::same_word(id.substr(0, 2), "A-"))
    id[0] = 'A';
  return id;
}

// The problems of a meeting not held: it has a reason and nothing else to record.
void check_not_held(const core::Minutes& m, const MinutesFacts& facts, std::vector<std::string>& problems)
{
  if (m.reason.empty())
    problems.push_back(facts.file + ":1: reason: a meeting not held needs a reason");
  if (!m.cases.empty())
    problems.push_back(fmt::format("{}:{}: cases: a meeting not held has no case minutes", facts.file, m.cases.front().line));
}

} // namespace

core::Minutes canonical_minutes(core::Minutes m, const core::Profile& profile, const std::vector<std::string>& agencies)
{
  std::map<std::string, std::string> attendance;
  std::map<std::string, long> attendance_lines;
  for (const auto& [agency, status] : m.attendance) {
    const auto code = canonical_or_same(agency, agencies);
    attendance[code] = canonical_or_same<core::Attendance>(status);
    attendance_lines[code] = m.attendance_lines.at(agency);
  }
  m.attendance = std::move(attendance);
  m.attendance_lines = std::move(attendance_lines);
  std::vector<std::string> types;
  for (const auto& t : profile.interventions)
    types.push_back(t.code);
  for (auto& c : m.cases) {
    c.outcome = canonical_or_same<core::MinutesOutcome>(c.outcome);
    if (!c.risk.empty())
      c.risk = canonical_or_same(c.risk, profile.risk_levels);
    if (!c.close_reason.empty())
      c.close_reason = canonical_or_same(c.close_reason, close_reasons());
    for (auto& a : c.actions) {
      a.owner = canonical_or_same(a.owner, agencies);
      a.id = canonical_action_id(a.id);
    }
    for (auto& i : c.interventions) {
      i.type = canonical_or_same(i.type, types);
      i.agency = canonical_or_same(i.agency, agencies);
    }
  }
  for (auto& u : m.action_updates) {
    u.id = canonical_action_id(u.id);
    u.status = canonical_or_same<core::ActionStatus>(u.status);
  }
  return m;
}

const std::vector<std::string>& close_reasons()
{
  static const std::vector<std::string> reasons = {"risk reduced", "moved away", "referred elsewhere", "no engagement",
                                                   "deceased",     "other"};
  return reasons;
}

namespace {

// A reason as typed, cut at a character to a length a message can quote.
std::string quoted_reason(const std::string& typed)
{
  size_t n = 160;
  if (typed.size() <= n)
    return typed;
  while (n > 0 && (static_cast<unsigned char>(typed[n]) & 0xC0) == 0x80)
    --n;
  return typed.substr(0, n) + "...";
}

} // namespace

std::string close_reason_problem(const core::CaseMinute& c)
{
  if (!core::is(c.outcome, core::MinutesOutcome::close) || has(close_reasons(), c.close_reason))
    return "";
  const auto list = core::join(close_reasons(), ", ");
  if (c.close_reason.empty())
    return fmt::format("a closed case needs a reason (one of: {})", list);
  // "moved away     # with close: ..." in quotes: the skeleton's comment went inside them.
  for (const auto& reason : close_reasons())
    if (c.close_reason.rfind(reason, 0) == 0 && c.close_reason.find('#', reason.size()) != std::string::npos &&
        c.close_reason.find_first_not_of(' ', reason.size()) == c.close_reason.find('#', reason.size()))
      return fmt::format("'{}' is not a close reason: the comment after '#' is inside the quotes; write the reason "
                         "alone: close_reason: {}",
                         quoted_reason(c.close_reason), reason);
  return fmt::format("'{}' is not a close reason; use one of: {}", quoted_reason(c.close_reason), list);
}

std::vector<std::pair<std::string, std::string>> intervention_problems(const core::NewIntervention& i,
                                                                       const core::Profile& profile,
                                                                       const std::vector<std::string>& agencies)
{
  std::vector<std::pair<std::string, std::string>> problems;
  const auto type = std::find_if(profile.interventions.begin(), profile.interventions.end(),
                                 [&](const auto& t) { return t.code == i.type; });
  if (type == profile.interventions.end()) {
    std::vector<std::string> known_types;
    for (const auto& t : profile.interventions)
      known_types.push_back(t.code);
    problems.emplace_back("type", core::unknown_word_message(i.type, known_types, "intervention"));
  }
  if (!has(agencies, i.agency))
    problems.emplace_back("agency", core::unknown_word_message(i.agency, agencies, "agency"));
  if (i.date == core::Date())
    problems.emplace_back("date", "the date it was used is required");
  return problems;
}

core::NewIntervention with_type_dates(core::NewIntervention i, const core::InterventionType& type)
{
  if (!i.review && type.review_months)
    i.review = i.date.plus_months(*type.review_months);
  if (!i.expiry && type.duration_months)
    i.expiry = i.date.plus_months(*type.duration_months);
  return i;
}

std::vector<std::string> minutes_problems(const core::Minutes& m, const core::Profile& profile, const MinutesFacts& facts)
{
  std::vector<std::string> problems;
  if (!m.held) {
    check_not_held(m, facts, problems);
    return problems;
  }
  const auto date = facts.meeting;
  const auto& codes = facts.agencies;
  auto where = [&](long line, const std::string& field) { return fmt::format("{}:{}: {}", facts.file, line, field); };
  for (const auto& [agency, status] : m.attendance) {
    if (!has(codes, agency))
      problems.push_back(where(m.attendance_lines.at(agency), "attendance." + agency) +
                         ": " + core::unknown_word_message(agency, codes, "agency"));
    if (!core::parse<core::Attendance>(status))
      problems.push_back(where(m.attendance_lines.at(agency), "attendance." + agency) +
                         fmt::format(": '{}' (use {})", status, one_of<core::Attendance>()));
  }
  std::map<std::int64_t, long> seen;  // case -> the line of its block
  for (const auto& c : m.cases) {
    const auto found = facts.cases.find(c.reference);
    const bool known = found != facts.cases.end();
    const std::string f = "cases." + c.reference;
    if (!known) {
      problems.push_back(where(c.line, f) + ": no case or referral '" + c.reference + "' (see 'panel case list')");
    } else if (const auto [first, added] = seen.emplace(found->second.id, c.line); !added) {
      problems.push_back(where(c.line, f) + fmt::format(": case {} is minuted twice (also at line {}): write one "
                                                        "block for the case, whichever of its referrals brought it",
                                                        found->second.reference, first->second));
    }
    if (core::is(c.outcome, core::MinutesOutcome::refer_elsewhere) && c.referred_to.empty())
      problems.push_back(where(c.line_of("referred_to"), f + ".referred_to") +
                         (profile.redirect_forums.empty()
                              ? std::string(": say which forum the case is referred to")
                              : ": say which forum the case is referred to (e.g. " +
                                    core::join(profile.redirect_forums, ", ") + ")"));
    // Every open case leaves the meeting with a next step: a review date, by default the next meeting.
    if (known && core::is(c.outcome, core::MinutesOutcome::keep_open) && !c.next_review && !facts.later_meeting)
      problems.push_back(where(c.line_of("next_review"), f + ".next_review") +
                         ": no later meeting is scheduled, so the case would have no next step: give a review "
                         "date, or add the next meeting first ('panel meeting add DATE')");
    if (c.summary.empty())
      problems.push_back(where(c.line_of("summary"), f + ".summary") + ": say what the panel discussed");
    if (!core::parse<core::MinutesOutcome>(c.outcome))
      problems.push_back(where(c.line_of("outcome"), f + ".outcome") +
                         fmt::format(": '{}' (use {})", c.outcome, one_of<core::MinutesOutcome>()));
    if (!c.risk.empty() && !has(profile.risk_levels, c.risk))
      problems.push_back(where(c.line_of("risk"), f + ".risk") + ": " + core::unknown_word_message(c.risk, profile.risk_levels, "risk level"));
    if (const auto problem = close_reason_problem(c); !problem.empty())
      problems.push_back(where(c.line_of("close_reason"), f + ".close_reason") + ": " + problem);
    if (c.next_review && *c.next_review <= date)
      problems.push_back(where(c.line_of("next_review"), f + ".next_review") + ": the next review must be after the meeting");
    for (const auto& a : c.actions) {
      if (!a.owner.empty() && !has(codes, a.owner))
        problems.push_back(where(a.line, f + ".actions.owner") + ": " + core::unknown_word_message(a.owner, codes, "agency"));
      if (a.due != core::Date() && a.due < date)
        problems.push_back(where(a.line, f + ".actions.due") +
                           fmt::format(": {} is before the meeting ({})", a.due.iso(), date.iso()));
      if (a.id.empty())
        continue;
      const auto agreed = facts.agreed.find(a.id);
      if (!facts.amend)
        problems.push_back(where(a.line, f + ".actions.id") +
                           ": panel gives a new action its id; leave out 'id' (ids are for amending recorded minutes)");
      else if (agreed == facts.agreed.end())
        problems.push_back(where(a.line, f + ".actions.id") +
                           fmt::format(": no action '{}' was agreed at this meeting (leave out 'id' for a new action; "
                                       "an action of another meeting is changed with 'panel action update')",
                                       a.id));
      else if (known && agreed->second != found->second.id)
        problems.push_back(where(a.line, f + ".actions.id") +
                           fmt::format(": {} is an action of another case; an amendment does not move actions "
                                       "between cases",
                                       a.id));
    }
    for (const auto& i : c.interventions)
      for (const auto& [field, problem] : intervention_problems(i, profile, codes))
        problems.push_back(where(i.line, f + ".interventions." + field) + ": " + problem);
  }
  if (facts.amend && facts.read_whole) {
    // Amended minutes correct what was recorded; nothing recorded disappears by being left out.
    std::set<std::int64_t> minuted;
    std::set<std::string> kept;
    for (const auto& c : m.cases) {
      if (const auto found = facts.cases.find(c.reference); found != facts.cases.end())
        minuted.insert(found->second.id);
      for (const auto& a : c.actions)
        kept.insert(a.id);
    }
    for (const auto& [id, reference] : facts.discussed)
      if (!minuted.count(id))
        problems.push_back(where(1, "cases." + reference) +
                           ": the recorded minutes discuss this case and the amended ones leave it out: an amendment "
                           "does not remove a discussion; put its block back and correct it");
    for (const auto& [id, case_id] : facts.agreed)
      if (!kept.count(id))
        problems.push_back(where(1, "actions") +
                           fmt::format(": {} was agreed at the meeting and the amended minutes leave it out: actions "
                                       "are not deleted; put it back (to cancel it, keep it and add '{}: cancelled' "
                                       "under action_updates)",
                                       id, id));
  }
  for (const auto& u : m.action_updates) {
    if (!facts.actions.count(u.id))
      problems.push_back(where(u.line, "action_updates." + u.id) + ": no action '" + u.id + "'");
    if (!core::parse<core::ActionStatus>(u.status))
      problems.push_back(where(u.line, "action_updates." + u.id) +
                         fmt::format(": '{}' (use done, not-possible, not-done, open or cancelled)", u.status));
  }
  return problems;
}

} // namespace panel::rules
