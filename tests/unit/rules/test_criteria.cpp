#include "panel/rules/criteria.hpp"

#include "panel/profile/profile.hpp"

#include <doctest/doctest.h>

using namespace panel;
using rules::criteria_met;
using rules::within_repeat_window;

namespace {

const core::Profile& marac()
{
  static const core::Profile p = profile::load(profile::builtin_text("marac"), "marac.yaml");
  return p;
}

const core::Profile& ccm()
{
  static const core::Profile p = profile::load(profile::builtin_text("ccm"), "ccm.yaml");
  return p;
}

core::Date day(const char* iso) { return *core::Date::parse(iso); }

using Ids = std::vector<std::string>;

Ids met_marac(const core::Referral& r, bool repeat = false) { return criteria_met(marac().criteria, r, repeat); }
Ids met_ccm(const core::Referral& r, bool repeat = false) { return criteria_met(ccm().criteria, r, repeat); }

} // namespace

TEST_CASE("criteria: the shipped profiles have the criteria the tests rely on")
{
  Ids marac_ids, ccm_ids;
  for (const auto& c : marac().criteria)
    marac_ids.push_back(c.id);
  for (const auto& c : ccm().criteria)
    ccm_ids.push_back(c.id);
  CHECK(marac_ids == Ids{"visible-high-risk", "potential-escalation", "repeat", "professional-judgement"});
  CHECK(ccm_ids == Ids{"high-risk", "persistent", "vulnerable-complex", "professional-judgement"});
  CHECK(marac().repeat_window.text() == "12 months");
  CHECK(ccm().repeat_window.text() == "12 months");
}

TEST_CASE("criteria: a referral with nothing known meets no criterion")
{
  core::Referral r;
  CHECK(met_marac(r).empty());
  CHECK(met_ccm(r).empty());
}

TEST_CASE("criteria marac: a risk score of 14 is visible high risk, 13 is not")
{
  core::Referral r;
  r.risk_score = 13;
  CHECK(met_marac(r).empty());
  r.risk_score = 14;
  CHECK(met_marac(r) == Ids{"visible-high-risk"});
  r.risk_score = 24;
  CHECK(met_marac(r) == Ids{"visible-high-risk"});
}

TEST_CASE("criteria marac: 3 incidents in 12 months is potential escalation, 2 is not")
{
  core::Referral r;
  r.incidents_12m = 2;
  CHECK(met_marac(r).empty());
  r.incidents_12m = 3;
  CHECK(met_marac(r) == Ids{"potential-escalation"});
}

TEST_CASE("criteria marac: a repeat meets the repeat criterion")
{
  core::Referral r;
  CHECK(met_marac(r, false).empty());
  CHECK(met_marac(r, true) == Ids{"repeat"});
}

TEST_CASE("criteria marac: professional judgement is a criterion of its own")
{
  core::Referral r;
  r.professional_judgement = true;
  CHECK(met_marac(r) == Ids{"professional-judgement"});
}

TEST_CASE("criteria marac: every criterion met is listed, in profile order")
{
  core::Referral r;
  r.risk_score = 20;
  r.incidents_12m = 5;
  r.professional_judgement = true;
  CHECK(met_marac(r, true) == Ids{"visible-high-risk", "potential-escalation", "repeat", "professional-judgement"});
}

TEST_CASE("criteria marac: a missing risk score or incident count never meets its criterion")
{
  core::Referral r;
  r.risk_score = std::nullopt;
  r.incidents_12m = std::nullopt;
  r.risk_level = "high";
  r.vulnerable = true;
  CHECK(met_marac(r).empty());
}

TEST_CASE("criteria marac: a score of 0 is known and below the threshold, not missing")
{
  core::Referral r;
  r.risk_score = 0;
  r.incidents_12m = 0;
  CHECK(met_marac(r).empty());
}

TEST_CASE("criteria ccm: risk level high is high risk, medium is not")
{
  core::Referral r;
  r.risk_level = "medium";
  CHECK(met_ccm(r).empty());
  r.risk_level = "standard";
  CHECK(met_ccm(r).empty());
  r.risk_level = "high";
  CHECK(met_ccm(r) == Ids{"high-risk"});
}

