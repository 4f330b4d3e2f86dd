#include "panel/ops/minutes_amend.hpp"

#include "panel/core/error.hpp"
#include "panel/core/text.hpp"
#include "panel/core/vocabulary.hpp"
#include "panel/ops/actions.hpp"
#include "panel/ops/setup.hpp"
#include "panel/store/agencies.hpp"
#include "panel/store/audit.hpp"
#include "panel/store/cases.hpp"
#include "panel/store/history.hpp"
#include "panel/store/meetings.hpp"
#include "panel/store/minutes.hpp"
#include "panel/store/referrals.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <set>

namespace panel::ops {
namespace {

std::string or_none(const std::string& text)
{
  return text.empty() ? "(none)" : text;
}

std::string iso_or_none(const std::optional<core::Date>& date)
{
  return date ? date->iso() : "(none)";
}

std::string optional_iso(const std::optional<core::Date>& date)
{
  return date ? date->iso() : "";
}

// An intervention in one line, for the list of changes and the history.
std::string describe(const core::NewIntervention& i)
{
  return fmt::format("{} ({}, {}{}{})", i.type, i.agency, i.date.iso(), i.review ? ", review " + i.review->iso() : "",
                     i.expiry ? ", expiry " + i.expiry->iso() : "");
}

bool same(const core::NewIntervention& a, const core::NewIntervention& b)
{
  return a.type == b.type && a.agency == b.agency && a.note == b.note && a.date == b.date && a.review == b.review &&
         a.expiry == b.expiry;
}

bool same(const std::vector<core::Observer>& a, const std::vector<core::Observer>& b)
{
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
    return x.name == y.name && x.organisation == y.organisation && x.confidentiality_signed == y.confidentiality_signed;
  });
}

std::string names(const std::vector<core::Observer>& observers)
{
  std::vector<std::string> out;
  for (const auto& o : observers)
    out.push_back(o.organisation.empty() ? o.name : o.name + " (" + o.organisation + ")");
  return core::join(out, "; ");
}

// A recorded discussion as the minute that would record it.
core::CaseMinute minute_of(const std::string& reference, const core::DiscussionRecord& d)
{
  core::CaseMinute c;
  c.reference = reference;
  c.summary = d.summary;
  c.risk = d.risk;
  c.outcome = d.outcome;
  c.close_reason = d.close_reason;
  c.referred_to = d.referred_to;
  c.next_review = d.next_review;
  return c;
}

// A value on its own line under `key` at `indent` spaces: a literal block when it has line breaks
// (so that the coordinator edits it as text), quoted otherwise; empty when there is none.
std::string block_text(const std::string& indent, const std::string& key, const std::string& text)
{
  if (text.empty())
    return indent + key + ":\n";
  if (text.find('\n') == std::string::npos)
    return indent + key + ": " + yaml_quoted(text) + "\n";
  std::string out = indent + key + ": |-\n";
  size_t start = 0;
  while (start <= text.size()) {
    const auto end = std::min(text.find('\n', start), text.size());
    const auto line = text.substr(start, end - start);
    out += line.empty() ? "\n" : indent + "  " + line + "\n";
    start = end + 1;
  }
  return out;
}

} // namespace

// One value in a flow mapping: always double-quoted, so that ": ", "#", quotes and accents read
// back as they were written.
std::string yaml_quoted(const std::string& text)
{
  std::string out = "\"";
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (ch == '"' || ch == '\\')
      out += std::string("\\") + ch;
    else if (ch == '\n')
      out += "\\n";
    else if (ch == '\t')
      out += "\\t";
    else if (c < 0x20 || c == 0x7f)
      out += fmt::format("\\x{:02x}", c);
    else
      out += ch;
  }
  return out + "\"";
}

std::string comment_text(const std::string& text)
{
  std::string out = core::strip_controls(text);
  std::replace_if(out.begin(), out.end(), [](char c) { return c == '\n' || c == '\t'; }, ' ');
  return out;
}


