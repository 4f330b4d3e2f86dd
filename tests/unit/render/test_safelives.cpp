#include "panel/render/safelives.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace panel;

namespace {

using Json = nlohmann::ordered_json;

core::Date day(const std::string& text) { return *core::Date::parse(text); }

// Every count different, so that a column written from the wrong field shows.
report::SafeLivesCounts counts(std::int64_t base)
{
  report::SafeLivesCounts c;
  c.cases_discussed = base + 8;
  c.repeat_cases = base + 1;
  c.police_referrals = base + 2;
  c.idva_referrals = base + 3;
  c.partner_referrals = base + 4;
  c.bame = base + 5;
  c.lgbt = base + 6;
  c.disabled = base + 7;
  c.male = base + 0;
  c.aged_16_17 = base + 9;
  c.perpetrators_under_18 = base + 10;
  c.children = base + 11;
  return c;
}

report::SafeLivesReturn sample()
{
  report::SafeLivesReturn r;
  r.period = {day("2017-07-01"), day("2017-09-30"), "2017-Q3", "quarter"};
  r.meetings = {{day("2017-07-11"), counts(0)}};
  r.totals = counts(0);
  r.year_from = day("2016-10-01");
  r.year_cases = 16;
  r.adult_female_population = 25600;
  r.per_10k_adult_females = core::round_ratio(16 * 10000, 25600, 1);
  return r;
}

} // namespace

TEST_CASE("render safelives: json has every column of a meeting, the totals and the percentages of cases")
{
  const auto j = Json::parse(render::safelives_json(sample()));
  CHECK(j["period"].dump() == R"({"from":"2017-07-01","to":"2017-09-30","label":"2017-Q3"})");
  CHECK(j["meetings"][0].dump() ==
        R"({"meeting":"2017-07-11","cases_discussed":8,"repeat_cases":1,"police_referrals":2,"idva_referrals":3,)"
        R"("partner_referrals":4,"bame":5,"lgbt":6,"disabled":7,"male":0,"aged_16_17":9,"perpetrators_under_18":10,"children":11})");
  CHECK(j["totals"]["children"] == 11);
  // Of 8 cases: 1/8 = 0.125, ...; none for cases discussed itself nor for children.
  CHECK(j["percentages"].dump() ==
        R"({"repeat_cases":0.125,"police_referrals":0.25,"idva_referrals":0.375,"partner_referrals":0.5,"bame":0.625,)"
        R"("lgbt":0.75,"disabled":0.875,"male":0.0,"aged_16_17":1.125,"perpetrators_under_18":1.25})");
  CHECK(j["twelve_months"].dump() == R"({"from":"2016-10-01","to":"2017-09-30","cases_discussed":16})");
  CHECK(j["adult_female_population"] == 25600);
  CHECK(j["cases_per_10k_adult_females"] == 6.3);
}

TEST_CASE("render safelives: with no cases discussed the percentages are null and there is no rate without a population")
{
  report::SafeLivesReturn r;
  r.period = {day("2017-07-01"), day("2017-09-30"), "2017-Q3", "quarter"};
  r.year_from = day("2016-10-01");
  const auto j = Json::parse(render::safelives_json(r));
  CHECK(j["meetings"].dump() == "[]");
  CHECK(j["percentages"]["bame"].is_null());
  CHECK(j["percentages"].size() == 10);
  CHECK(j["adult_female_population"].is_null());
  CHECK(j["cases_per_10k_adult_females"].is_null());
  const auto table = render::safelives(r, render::Format::table, {});
  CHECK(render::safelives(r, render::Format::md, {}).find("| percent |  | - | - |") != std::string::npos);
  CHECK(table.find("Per 10,000 adult females: set population.adult_female in the profile to see this\n") != std::string::npos);
}

TEST_CASE("render safelives: csv has a line per meeting, the total and the percentages, after the marking asked for")
{
  const auto csv = render::safelives(sample(), render::Format::csv, {false, "OFFICIAL-SENSITIVE"});
  CHECK(csv == "# OFFICIAL-SENSITIVE\r\n"
               "meeting,cases_discussed,repeat_cases,police_referrals,idva_referrals,partner_referrals,bame,lgbt,disabled,"
               "male,aged_16_17,perpetrators_under_18,children\r\n"
               "2017-07-11,8,1,2,3,4,5,6,7,0,9,10,11\r\n"
               "total,8,1,2,3,4,5,6,7,0,9,10,11\r\n"
               "percent,,12.5%,25.0%,37.5%,50.0%,62.5%,75.0%,87.5%,0.0%,112.5%,125.0%,\r\n");
  // Without --marking no comment line; the table and Markdown never have one.
  CHECK(render::safelives(sample(), render::Format::csv, {}).rfind("meeting,", 0) == 0);
  CHECK(render::safelives(sample(), render::Format::md, {false, "OFFICIAL-SENSITIVE"}).find("OFFICIAL") == std::string::npos);
}

TEST_CASE("render safelives: the table ends with the twelve months and the rate per 10,000 adult females")
{
  const auto table = render::safelives(sample(), render::Format::table, {});
  CHECK(table.rfind("MEETING     CASES  REPEATS", 0) == 0);
  CHECK(table.find("\nCases discussed in the twelve months 2016-10-01 to 2017-09-30: 16\n"
                   "Per 10,000 adult females (population 25600): 6.3\n") != std::string::npos);
}
