#include "panel/rules/dupes.hpp"
#include "panel/rules/names.hpp"

#include <doctest/doctest.h>

using panel::core::Date;
using panel::rules::dupe_score;
using Identity = panel::core::PersonIdentity;

namespace {

Identity who(std::int64_t id, const std::string& name, const char* dob, bool alias = false)
{
  return {id, name, panel::rules::normalise_name(name), dob ? Date::parse(dob) : std::nullopt, alias};
}

} // namespace

TEST_CASE("dupes: same folded name and dob day/month swapped")
{
  const auto s = dupe_score(who(1, "Zoë O'Brien", "1990-02-11"), who(2, "Zoe OBrien", "1990-11-02"));
  REQUIRE(s);
  CHECK(s->score == 90);
  CHECK(s->reason == "same name; dob day/month swapped");
}

TEST_CASE("dupes: a dob that differs in one digit")
{
  const auto s = dupe_score(who(1, "Jo Smith", "1990-02-14"), who(2, "JO SMITH", "1990-02-19"));
  REQUIRE(s);
  CHECK(s->score == 80);
  CHECK(s->reason == "same name; dob differs by one digit");
  CHECK(dupe_score(who(1, "Jo Smith", "1991-02-14"), who(2, "Jo Smith", "1990-02-14"))->score == 80);
}

TEST_CASE("dupes: a dob whose day or month digits are the wrong way round")
{
  // A new-user trial's pair: Zoë O'Brien born 21 May 1990, Zoe OBrien born 12 May 1990.
  const auto s = dupe_score(who(1, "Zoë O'Brien", "1990-05-21"), who(2, "Zoe OBrien", "1990-05-12"));
  REQUIRE(s);
  CHECK(s->score == 85);
  CHECK(s->reason == "same name; dob digits transposed");
  CHECK(dupe_score(who(1, "Jo Smith", "1990-10-03"), who(2, "Jo Smith", "1990-01-03"))->score == 85);
}

TEST_CASE("dupes: one dob missing, none on either, the same dob")
{
  CHECK(dupe_score(who(1, "Jo Smith", nullptr), who(2, "Jo Smith", "1990-02-14"))->reason == "same name; one dob missing");
  CHECK(dupe_score(who(1, "Jo Smith", "1990-02-14"), who(2, "Jo Smith", nullptr))->score == 60);
  CHECK(dupe_score(who(1, "Jo Smith", nullptr), who(2, "Jo Smith", nullptr))->reason == "same name; no dob on either");
  CHECK(dupe_score(who(1, "Jo Smith", nullptr), who(2, "Jo Smith", nullptr))->score == 50);
  CHECK(dupe_score(who(1, "Jo Smith", "1990-02-14"), who(2, "Jo Smith", "1990-02-14"))->score == 95);
}

TEST_CASE("dupes: a match on an alias scores 5 less and says so")
{
  const auto s = dupe_score(who(1, "Jo Bloggs", "1990-02-14", true), who(2, "Jo Bloggs", "1990-02-14"));
  REQUIRE(s);
  CHECK(s->score == 90);
  CHECK(s->reason == "same name as an alias; same dob");
}

TEST_CASE("dupes: pairs that must not match")
{
  // Same name, dates of birth years apart: two people.
  CHECK_FALSE(dupe_score(who(1, "Jo Smith", "1990-02-14"), who(2, "Jo Smith", "1972-06-30")));
  // Two digits apart, and a swap that is not day/month.
  CHECK_FALSE(dupe_score(who(1, "Jo Smith", "1990-02-14"), who(2, "Jo Smith", "1990-02-25")));
  CHECK_FALSE(dupe_score(who(1, "Jo Smith", "1990-02-14"), who(2, "Jo Smith", "1909-02-14")));
  // Different names, even with the same dob.
  CHECK_FALSE(dupe_score(who(1, "Jo Smith", "1990-02-14"), who(2, "Jo Smyth", "1990-02-14")));
  // A person is not a duplicate of themselves, and a purged (empty) name matches nothing.
  CHECK_FALSE(dupe_score(who(1, "Jo Smith", "1990-02-14"), who(1, "Jo Smith", "1990-11-02", true)));
  CHECK_FALSE(dupe_score({1, "[purged]", "", {}, false}, {2, "[purged]", "", {}, false}));
}

TEST_CASE("dupes: pairs are listed once, lower id first, with their best score, surest first")
{
  const std::vector<Identity> people = {who(3, "Zoe OBrien", "1990-11-02"), who(1, "Zoë O'Brien", "1985-05-05"),
                                        who(1, "Zoe OBrien", "1990-11-02", true), who(2, "Jo Smith", nullptr),
                                        who(4, "Jo Smith", "1972-06-30"), who(5, "Al Jones", "1980-01-01")};
  const auto pairs = panel::rules::dupe_pairs(people);
  REQUIRE(pairs.size() == 2);
  CHECK(pairs[0].first.person_id == 1);
  CHECK(pairs[0].second.person_id == 3);
  // Their own dates of birth are years apart; the alias of person 1 has person 3's.
  CHECK(pairs[0].score.score == 90);
  CHECK(pairs[0].score.reason == "same name as an alias; same dob");
  CHECK(pairs[0].first.alias);
  CHECK(pairs[1].first.person_id == 2);
  CHECK(pairs[1].second.person_id == 4);
  CHECK(pairs[1].score.reason == "same name; one dob missing");
}
