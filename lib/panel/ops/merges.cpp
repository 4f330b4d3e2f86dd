#include "panel/ops/merges.hpp"

#include "panel/core/error.hpp"
#include "panel/core/text.hpp"
#include "panel/ops/setup.hpp"
#include "panel/rules/criteria.hpp"
#include "panel/rules/names.hpp"
#include "panel/store/audit.hpp"
#include "panel/store/history.hpp"
#include "panel/store/intake.hpp"
#include "panel/store/merges.hpp"
#include "panel/store/people.hpp"

#include <algorithm>
#include <charconv>
#include <fmt/format.h>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

namespace panel::ops {
namespace {

using nlohmann::json;
using core::HistoryEntity;

// A positive id typed as ARGUMENT; `what` says what the number is ("a person's id (...)").
std::int64_t number(const std::string& text, const char* argument, const char* what)
{
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n <= 0)
    throw usage_error(fmt::format("{}: '{}' is not {}", argument, text, what));
  return n;
}

constexpr const char* person_id = "a person's id (the number 'panel person find' shows)";

// The reason as kept in the history: plain text (as triage asks of its reasons), trimmed;
// `required` refuses a blank one, suggesting `example`.
std::string checked_reason(const std::string& reason, bool required, const char* example)
{
  if (!core::valid_utf8(reason) || core::strip_controls(reason) != reason)
    throw usage_error("--reason: must be plain text without control characters");
  const auto trimmed = core::trim(reason);
  if (required && trimmed.empty())
    throw usage_error(fmt::format("--reason: say why, e.g. {}", example));
  return trimmed;
}

store::PersonRow person_to_merge(store::Db& db, std::int64_t id)
{
  const auto person = store::find_person(db, id);
  if (!person)
    throw refused(fmt::format("no person {} (see 'panel person find NAME' or 'panel person dupes')", id));
  if (person->merged_into)
    throw refused(fmt::format("person {} was already merged into person {}; merge into person {} instead, "
                              "or undo that merge first ('panel person export {}' lists it)",
                              id, *person->merged_into, *person->merged_into, *person->merged_into));
  if (person->name == "[purged]")
    throw refused(fmt::format("person {}'s details were purged: there is nothing left to merge", id));
  return *person;
}

std::string quarter_of(core::Date d) { return fmt::format("{}-Q{}", d.year(), (d.month() - 1) / 3 + 1); }

std::pair<core::Date, core::Date> quarter_days(const std::string& quarter)
{
  const int year = std::stoi(quarter.substr(0, 4));
  const unsigned q = static_cast<unsigned>(quarter.back() - '0');
  const auto from = *core::Date::from_ymd(year, q * 3 - 2, 1);
  return {from, from.plus_months(3).plus_days(-1)};
}

// Each referral's previous referral in a sequence ordered by received date, then id.
using Previous = std::map<std::int64_t, std::optional<std::int64_t>>;

Previous previous_in(const std::vector<store::RepeatState>& states)
{
  Previous previous;
  for (size_t i = 0; i < states.size(); ++i)
    previous[states[i].id] = i == 0 ? std::nullopt : std::optional<std::int64_t>(states[i - 1].id);
  return previous;
}

json repeat_json(const store::RepeatState& s)
{
  return {{"id", s.id},
          {"repeat_of", s.repeat_of ? json(*s.repeat_of) : json(nullptr)},
          {"criteria_met", s.criteria_met},
          {"meets_threshold", s.meets_threshold}};
}

json marks_json(const store::Marks& m)
{
  return {{"referral", m.referral}, {"case", m.kase}, {"decision", m.decision}, {"history", m.history},
          {"discussion", m.discussion}, {"case_note", m.case_note}, {"action", m.action},
          {"intervention", m.intervention}, {"merge", m.merge}};
}

store::Marks marks_of(const json& j)
{
  store::Marks m;
  m.referral = j.at("referral");
  m.kase = j.at("case");
  m.decision = j.at("decision");
  m.history = j.at("history");
  m.discussion = j.at("discussion");
  m.case_note = j.at("case_note");
  m.action = j.at("action");
  m.intervention = j.at("intervention");
  m.merge = j.at("merge");
  return m;
}

// DROP's open case's referrals join KEEP's newest open case; DROP's case closes, pointing there.
void join_case(store::Db& db, const core::Actor& actor, const std::string& reason, const store::CaseState& closing,
               const store::CaseState& into, json& changes, MergeResult& result)
{
  json moved = json::array();
  for (const auto id : store::case_referral_ids(db, closing.id)) {
    store::set_referral_case(db, id, into.id);
    store::append_history(db, actor, HistoryEntity::referral, id, "case", closing.reference, into.reference, reason);
    moved.push_back({{"id", id}, {"case_id", closing.id}});
  }
  changes["case_referrals"] = moved;
  changes["closed_case"] = {{"id", closing.id}, {"status", closing.status}, {"closed", closing.closed},
                            {"close_reason", closing.close_reason}};
  auto closed = closing;
  closed.status = "closed";
  closed.closed = actor.today.iso();
  closed.close_reason = "merged into " + into.reference;
  store::set_case_state(db, closed);
  store::append_history(db, actor, HistoryEntity::case_, closing.id, "status", closing.status, "closed", reason);
  store::append_history(db, actor, HistoryEntity::case_, closing.id, "close_reason", closing.close_reason,
                        closed.close_reason, reason);
  result.joined_case = closing.reference;
  result.into_case = into.reference;
  store::append_audit(db, actor, core::AuditAction::update, "case", closing.reference, "closed: merged into " + into.reference);
}

// Repeats again, for KEEP's referrals whose previous referral is not what it was in their own
// person's sequence (`own_previous`), by the rule intake uses (rules::within_repeat_window);
// criteria only while a referral awaits a decision, as intake. Returns the referrals changed.
std::vector<std::int64_t> rework_repeats(store::Db& db, const core::Actor& actor, const std::string& reason,
                                         std::int64_t keep_id, const Previous& own_previous,
                                         const core::Profile& profile, json& changes, MergeResult& result)
{
  std::vector<std::int64_t> changed;
  const auto merged = store::repeat_states(db, keep_id);
  const auto merged_previous = previous_in(merged);
  std::map<std::int64_t, const store::RepeatState*> by_id;
  for (const auto& s : merged)
    by_id[s.id] = &s;
  std::map<std::string, std::int64_t> quarters_before;
  std::vector<std::pair<store::RepeatState, store::RepeatState>> updates;
  store::IntakeWriter writer(db);
  for (const auto& s : merged) {
    const auto prev = merged_previous.at(s.id);
    if (own_previous.count(s.id) && own_previous.at(s.id) == prev)
      continue;
    auto now = s;
    now.repeat_of = prev && rules::within_repeat_window(by_id.at(*prev)->received, s.received, profile.repeat_window)
                        ? prev
                        : std::nullopt;
    if (core::is(s.status, core::ReferralStatus::pending) || core::is(s.status, core::ReferralStatus::awaiting_information)) {
      const auto criteria = rules::criteria_met(profile.criteria, writer.load_referral(s.id), now.repeat_of.has_value());
      now.criteria_met = core::join(criteria, ",");
      now.meets_threshold = !criteria.empty();
    }
    if (now.repeat_of == s.repeat_of && now.criteria_met == s.criteria_met && now.meets_threshold == s.meets_threshold)
      continue;
    updates.emplace_back(s, now);
  }
  for (const auto& [was, now] : updates)
    if (was.repeat_of.has_value() != now.repeat_of.has_value() && !quarters_before.count(quarter_of(was.received))) {
      const auto [from, to] = quarter_days(quarter_of(was.received));
      quarters_before[quarter_of(was.received)] = store::count_repeats(db, from, to);
    }
  json repeats = json::array();
  for (const auto& [was, now] : updates) {
    store::set_repeat_state(db, now);
    repeats.push_back(repeat_json(was));
    changed.push_back(was.id);
    if (was.repeat_of != now.repeat_of)
      store::append_history(db, actor, HistoryEntity::referral, was.id, "repeat_of",
                            was.repeat_of ? store::referral_reference(db, *was.repeat_of) : "",
                            now.repeat_of ? store::referral_reference(db, *now.repeat_of) : "", reason);
    if (was.criteria_met != now.criteria_met)
      store::append_history(db, actor, HistoryEntity::referral, was.id, "criteria_met", was.criteria_met,
                            now.criteria_met, reason);
    store::append_audit(db, actor, core::AuditAction::update, "referral", was.reference,
                        "repeat and criteria worked out again after a merge");
    const auto text = now.repeat_of ? "now a repeat of " + by_id.at(*now.repeat_of)->reference : "no longer a repeat";
    result.repeat_changes.push_back(
        was.repeat_of == now.repeat_of
            ? fmt::format("{}: criteria {} -> {}", was.reference, was.criteria_met.empty() ? "none" : was.criteria_met,
                          now.criteria_met.empty() ? "none" : now.criteria_met)
            : fmt::format("{}: {}{}", was.reference, text,
                          was.repeat_of ? " (was a repeat of " + store::referral_reference(db, *was.repeat_of) + ")" : ""));
  }
  changes["repeats"] = repeats;
  for (const auto& [quarter, before] : quarters_before) {
    const auto [from, to] = quarter_days(quarter);
    const auto after = store::count_repeats(db, from, to);
    if (after != before)
      result.quarter_changes.push_back(fmt::format("{} repeats: {} -> {}", quarter, before, after));
  }

  return changed;
}

} // namespace

