#include "panel/rules/research.hpp"
#include "panel/rules/risk.hpp"

#include "panel/profile/profile.hpp"

#include <doctest/doctest.h>

using namespace panel;

namespace {

core::ResearchPerson person(const char* group, const char* name, const char* dob = nullptr)
{
  core::ResearchPerson p;
  p.reference = group;
  p.case_reference = group;
  p.person = "other-party";
  p.name = name;
  if (dob)
    p.dob = core::Date::parse(dob);
  return p;
}

const core::Profile& marac()
{
  static const core::Profile p = profile::load(profile::builtin_text("marac"), "marac.yaml");
  return p;
}

} // namespace

TEST_CASE("research: the same folded name and date of birth in one case is one person")
{
  const auto rows = rules::one_row_per_person({person("M-1", "Liam Doherty", "1986-07-30"),
                                               person("M-1", "liam  DOHERTY", "1986-07-30"),
                                               person("M-1", "Seán O'Connor", "2014-10-19"),
                                               person("M-1", "Sean OConnor", "2014-10-19")});
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].name == "Liam Doherty");
  CHECK(rows[1].name == "Seán O'Connor");
}

TEST_CASE("research: a name alike with a date of birth missing on one side stays two people")
{
  CHECK(rules::one_row_per_person({person("M-1", "Mark Brown", "1970-01-01"), person("M-1", "Mark Brown")}).size() == 2);
  CHECK(rules::one_row_per_person({person("M-1", "Mark Brown"), person("M-1", "Mark Brown")}).size() == 1);
}

TEST_CASE("research: the same person in two cases is listed for each")
{
  const auto rows = rules::one_row_per_person({person("M-1", "Mark Brown", "1970-01-01"),
                                               person("M-2", "Mark Brown", "1970-01-01")});
  REQUIRE(rows.size() == 2);
  CHECK(rows[1].case_reference == "M-2");
}

TEST_CASE("research: subjects on the register are the same person by id, whatever their names")
{
  auto a = person("M-1", "Aoife O'Connor", "1989-02-11");
  auto b = person("M-1", "Aoife Doherty", "1989-02-11");
  a.person_id = 7;
  b.person_id = 7;
  CHECK(rules::same_person(a, b));
  b.person_id = 8;
  b.name = a.name;
  CHECK_FALSE(rules::same_person(a, b));
}

TEST_CASE("research: a referral without a case is grouped by its own reference")
{
  auto a = person("M-1", "Ann Lee");
  auto b = person("M-2", "Ann Lee");
  a.case_reference.clear();
  b.case_reference.clear();
  CHECK(rules::one_row_per_person({a, b}).size() == 2);
}

TEST_CASE("risk: the level with the score on its instrument")
{
  CHECK(rules::risk_summary(marac(), "high", 17, "DASH RIC", {}) == "high (DASH RIC 17)");
  CHECK(rules::risk_summary(marac(), "high", std::nullopt, "", {}) == "high");
  CHECK(rules::risk_summary(marac(), "", std::nullopt, "", {"professional-judgement"}) == "");
}

TEST_CASE("risk: no level but the score criterion met is visible high risk, never 'not yet assessed'")
{
  CHECK(rules::risk_summary(marac(), "", 17, "DASH RIC", {"visible-high-risk"}) == "visible high risk (DASH RIC 17)");
  // The instrument defaults to the profile's first one.
  CHECK(rules::risk_summary(marac(), "", 15, "", {"visible-high-risk", "repeat"}) == "visible high risk (DASH RIC 15)");
  CHECK(rules::risk_summary(marac(), "", 9, "", {"potential-escalation"}) == "DASH RIC 9, no risk level recorded");
}

TEST_CASE("risk: a profile without instruments says 'risk score'")
{
  core::Profile p;
  CHECK(rules::risk_summary(p, "", 4, "", {}) == "risk score 4, no risk level recorded");
}