TEST_CASE("criteria ccm: a risk score of 24 without a risk level is not high risk")
{
  core::Referral r;
  r.risk_score = 24;
  CHECK(met_ccm(r).empty());
}

TEST_CASE("criteria ccm: 3 incidents in 12 months is persistent, 2 is not")
{
  core::Referral r;
  r.incidents_12m = 2;
  CHECK(met_ccm(r).empty());
  r.incidents_12m = 3;
  CHECK(met_ccm(r) == Ids{"persistent"});
}

TEST_CASE("criteria ccm: vulnerable with 2 agencies involved is vulnerable and complex, with 1 it is not")
{
  core::Referral r;
  r.vulnerable = true;
  r.agencies_involved = 1;
  CHECK(met_ccm(r).empty());
  r.agencies_involved = 2;
  CHECK(met_ccm(r) == Ids{"vulnerable-complex"});
}

TEST_CASE("criteria ccm: vulnerable and complex needs both conditions")
{
  core::Referral r;
  r.vulnerable = false;
  r.agencies_involved = 5;
  CHECK(met_ccm(r).empty());
  r.vulnerable = true;
  r.agencies_involved = std::nullopt;
  CHECK(met_ccm(r).empty());
}

TEST_CASE("criteria ccm: a repeat is not a criterion of the community profile")
{
  core::Referral r;
  CHECK(met_ccm(r, true).empty());
}

TEST_CASE("criteria ccm: professional judgement is a criterion of its own")
{
  core::Referral r;
  r.professional_judgement = true;
  CHECK(met_ccm(r) == Ids{"professional-judgement"});
}

TEST_CASE("criteria: professional judgement adds a criterion but never removes one")
{
  core::Referral r;
  r.risk_score = 14;
  r.incidents_12m = 3;
  r.risk_level = "high";
  r.vulnerable = true;
  r.agencies_involved = 2;
  for (const bool repeat : {false, true}) {
    r.professional_judgement = false;
    const auto marac_without = met_marac(r, repeat);
    const auto ccm_without = met_ccm(r, repeat);
    r.professional_judgement = true;
    auto marac_with = met_marac(r, repeat);
    auto ccm_with = met_ccm(r, repeat);
    REQUIRE(marac_with.back() == "professional-judgement");
    REQUIRE(ccm_with.back() == "professional-judgement");
    marac_with.pop_back();
    ccm_with.pop_back();
    CHECK(marac_with == marac_without);
    CHECK(ccm_with == ccm_without);
  }
}

TEST_CASE("criteria: professional judgement false does not lower a referral that meets the threshold")
{
  core::Referral r;
  r.risk_score = 18;
  r.professional_judgement = false;
  CHECK(met_marac(r) == Ids{"visible-high-risk"});
}

TEST_CASE("criteria: a criterion with no conditions is never met")
{
  const std::vector<core::Criterion> criteria = {{"empty", "Nothing to test", {}}};
  core::Referral r;
  r.professional_judgement = true;
  CHECK(criteria_met(criteria, r, true).empty());
}

TEST_CASE("criteria: a number condition on a missing children count does not hold")
{
  const std::vector<core::Criterion> criteria = {
      {"children", "Children in the household", {{"children", 1, std::nullopt, std::nullopt}}}};
  core::Referral r;
  CHECK(criteria_met(criteria, r, false).empty());
  r.children = 0;
  CHECK(criteria_met(criteria, r, false).empty());
  r.children = 1;
  CHECK(criteria_met(criteria, r, false) == Ids{"children"});
}

TEST_CASE("criteria: a flag condition on an unknown resident flag does not hold")
{
  const std::vector<core::Criterion> not_resident = {
      {"non-resident", "Not a resident", {{"resident", std::nullopt, false, std::nullopt}}}};
  core::Referral r;
  CHECK(criteria_met(not_resident, r, false).empty());
  r.resident = true;
  CHECK(criteria_met(not_resident, r, false).empty());
  r.resident = false;
  CHECK(criteria_met(not_resident, r, false) == Ids{"non-resident"});
}

namespace {
const core::DateSpan twelve_months{12, core::DateSpan::Unit::months};
core::DateSpan days(int n) { return {n, core::DateSpan::Unit::days}; }
} // namespace