MergeResult merge_people(store::Db& db, const std::string& keep_text, const std::string& drop_text,
                         const std::string& reason_text, bool join_cases, const core::Actor& actor)
{
  const auto reason = checked_reason(reason_text, true, "--reason \"two records of one person\"");
  const auto keep_id = number(keep_text, "KEEP", person_id);
  const auto drop_id = number(drop_text, "DROP", person_id);
  if (keep_id == drop_id)
    throw refused(fmt::format("cannot merge person {} with itself: give the ids of two records of one person "
                              "(see 'panel person dupes')", keep_id));
  store::Transaction txn(db, store::Transaction::Kind::write);
  person_to_merge(db, keep_id);
  const auto drop = person_to_merge(db, drop_id);
  const auto profile = load_profile(db);

  const auto keep_open = store::open_cases_of(db, keep_id);
  const auto drop_open = store::open_cases_of(db, drop_id);
  if (!keep_open.empty() && !drop_open.empty() && !join_cases)
    throw refused(fmt::format("person {} has open case {} and person {} has open case {}: close one first, or add "
                              "--join-cases to move {}'s referrals into {} and close {}",
                              keep_id, keep_open.front().reference, drop_id, drop_open.front().reference,
                              drop_open.front().reference, keep_open.front().reference, drop_open.front().reference));

  MergeResult result;
  result.keep_id = keep_id;
  result.drop_id = drop_id;
  json changes = json::object();
  std::set<std::int64_t> involved_referrals, joined_cases;

  // Repeats before: each referral's previous referral in its own person's sequence.
  const auto keep_before = store::repeat_states(db, keep_id);
  const auto drop_before = store::repeat_states(db, drop_id);
  auto own_previous = previous_in(keep_before);
  for (const auto& [id, prev] : previous_in(drop_before))
    own_previous[id] = prev;

  json referrals = json::array();
  for (const auto id : store::referral_ids_of(db, drop_id)) {
    store::set_referral_person(db, id, keep_id);
    store::append_history(db, actor, HistoryEntity::referral, id, "person", std::to_string(drop_id),
                          std::to_string(keep_id), reason);
    referrals.push_back({{"id", id}, {"person_id", drop_id}});
    involved_referrals.insert(id);
    result.referrals_moved.push_back(store::referral_reference(db, id));
  }
  changes["referrals"] = referrals;

  json cases = json::array();
  for (const auto id : store::case_ids_of(db, drop_id)) {
    store::set_case_person(db, id, keep_id);
    store::append_history(db, actor, HistoryEntity::case_, id, "person", std::to_string(drop_id),
                          std::to_string(keep_id), reason);
    cases.push_back({{"id", id}, {"person_id", drop_id}});
    result.cases_moved.push_back(store::case_reference(db, id));
  }
  changes["cases"] = cases;

  json aliases = json::array();
  for (const auto id : store::alias_ids_of(db, drop_id)) {
    store::set_alias_person(db, id, keep_id);
    aliases.push_back({{"id", id}, {"person_id", drop_id}});
  }
  result.aliases_moved = aliases.size();
  changes["aliases"] = aliases;
  changes["alias_added"] = store::insert_alias(db, keep_id, drop.name, rules::normalise_name(drop.name), drop.dob,
                                               actor.at, actor.user);

  if (!keep_open.empty() && !drop_open.empty()) {
    join_case(db, actor, reason, drop_open.front(), keep_open.front(), changes, result);
    joined_cases = {drop_open.front().id, keep_open.front().id};
  }
  store::set_merged_into(db, drop_id, keep_id);
  store::append_history(db, actor, HistoryEntity::person, drop_id, "merged_into", "", std::to_string(keep_id), reason);
  store::append_history(db, actor, HistoryEntity::person, keep_id, "merged", "", std::to_string(drop_id), reason);

  for (const auto id : rework_repeats(db, actor, reason, keep_id, own_previous, profile, changes, result))
    involved_referrals.insert(id);
  store::refresh_person_dob(db, keep_id);  // now from DROP's referrals too

  changes["involved_referrals"] = std::vector<std::int64_t>(involved_referrals.begin(), involved_referrals.end());
  changes["joined_cases"] = std::vector<std::int64_t>(joined_cases.begin(), joined_cases.end());
  changes["marks"] = marks_json(store::high_water_marks(db));
  result.merge_id = store::insert_merge(db, {0, keep_id, drop_id, reason, changes.dump(), actor.at, ""},
                                        actor.today.iso(), actor.user);
  store::append_audit(db, actor, core::AuditAction::update, "person", std::to_string(keep_id),
                      fmt::format("merge {}: person {} merged in", result.merge_id, drop_id));
  store::append_audit(db, actor, core::AuditAction::update, "person", std::to_string(drop_id),
                      fmt::format("merge {}: merged into person {}", result.merge_id, keep_id));
  for (const auto& reference : result.referrals_moved)
    store::append_audit(db, actor, core::AuditAction::update, "referral", reference,
                        fmt::format("person {} -> {} (merge {})", drop_id, keep_id, result.merge_id));
  txn.commit();
  return result;
}

