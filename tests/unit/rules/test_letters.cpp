#include "panel/rules/letters.hpp"

#include "panel/core/error.hpp"

#include <doctest/doctest.h>

using namespace panel;

namespace {

core::Date day(const char* text) { return *core::Date::parse(text); }

core::RecordedReferral referral(const char* received, const char* address)
{
  core::RecordedReferral r;
  r.referral.received = day(received);
  r.referral.address = address;
  return r;
}

core::InterventionRecord intervention(std::int64_t id, const char* type, const char* agency)
{
  core::InterventionRecord i;
  i.id = id;
  i.type = type;
  i.agency = agency;
  i.date = day("2017-09-01");
  return i;
}

core::Profile profile()
{
  core::Profile p;
  p.interventions = {{"cpw", "Community Protection Warning", 3, {}, {}}, {"abc", "Acceptable Behaviour Contract", 2, 3, 6},
                     {"home-visit", "Home visit", 1, {}, {}}};
  return p;
}

std::string refusal(const std::vector<core::InterventionRecord>& all, std::optional<std::int64_t> id,
                    std::vector<std::string> types = {"cpw"})
{
  try {
    rules::letter_intervention(all, types, id, "CCM-2017-0003", "community-protection-warning", profile());
  } catch (const Error& e) {
    CHECK(e.code() == Exit::refused);
    return e.what();
  }
  return "(not refused)";
}

} // namespace

TEST_CASE("letter_address: the latest referral that has an address")
{
  CHECK(rules::letter_address({}).empty());
  CHECK(rules::letter_address({referral("2017-06-01", "")}).empty());
  CHECK(rules::letter_address({referral("2017-06-01", "1 Old Road"), referral("2017-08-01", "2 New Road"),
                               referral("2017-09-01", "")}) == "2 New Road");
  CHECK(rules::letter_address({referral("2017-08-01", "2 New Road"), referral("2017-06-01", "1 Old Road")}) ==
        "2 New Road");
}

TEST_CASE("letter_intervention: the case's only intervention of the template's types, by itself")
{
  const auto chosen = rules::letter_intervention({intervention(1, "home-visit", "HSG"), intervention(2, "cpw", "POL")},
                                                 {"cpw"}, std::nullopt, "CCM-2017-0003", "cpw", profile());
  CHECK(chosen.id == 2);
  CHECK(chosen.agency == "POL");
}

TEST_CASE("letter_intervention: --intervention picks one of several")
{
  const std::vector<core::InterventionRecord> all = {intervention(4, "cpw", "POL"), intervention(5, "cpw", "HSG")};
  CHECK(rules::letter_intervention(all, {"cpw"}, 5, "CCM-2017-0003", "cpw", profile()).agency == "HSG");
}

TEST_CASE("letter_intervention: refusals say what to do")
{
  CHECK(refusal({intervention(1, "home-visit", "HSG")}, std::nullopt) ==
        "case CCM-2017-0003 has no Community Protection Warning recorded: record it first ('panel case intervention "
        "add CCM-2017-0003 --type cpw --agency CODE --date DATE', or in the minutes of the meeting that agreed it), "
        "then write the letter");
  CHECK(refusal({intervention(4, "cpw", "POL"), intervention(5, "cpw", "HSG")}, std::nullopt) ==
        "case CCM-2017-0003 has 2 interventions that template 'community-protection-warning' can be about; say which "
        "with --intervention ID:\npanel: error:   4: Community Protection Warning by POL on 2017-09-01\n"
        "panel: error:   5: Community Protection Warning by HSG on 2017-09-01");
  CHECK(refusal({intervention(1, "home-visit", "HSG")}, 1) ==
        "--intervention: intervention 1 of case CCM-2017-0003 is a Home visit; template 'community-protection-warning' "
        "is about a Community Protection Warning");
  CHECK(refusal({intervention(1, "cpw", "HSG")}, 7) ==
        "--intervention: case CCM-2017-0003 has no intervention 7 (its interventions and their ids: 'panel case show "
        "CCM-2017-0003')");
  CHECK(refusal({}, std::nullopt, {"abc", "cpw"}).starts_with(
      "case CCM-2017-0003 has no Acceptable Behaviour Contract or Community Protection Warning recorded"));
}

TEST_CASE("typed_address: commas, semicolons, new lines and a typed \\n separate lines")
{
  CHECK(panel::rules::typed_address("Flat 2, 14 Mill Lane, Skegness PE25 1AB") == "Flat 2\n14 Mill Lane\nSkegness PE25 1AB");
  CHECK(panel::rules::typed_address("Flat 2; 14 Mill Lane\\nSkegness") == "Flat 2\n14 Mill Lane\nSkegness");
  CHECK(panel::rules::typed_address("Flat 2\r\n14 Mill Lane\n") == "Flat 2\n14 Mill Lane");
}

TEST_CASE("typed_address: lines are trimmed and blank ones left out")
{
  CHECK(panel::rules::typed_address("  1 High St ,, ; London  ") == "1 High St\nLondon");
  CHECK(panel::rules::typed_address(" , ;\\n ") == "");
  CHECK(panel::rules::typed_address("") == "");
}
