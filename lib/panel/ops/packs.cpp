#include "panel/ops/packs.hpp"

#include "panel/core/error.hpp"
#include "panel/core/text.hpp"
#include "panel/core/vocabulary.hpp"
#include "panel/input/templates.hpp"
#include "panel/ops/agencies.hpp"
#include "panel/ops/agenda.hpp"
#include "panel/ops/minutes.hpp"
#include "panel/ops/research.hpp"
#include "panel/ops/setup.hpp"
#include "panel/render/agenda.hpp"
#include "panel/rules/case_facts.hpp"
#include "panel/rules/case_review.hpp"
#include "panel/rules/risk.hpp"
#include "panel/store/agencies.hpp"
#include "panel/store/agenda.hpp"
#include "panel/store/audit.hpp"
#include "panel/store/case_reviews.hpp"
#include "panel/store/meetings.hpp"
#include "panel/store/minutes.hpp"
#include "panel/store/cases.hpp"
#include "panel/store/referrals.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <utility>

namespace panel::ops {
namespace {

using core::Value;

constexpr size_t summary_limit = 600;

// A pack carries enough of the referral to discuss it, not the whole of it.
std::string minimised_summary(const std::string& summary)
{
  std::string text = core::trim(summary);
  if (text.size() <= summary_limit)
    return text;
  auto cut = text.rfind(' ', summary_limit);
  if (cut == std::string::npos)
    cut = summary_limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80)
    --cut;  // never split a UTF-8 character
  return text.substr(0, cut) + " [...]";
}

// "ASB case review (Community Trigger), received 21 August 2017: 5 complaints to POL, HSG and
// NOISE; threshold met: 3 qualifying incidents (at least 3 needed)."
std::string case_review_summary(const core::CaseReview& r, const core::Profile& profile)
{
  std::vector<std::string> agencies;
  for (const auto& c : r.application.complaints)
    if (std::find(agencies.begin(), agencies.end(), c.agency) == agencies.end())
      agencies.push_back(c.agency);
  const auto check = rules::check_threshold(r.application, profile.case_review);
  return fmt::format("ASB case review (Community Trigger), received {}: {} complaint{}{}{}; {}.", r.application.received.british(),
                     r.application.complaints.size(), r.application.complaints.size() == 1 ? "" : "s",
                     agencies.empty() ? "" : " to ", core::join(agencies, ", "),
                     r.override_reason.empty() ? check.verdict : "threshold met by discretion: " + r.override_reason);
}

// "2"; "not recorded (2 named as other parties)"; "not recorded".
std::string children_text(std::optional<int> children, size_t named)
{
  if (children)
    return std::to_string(*children);
  if (named > 0)
    return fmt::format("not recorded ({} named as other part{})", named, named == 1 ? "y" : "ies");
  return "not recorded";
}

Value item_value(store::Db& db, const core::Profile& profile, const core::AgendaItem& item, core::Date today)
{
  Value v = Value::object();
  v.set("reference", item.reference).set("case", item.case_reference).set("item", item.item)
      .set("item_name", documents::plain_words(item.item)).set("name", item.name)
      .set("risk", item.risk).set("risk_level", item.risk).set("case_risk", "").set("referral_risk", "")
      .set("assessed", Value::list({})).set("risk_review", Value::yes_no(false)).set("risk_review_text", "")
      .set("note", "").set("carried_over_from", "").set("risk_score", "").set("risk_instrument", "")
      .set("role", "").set("children", "").set("other_parties", Value::list({}))
      .set("lead_agency", documents::agency_value(db, item.lead_agency))
      .set("repeat", Value::yes_no(core::is(item.item, core::AgendaItemKind::repeat)))
      .set("review", Value::yes_no(core::is(item.item, core::AgendaItemKind::review)))
      .set("case_review", Value::yes_no(core::is(item.item, core::AgendaItemKind::case_review)))
      .set("discussions", Value::list({}))
      .set("notes", Value::list({}))
      .set("actions", Value::list({}));
  if (core::is(item.item, core::AgendaItemKind::case_review)) {
    // The panel reviews how agencies responded, so the pack says what was complained of and to whom.
    if (const auto r = store::find_case_review(db, item.reference))
      v.set("summary", case_review_summary(*r, profile));
    v.set("categories", Value::list({})).set("criteria_met", Value::list({})).set("aliases", Value::list({}))
        .set("category_names", "").set("criteria_names", "");
    return v;
  }
  if (const auto kase = store::find_case(db, item.case_reference.empty() ? item.reference : item.case_reference)) {
    v.set("discussions", documents::discussion_values(db, kase->id));
    v.set("notes", documents::note_values(db, kase->id));
    v.set("actions", documents::action_values(db, kase->id, today));
  }
  v.set("categories", documents::category_values(profile, item.categories));
  v.set("category_names", documents::joined_names(v.fields["categories"]));
  Value criteria = Value::list({});
  Value aliases = Value::list({});
  Value parties = Value::list({});
  std::string referral_risk;
  size_t children_named = 0;
  // A review is of the case: its facts come from the case's first live referral (the one that
  // opened it may have been voided) and each live referral's assessed risk is listed.
  const bool review = core::is(item.item, core::AgendaItemKind::review);
  std::string source = item.reference;
  Value assessed = Value::list({});
  for (const auto& r : store::case_referrals(db, item.case_reference)) {
    if (review && assessed.items.empty())
      source = r.reference;
    Value a = Value::object();
    a.set("reference", r.reference).set("risk", r.risk_level.empty() ? "not recorded" : r.risk_level)
        .set("higher", Value::yes_no(std::find(item.assessed_higher.begin(), item.assessed_higher.end(), r.reference) !=
                                     item.assessed_higher.end()));
    assessed.items.push_back(std::move(a));
  }
  for (const auto& p : item_people(db, item)) {
    if (p.person == "subject") {
      for (const auto& name : p.aliases)
        aliases.items.push_back(Value::of(name));
      continue;
    }
    Value party = Value::object();
    party.set("name", p.name).set("dob", p.dob ? p.dob->british() : "").set("role", p.role)
        .set("relationship", p.relationship).set("child", Value::yes_no(p.role == "child"));
    parties.items.push_back(std::move(party));
    children_named += p.role == "child";
  }
  if (const auto r = store::find_referral(db, source)) {
    const auto& referral = r->referral;
    // The household (children, the subject's role and postcode) as the case knows it: the latest
    // value across its live referrals, as on the research lists; a repeat that did not restate
    // them does not show them as not recorded.
    rules::KnownFacts known;
    const auto kase = item.case_reference.empty() ? std::nullopt : store::find_case(db, item.case_reference);
    const auto live = kase ? store::case_referrals(db, kase->id) : std::vector<core::RecordedReferral>{};
    for (const auto& c : live)
      rules::learn(known, c.referral);
    if (live.empty())
      rules::learn(known, referral);
    v.set("dob", referral.dob ? referral.dob->british() : "").set("postcode", known.postcode)
        .set("summary", minimised_summary(referral.summary)).set("role", known.role)
        .set("risk_score", referral.risk_score ? std::to_string(*referral.risk_score) : "")
        .set("risk_instrument", referral.risk_instrument)
        .set("children", children_text(known.children, children_named));
    criteria = documents::criteria_labels(profile, r->criteria_met);
    if (!review)
      referral_risk = rules::risk_summary(profile, referral.risk_level, referral.risk_score, referral.risk_instrument,
                                          r->criteria_met);
  }
  // The case's risk is the panel's decision; the referral's is its referrer's assessment. The
  // two are labelled apart, and a live referral assessed above the case's risk is flagged.
  const std::string panel_risk = item.risk.empty() ? "not set" : item.risk;
  v.set("risk", panel_risk).set("case_risk", panel_risk).set("referral_risk", referral_risk)
      .set("assessed", review ? assessed : Value::list({}))
      .set("risk_review", Value::yes_no(!item.assessed_higher.empty()))
      .set("risk_review_text", item.assessed_higher.empty() ? "" : fmt::format(
          "{} assessed {} by {}, above the panel's risk ({}): review the case's risk",
          core::join(item.assessed_higher, ", "), item.highest_assessed,
          item.assessed_higher.size() == 1 ? "its referrer" : "their referrers", panel_risk))
      .set("note", render::agenda_note(item))
      .set("carried_over_from", item.carried_over_from ? item.carried_over_from->british() : "").set("criteria_met", criteria).set("criteria_names", documents::joined_names(criteria))
      .set("aliases", aliases).set("other_parties", parties);
  return v;
}

} // namespace