UnmergeResult unmerge_people(store::Db& db, const std::string& merge_text, const std::string& reason_text,
                             const core::Actor& actor)
{
  const auto reason = checked_reason(reason_text, false, "");
  const auto merge_id = number(merge_text, "MERGE-ID", "a merge id (the number 'person merge' printed)");
  store::Transaction txn(db, store::Transaction::Kind::write);
  const auto merge = store::find_merge(db, merge_id);
  if (!merge)
    throw refused(fmt::format("no merge {} (the number 'panel person merge' printed; 'panel person export ID' lists "
                              "a person's merges)", merge_id));
  if (!merge->undone_at.empty())
    throw refused(fmt::format("merge {} was already undone on {}", merge_id, merge->undone_at));
  const auto changes = json::parse(merge->changes);
  // Every referral of the person kept: a decision on any of them since may have joined it to a
  // case the merge moved (accepting a referral joins the person's open case).
  auto referral_ids = store::referral_ids_of(db, merge->keep_id);
  for (const auto id : changes.at("involved_referrals").get<std::vector<std::int64_t>>())
    if (std::find(referral_ids.begin(), referral_ids.end(), id) == referral_ids.end())
      referral_ids.push_back(id);
  const auto joined = changes.at("joined_cases").get<std::vector<std::int64_t>>();
  const auto depends = store::recorded_since(db, marks_of(changes.at("marks")), merge_id, merge->keep_id,
                                             merge->drop_id, referral_ids, joined);
  if (!depends.empty()) {
    std::string message = fmt::format("merge {} cannot be undone: what was recorded since depends on it", merge_id);
    for (const auto& d : depends)
      message += "\npanel: error: " + d;
    throw refused(message + fmt::format("\npanel: error: merge {}: nothing was changed", merge_id));
  }

  // Back in the reverse order of the merge.
  for (const auto& r : changes.at("repeats")) {
    auto now = store::repeat_state(db, r.at("id").get<std::int64_t>());
    if (!now)
      continue;
    auto was = *now;
    was.repeat_of = r.at("repeat_of").is_null() ? std::nullopt : std::optional<std::int64_t>(r.at("repeat_of").get<std::int64_t>());
    was.criteria_met = r.at("criteria_met").get<std::string>();
    was.meets_threshold = r.at("meets_threshold").get<bool>();
    store::set_repeat_state(db, was);
    if (was.repeat_of != now->repeat_of)
      store::append_history(db, actor, HistoryEntity::referral, was.id, "repeat_of",
                            now->repeat_of ? store::referral_reference(db, *now->repeat_of) : "",
                            was.repeat_of ? store::referral_reference(db, *was.repeat_of) : "", reason);
    if (was.criteria_met != now->criteria_met)
      store::append_history(db, actor, HistoryEntity::referral, was.id, "criteria_met", now->criteria_met,
                            was.criteria_met, reason);
  }
  if (changes.contains("closed_case")) {
    const auto& c = changes.at("closed_case");
    for (const auto& r : changes.at("case_referrals"))
      store::set_referral_case(db, r.at("id").get<std::int64_t>(), r.at("case_id").get<std::int64_t>());
    store::set_case_state(db, {c.at("id").get<std::int64_t>(), "", c.at("status").get<std::string>(),
                               c.at("closed").get<std::string>(), c.at("close_reason").get<std::string>()});
    store::append_history(db, actor, HistoryEntity::case_, c.at("id").get<std::int64_t>(), "status", "closed",
                          c.at("status").get<std::string>(), reason);
  }
  store::delete_alias(db, changes.at("alias_added").get<std::int64_t>());
  for (const auto& a : changes.at("aliases"))
    store::set_alias_person(db, a.at("id").get<std::int64_t>(), a.at("person_id").get<std::int64_t>());
  UnmergeResult result{merge_id, merge->keep_id, merge->drop_id, changes.at("referrals").size(), changes.at("cases").size()};
  for (const auto& c : changes.at("cases")) {
    store::set_case_person(db, c.at("id").get<std::int64_t>(), c.at("person_id").get<std::int64_t>());
    store::append_history(db, actor, HistoryEntity::case_, c.at("id").get<std::int64_t>(), "person",
                          std::to_string(merge->keep_id), std::to_string(merge->drop_id), reason);
  }
  for (const auto& r : changes.at("referrals")) {
    const auto id = r.at("id").get<std::int64_t>();
    store::set_referral_person(db, id, r.at("person_id").get<std::int64_t>());
    store::append_history(db, actor, HistoryEntity::referral, id, "person", std::to_string(merge->keep_id),
                          std::to_string(merge->drop_id), reason);
    store::append_audit(db, actor, core::AuditAction::update, "referral", store::referral_reference(db, id),
                        fmt::format("person {} -> {} (merge {} undone)", merge->keep_id, merge->drop_id, merge_id));
  }
  store::set_merged_into(db, merge->drop_id, std::nullopt);
  // Each follows its own referrals again.
  store::refresh_person_dob(db, merge->keep_id);
  store::refresh_person_dob(db, merge->drop_id);
  store::append_history(db, actor, HistoryEntity::person, merge->drop_id, "merged_into",
                        std::to_string(merge->keep_id), "", reason);
  store::set_merge_undone(db, merge_id, actor.at);
  store::append_audit(db, actor, core::AuditAction::update, "person", std::to_string(merge->keep_id),
                      fmt::format("merge {} undone", merge_id));
  store::append_audit(db, actor, core::AuditAction::update, "person", std::to_string(merge->drop_id),
                      fmt::format("merge {} undone", merge_id));
  txn.commit();
  return result;
}

} // namespace panel::ops
