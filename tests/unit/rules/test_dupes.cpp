#include "panel/rules/dupes.hpp"
#include "panel/rules/names.hpp"

#include <algorithm>
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
  // Different names, even with the same dob (alike names with it do score: trial 2 N2).
  CHECK_FALSE(dupe_score(who(1, "Jo Smith", "1990-02-14"), who(2, "Al Jones", "1990-02-14")));
  // An alike name with a dob one digit apart: two changes, too far.
  CHECK_FALSE(dupe_score(who(1, "Jo Smith", "1990-02-14"), who(2, "Jo Smyth", "1990-02-15")));
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

TEST_CASE("dupes: alike names (trial 2 N2) - pairs that must and must not be alike")
{
  using panel::rules::NameLikeness;
  using panel::rules::name_likeness;
  const auto key = [](const char* n) { return panel::rules::normalise_name(n); };
  struct Row {
    const char *a, *b;
    std::optional<NameLikeness> want;
  };
  const Row rows[] = {
      {"Sara Lewis", "Sarah Lewis", NameLikeness::similar},        // one letter dropped
      {"Jon Hale", "John Hale", NameLikeness::similar},            // one letter, short name
      {"Sam Lewis", "Samantha Lewis", NameLikeness::similar},      // first name the start of the other
      {"Jo Lewis", "Joanne Lewis", NameLikeness::similar},
      {"Mohammed Khan", "Muhammad Khan", NameLikeness::similar},   // two letters, long name
      {"Sarah Lewis", "Sarah Lewsi", NameLikeness::similar},       // neighbours swapped
      {"Anne Carter", "Carter Anne", NameLikeness::swapped},
      {"Anne Mary Carter", "Carter Mary Anne", NameLikeness::swapped},
      {"Sam Lewis", "Sarah Lewis", std::nullopt},                  // three letters: a different person (a twin)
      {"Sam Lewis", "Sara Lewis", std::nullopt},                   // two letters in a short name
      {"Ann Lee", "Bob Lee", std::nullopt},
      {"Sarah Lewis", "Sarah Jones", std::nullopt},
      {"S Lewis", "Sarah Lewis", std::nullopt},                    // one initial is too little
      {"Sarah Lewis", "Sarah Lewis", std::nullopt},                // the same name is not "alike"
      {"Zoë O'Brien", "Zoe OBrien", std::nullopt},                 // folds to the same name
      {"", "Sarah Lewis", std::nullopt},
  };
  for (const auto& row : rows) {
    CAPTURE(row.a);
    CAPTURE(row.b);
    CHECK(name_likeness(key(row.a), key(row.b)) == row.want);
    CHECK(name_likeness(key(row.b), key(row.a)) == row.want);  // either way round
  }
}

TEST_CASE("dupes: an alike name scores only with the same dob, both given")
{
  const auto s = dupe_score(who(1, "Sarah Lewis", "1988-03-03"), who(2, "Sara Lewis", "1988-03-03"));
  REQUIRE(s);
  CHECK(s->score == 70);
  CHECK(s->reason == "similar name (Sarah / Sara); same dob");
  const auto swapped = dupe_score(who(1, "Anne Carter", "1975-01-01"), who(2, "Carter Anne", "1975-01-01"));
  REQUIRE(swapped);
  CHECK(swapped->score == 80);
  CHECK(swapped->reason == "name order swapped (Anne Carter / Carter Anne); same dob");
  const auto alias = dupe_score(who(1, "Sarah Lewis", "1988-03-03", true), who(2, "Sara Lewis", "1988-03-03"));
  REQUIRE(alias);
  CHECK(alias->score == 65);
  CHECK(alias->reason == "an alias; similar name (Sarah / Sara); same dob");
  // Never without a matching date of birth: not swapped, not one digit apart, not missing.
  CHECK_FALSE(dupe_score(who(1, "Sarah Lewis", "1988-03-03"), who(2, "Sara Lewis", "1988-03-04")));
  CHECK_FALSE(dupe_score(who(1, "Sarah Lewis", "1988-03-03"), who(2, "Sara Lewis", nullptr)));
  CHECK_FALSE(dupe_score(who(1, "Sarah Lewis", nullptr), who(2, "Sara Lewis", nullptr)));
  CHECK_FALSE(dupe_score(who(1, "Sarah Lewis", "1988-03-03"), who(2, "Sam Lewis", "1988-03-03")));
}

TEST_CASE("dupes: dupe_pairs finds every alike pair born the same day, and only those")
{
  // Invariant over generated data: a pair is listed exactly when dupe_score scores it.
  const char* names[] = {"Sarah Lewis", "Sara Lewis", "Sam Lewis", "Lewis Sarah", "Jon Hale", "John Hale", "Anne Carter"};
  const char* dobs[] = {"1988-03-03", "1980-01-01", nullptr};
  std::vector<Identity> all;
  std::int64_t id = 0;
  for (const auto* n : names)
    for (const auto* d : dobs)
      all.push_back(who(++id, n, d));
  const auto pairs = panel::rules::dupe_pairs(all);
  size_t expected = 0;
  for (size_t x = 0; x < all.size(); ++x)
    for (size_t y = x + 1; y < all.size(); ++y)
      expected += dupe_score(all[x], all[y]).has_value();
  CHECK(pairs.size() == expected);
  for (const auto& p : pairs) {
    const auto s = dupe_score(p.first, p.second);
    REQUIRE(s);
    CHECK(s->score == p.score.score);
  }
  const auto sara = std::find_if(pairs.begin(), pairs.end(), [](const auto& p) {
    return p.first.name == "Sarah Lewis" && p.second.name == "Sara Lewis" && p.first.dob == p.second.dob &&
           p.first.dob;
  });
  CHECK(sara != pairs.end());
}
