#include "panel/documents/reminders.hpp"

#include "panel/core/error.hpp"
#include "panel/core/text.hpp"
#include "panel/documents/documents.hpp"
#include "panel/mail/delivery.hpp"
#include "panel/render/document.hpp"
#include "panel/rules/names_in_text.hpp"
#include "panel/store/case_names.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>

namespace panel::documents {
namespace {

using core::Value;

// "1 day", "13 days"; "" for none.
std::string days_text(int days) { return days > 0 ? core::plural(days, "day", "days") : ""; }

// When an action not yet overdue falls due: "today", "tomorrow", "in 5 days".
std::string due_in(int days) { return days == 0 ? "today" : days == 1 ? "tomorrow" : fmt::format("in {} days", days); }

} // namespace

Value reminded_action(store::Db& db, const store::ActionRow& r, core::Date today)
{
  const int overdue = std::max(0, r.action.due.days_until(today));
  Value v = action_value(db, r.action, today);
  // A name typed into the text goes no further than the register: the mail says the case reference.
  v.set("description", rules::replace_names(r.action.description, store::case_names(db, r.action.case_reference),
                                            r.action.case_reference));
  v.set("overdue_by", days_text(overdue)).set("due_in", overdue ? "" : due_in(today.days_until(r.action.due)))
      .set("meeting", r.meeting.empty() ? "" : core::Date::parse(r.meeting).value_or(core::Date()).british());
  return v;
}

Value trigger_step_value(const TriggerStepDue& t, core::Date today)
{
  static const std::map<std::string, std::string> names = {
      {"acknowledge", "Acknowledgement"}, {"decide", "Threshold decision"}, {"outcome", "Review and outcome"}};
  const auto plural_days = [](int n) { return core::plural(n, "working day", "working days"); };
  Value v = Value::object();
  // Overdue once a working day has passed since the due day; a step due on Friday is not yet
  // overdue at the weekend ("due on the last working day").
  const bool overdue = t.working_days_overdue > 0;
  v.set("reference", t.reference).set("step", names.at(t.step)).set("due", t.due.british())
      .set("overdue", Value::yes_no(overdue)).set("overdue_by", overdue ? plural_days(t.working_days_overdue) : "")
      .set("due_in", overdue ? "" : t.due < today ? "due on the last working day" : due_in(today.days_until(t.due)));
  return v;
}

Value review_value(store::Db& db, const store::ReviewDue& r, core::Date today)
{
  Value v = Value::object();
  v.set("case", r.reference).set("lead_agency", r.lead_agency.empty() ? Value::object() : agency_value(db, r.lead_agency))
      .set("risk", r.risk).set("review", r.review.british()).set("days_overdue", std::to_string(r.review.days_until(today)))
      .set("overdue_by", days_text(r.review.days_until(today)));
  return v;
}

Value intervention_value(store::Db& db, const core::Profile& profile, const store::InterventionDue& i, core::Date today)
{
  std::string name = i.type;
  for (const auto& type : profile.interventions)
    if (type.code == i.type)
      name = type.name;
  Value v = Value::object();
  v.set("id", fmt::format("I-{}", i.id)).set("case", i.reference).set("type", i.type).set("name", name)
      .set("tier", std::to_string(i.tier)).set("agency", agency_value(db, i.agency)).set("date", i.date.british())
      .set("step", i.step == "review" ? "Review" : "Expiry").set("due", i.due.british())
      .set("days_overdue", std::to_string(i.due.days_until(today))).set("overdue_by", days_text(i.due.days_until(today)));
  return v;
}

Value attention_value(store::Db& db, const core::CaseNextStep& c)
{
  Value v = Value::object();
  v.set("case", c.info.reference).set("reasons", core::join(c.attention, "; "))
      .set("lead_agency", c.info.lead_agency.empty() ? Value::object() : agency_value(db, c.info.lead_agency))
      .set("risk", c.info.risk_level);
  return v;
}

core::Template mail_template(const std::vector<core::Template>& templates, const std::string& name, const std::string& kind,
                             const std::vector<std::string>& problems)
{
  auto t = find_template(templates, name, problems);
  if (t.kind != kind)
    throw refused(fmt::format("{}: template '{}' is for: {}, but reminders need one for: {}", t.file, t.name, t.kind, kind));
  require_valid(t);
  return t;
}

mail::Message compose(const core::Template& t, const Value& context, const std::string& from, const std::string& to,
                      const std::string& at)
{
  const auto doc = render::render_document(t, context, render::DocFormat::txt);
  mail::Message m{from, {to}, doc.subject, doc.body, mail::rfc5322_date(at), ""};
  m.message_id = mail::make_message_id(at, m);
  return m;
}

} // namespace panel::documents
