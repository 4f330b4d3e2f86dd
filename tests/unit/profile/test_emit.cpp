#include "panel/profile/profile.hpp"

#include "tests/unit/support.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <fmt/format.h>

using namespace panel;
using panel::test::catch_error;

namespace {

core::Profile ccm() { return profile::load(profile::builtin_text("ccm"), "ccm.yaml"); }

// The refusal that set_value gives; checks that the profile it was given is unchanged.
test::Caught set_error(const std::string& key, const std::string& value)
{
  const auto p = ccm();
  const std::string before = profile::to_yaml(p);
  const auto caught = catch_error([&] { profile::set_value(p, key, value); });
  CHECK(profile::to_yaml(p) == before);
  REQUIRE_MESSAGE(caught.thrown, (std::string("set_value accepted ") + key + " = " + value));
  return caught;
}

} // namespace

TEST_CASE("emit: to_yaml writes the top-level keys in the documented order")
{
  const std::string yaml = profile::to_yaml(ccm());
  size_t last = 0;
  for (const char* key : {"name:", "short:", "kind:", "reference_prefix:", "address:", "coordinator:", "marking:",
                          "confidentiality:", "agencies:", "quorum:", "categories:", "risk_levels:",
                          "risk_instruments:", "criteria:", "interventions:", "redirect_forums:",
                          "repeat_window:", "agenda_lead_days:", "minutes_due_working_days:",
                          "due_soon_days:", "remind_every_days:", "escalate_after_days:", "templates:", "mail:"}) {
    CAPTURE(key);
    const auto at = yaml.find(std::string("\n") + key);
    REQUIRE((at != std::string::npos || yaml.rfind(key, 0) == 0));
    const size_t position = at == std::string::npos ? 0 : at;
    CHECK(position >= last);
    last = position;
  }
  CHECK(yaml.back() == '\n');
}

TEST_CASE("emit: to_yaml keeps text that looks like YAML as text")
{
  auto p = ccm();
  p.name = "Panel: North #1 - yes";
  p.short_name = "true";
  p.address = "";
  p.agencies[0].name = "[Police], {London}";
  const auto again = profile::load(profile::to_yaml(p), "");
  CHECK(again.name == p.name);
  CHECK(again.short_name == "true");
  CHECK(again.address == "");
  CHECK(again.agencies[0].name == "[Police], {London}");
}

TEST_CASE("emit: multi-line text ending in one newline round-trips unchanged")
{
  auto p = ccm();
  p.confidentiality = "First line.\nSecond line.\n";
  p.address = "1 High Street\n  Flat 2\nLondon\n";
  const auto again = profile::load(profile::to_yaml(p), "");
  CHECK(again.confidentiality == p.confidentiality);
  CHECK(again.address == p.address);
}

TEST_CASE("emit: multi-line text without a final newline round-trips unchanged")
{
  auto p = ccm();
  p.confidentiality = "First line.\nSecond line.";
  CHECK(profile::load(profile::to_yaml(p), "").confidentiality == p.confidentiality);
  p.confidentiality = "First line.\nSecond line.\n\n";
  CHECK(profile::load(profile::to_yaml(p), "").confidentiality == p.confidentiality);
}

TEST_CASE("emit: multi-line text whose first line is indented round-trips unchanged")
{
  auto p = ccm();
  p.address = "  Flat 2\nSome Road\n";
  const auto caught = catch_error([&] { CHECK(profile::load(profile::to_yaml(p), "").address == p.address); });
  CHECK_FALSE(caught.thrown);
}

TEST_CASE("emit: get_value gives a scalar as it is")
{
  const auto p = ccm();
  CHECK(profile::get_value(p, "short") == "CCM\n");
  CHECK(profile::get_value(p, "repeat_window") == "12 months\n");
  CHECK(profile::get_value(p, "marking") == "OFFICIAL-SENSITIVE\n");
}

TEST_CASE("emit: get_value gives a list of scalars one per line")
{
  const auto p = ccm();
  CHECK(profile::get_value(p, "quorum") == "POL\nCST\nASC\n");
  CHECK(profile::get_value(p, "risk_levels") == "standard\nmedium\nhigh\n");
}

TEST_CASE("emit: get_value follows dotted keys through maps and list indices")
{
  const auto p = ccm();
  CHECK(profile::get_value(p, "coordinator.email") == "communitysafety@example.org\n");
  CHECK(profile::get_value(p, "criteria.0.label") == "High risk (assessed risk level high)\n");
  CHECK(profile::get_value(p, "criteria.2.all.1.at_least") == "2\n");
  CHECK(profile::get_value(p, "mail.sendmail") == "/usr/sbin/sendmail\n-t\n-i\n");
}

