#include "panel/render/incidents.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace panel;

namespace {

using Json = nlohmann::ordered_json;

report::IncidentReport by_lsoa()
{
  report::IncidentReport r;
  r.by = report::IncidentKey::lsoa;
  r.from = "2018-10";
  r.to = "2019-09";
  r.compare_year = true;
  r.rows = {{"E01000001", "City of London 001A", 30, 20, 0.5},
            {"", "No Location", 4, std::nullopt, std::nullopt},
            {"E01000002", "City of London 001B", 3, 0, std::nullopt}};
  return r;
}

} // namespace

TEST_CASE("render incidents: json has the key, the name for lsoa, the count and the year before")
{
  const auto j = Json::parse(render::incidents_json(by_lsoa()));
  CHECK(j["by"] == "lsoa");
  CHECK(j["from"] == "2018-10");
  CHECK(j["to"] == "2019-09");
  CHECK(j["rows"][0].dump() == R"({"key":"E01000001","name":"City of London 001A","count":30,"previous":20,"change":0.5})");
  // No data the year before is null, never 0; a previous of 0 has no change.
  CHECK(j["rows"][1].dump() == R"({"key":"","name":"No Location","count":4,"previous":null,"change":null})");
  CHECK(j["rows"][2].dump() == R"({"key":"E01000002","name":"City of London 001B","count":3,"previous":0,"change":null})");
}

TEST_CASE("render incidents: without a comparison or an lsoa key there is no name, previous or change")
{
  report::IncidentReport r;
  r.by = report::IncidentKey::month;
  r.rows = {{"2018-10", "", 12, std::nullopt, std::nullopt}};
  const auto j = Json::parse(render::incidents_json(r));
  CHECK(j["from"].is_null());
  CHECK(j["rows"].dump() == R"([{"key":"2018-10","count":12}])");
  CHECK(render::incidents(r, render::Format::csv, {}) == "key,count\r\n2018-10,12\r\n");
  CHECK(render::incidents(r, render::Format::table, {}) == "MONTH    INCIDENTS\n2018-10         12\n");
}

TEST_CASE("render incidents: csv keeps the fraction and leaves no data empty; people read a percentage and 'no data'")
{
  const auto csv = render::incidents(by_lsoa(), render::Format::csv, {false, "OFFICIAL"});
  CHECK(csv == "# OFFICIAL\r\n"
               "key,name,count,previous,change\r\n"
               "E01000001,City of London 001A,30,20,0.5\r\n"
               ",No Location,4,,\r\n"
               "E01000002,City of London 001B,3,0,\r\n");
  const auto md = render::incidents(by_lsoa(), render::Format::md, {});
  CHECK(md.find("| LSOA | NAME | INCIDENTS | YEAR BEFORE | CHANGE |") != std::string::npos);
  CHECK(md.find("| E01000001 | City of London 001A | 30 | 20 | +50.0% |") != std::string::npos);
  CHECK(md.find("|  | No Location | 4 | no data |  |") != std::string::npos);
}
