#include "panel/render/trends.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace panel;

namespace {

using Json = nlohmann::ordered_json;

report::TrendReport sample()
{
  report::TrendReport r;
  r.settings = {3, 12, 5, 0.05};
  r.type = "Anti-social behaviour";
  r.level = store::AreaLevel::lsoa;
  r.from = "2016-04";
  r.baseline_to = "2017-03";
  r.window_from = "2017-04";
  r.to = "2017-06";
  r.no_location = 7;
  r.rows = {{"E01000001", "City of London 001A", {1.5, 12, 4.5, 2.6666666, 0.0012345}, 0.0024690, true},
            {"E01000002", "City of London 001B", {2.25, 7, 6.75, 1.037037, 0.5}, 0.5, false}};
  return r;
}

} // namespace

TEST_CASE("render trends: json says what was tested and keeps the raw numbers of the areas flagged")
{
  const auto j = Json::parse(render::trends_json(sample(), false));
  CHECK(j["type"] == "Anti-social behaviour");
  CHECK(j["force"].is_null());
  CHECK(j["by"] == "lsoa");
  CHECK(j["from"] == "2016-04");
  CHECK(j["to"] == "2017-06");
  CHECK(j["window"] == 3);
  CHECK(j["baseline"] == 12);
  CHECK(j["min_count"] == 5);
  CHECK(j["alpha"] == 0.05);
  CHECK(j["areas_tested"] == 2);
  CHECK(j["no_location"] == 7);
  REQUIRE(j["rows"].size() == 1);
  CHECK(j["rows"][0].dump() == R"({"area":"E01000001","name":"City of London 001A","baseline_mean":1.5,"window_count":12,)"
                               R"("expected":4.5,"ratio":2.6666666,"p":0.0012345,"q":0.002469,"flagged":true})");
  // --all lists every area tested; a force is named.
  auto r = sample();
  r.force = "City of London Police";
  r.level = store::AreaLevel::district;
  const auto all = Json::parse(render::trends_json(r, true));
  CHECK(all["rows"].size() == 2);
  CHECK(all["force"] == "City of London Police");
  CHECK(all["by"] == "lsoa-district");
}

TEST_CASE("render trends: csv rounds for people and marks the flagged areas; the table pads the numbers")
{
  const auto csv = render::trends(sample(), true, render::Format::csv, {false, "OFFICIAL"});
  CHECK(csv == "# OFFICIAL\r\n"
               "area,name,baseline_mean,window_count,expected,ratio,p,q,flagged\r\n"
               "E01000001,City of London 001A,1.50,12,4.50,2.67,0.001,0.002,true\r\n"
               "E01000002,City of London 001B,2.25,7,6.75,1.04,0.500,0.500,false\r\n");
  const auto table = render::trends_table(sample(), false, render::Format::table);
  REQUIRE(table.rows.size() == 1);
  // BASELINE MEAN is 13 wide: the rounded mean is padded to it.
  CHECK(std::get<std::string>(table.rows[0][2]) == "         1.50");
}

TEST_CASE("render trends: the summary counts the areas flagged and names the months and the incidents not tested")
{
  CHECK(render::trends_summary(sample()) == "Anti-social behaviour: 1 of 2 areas flagged (window 2017-04..2017-06, "
                                            "baseline 2016-04..2017-03); 7 incidents with no location not tested");
  auto r = sample();
  r.no_location = 0;
  r.rows.pop_back();
  CHECK(render::trends_summary(r) ==
        "Anti-social behaviour: 1 of 1 areas flagged (window 2017-04..2017-06, baseline 2016-04..2017-03)");
}

TEST_CASE("render trends: probabilities for people have 3 decimals, or 3 digits in scientific below 0.001")
{
  CHECK(render::format_probability(1.0) == "1.000");
  CHECK(render::format_probability(0.0123456) == "0.012");
  CHECK(render::format_probability(0.001) == "0.001");
  CHECK(render::format_probability(0.000123456) == "1.23e-04");
  CHECK(render::format_probability(2.29e-7) == "2.29e-07");
  CHECK(render::format_probability(0.0) == "0");
}
