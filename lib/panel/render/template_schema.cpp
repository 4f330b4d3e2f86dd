#include "panel/render/template_check.hpp"

#include <map>

namespace panel::render {
namespace {

using core::Value;

Value sample_panel()
{
  Value coordinator = Value::object();
  coordinator.set("name", "").set("email", "").set("phone", "");
  Value panel = Value::object();
  panel.set("name", "").set("short", "").set("address", "").set("coordinator", coordinator);
  return panel;
}

Value sample_agency()
{
  Value a = Value::object();
  a.set("code", "").set("name", "").set("email", "");
  return a;
}

Value sample_referral()
{
  Value category = Value::object();
  category.set("code", "").set("name", "");
  Value referrer = Value::object();
  referrer.set("name", "").set("email", "");
  Value decision = Value::object();
  decision.set("decision", "").set("date", "").set("reason", "").set("signpost", "").set("forum", "");
  Value r = Value::object();
  r.set("status", "").set("reference", "").set("received", "").set("agency", sample_agency()).set("referrer", referrer)
      .set("categories", Value::list({category})).set("summary", "").set("source_ref", "")
      .set("criteria_met", Value::list({Value::of("")})).set("meets_threshold", Value::yes_no(true))
      .set("repeat", Value::yes_no(true)).set("decision", decision);
  return r;
}

Value sample_person()
{
  Value p = Value::object();
  p.set("name", "").set("initials", "").set("dob", "").set("age", "").set("postcode", "").set("address", "").set("address_line", "").set("gender", "");
  return p;
}

Value sample_case()
{
  Value c = Value::object();
  c.set("reference", "").set("lead_agency", sample_agency()).set("risk", "").set("opened", "").set("review", "")
      .set("status", "");
  return c;
}

Value sample_meeting()
{
  Value m = Value::object();
  m.set("date", "").set("time", "").set("venue", "").set("chair", "");
  return m;
}

Value sample_actions();
Value sample_interventions();

Value sample_party()
{
  Value p = Value::object();
  p.set("name", "").set("dob", "").set("role", "").set("relationship", "").set("child", Value::yes_no(true));
  return p;
}

// Everyone on a research list (ops::research_people).
Value sample_people()
{
  Value p = sample_party();
  p.set("reference", "").set("case", "").set("item", "").set("person", "").set("subject", Value::yes_no(true))
      .set("aliases", Value::list({Value::of("")})).set("alias_names", "").set("postcode", "");
  return Value::list({p});
}

Value sample_items()
{
  Value category = Value::object();
  category.set("code", "").set("name", "");
  Value discussion = Value::object();
  discussion.set("date", "").set("summary", "").set("outcome", "").set("outcome_name", "");
  Value note = Value::object();
  note.set("date", "").set("text", "");
  Value assessed = Value::object();
  assessed.set("reference", "").set("risk", "").set("higher", Value::yes_no(true));
  Value item = Value::object();
  item.set("reference", "").set("case", "").set("item", "").set("name", "").set("aliases", Value::list({Value::of("")}))
      .set("dob", "").set("postcode", "").set("risk", "").set("lead_agency", sample_agency())
      .set("categories", Value::list({category})).set("criteria_met", Value::list({Value::of("")}))
      .set("summary", "").set("repeat", Value::yes_no(true)).set("review", Value::yes_no(true))
      .set("case_review", Value::yes_no(true))
      .set("outcome", "").set("close_reason", "").set("referred_to", "").set("next_review", "").set("closed", Value::yes_no(true))
      .set("discussions", Value::list({discussion})).set("notes", Value::list({note}))
      .set("actions", Value::list({Value::object()}))
      .set("role", "").set("risk_level", "").set("risk_score", "").set("risk_instrument", "").set("children", "")
      .set("other_parties", Value::list({sample_party()}))
      .set("item_name", "").set("category_names", "").set("criteria_names", "").set("risk_name", "")
      .set("outcome_name", "").set("close_reason_name", "").set("interventions", sample_interventions())
      .set("case_risk", "").set("referral_risk", "").set("assessed", Value::list({assessed}))
      .set("risk_review", Value::yes_no(true)).set("risk_review_text", "").set("note", "").set("carried_over_from", "");
  item.fields["actions"].items.front() = sample_actions().items.front();
  return Value::list({item});
}

Value sample_actions()
{
  Value a = Value::object();
  a.set("id", "").set("case", "").set("owner", sample_agency()).set("description", "").set("due", "").set("status", "")
      .set("status_name", "").set("days_overdue", "").set("overdue", Value::yes_no(true));
  return Value::list({a});
}

// Actions in reminders also say which meeting agreed them.
Value sample_reminded_actions()
{
  Value list = sample_actions();
  list.items.front().set("meeting", "").set("overdue_by", "").set("due_in", "");
  return list;
}

Value sample_interventions()
{
  Value i = Value::object();
  i.set("type", "").set("name", "").set("tier", "").set("agency", sample_agency()).set("date", "")
      .set("review", "").set("expiry", "").set("note", "");
  return Value::list({i});
}

Value common()
{
  Value root = Value::object();
  root.set("panel", sample_panel()).set("today", "").set("marking", "").set("confidentiality", "")
      .set("recipient", "").set("salutation", "");
  return root;
}

// A letter's: every kind's, and the recipient's address block (panel letter --address).
Value letter()
{
  Value root = common();
  root.set("recipient_address", "").set("recipient_address_line", "");
  return root;
}

Value sample_case_review()
{
  Value due = Value::object();
  due.set("acknowledge", "").set("decide", "").set("outcome", "");
  Value a = Value::object();
  a.set("reference", "").set("received", "").set("applicant", "").set("on_behalf_of", "").set("contact", "")
      .set("address", "").set("acknowledged", "").set("decided", "").set("threshold_met", Value::yes_no(true))
      .set("rule", "").set("override", Value::yes_no(true)).set("override_reason", "").set("verdict", "").set("grounds", "")
      .set("meeting", "").set("outcome", "").set("outcome_summary", "").set("appealed", "").set("appeal_reason", "")
      .set("stage", "").set("due", due).set("qualifying", "").set("hate_incidents", "");
  return a;
}

Value sample_complaints()
{
  Value c = Value::object();
  c.set("number", "").set("incident_date", "").set("reported_date", "").set("agency", sample_agency()).set("reference", "")
      .set("complainant", "").set("hate", Value::yes_no(true)).set("qualifies", Value::yes_no(true)).set("reason", "")
      .set("description", "");
  return Value::list({c});
}

Value sample_threshold()
{
  Value t = Value::object();
  t.set("complaints", "").set("hate_complaints", "").set("complainants", "").set("complainants_within_months", "")
      .set("reported_within_months", "").set("applied_within_months", "").set("appeal_to", "")
      .set("acknowledge_days", "").set("decision_days", "").set("outcome_days", "");
  return t;
}

} // namespace

const core::Value& template_schema(const std::string& kind)
{
  static const std::map<std::string, Value> schemas = [] {
    std::map<std::string, Value> s;
    Value referral = letter();
    referral.set("referral", sample_referral()).set("person", sample_person()).set("case", sample_case())
        .set("meeting", sample_meeting());
    s["referral"] = referral;
    Value case_kind = letter();
    case_kind.set("referral", sample_referral()).set("person", sample_person()).set("case", sample_case())
        .set("meeting", sample_meeting()).set("actions", sample_actions()).set("interventions", sample_interventions());
    // The one a letter about an intervention is about (a template with 'interventions: [...]').
    Value intervention = sample_interventions().items.front();
    intervention.set("id", "").set("type_name", "").set("agency_name", "").set("agency_email", "");
    case_kind.set("intervention", intervention);
    s["case"] = case_kind;
    Value case_review = letter();
    case_review.set("application", sample_case_review()).set("complaints", sample_complaints())
        .set("recommendations", sample_actions()).set("case_review", sample_threshold());
    s["case-review"] = case_review;
    Value meeting = common();
    Value details = sample_meeting();
    details.set("status", "").set("cutoff", "");
    meeting.set("meeting", details).set("actions", sample_actions()).set("items", sample_items())
        .set("quorum", Value::list({sample_agency()})).set("quorum_names", "").set("agency", sample_agency())
        .set("missing", Value::list({sample_agency()})).set("missing_names", "")
        .set("next_meeting", Value::list({Value::of("")})).set("people", sample_people());
    Value present = Value::object();
    present.set("code", "").set("name", "").set("status", "").set("status_name", "");
    Value observer = Value::object();
    observer.set("name", "").set("organisation", "").set("confidentiality_signed", Value::yes_no(true));
    meeting.set("attendance", Value::list({present})).set("observers", Value::list({observer}))
        .set("quorate", Value::yes_no(true)).set("audit_head", "");
    Value deferred = Value::object();
    deferred.set("reference", "").set("case", "").set("name", "").set("to", "").set("review", Value::yes_no(true));
    meeting.set("deferred", Value::list({deferred})).set("has_deferred", Value::yes_no(true));
    s["meeting"] = meeting;
    Value reminder = common();
    reminder.set("agency", sample_agency()).set("actions", sample_reminded_actions()).set("overdue", sample_reminded_actions())
        .set("due_soon", sample_reminded_actions()).set("has_overdue", Value::yes_no(true)).set("has_due_soon", Value::yes_no(true))
        .set("summary", "").set("first_id", "");
    s["action-reminder"] = reminder;
    Value review = Value::object();
    review.set("case", "").set("lead_agency", sample_agency()).set("risk", "").set("review", "").set("days_overdue", "")
        .set("overdue_by", "");
    Value step = Value::object();
    step.set("id", "").set("case", "").set("type", "").set("name", "").set("tier", "").set("agency", sample_agency())
        .set("date", "").set("step", "").set("due", "").set("days_overdue", "").set("overdue_by", "");
    Value trigger_step = Value::object();
    trigger_step.set("reference", "").set("step", "").set("due", "").set("overdue", Value::yes_no(true)).set("overdue_by", "")
        .set("due_in", "");
    Value unsent = Value::object();
    unsent.set("agency", sample_agency()).set("actions", sample_reminded_actions());
    Value attention = Value::object();
    attention.set("case", "").set("reasons", "").set("lead_agency", sample_agency()).set("risk", "");
    Value minutes = Value::object();
    minutes.set("date", "").set("status", "").set("due", "").set("overdue_by", "");
    Value digest = common();
    digest.set("escalations", sample_reminded_actions()).set("reviews", Value::list({review})).set("interventions", Value::list({step}))
        .set("unsent", Value::list({unsent})).set("has_escalations", Value::yes_no(true))
        .set("has_reviews", Value::yes_no(true)).set("has_interventions", Value::yes_no(true))
        .set("has_unsent", Value::yes_no(true)).set("case_reviews", Value::list({trigger_step}))
        .set("has_case_reviews", Value::yes_no(true)).set("attention", Value::list({attention}))
        .set("has_attention", Value::yes_no(true)).set("summary", "").set("escalate_after_days", "")
        .set("remind_every_days", "").set("minutes", Value::list({minutes})).set("has_minutes", Value::yes_no(true));
    s["reminder-digest"] = digest;
    return s;
  }();
  const auto it = schemas.find(kind);
  return it == schemas.end() ? schemas.at("referral") : it->second;
}

} // namespace panel::render