TEST_CASE("repeat: twelve months after the last referral, to the day, is a repeat (SafeLives)")
{
  // 2019-06-15 -> 2020-06-15 is 366 days (29 February 2020 lies between): still a repeat.
  CHECK(day("2019-06-15").days_until(day("2020-06-15")) == 366);
  CHECK(within_repeat_window(day("2019-06-15"), day("2020-06-15"), twelve_months));
  CHECK_FALSE(within_repeat_window(day("2019-06-15"), day("2020-06-16"), twelve_months));
  // The 365-day count it replaces would have said no.
  CHECK_FALSE(within_repeat_window(day("2019-06-15"), day("2020-06-15"), days(365)));
}

TEST_CASE("repeat: the last day inside twelve months and the first day outside")
{
  CHECK(within_repeat_window(day("2017-01-01"), day("2018-01-01"), twelve_months));
  CHECK_FALSE(within_repeat_window(day("2017-01-01"), day("2018-01-02"), twelve_months));
  CHECK(within_repeat_window(day("2019-08-31"), day("2020-08-31"), twelve_months));
  CHECK_FALSE(within_repeat_window(day("2019-08-31"), day("2020-09-01"), twelve_months));
}

TEST_CASE("repeat: from 29 February the window ends on 28 February, the month having no 29th")
{
  CHECK(within_repeat_window(day("2020-02-29"), day("2021-02-28"), twelve_months));
  CHECK_FALSE(within_repeat_window(day("2020-02-29"), day("2021-03-01"), twelve_months));
  CHECK(within_repeat_window(day("2019-03-01"), day("2020-02-29"), twelve_months));
  CHECK(within_repeat_window(day("2019-03-01"), day("2020-03-01"), twelve_months));
  CHECK_FALSE(within_repeat_window(day("2019-03-01"), day("2020-03-02"), twelve_months));
}

TEST_CASE("repeat: from a month's end the window ends on the shorter month's last day")
{
  const core::DateSpan six_months{6, core::DateSpan::Unit::months};
  CHECK(within_repeat_window(day("2019-08-31"), day("2020-02-29"), six_months));
  CHECK_FALSE(within_repeat_window(day("2019-08-31"), day("2020-03-01"), six_months));
  CHECK(within_repeat_window(day("2018-08-31"), day("2019-02-28"), six_months));
  CHECK_FALSE(within_repeat_window(day("2018-08-31"), day("2019-03-01"), six_months));
}

TEST_CASE("repeat: a referral on the same day as the last one is a repeat")
{
  CHECK(within_repeat_window(day("2017-06-05"), day("2017-06-05"), twelve_months));
}

TEST_CASE("repeat: a previous referral dated after this one does not make it a repeat")
{
  CHECK_FALSE(within_repeat_window(day("2017-06-06"), day("2017-06-05"), twelve_months));
  CHECK_FALSE(within_repeat_window(day("2018-01-01"), day("2017-01-01"), days(365)));
}

TEST_CASE("repeat: a window in days counts the real days across 29 February")
{
  // 2015-03-01 -> 2016-02-29 is 365 days: a repeat with 365 days.
  CHECK(within_repeat_window(day("2015-03-01"), day("2016-02-29"), days(365)));
  // 2015-03-01 -> 2016-03-01 is 366 days: not a repeat with 365 days, but with 12 months.
  CHECK_FALSE(within_repeat_window(day("2015-03-01"), day("2016-03-01"), days(365)));
  CHECK(within_repeat_window(day("2015-03-01"), day("2016-03-01"), twelve_months));
}

TEST_CASE("repeat: a window of 0 days makes only same-day referrals repeats")
{
  CHECK(within_repeat_window(day("2017-06-05"), day("2017-06-05"), days(0)));
  CHECK_FALSE(within_repeat_window(day("2017-06-05"), day("2017-06-06"), days(0)));
}

TEST_CASE("repeat: the window follows the profile's number of days")
{
  CHECK(within_repeat_window(day("2017-01-01"), day("2017-03-31"), days(89)));
  CHECK_FALSE(within_repeat_window(day("2017-01-01"), day("2017-04-01"), days(89)));
  CHECK(within_repeat_window(day("2017-01-01"), day("2017-04-01"), days(90)));
}
