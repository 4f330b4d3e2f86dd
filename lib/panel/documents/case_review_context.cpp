#include "panel/documents/case_review_context.hpp"

#include "panel/documents/documents.hpp"
#include "panel/input/calendar.hpp"
#include "panel/rules/case_review.hpp"
#include "panel/store/case_reviews.hpp"

#include <string>

namespace panel::documents {
namespace {

using core::Value;

std::string british(const std::optional<core::Date>& d) { return d ? d->british() : ""; }

} // namespace

void add_case_review_context(Value& context, store::Db& db, const core::Profile& profile, const core::CaseReview& r,
                             core::Date today)
{
  const auto& s = profile.case_review;
  const auto& a = r.application;
  const auto check = rules::check_threshold(a, s);
  Value due = Value::object();
  due.set("acknowledge", "").set("decide", "").set("outcome", "");
  for (const auto& step : rules::step_dues(r, s, input::holidays_from(s.bank_holidays, "case_review.bank_holidays")))
    due.set(step.step, step.due.british());

  Value app = Value::object();
  app.set("reference", r.reference).set("received", a.received.british()).set("applicant", a.applicant)
      .set("on_behalf_of", a.on_behalf_of).set("contact", a.contact).set("address", a.address)
      .set("acknowledged", british(r.acknowledged)).set("decided", british(r.decided))
      .set("threshold_met", Value::yes_no(r.threshold_met.value_or(false))).set("rule", r.rule)
      .set("override", Value::yes_no(!r.override_reason.empty())).set("override_reason", r.override_reason)
      .set("verdict", check.verdict).set("grounds", check.grounds).set("meeting", british(r.meeting)).set("outcome", british(r.outcome))
      .set("outcome_summary", r.outcome_summary).set("appealed", british(r.appealed)).set("appeal_reason", r.appeal_reason)
      .set("stage", rules::stage_of(r)).set("due", due).set("qualifying", std::to_string(check.incidents))
      .set("hate_incidents", std::to_string(check.hate_incidents));
  context.set("application", app);

  Value complaints = Value::list({});
  for (size_t i = 0; i < a.complaints.size() && i < check.complaints.size(); ++i) {
    const auto& c = a.complaints[i];
    const auto& k = check.complaints[i];
    Value v = Value::object();
    v.set("number", std::to_string(i + 1)).set("incident_date", c.incident.british()).set("reported_date", c.reported.british())
        .set("agency", agency_value(db, c.agency)).set("reference", c.reference).set("complainant", k.complainant)
        .set("hate", Value::yes_no(c.hate)).set("qualifies", Value::yes_no(k.qualifies)).set("reason", k.reason)
        .set("description", c.description);
    complaints.items.push_back(v);
  }
  context.set("complaints", complaints);

  Value recommendations = Value::list({});
  for (const auto& action : store::review_actions(db, r.id))
    recommendations.items.push_back(action_value(db, action, today));
  context.set("recommendations", recommendations);

  Value settings = Value::object();
  settings.set("complaints", std::to_string(s.complaints)).set("hate_complaints", std::to_string(s.hate_complaints))
      .set("complainants", std::to_string(s.complainants)).set("complainants_within_months", std::to_string(s.complainants_within_months))
      .set("reported_within_months", std::to_string(s.reported_within_months))
      .set("applied_within_months", std::to_string(s.applied_within_months)).set("appeal_to", s.appeal_to)
      .set("acknowledge_days", std::to_string(s.acknowledge_days)).set("decision_days", std::to_string(s.decision_days))
      .set("outcome_days", std::to_string(s.outcome_days));
  context.set("case_review", settings);
}

} // namespace panel::documents