Value meeting_context(store::Db& db, const core::Profile& profile, const core::Agenda& agenda, core::Date today)
{
  const auto& meeting = agenda.meeting;
  Value context = documents::base_context(profile, today, "");
  Value details = Value::object();
  details.set("date", meeting.date.british()).set("time", meeting.time).set("venue", meeting.venue)
      .set("chair", meeting.chair).set("status", meeting.status).set("cutoff", agenda.cutoff.british());
  context.set("meeting", std::move(details));
  Value quorum = Value::list({});
  for (const auto& code : agenda.quorum)
    quorum.items.push_back(documents::agency_value(db, code));
  context.set("quorum_names", documents::joined_names(quorum, ", ")).set("quorum", std::move(quorum));
  context.set("agency", documents::agency_value(db, ""));
  Value items = Value::list({});
  for (const auto& item : agenda.items)
    items.items.push_back(item_value(db, profile, item, meeting.date));
  context.set("items", std::move(items));
  Value outstanding = Value::list({});
  for (const auto& x : agenda.outstanding) {
    Value v = Value::object();
    v.set("id", x.id).set("case", x.case_reference).set("owner", documents::agency_value(db, x.owner)).set("description", x.description)
        .set("due", x.due.british()).set("days_overdue", std::to_string(x.days_overdue))
        .set("overdue", Value::yes_no(x.days_overdue > 0));
    outstanding.items.push_back(std::move(v));
  }
  context.set("actions", std::move(outstanding));
  Value next = Value::list({});
  for (const auto& ref : agenda.next_meeting)
    next.items.push_back(Value::of(ref));
  context.set("next_meeting", std::move(next));
  return context;
}