TEST_CASE("emit: get_value gives a structure as YAML")
{
  const std::string value = profile::get_value(ccm(), "criteria.0");
  CHECK(value.find("id: high-risk") != std::string::npos);
  CHECK(value.find("equals: high") != std::string::npos);
  CHECK(profile::get_value(ccm(), "coordinator").find("email: communitysafety@example.org") != std::string::npos);
}

TEST_CASE("emit: get_value of an unknown key is refused with a hint")
{
  const auto p = ccm();
  auto caught = catch_error([&] { profile::get_value(p, "nme"); });
  REQUIRE(caught.thrown);
  CHECK(caught.code == Exit::refused);
  CHECK(caught.message == "unknown key 'nme' in the profile (did you mean 'name'?)");

  caught = catch_error([&] { profile::get_value(p, "coordinator.mail"); });
  REQUIRE(caught.thrown);
  CHECK(caught.message == "unknown key 'mail' in 'coordinator' (did you mean 'email'?)");

  caught = catch_error([&] { profile::get_value(p, "coordinator.fax_number"); });
  REQUIRE(caught.thrown);
  CHECK(caught.message == "unknown key 'fax_number' in 'coordinator' (known: name, email, phone)");
}

TEST_CASE("emit: get_value of a list index out of range is refused")
{
  const auto caught = catch_error([] { profile::get_value(ccm(), "criteria.99"); });
  REQUIRE(caught.thrown);
  CHECK(caught.code == Exit::refused);
  CHECK(caught.message == "'criteria' is a list of 4: use an index from 0 to 3");
}

TEST_CASE("emit: a key with an empty part is a usage error")
{
  for (const char* key : {"", "coordinator.", ".name", "criteria..label"}) {
    CAPTURE(key);
    const auto caught = catch_error([&] { profile::get_value(ccm(), key); });
    REQUIRE(caught.thrown);
    CHECK(caught.code == Exit::usage);
  }
}

TEST_CASE("emit: set_value sets a whole number")
{
  const auto p = ccm();
  const auto changed = profile::set_value(p, "agenda_lead_days", "9");
  CHECK(changed.agenda_lead_days == 9);
  CHECK(p.agenda_lead_days == 5);
  CHECK(profile::to_yaml(profile::set_value(changed, "agenda_lead_days", "5")) == profile::to_yaml(p));
}

TEST_CASE("emit: set_value sets the repeat window in months or days")
{
  const auto p = ccm();
  const auto changed = profile::set_value(p, "repeat_window", "90 days");
  CHECK(changed.repeat_window.text() == "90 days");
  CHECK(p.repeat_window.text() == "12 months");
  CHECK(profile::to_yaml(profile::set_value(changed, "repeat_window", "12 months")) == profile::to_yaml(p));
}

TEST_CASE("emit: set_value clears an optional value with '', '~' or null, and a required one refuses")
{
  const auto p = profile::set_value(ccm(), "population.adult_female", "52000");
  REQUIRE(p.adult_female_population == 52000L);
  for (const char* empty : {"", "~", "null", "Null", "NULL"}) {
    CAPTURE(empty);
    const auto cleared = profile::set_value(p, "population.adult_female", empty);
    CHECK_FALSE(cleared.adult_female_population.has_value());
    CHECK(profile::get_value(cleared, "population.adult_female") == "\n");
    // ... and set again afterwards.
    CHECK(profile::set_value(cleared, "population.adult_female", "60000").adult_female_population == 60000L);
    CHECK(profile::set_value(p, "coordinator.phone", empty).coordinator.phone.empty());
    CHECK(profile::set_value(p, "mail.from", empty).mail.from.empty());
    CHECK(profile::set_value(p, "templates", empty).templates.empty());
    CHECK(profile::set_value(p, "address", empty).address.empty());
    CHECK(profile::set_value(p, "case_review.appeal_to", empty).case_review.appeal_to.empty());
    CHECK(profile::set_value(p, "redirect_forums", empty).redirect_forums.empty());
    CHECK(profile::set_value(p, "case_review.bank_holidays", empty).case_review.bank_holidays.empty());
    // An optional number with a default goes back to it.
    CHECK(profile::set_value(profile::set_value(p, "case_review.complaints", "4"), "case_review.complaints", empty)
              .case_review.complaints == 3);
    // An intervention's review period is optional too.
    const auto abc = std::find_if(p.interventions.begin(), p.interventions.end(), [](const auto& t) { return t.review_months; });
    REQUIRE(abc != p.interventions.end());
    const auto key = fmt::format("interventions.{}.review_months", abc - p.interventions.begin());
    CHECK_FALSE(profile::set_value(p, key, empty).interventions[static_cast<size_t>(abc - p.interventions.begin())].review_months);
  }
  CHECK(set_error("agenda_lead_days", "~").message == "agenda_lead_days: expected a whole number");
  CHECK(set_error("repeat_window", "").message == "repeat_window: expected a number of months or days such as '12 months' or '90 days'");
  CHECK(set_error("name", "~").message == "name: needs a value");
}

