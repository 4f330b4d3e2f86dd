#include "panel/render/case_detail.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <sstream>

using namespace panel;

namespace {

// A person with an alias, a case note, a correction and a merge, and nothing else.
core::PersonRecord person()
{
  core::PersonRecord p;
  p.id = 4;
  p.name = "Zoë O'Brien";
  p.names = {"Zoë O'Brien"};
  p.dob = core::Date::parse("1990-05-21");
  p.aliases = {{1, 4, "Zoe O'Brien", core::Date::parse("1990-05-27"), "2017-09-04T09:00:00Z", "coordinator"}};
  core::CaseDetail kase;  // a case's notes are exported with the case
  kase.info.reference = "CCM-2017-0008";
  kase.info.opened = *core::Date::parse("2017-09-01");
  kase.notes = {{*core::Date::parse("2017-09-05"), "Phoned the GP", "2017-09-05T10:00:00Z", "coordinator"}};
  p.cases = {kase};
  p.history = {{"referral", "CCM-2017-0010", {"2017-09-04T09:00:00Z", "2017-09-04", "coordinator", "person merge", "person",
                                               "8", "4", "dob mistyped"}}};
  p.merges = {{1, 4, 8, "dob mistyped", "2017-09-04", "coordinator", ""}};
  return p;
}

std::string text(render::Format format)
{
  std::ostringstream out;
  render::write_person(out, person(), format);
  return out.str();
}

} // namespace

TEST_CASE("case detail: a person's export holds their aliases, case notes, corrections and merges")
{
  const auto j = nlohmann::json::parse(text(render::Format::json));
  CHECK(j["aliases"][0]["name"] == "Zoe O'Brien");
  CHECK(j["aliases"][0]["dob"] == "1990-05-27");
  CHECK(j["cases"][0]["notes"][0]["text"] == "Phoned the GP");
  CHECK(j["history"][0]["record"] == "CCM-2017-0010");
  CHECK(j["history"][0]["old"] == "8");
  CHECK(j["history"][0]["reason"] == "dob mistyped");
  CHECK(j["merges"][0]["merged_in"] == 8);
  CHECK(j["merges"][0]["undone_at"].is_null());
  const auto md = text(render::Format::md);
  CHECK(md.find("- **Also known as:** Zoe O'Brien (born 1990-05-27)") != std::string::npos);
  CHECK(md.find("## Notes\n- **2017-09-05:** Phoned the GP (coordinator)") != std::string::npos);
  CHECK(md.find("## Corrections\n- **referral CCM-2017-0010 2017-09-04:** person: '8' -> '4'") != std::string::npos);
  CHECK(md.find("## Merges of records\n- **merge 1 2017-09-04:** person 8 merged into person 4") != std::string::npos);
}
