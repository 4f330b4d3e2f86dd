#include "panel/render/profile_json.hpp"

#include <nlohmann/json.hpp>

namespace panel::render {
namespace {

nlohmann::ordered_json condition_json(const core::Condition& c)
{
  nlohmann::ordered_json j = {{"field", c.field}};
  if (c.at_least)
    j["at_least"] = *c.at_least;
  if (c.is)
    j["is"] = *c.is;
  if (c.equals)
    j["equals"] = *c.equals;
  return j;
}

} // namespace

std::string profile_json(const core::Profile& p)
{
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  j["name"] = p.name;
  j["short"] = p.short_name;
  j["kind"] = p.kind;
  j["reference_prefix"] = p.reference_prefix;
  j["address"] = p.address;
  j["coordinator"] = {{"name", p.coordinator.name}, {"email", p.coordinator.email}, {"phone", p.coordinator.phone}};
  j["marking"] = p.marking;
  j["confidentiality"] = p.confidentiality;
  j["agencies"] = nlohmann::ordered_json::array();
  for (const auto& a : p.agencies)
    j["agencies"].push_back({{"code", a.code}, {"name", a.name}, {"email", a.email}, {"core", a.core}});
  j["quorum"] = p.quorum;
  j["categories"] = nlohmann::ordered_json::array();
  for (const auto& c : p.categories)
    j["categories"].push_back({{"code", c.code}, {"name", c.name}});
  j["risk_levels"] = p.risk_levels;
  j["risk_instruments"] = nlohmann::ordered_json::array();
  for (const auto& ri : p.risk_instruments)
    j["risk_instruments"].push_back({{"name", ri.name}, {"max", ri.max}});
  j["criteria"] = nlohmann::ordered_json::array();
  for (const auto& c : p.criteria) {
    nlohmann::ordered_json all = nlohmann::ordered_json::array();
    for (const auto& condition : c.all)
      all.push_back(condition_json(condition));
    j["criteria"].push_back({{"id", c.id}, {"label", c.label}, {"all", all}});
  }
  j["interventions"] = nlohmann::ordered_json::array();
  for (const auto& t : p.interventions) {
    nlohmann::ordered_json item = {{"code", t.code}, {"name", t.name}, {"tier", t.tier}};
    item["duration_months"] = t.duration_months ? nlohmann::ordered_json(*t.duration_months) : nlohmann::ordered_json(nullptr);
    item["review_months"] = t.review_months ? nlohmann::ordered_json(*t.review_months) : nlohmann::ordered_json(nullptr);
    j["interventions"].push_back(item);
  }
  j["redirect_forums"] = p.redirect_forums;
  j["repeat_window"] = p.repeat_window.text();
  j["agenda_lead_days"] = p.agenda_lead_days;
  j["minutes_due_working_days"] = p.minutes_due_working_days;
  j["due_soon_days"] = p.due_soon_days;
  j["remind_every_days"] = p.remind_every_days;
  j["escalate_after_days"] = p.escalate_after_days;
  j["attention_after_days"] = p.attention_after_days;
  j["templates"] = p.templates;
  j["mail"] = {{"from", p.mail.from}, {"sendmail", p.mail.sendmail}};
  j["safelives"] = {{"police", p.safelives.police}, {"idva", p.safelives.idva}};
  j["population"] = {{"adult_female", p.adult_female_population ? nlohmann::ordered_json(*p.adult_female_population)
                                                                : nlohmann::ordered_json(nullptr)}};
  const auto& c = p.case_review;
  j["case_review"] = {{"reported_within_months", c.reported_within_months},
                      {"applied_within_months", c.applied_within_months},
                      {"complaints", c.complaints},
                      {"hate_complaints", c.hate_complaints},
                      {"complainants", c.complainants},
                      {"complainants_within_months", c.complainants_within_months},
                      {"acknowledge_days", c.acknowledge_days},
                      {"decision_days", c.decision_days},
                      {"outcome_days", c.outcome_days},
                      {"outcome_from", c.outcome_from},
                      {"bank_holidays", c.bank_holidays},
                      {"appeal_to", c.appeal_to}};
  j["retention"] = {{"closed_case_years", p.retention.closed_case_years},
                    {"declined_referral_years", p.retention.declined_referral_years},
                    {"case_review_years", p.retention.case_review_years}};
  return j.dump(2) + "\n";
}

} // namespace panel::render