TEST_CASE("emit: set_value sets text, keeping characters YAML would read otherwise")
{
  const auto changed = profile::set_value(ccm(), "name", "North: panel #1");
  CHECK(changed.name == "North: panel #1");
  CHECK(profile::set_value(ccm(), "coordinator.email", "new@example.org").coordinator.email == "new@example.org");
  CHECK(profile::set_value(ccm(), "criteria.1.at_least", "5").criteria[1].all[0].at_least == 5L);
}

TEST_CASE("emit: set_value sets a list from a comma list")
{
  const auto changed = profile::set_value(ccm(), "quorum", "POL,CST");
  CHECK(changed.quorum == std::vector<std::string>{"POL", "CST"});
  CHECK(profile::set_value(ccm(), "quorum", " POL , HSG ").quorum == std::vector<std::string>{"POL", "HSG"});
  CHECK(profile::set_value(ccm(), "quorum", "POL").quorum == std::vector<std::string>{"POL"});
}

TEST_CASE("emit: set_value sets a list from YAML flow text")
{
  CHECK(profile::set_value(ccm(), "quorum", "[POL, HSG]").quorum == std::vector<std::string>{"POL", "HSG"});
  CHECK(profile::set_value(ccm(), "quorum", "[]").quorum.empty());
}

TEST_CASE("emit: set_value keeps the rest of the profile as it was")
{
  const auto p = ccm();
  const auto changed = profile::set_value(p, "quorum", "POL,CST");
  CHECK(changed.agencies == p.agencies);
  CHECK(profile::to_yaml(profile::set_value(changed, "quorum", "POL,CST,ASC")) == profile::to_yaml(p));
}

TEST_CASE("emit: set_value refuses to change agencies")
{
  for (const char* key : {"agencies", "agencies.0.name"}) {
    CAPTURE(key);
    const auto caught = set_error(key, "x");
    CHECK(caught.code == Exit::refused);
    CHECK(caught.message == "agencies are changed with 'panel agency add|update|remove'");
  }
}

TEST_CASE("emit: set_value refuses a bad value naming the key and leaves the profile unchanged")
{
  auto caught = set_error("repeat_window", "soon");
  CHECK(caught.code == Exit::refused);
  CHECK(caught.message == "repeat_window: expected a number of months or days such as '12 months' or '90 days', got 'soon'");

  caught = set_error("quorum", "POL,XYZ");
  CHECK(caught.code == Exit::refused);
  CHECK(caught.message.rfind("quorum: unknown agency 'XYZ'", 0) == 0);

  caught = set_error("coordinator.email", "not an address");
  CHECK(caught.code == Exit::refused);
  CHECK(caught.message.rfind("coordinator.email: ", 0) == 0);

  caught = set_error("kind", "other");
  CHECK(caught.message.rfind("kind: unknown kind 'other'", 0) == 0);

  caught = set_error("quorum", "[POL, CST");
  CHECK(caught.code == Exit::refused);
  CHECK(caught.message.find("quorum") != std::string::npos);
}

TEST_CASE("emit: set_value refuses an unknown key with a hint")
{
  const auto caught = set_error("repeat_windows", "30");
  CHECK(caught.code == Exit::refused);
  CHECK(caught.message == "unknown key 'repeat_windows' in the profile (did you mean 'repeat_window'?)");
}

TEST_CASE("emit: set_value refuses a YAML tag or a second document in a structured value")
{
  CHECK(set_error("redirect_forums", "!!python/object:os.system [a]").message ==
        "redirect_forums: cannot read '!!python/object:os.system [a]' as YAML: YAML tag '!!python/object:os.system' is "
        "not accepted: panel reads plain text, numbers, lists and mappings; if the '!' is part of the text, put the value "
        "in quotes");
  CHECK(set_error("redirect_forums", "[a]\n--- [b]").message ==
        "redirect_forums: cannot read '[a]\n--- [b]' as YAML: a second YAML document starts here; panel reads one "
        "document per file");
}
