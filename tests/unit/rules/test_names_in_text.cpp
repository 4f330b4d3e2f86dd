#include "panel/rules/names_in_text.hpp"

#include <doctest/doctest.h>

using panel::rules::find_names;
using panel::rules::replace_names;

TEST_CASE("names in text: the whole name, whatever the accents, apostrophes and case, is one replacement")
{
  const std::vector<std::string> names = {"Zoë O'Brien"};
  CHECK(replace_names("Call Zoë O'Brien at home", names, "CCM-2017-0001") == "Call CCM-2017-0001 at home");
  CHECK(replace_names("call ZOE OBRIEN at home", names, "CCM-2017-0001") == "call CCM-2017-0001 at home");
  CHECK(replace_names("Call zoe o’brien today", names, "CCM-2017-0001") == "Call CCM-2017-0001 today");
  CHECK(replace_names("Visit Zoë O'Brien's GP", names, "CCM-2017-0001") == "Visit CCM-2017-0001 GP");
}

TEST_CASE("names in text: one part of a name alone is found, as a whole word only")
{
  const std::vector<std::string> names = {"Zoë O'Brien-Smith"};
  CHECK(replace_names("Ask Ms Smith about the dog", names, "C-1") == "Ask Ms C-1 about the dog");
  CHECK(replace_names("Tell zoe", names, "C-1") == "Tell C-1");
  CHECK(replace_names("Smithfield market; zoetrope", names, "C-1") == "Smithfield market; zoetrope");
  CHECK(find_names("Housing visit", names).empty());
}

TEST_CASE("names in text: short parts count only within the whole name")
{
  const std::vector<std::string> names = {"Jo Li"};
  CHECK(replace_names("Ask Jo Li today", names, "C-1") == "Ask C-1 today");
  CHECK(replace_names("Ask Jo about it", names, "C-1") == "Ask Jo about it");
}

TEST_CASE("names in text: several people, and the spans found")
{
  const std::vector<std::string> names = {"Ann Lee", "Bob Marley"};
  const auto spans = find_names("Lee and BOB to meet", names);
  REQUIRE(spans.size() == 2);
  CHECK(spans[0].begin == 0);
  CHECK(spans[0].end == 3);
  CHECK(spans[1].begin == 8);
  CHECK(replace_names("Lee and BOB to meet — Ann Lee first", names, "R") == "R and R to meet — R first");
  CHECK(replace_names("", names, "R") == "");
  CHECK(replace_names("no one", {}, "R") == "no one");
}