std::optional<std::string> amend_skeleton(store::Db& db, core::Date date, const core::Actor& actor)
{
  store::Transaction txn(db, store::Transaction::Kind::write);
  const auto meeting = store::find_meeting(db, date);
  if (!meeting || !store::has_minutes(db, meeting->id))
    return std::nullopt;
  const auto profile = load_profile(db);
  const auto record = store::meeting_record(db, meeting->id);
  const auto interventions = store::meeting_interventions(db, meeting->id);
  const auto followed = store::followed_up_actions(db, meeting->id, date);
  const auto examples = skeleton_examples(db, profile, date);
  std::vector<std::string> refs;
  for (const auto& [reference, d] : record.discussions)
    refs.push_back(reference);
  store::append_audit(db, actor, core::AuditAction::read, "minutes", date.iso(), core::join(refs, ","));

  std::string out = fmt::format(
      "# Amending the minutes of the {} meeting on {}, as recorded. Correct what is wrong, save and close\n"
      "# the editor: only what you change is recorded, and panel lists each change. Format:\n"
      "# docs/formats/minutes.md. An action keeps its id (an action without one is new); every action\n"
      "# and discussion recorded stays: to cancel an action, add 'A-<n>: cancelled' under action_updates.\n",
      profile.short_name, date.iso());
  out += "held: true\n";
  out += "chair: " + (meeting->chair.empty() ? std::string() : yaml_quoted(meeting->chair)) + "\n";
  out += "attendance:         # present | apologies | absent\n";
  std::set<std::string> attended;
  for (const auto& [agency, status] : record.attendance) {
    out += fmt::format("  {}: {}\n", agency, status);
    attended.insert(agency);
  }
  std::vector<std::string> missing;
  for (const auto& agency : store::list_agencies(db))
    if (!attended.count(agency.code))
      missing.push_back(agency.code);
  if (!missing.empty())
    out += "  # not recorded: " + core::join(missing, ", ") + "\n";
  if (record.observers.empty())
    out += "observers: []       # - {name: ..., organisation: ..., confidentiality_signed: true}\n";
  else
    out += "observers:\n";
  for (const auto& o : record.observers)
    out += fmt::format("  - {{name: {}, organisation: {}, confidentiality_signed: {}}}\n", yaml_quoted(o.name),
                       yaml_quoted(o.organisation), o.confidentiality_signed ? "true" : "false");
  out += record.discussions.empty() ? "cases: {}\n" : "cases:\n";
  for (const auto& [reference, d] : record.discussions) {
    const auto kase = store::find_case(db, reference);
    out += fmt::format("  {}:            # {}\n", reference, kase ? comment_text(kase->name) : std::string());
    out += block_text("    ", "summary", d.summary);
    auto line = [&](const std::string& key, const std::string& value) {
      out += "    " + key + ":" + (value.empty() ? "" : " " + value) + "\n";
    };
    line("risk", d.risk);
    out += "    outcome: " + d.outcome + "   # keep-open | close | refer-elsewhere\n";
    line("close_reason", d.close_reason);
    line("referred_to", d.referred_to.empty() ? "" : yaml_quoted(d.referred_to));
    line("next_review", optional_iso(d.next_review));
    std::string list;
    for (const auto& i : interventions)
      if (i.case_reference == reference)
        list += fmt::format("      - {{type: {}, agency: {}, date: {}, review: {}, expiry: {}, note: {}}}\n",
                            i.intervention.type, i.intervention.agency, i.intervention.date.iso(),
                            optional_iso(i.intervention.review), optional_iso(i.intervention.expiry),
                            yaml_quoted(i.intervention.note));
    out += examples.interventions(list);
    list.clear();
    for (const auto& a : record.actions)
      if (a.case_reference == reference)
        list += fmt::format("      - {{id: {}, owner: {}, description: {}, due: {}}}   # {}\n", a.id, a.owner,
                            yaml_quoted(a.description), a.due.iso(), a.status);
    out += examples.actions(list);
  }
  out += "action_updates:     # done | not-possible | not-done | open | cancelled\n";
  if (followed.empty())
    out += "  {}\n";
  for (const auto& a : followed)
    out += fmt::format("  {}: {{status: {}, note: \"\"}}   # {} {}, due {}: {}\n", a.id, a.status, a.case_reference,
                       a.owner, a.due.iso(), comment_text(a.description));
  txn.commit();
  return out;
}

void agreed_and_discussed(store::Db& db, std::int64_t meeting_id, rules::MinutesFacts& facts)
{
  facts.amend = true;
  const auto record = store::meeting_record(db, meeting_id);
  for (const auto& [reference, d] : record.discussions)
    if (const auto kase = store::find_case(db, reference))
      facts.discussed[kase->id] = kase->reference;
  for (const auto& a : record.actions)
    if (const auto kase = store::find_case(db, a.case_reference))
      facts.agreed[a.id] = kase->id;
}

