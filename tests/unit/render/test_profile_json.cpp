#include "panel/render/profile_json.hpp"

#include "panel/profile/profile.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using panel::render::profile_json;

namespace {

panel::core::Profile ccm() { return panel::profile::load(panel::profile::builtin_text("ccm"), "ccm.yaml"); }

} // namespace

TEST_CASE("profile_json: every built-in profile gives valid JSON ending in a newline")
{
  for (const auto& name : panel::profile::builtin_names()) {
    CAPTURE(name);
    const std::string text = profile_json(panel::profile::load(panel::profile::builtin_text(name), name + ".yaml"));
    CHECK(nlohmann::json::accept(text));
    CHECK(text.back() == '\n');
  }
}

TEST_CASE("profile_json: top-level keys come in the order the profile YAML is written")
{
  const auto json = nlohmann::ordered_json::parse(profile_json(ccm()));
  std::vector<std::string> keys;
  for (const auto& item : json.items())
    keys.push_back(item.key());
  CHECK(keys == std::vector<std::string>{
                    "name", "short", "kind", "reference_prefix", "address", "coordinator", "marking",
                    "confidentiality", "agencies", "quorum", "categories", "risk_levels", "risk_instruments",
                    "criteria", "interventions", "redirect_forums", "repeat_window", "agenda_lead_days",
                    "minutes_due_working_days", "due_soon_days", "remind_every_days", "escalate_after_days",
                    "attention_after_days",
                    "templates", "mail", "safelives", "population", "case_review", "retention"});
}

TEST_CASE("profile_json: nested objects keep their written key order")
{
  const auto json = nlohmann::ordered_json::parse(profile_json(ccm()));
  auto keys_of = [](const nlohmann::ordered_json& object) {
    std::vector<std::string> keys;
    for (const auto& item : object.items())
      keys.push_back(item.key());
    return keys;
  };
  CHECK(keys_of(json["coordinator"]) == std::vector<std::string>{"name", "email", "phone"});
  CHECK(keys_of(json["agencies"][0]) == std::vector<std::string>{"code", "name", "email", "core"});
  CHECK(keys_of(json["criteria"][0]) == std::vector<std::string>{"id", "label", "all"});
  CHECK(keys_of(json["interventions"][0]) ==
        std::vector<std::string>{"code", "name", "tier", "duration_months", "review_months"});
  CHECK(keys_of(json["mail"]) == std::vector<std::string>{"from", "sendmail"});
}

TEST_CASE("profile_json: values keep their JSON types")
{
  const auto p = ccm();
  const auto json = nlohmann::json::parse(profile_json(p));
  CHECK(json["short"] == "CCM");
  CHECK(json["repeat_window"] == "12 months");
  CHECK(json["agencies"][0]["code"] == "POL");
  CHECK(json["agencies"][0]["core"] == true);
  CHECK(json["quorum"] == nlohmann::json::array({"POL", "CST", "ASC"}));
  CHECK(json["criteria"][0]["all"][0]["field"] == "risk_level");
  CHECK(json["criteria"][0]["all"][0]["equals"] == "high");
  CHECK(json["criteria"][1]["all"][0]["at_least"] == 3);
  CHECK(json["criteria"][2]["all"].size() == 2);
  CHECK(json["criteria"][2]["all"][0]["is"] == true);
  CHECK(json["interventions"][0]["duration_months"].is_null());
  CHECK(json["mail"]["sendmail"] == nlohmann::json::array({"/usr/sbin/sendmail", "-t", "-i"}));
  CHECK(json["address"] == p.address);
}

TEST_CASE("profile_json: text with quotes, backslashes and newlines survives as JSON")
{
  auto p = ccm();
  p.name = "The \"North\" panel\\\nsecond line";
  const auto json = nlohmann::json::parse(profile_json(p));
  CHECK(json["name"] == p.name);
}