documents::Produced meeting_document(store::Db& db, const PackRequest& q, const core::Actor& actor)
{
  store::Transaction txn(db, store::Transaction::Kind::write);
  const auto profile = load_profile(db);
  const auto t = meeting_template(db, q.templates, "meeting-pack");
  const auto meeting = agenda_meeting(db, q.date, actor.today);
  const auto agenda = compute_agenda(db, meeting, profile);
  core::DocumentRecord record;
  record.reference = meeting.date.iso();
  documents::Output output = q.output;
  output.style = profile.documents;
  auto produced = documents::produce_document(db, t, meeting_context(db, profile, agenda, actor.today), output, record, actor);
  audit_people_read(db, research_people(db, agenda), "meeting pack", actor);
  txn.commit();
  return produced;
}

core::Template meeting_template(store::Db& db, const std::string& templates, const std::string& name)
{
  const auto profile = load_profile(db);
  std::vector<std::string> problems;
  const auto t =
      documents::find_template(input::load_templates(documents::templates_folder(templates, &profile), problems), name, problems);
  documents::require_valid(t);
  if (t.kind != "meeting")
    throw refused(fmt::format("template '{}' must be for meetings (for: meeting)", name));
  return t;
}

documents::Produced minutes_document(store::Db& db, core::Date date, const documents::Output& output, const std::string& templates,
                          const core::Actor& actor)
{
  store::Transaction txn(db, store::Transaction::Kind::write);
  const auto profile = load_profile(db);
  std::vector<std::string> problems;
  const auto t = documents::find_template(input::load_templates(documents::templates_folder(templates, &profile), problems),
                                          "minutes", problems);
  documents::require_valid(t);
  const auto meeting = store::find_meeting(db, date);
  if (!meeting)
    throw refused(fmt::format("no meeting on {} (see 'panel meeting list')", date.iso()));
  if (!store::has_minutes(db, meeting->id))
    throw refused(fmt::format("the meeting on {} has no minutes yet (record them with 'panel minute {}')", date.iso(),
                              date.iso()));
  const auto record = store::meeting_record(db, meeting->id);

  Value context = documents::base_context(profile, actor.today, "");
  Value details = Value::object();
  details.set("date", meeting->date.british()).set("time", meeting->time).set("venue", meeting->venue)
      .set("chair", meeting->chair).set("status", meeting->status).set("cutoff", "");
  context.set("meeting", details).set("quorate", Value::yes_no(record.quorate));
  Value attendance = Value::list({});
  for (const auto& [code, status] : record.attendance) {
    Value v = documents::agency_value(db, code);
    v.set("status", status).set("status_name", documents::plain_words(status));
    attendance.items.push_back(v);
  }
  context.set("attendance", attendance);
  // Who the meeting lacked: the quorum agencies not recorded as present.
  Value missing = Value::list({});
  for (const auto& code : profile.quorum) {
    const auto it = std::find_if(record.attendance.begin(), record.attendance.end(),
                                 [&code](const auto& a) { return a.first == code; });
    if (it == record.attendance.end() || !core::is(it->second, core::Attendance::present))
      missing.items.push_back(documents::agency_value(db, code));
  }
  context.set("missing_names", documents::joined_names(missing, ", ")).set("missing", missing);
  Value observers = Value::list({});
  for (const auto& o : record.observers) {
    Value v = Value::object();
    v.set("name", o.name).set("organisation", o.organisation).set("confidentiality_signed", Value::yes_no(o.confidentiality_signed));
    observers.items.push_back(v);
  }
  context.set("observers", observers);
  Value quorum = Value::list({});
  for (const auto& code : profile.quorum)
    quorum.items.push_back(documents::agency_value(db, code));
  context.set("quorum", quorum).set("agency", documents::agency_value(db, "")).set("next_meeting", Value::list({}));
  Value items = Value::list({});
  const auto minuted = store::meeting_interventions(db, meeting->id);
  for (const auto& [reference, d] : record.discussions) {
    const auto kase = store::find_case(db, reference);
    Value v = Value::object();
    v.set("reference", reference).set("case", reference).set("item", "").set("name", kase ? kase->name : "")
        .set("summary", d.summary).set("risk", d.risk).set("risk_name", documents::plain_words(d.risk))
        .set("outcome", d.outcome).set("outcome_name", documents::plain_words(d.outcome))
        .set("close_reason", d.close_reason).set("close_reason_name", documents::plain_words(d.close_reason))
        .set("referred_to", d.referred_to).set("next_review", d.next_review ? d.next_review->british() : "")
        .set("closed", Value::yes_no(core::is(d.outcome, core::MinutesOutcome::close)))
        .set("lead_agency", documents::agency_value(db, kase ? kase->lead_agency : "")).set("discussions", Value::list({}))
        .set("actions", Value::list({})).set("categories", Value::list({})).set("criteria_met", Value::list({}))
        .set("aliases", Value::list({})).set("repeat", Value::yes_no(false)).set("review", Value::yes_no(false));
    for (const auto& a : record.actions) {
      if (a.case_reference != reference)
        continue;
      Value x = Value::object();
      x.set("id", a.id).set("case", a.case_reference).set("owner", documents::agency_value(db, a.owner)).set("description", a.description)
          .set("due", a.due.british()).set("status", a.status).set("status_name", documents::plain_words(a.status))
          .set("days_overdue", "").set("overdue", Value::yes_no(false));
      v.fields["actions"].items.push_back(x);
    }
    Value interventions = Value::list({});
    for (const auto& i : minuted) {
      if (i.case_reference != reference)
        continue;
      interventions.items.push_back(documents::intervention_value(db, profile, i.intervention.type, i.intervention.agency,
                                                                  i.intervention.date, i.intervention.review,
                                                                  i.intervention.expiry, i.intervention.note));
    }
    v.set("interventions", interventions);
    items.items.push_back(v);
  }
  // The cases listed and not reached, from the history rows the minutes kept; one that amended
  // minutes discussed after all is an item above, not deferred.
  Value deferred = Value::list({});
  for (const auto& d : store::deferred_from(db, date, deferral_reason(date))) {
    if (std::any_of(record.discussions.begin(), record.discussions.end(),
                    [&](const auto& discussion) { return discussion.first == d.case_reference; }))
      continue;
    const auto kase = store::find_case(db, d.case_reference);
    Value v = Value::object();
    v.set("reference", d.reference).set("case", d.case_reference).set("name", kase ? kase->name : "")
        .set("to", d.to ? d.to->british() : "").set("review", Value::yes_no(d.review));
    deferred.items.push_back(v);
  }
  context.set("has_deferred", Value::yes_no(!deferred.items.empty())).set("deferred", deferred);
  // The audit log's head as the minutes are made: kept with the minutes, it later proves the log
  // up to that row was neither cut short nor rewritten ('panel check --head N:HASH').
  context.set("items", items).set("actions", Value::list({})).set("audit_head", core::format_head(store::audit_head(db)));

  core::DocumentRecord doc;
  doc.reference = date.iso();
  documents::Output styled = output;
  styled.style = profile.documents;
  auto produced = documents::produce_document(db, t, context, styled, doc, actor);
  txn.commit();
  return produced;
}

} // namespace panel::ops
