#include "panel/ops/documents.hpp"

#include "panel/core/error.hpp"
#include "panel/core/text.hpp"
#include "panel/input/templates.hpp"
#include "panel/ops/setup.hpp"
#include "panel/rules/names.hpp"
#include "panel/store/agencies.hpp"
#include "panel/store/referrals.hpp"

#include <fmt/format.h>

namespace panel::ops {
namespace {

using core::Value;

Value agency_value(store::Db& db, const std::string& code)
{
  Value v = Value::object();
  v.set("code", code).set("name", code).set("email", "");
  if (const auto agency = store::find_agency(db, code))
    v.set("name", agency->name).set("email", agency->email);
  return v;
}

std::string british(const std::optional<core::Date>& d) { return d ? d->british() : ""; }

} // namespace

std::string templates_folder(const std::string& flag, store::Db* db)
{
  if (!flag.empty() || !db)
    return flag;
  return load_profile(*db).templates;
}

std::vector<core::Template> templates_in_use(const std::string& folder, std::vector<std::string>& problems)
{
  return input::load_templates(folder, problems);
}

core::Template find_template(const std::vector<core::Template>& templates, const std::string& name,
                             const std::vector<std::string>& problems)
{
  std::vector<std::string> names;
  for (const auto& t : templates) {
    if (t.name == name)
      return t;
    names.push_back(t.name);
  }
  const auto hint = core::close_matches(name, names);
  std::string message = hint.empty() ? fmt::format("unknown template '{}' (see 'panel template list')", name)
                                     : fmt::format("unknown template '{}' (did you mean '{}'?)", name, hint.front());
  for (const auto& p : problems)
    message += "\npanel: error: " + p;
  throw refused(message);
}

Value base_context(const core::Profile& p, core::Date today, const std::string& recipient)
{
  Value coordinator = Value::object();
  coordinator.set("name", p.coordinator.name).set("email", p.coordinator.email).set("phone", p.coordinator.phone);
  Value panel = Value::object();
  panel.set("name", p.name).set("short", p.short_name).set("address", core::trim(p.address)).set("coordinator", coordinator);
  Value root = Value::object();
  root.set("panel", panel).set("today", today.british()).set("marking", p.marking)
      .set("confidentiality", core::trim(p.confidentiality)).set("recipient", recipient);
  return root;
}

void add_referral_context(Value& context, store::Db& db, const core::Profile& profile,
                          const core::RecordedReferral& rec, core::Date today)
{
  const auto& r = rec.referral;
  Value categories = Value::list({});
  for (const auto& code : r.categories) {
    std::string name = code;
    for (const auto& c : profile.categories)
      if (c.code == code)
        name = c.name;
    Value category = Value::object();
    category.set("code", code).set("name", name);
    categories.items.push_back(category);
  }
  Value criteria = Value::list({});
  for (const auto& id : rec.criteria_met)
    for (const auto& c : profile.criteria)
      if (c.id == id)
        criteria.items.push_back(Value::of(c.label));
  Value referrer = Value::object();
  referrer.set("name", r.referrer_name).set("email", r.referrer_email);
  Value decision = Value::object();
  decision.set("decision", "").set("date", "").set("reason", "").set("signpost", "").set("forum", "");
  const auto decisions = store::decisions_for(db, rec.id);
  if (!decisions.empty()) {
    const auto& d = decisions.back();
    decision.set("decision", d.decision).set("date", d.decided_on.british()).set("reason", d.reason)
        .set("signpost", d.signpost).set("forum", d.forum);
  }
  Value referral = Value::object();
  referral.set("status", rec.status).set("reference", rec.reference).set("received", r.received.british()).set("agency", agency_value(db, r.agency))
      .set("referrer", referrer).set("categories", categories).set("summary", r.summary).set("source_ref", r.source_ref)
      .set("criteria_met", criteria).set("meets_threshold", Value::yes_no(rec.meets_threshold))
      .set("repeat", Value::yes_no(!rec.repeat_of.empty())).set("decision", decision);
  context.set("referral", referral);

  Value person = Value::object();
  person.set("name", r.name).set("initials", rules::initials(r.name)).set("dob", british(r.dob))
      .set("age", r.dob ? std::to_string(core::age_on(*r.dob, today)) : "").set("postcode", r.postcode)
      .set("gender", r.gender);
  context.set("person", person);

  Value meeting = Value::object();
  meeting.set("date", british(rec.meeting_date)).set("time", "").set("venue", "").set("chair", "");
  context.set("meeting", meeting);

  Value kase = Value::object();
  kase.set("reference", "").set("lead_agency", agency_value(db, "")).set("risk", "").set("opened", "").set("review", "")
      .set("status", "");
  if (const auto c = store::find_case(db, rec.reference)) {
    kase.set("reference", c->reference).set("lead_agency", agency_value(db, c->lead_agency)).set("risk", c->risk_level)
        .set("opened", c->opened.british()).set("review", british(c->review_date)).set("status", c->status);
  }
  context.set("case", kase);
  if (!context.fields.count("actions"))
    context.set("actions", Value::list({}));
  if (!context.fields.count("interventions"))
    context.set("interventions", Value::list({}));
}

} // namespace panel::ops