void amend_recorded(store::Db& db, const core::Meeting& meeting, const core::Minutes& m, const rules::MinutesFacts& facts,
                    const core::Profile& profile, const std::optional<core::Meeting>& next_meeting,
                    const core::Actor& actor, MinutesResult& result)
{
  result.amended = true;
  auto& changes = result.changes;
  const auto date = meeting.date;
  const std::string reason = "minutes of " + date.iso() + " amended";
  const auto record = store::meeting_record(db, meeting.id);
  auto meeting_history = [&](const std::string& field, const std::string& old_value, const std::string& new_value) {
    store::append_history(db, actor, core::HistoryEntity::meeting, meeting.id, field, old_value, new_value, reason);
  };
  auto case_history = [&](std::int64_t id, const std::string& field, const std::string& old_value,
                          const std::string& new_value) {
    store::append_history(db, actor, core::HistoryEntity::case_, id, field, old_value, new_value, reason);
  };

  // The meeting: chair, attendance and quorum, observers.
  const std::string chair = m.chair.empty() ? meeting.chair : m.chair;  // an empty chair keeps the recorded one
  if (chair != meeting.chair) {
    changes.push_back(fmt::format("chair: {} -> {}", or_none(meeting.chair), chair));
    meeting_history("chair", meeting.chair, chair);
  }
  const std::map<std::string, std::string> before(record.attendance.begin(), record.attendance.end());
  for (const auto& code : facts.agencies) {
    const auto was = before.find(code);
    const auto now = m.attendance.find(code);
    const std::string old_value = was == before.end() ? "" : was->second;
    const std::string new_value = now == m.attendance.end() ? "" : now->second;
    if (old_value == new_value)
      continue;
    store::set_attendance(db, meeting.id, code, new_value.empty() ? std::nullopt : std::optional(new_value));
    changes.push_back(fmt::format("attendance {}: {} -> {}", code, old_value.empty() ? "not recorded" : old_value,
                                  new_value.empty() ? "not recorded" : new_value));
    meeting_history("attendance." + code, old_value, new_value);
  }
  result.absent_quorum = absent_quorum(profile, m.attendance);
  result.quorate = result.absent_quorum.empty();
  if (result.quorate != record.quorate) {
    changes.push_back(fmt::format("quorate: {} -> {}", record.quorate ? "yes" : "no", result.quorate ? "yes" : "no"));
    meeting_history("quorate", record.quorate ? "yes" : "no", result.quorate ? "yes" : "no");
  }
  if (chair != meeting.chair || result.quorate != record.quorate)
    store::set_chair_and_quorum(db, meeting.id, chair, result.quorate);
  if (!same(record.observers, m.observers)) {
    store::replace_observers(db, meeting.id, m.observers);
    changes.push_back(fmt::format("observers: {} -> {}", record.observers.size(), m.observers.size()));
    meeting_history("observers", names(record.observers), names(m.observers));
  }

  // The cases: each discussion field, what follows for the case, interventions and actions.
  std::map<std::string, core::CaseMinute> discussed;
  for (const auto& [reference, d] : record.discussions)
    discussed.emplace(reference, minute_of(reference, d));
  auto interventions = store::meeting_interventions(db, meeting.id);
  for (const auto& written : m.cases) {
    const auto& found = facts.cases.at(written.reference);
    const auto& ref = found.reference;
    const auto it = discussed.find(ref);
    if (it == discussed.end()) {
      const auto first_new = result.actions.size();
      record_discussion(db, meeting, written, found, profile, next_meeting, actor, result);
      changes.push_back(fmt::format("{}: discussion added (outcome {})", ref, written.outcome));
      case_history(found.id, "minutes." + date.iso(), "", written.outcome);
      for (auto i = first_new; i < result.actions.size(); ++i)
        changes.push_back(fmt::format("new action {} for {}", result.actions[i], ref));
      continue;
    }
    const auto& was = it->second;
    const auto now = as_recorded(written, next_meeting);
    // A discussion's corrections are the case's history (purging the case clears them with it).
    const std::string f = "minutes." + date.iso() + ".";
    const bool outcome_changed = was.outcome != now.outcome || closes(was) != closes(now);
    const bool later = store::discussed_after(db, found.id, date);
    if (outcome_changed && later)
      throw refused(fmt::format("{}:{}: {}outcome: {} was discussed again at a later meeting, which decided where it "
                                "stands: correct the outcome there, or use 'panel case close' or 'panel case reopen'\n"
                                "panel: error: {}: nothing was recorded",
                                facts.file, written.line, f, ref, facts.file));
    bool discussion_changed = false;
    auto field = [&](const std::string& name, const std::string& old_value, const std::string& new_value,
                     const std::string& said) {
      if (old_value == new_value)
        return;
      discussion_changed = true;
      case_history(found.id, f + name, old_value, new_value);
      changes.push_back(said);
    };
    field("summary", was.summary, now.summary, ref + " summary changed");
    field("risk", was.risk, now.risk, fmt::format("{} risk: {} -> {}", ref, or_none(was.risk), or_none(now.risk)));
    field("outcome", was.outcome, now.outcome,
          fmt::format("{} outcome: {} -> {}{}", ref, was.outcome, now.outcome,
                      now.close_reason.empty() ? "" : " (reason: " + now.close_reason + ")"));
    if (was.outcome == now.outcome)
      field("close_reason", was.close_reason, now.close_reason,
            fmt::format("{} close reason: {} -> {}", ref, or_none(was.close_reason), or_none(now.close_reason)));
    else if (was.close_reason != now.close_reason)
      case_history(found.id, f + "close_reason", was.close_reason, now.close_reason);
    field("referred_to", was.referred_to, now.referred_to,
          fmt::format("{} referred to: {} -> {}", ref, or_none(was.referred_to), or_none(now.referred_to)));
    field("next_review", optional_iso(was.next_review), optional_iso(now.next_review),
          fmt::format("{} next review: {} -> {}", ref, iso_or_none(was.next_review), iso_or_none(now.next_review)));
    if (discussion_changed) {
      store::update_discussion(db, meeting.id, found.id, now);
      // The case follows the meeting that last discussed it: a later one has already set its state.
      if (!later) {
        const auto kase = store::find_case(db, ref);
        if (closes(now) && !closes(was)) {
          store::close_case(db, found.id, date, now.close_reason);
          case_history(found.id, "status", kase->status, "closed");
          (core::is(now.outcome, core::MinutesOutcome::close) ? result.closed : result.referred).push_back(ref);
        } else if (closes(now) && was.close_reason != now.close_reason) {
          store::close_case(db, found.id, date, now.close_reason);
          case_history(found.id, "close_reason", was.close_reason, now.close_reason);
        } else if (!closes(now)) {
          const bool reopened = closes(was);
          if (reopened) {
            store::reopen_case(db, found.id);
            case_history(found.id, "status", kase->status, "open");
          }
          // Only a changed review date (or a reopening) moves the case's: a corrected summary leaves
          // a review date set since the meeting (case update, a moved meeting) as it is.
          if ((reopened || optional_iso(was.next_review) != optional_iso(now.next_review)) &&
              optional_iso(kase->review_date) != optional_iso(now.next_review)) {
            store::set_case_review(db, found.id, now.next_review);
            case_history(found.id, "review_date", optional_iso(kase->review_date), optional_iso(now.next_review));
          }
          if (now.next_review && !store::next_open_meeting(db, *now.next_review))
            result.reviews_unscheduled.emplace_back(ref, *now.next_review);
        }
        if (was.risk != now.risk && !now.risk.empty() && now.risk != kase->risk_level) {
          store::set_case_risk(db, found.id, now.risk);
          case_history(found.id, "risk_level", kase->risk_level, now.risk);
        }
      }
      store::append_audit(db, actor, core::AuditAction::update, "discussion", ref, date.iso() + ": amended");
    }

    // Interventions: those recorded and still written stay (their reminders with them).
    std::vector<core::NewIntervention> wanted;
    for (const auto& i : written.interventions)
      wanted.push_back(filled_intervention(profile, i));
    for (auto r = interventions.begin(); r != interventions.end();) {
      if (r->case_reference != ref) {
        ++r;
        continue;
      }
      const auto kept = std::find_if(wanted.begin(), wanted.end(), [&](const auto& w) { return same(w, r->intervention); });
      if (kept != wanted.end()) {
        wanted.erase(kept);
      } else {
        store::delete_intervention(db, r->id);
        changes.push_back(fmt::format("{} intervention removed: {}", ref, describe(r->intervention)));
        case_history(found.id, f + "interventions", describe(r->intervention), "");
      }
      r = interventions.erase(r);
    }
    for (const auto& w : wanted) {
      const auto& type = *std::find_if(profile.interventions.begin(), profile.interventions.end(),
                                       [&](const auto& t) { return t.code == w.type; });
      store::insert_intervention(db, found.id, meeting.id, w, type.tier);
      changes.push_back(fmt::format("{} intervention added: {}", ref, describe(w)));
      case_history(found.id, f + "interventions", "", describe(w));
    }

    // Actions: an id is the recorded action, corrected in place; no id is a new one.
    for (const auto& a : written.actions) {
      if (!a.id.empty()) {
        if (const auto change = store::amend_action(db, a.id, a, reason, actor); !change.empty())
          changes.push_back(a.id + " " + change);
        continue;
      }
      result.actions.push_back(store::insert_action(db, found.id, meeting.id, a, actor));
      changes.push_back(fmt::format("new action {} for {} ({})", result.actions.back(), ref, a.owner));
      if (auto words = names_in_action(db, ref, a.description); !words.empty())
        result.named.emplace_back(result.actions.back(), ref, std::move(words));
    }
  }
  for (const auto& u : m.action_updates) {
    const auto status = store::action_status(db, u.id).value_or("");
    if (status == u.status)
      continue;
    store::set_action_status(db, u.id, u.status, date, u.note, actor);
    changes.push_back(fmt::format("{} status: {} -> {}", u.id, status, u.status));
    ++result.updates;
  }
  result.discussions = m.cases.size();
  if (!changes.empty())
    store::append_audit(db, actor, core::AuditAction::update, "minutes", date.iso(),
                        fmt::format("amended: {}", core::plural(static_cast<long long>(changes.size()), "change", "changes")));
}

} // namespace panel::ops
