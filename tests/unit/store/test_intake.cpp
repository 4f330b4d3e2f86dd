#include "panel/store/intake.hpp"

#include "panel/store/agencies.hpp"
#include "panel/store/merges.hpp"
#include "panel/store/people.hpp"
#include "panel/store/referrals.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <fmt/format.h>

using namespace panel;

namespace {

core::Date day(const char* iso) { return *core::Date::parse(iso); }

const std::string at = "2017-09-04T10:15:00Z";

// An in-memory database with one agency, and a writer on it.
struct Store {
  Store() { store::insert_agency(db, {"POL", "Police", "police@example.org", true}); }
  store::Db db = store::Db::memory();
  store::IntakeWriter writer{db};
  int seq = 0;

  std::int64_t person(const std::string& key = "pat kay", std::optional<core::Date> dob = day("1970-01-01"))
  {
    return writer.insert_person("Pat Kay", key, dob, at);
  }

  // Records a minimal referral about `person_id` received on `received`; returns its id.
  std::int64_t refer(std::int64_t person_id, const char* received, const std::string& source_ref = "")
  {
    core::Referral r;
    r.received = day(received);
    r.agency = "POL";
    r.name = "Pat Kay";
    r.categories = {"assault"};
    r.summary = "s";
    r.source_ref = source_ref;
    ++seq;
    store::NewReferral n;
    n.referral = &r;
    n.reference = fmt::format("CCM-{}-{:04}", r.received.year(), seq);
    n.year = r.received.year();
    n.seq = seq;
    n.person_id = person_id;
    n.created_at = at;
    n.created_by = "tester";
    return writer.insert_referral(n);
  }
};

} // namespace

TEST_CASE("store intake: the sequence of a year starts at 1 and counts up")
{
  Store s;
  CHECK(s.writer.next_sequence("referral", 2017) == 1);
  CHECK(s.writer.next_sequence("referral", 2017) == 2);
  CHECK(s.writer.next_sequence("referral", 2017) == 3);
}

TEST_CASE("store intake: each kind and each year has its own sequence")
{
  Store s;
  CHECK(s.writer.next_sequence("referral", 2017) == 1);
  CHECK(s.writer.next_sequence("referral", 2016) == 1);
  CHECK(s.writer.next_sequence("meeting", 2017) == 1);
  CHECK(s.writer.next_sequence("referral", 2017) == 2);
  CHECK(s.writer.next_sequence("referral", 2016) == 2);
  CHECK(s.writer.next_sequence("meeting", 2017) == 2);
  CHECK(s.writer.next_sequence("referral", 2018) == 1);
}

TEST_CASE("store intake: numbers saved by flush are not handed out again by a new writer")
{
  Store s;
  s.writer.next_sequence("referral", 2017);
  s.writer.next_sequence("referral", 2017);
  s.writer.next_sequence("meeting", 2017);
  s.writer.flush();
  store::IntakeWriter again(s.db);
  CHECK(again.next_sequence("referral", 2017) == 3);
  CHECK(again.next_sequence("meeting", 2017) == 2);
  CHECK(again.next_sequence("referral", 2016) == 1);
}

TEST_CASE("store intake: flushing twice does not move the counter on")
{
  Store s;
  s.writer.next_sequence("referral", 2017);
  s.writer.flush();
  s.writer.flush();
  CHECK(s.writer.next_sequence("referral", 2017) == 2);
  s.writer.flush();
  store::IntakeWriter again(s.db);
  CHECK(again.next_sequence("referral", 2017) == 3);
}

TEST_CASE("store intake: numbers reserved in a transaction that is rolled back are handed out again")
{
  Store s;
  CHECK(s.writer.next_sequence("referral", 2017) == 1);
  s.writer.flush();
  {
    store::Transaction txn(s.db, store::Transaction::Kind::write);
    store::IntakeWriter inside(s.db);
    CHECK(inside.next_sequence("referral", 2017) == 2);
    inside.flush();
  }
  store::IntakeWriter after(s.db);
  CHECK(after.next_sequence("referral", 2017) == 2);
}

TEST_CASE("store intake: persons_named gives each namesake's date of birth")
{
  Store s;
  const auto pat = s.person("pat kay", day("1970-01-01"));
  const auto other = s.person("pat kay", day("1971-01-01"));
  CHECK(pat != other);
  CHECK(s.writer.persons_named("pat kay") ==
        std::vector<store::Namesake>{{pat, day("1970-01-01")}, {other, day("1971-01-01")}});
  CHECK(s.writer.persons_named("pat kaye").empty());
}

TEST_CASE("store intake: a person without a date of birth is named without one")
{
  Store s;
  const auto nodob = s.person("pat kay", std::nullopt);
  CHECK(s.writer.persons_named("pat kay") == std::vector<store::Namesake>{{nodob, std::nullopt}});
}

TEST_CASE("store intake: persons_named lists everyone with the key, oldest first")
{
  Store s;
  const auto a = s.person("pat kay", day("1990-01-01"));
  const auto b = s.person("pat kay", std::nullopt);
  s.person("sam lee", day("1970-01-01"));
  const auto c = s.person("pat kay", day("1980-01-01"));
  const auto d = s.person("pat kay", day("1990-01-01"));
  std::vector<std::int64_t> ids;
  for (const auto& person : s.writer.persons_named("pat kay"))
    ids.push_back(person.id);
  CHECK(ids == std::vector<std::int64_t>{a, b, c, d});
  CHECK(s.writer.persons_named("nobody").empty());
}

TEST_CASE("store intake: persons_named finds a person by an alias, and not a record merged into another")
{
  Store s;
  const auto pat = s.person("pat kay", day("1970-01-01"));
  const auto jo = s.person("jo bloggs", day("1980-02-03"));
  store::insert_alias(s.db, jo, "Pat Kay", "pat kay", day("1980-03-02"), at, "tester");
  CHECK(s.writer.persons_named("pat kay") ==
        std::vector<store::Namesake>{{pat, day("1970-01-01")}, {jo, day("1980-03-02")}});
  // Pat's record merged into Jo's: found only through the alias the merge gives Jo.
  store::set_merged_into(s.db, pat, jo);
  CHECK(s.writer.persons_named("pat kay") == std::vector<store::Namesake>{{jo, day("1980-03-02")}});
  CHECK(s.writer.merged_into(pat) == jo);
  CHECK_FALSE(s.writer.merged_into(jo));
}

TEST_CASE("store intake: persons_born gives everyone with a date of birth, by name and alias, not merged records")
{
  Store s;
  const auto sarah = s.person("sarah lewis", day("1988-03-03"));
  s.person("sara lewis", std::nullopt);  // no date of birth: never an alike-name match
  const auto jo = s.person("jo bloggs", day("1980-02-03"));
  store::insert_alias(s.db, jo, "Jo Blogs", "jo blogs", day("1980-02-03"), at, "tester");
  auto born = s.writer.persons_born();
  std::sort(born.begin(), born.end(), [](const auto& a, const auto& b) { return a.name_key < b.name_key; });
  CHECK(born == std::vector<store::Born>{{jo, day("1980-02-03"), "jo bloggs"},
                                         {jo, day("1980-02-03"), "jo blogs"},
                                         {sarah, day("1988-03-03"), "sarah lewis"}});
  // Sarah's record merged into Jo's: she is no longer listed under her own id.
  store::set_merged_into(s.db, sarah, jo);
  for (const auto& b : s.writer.persons_born())
    CHECK(b.id != sarah);
}

TEST_CASE("store intake: person_exists knows the people recorded")
{
  Store s;
  const auto pat = s.person();
  CHECK(s.writer.person_exists(pat));
  CHECK_FALSE(s.writer.person_exists(pat + 1));
}

TEST_CASE("store intake: previous_referral is the latest received on or before the day")
{
  Store s;
  const auto p = s.person();
  const auto jan = s.refer(p, "2017-01-05");
  const auto mar = s.refer(p, "2017-03-05");
  s.refer(p, "2017-06-05");
  CHECK(s.writer.previous_referral(p, day("2017-03-04"))->id == jan);
  CHECK(s.writer.previous_referral(p, day("2017-03-05"))->id == mar);
  CHECK(s.writer.previous_referral(p, day("2017-05-30"))->id == mar);
  CHECK_FALSE(s.writer.previous_referral(p, day("2017-01-04")).has_value());
}

TEST_CASE("store intake: previous_referral on equal dates is the last recorded")
{
  Store s;
  const auto p = s.person();
  s.refer(p, "2017-03-05");
  const auto second = s.refer(p, "2017-03-05");
  const auto found = s.writer.previous_referral(p, day("2017-03-05"));
  REQUIRE(found);
  CHECK(found->id == second);
  CHECK(found->reference == "CCM-2017-0002");
  CHECK(found->received == day("2017-03-05"));
  CHECK(found->status == "pending");
}

TEST_CASE("store intake: next_referral is the earliest received after the day, not on it")
{
  Store s;
  const auto p = s.person();
  s.refer(p, "2017-01-05");
  const auto jun = s.refer(p, "2017-06-05");
  const auto mar = s.refer(p, "2017-03-05");
  CHECK(s.writer.next_referral(p, day("2017-01-05"))->id == mar);
  CHECK(s.writer.next_referral(p, day("2017-03-05"))->id == jun);
  CHECK_FALSE(s.writer.next_referral(p, day("2017-06-05")).has_value());
}

TEST_CASE("store intake: next_referral on equal dates is the first recorded")
{
  Store s;
  const auto p = s.person();
  const auto first = s.refer(p, "2017-06-05");
  s.refer(p, "2017-06-05");
  CHECK(s.writer.next_referral(p, day("2017-06-04"))->id == first);
}

TEST_CASE("store intake: latest_referral is the latest received, the last recorded on equal dates")
{
  Store s;
  const auto p = s.person();
  CHECK_FALSE(s.writer.latest_referral(p).has_value());
  s.refer(p, "2017-06-05");
  const auto last = s.refer(p, "2017-06-05");
  s.refer(p, "2017-01-05");
  CHECK(s.writer.latest_referral(p)->id == last);
}

TEST_CASE("store intake: referrals of other people are not considered")
{
  Store s;
  const auto pat = s.person("pat kay");
  const auto sam = s.person("sam lee");
  s.refer(sam, "2017-03-05");
  CHECK_FALSE(s.writer.previous_referral(pat, day("2017-12-31")).has_value());
  CHECK_FALSE(s.writer.next_referral(pat, day("2017-01-01")).has_value());
  CHECK_FALSE(s.writer.latest_referral(pat).has_value());
}

TEST_CASE("store intake: an agency's own reference is found only for that agency")
{
  Store s;
  store::insert_agency(s.db, {"CST", "Community Safety", "", true});
  const auto p = s.person();
  s.refer(p, "2017-03-05", "CAD-1");
  CHECK(s.writer.reference_for_source("POL", "CAD-1") == "CCM-2017-0001");
  CHECK_FALSE(s.writer.reference_for_source("CST", "CAD-1").has_value());
  CHECK_FALSE(s.writer.reference_for_source("POL", "CAD-2").has_value());
}

TEST_CASE("store intake: referrals without an agency reference never count as recorded before")
{
  Store s;
  const auto p = s.person();
  s.refer(p, "2017-03-05");
  s.refer(p, "2017-03-06");
  CHECK_FALSE(s.writer.reference_for_source("POL", "").has_value());
}

TEST_CASE("store intake: a referral is stored with its categories, parties and possible matches")
{
  Store s;
  const auto p = s.person();
  const auto earlier = s.refer(p, "2017-01-05");
  const auto namesake = s.refer(s.person("pat kay", std::nullopt), "2017-02-05");  // another person
  core::Referral r;
  r.received = day("2017-03-05");
  r.agency = "POL";
  r.name = "Pat Kay";
  r.dob = day("1970-03-06");
  r.categories = {"suicide", "assault"};
  r.other_parties = {{"Sam Kay", day("1972-02-02"), "perpetrator", "ex-partner"}};
  r.summary = "s";
  store::NewReferral n;
  n.referral = &r;
  n.reference = "CCM-2017-0099";
  n.year = 2017;
  n.seq = 99;
  n.person_id = p;
  n.repeat_of = earlier;
  n.possible_matches = {namesake};
  n.criteria_met = "high-risk,persistent";
  n.meets_threshold = true;
  n.created_at = at;
  n.created_by = "tester";
  s.writer.insert_referral(n);
  const auto stored = store::find_referral(s.db, "CCM-2017-0099");
  REQUIRE(stored);
  CHECK(stored->referral.categories == std::vector<std::string>{"suicide", "assault"});
  REQUIRE(stored->referral.other_parties.size() == 1);
  CHECK(stored->referral.other_parties[0].dob == day("1972-02-02"));
  CHECK(stored->possible_matches == std::vector<std::string>{"CCM-2017-0002"});
  CHECK(stored->repeat_of == "CCM-2017-0001");
  CHECK(stored->criteria_met == std::vector<std::string>{"high-risk", "persistent"});
  CHECK(stored->meets_threshold);
  CHECK(stored->status == "pending");
}

TEST_CASE("store intake: load_referral gives back the fields criteria test")
{
  Store s;
  const auto p = s.person();
  core::Referral r;
  r.received = day("2017-03-05");
  r.agency = "POL";
  r.name = "Pat Kay";
  r.dob = day("1970-01-01");
  r.categories = {"assault"};
  r.summary = "s";
  r.vulnerable = true;
  r.risk_level = "high";
  r.risk_score = 14;
  r.incidents_12m = 3;
  r.agencies_involved = 2;
  r.children = 1;
  r.professional_judgement = true;
  r.resident = false;
  store::NewReferral n;
  n.referral = &r;
  n.reference = "CCM-2017-0001";
  n.year = 2017;
  n.seq = 1;
  n.person_id = p;
  n.created_at = at;
  n.created_by = "tester";
  const auto id = s.writer.insert_referral(n);
  const auto loaded = s.writer.load_referral(id);
  CHECK(loaded.received == r.received);
  CHECK(loaded.agency == "POL");
  CHECK(loaded.name == "Pat Kay");
  CHECK(loaded.dob == r.dob);
  CHECK(loaded.vulnerable);
  CHECK(loaded.risk_level == "high");
  CHECK(loaded.risk_score == 14);
  CHECK(loaded.incidents_12m == 3);
  CHECK(loaded.agencies_involved == 2);
  CHECK(loaded.children == 1);
  CHECK(loaded.professional_judgement);
  CHECK(loaded.resident == false);
}

TEST_CASE("store intake: load_referral keeps unknown numbers unknown")
{
  Store s;
  const auto id = s.refer(s.person(), "2017-03-05");
  const auto loaded = s.writer.load_referral(id);
  CHECK_FALSE(loaded.risk_score.has_value());
  CHECK_FALSE(loaded.incidents_12m.has_value());
  CHECK_FALSE(loaded.agencies_involved.has_value());
  CHECK_FALSE(loaded.resident.has_value());
}

TEST_CASE("store intake: update_repeat sets and clears the repeat and the criteria")
{
  Store s;
  const auto p = s.person();
  const auto first = s.refer(p, "2017-01-05");
  const auto second = s.refer(p, "2017-03-05");
  s.writer.update_repeat(second, first, "repeat", true);
  auto stored = store::find_referral(s.db, "CCM-2017-0002");
  REQUIRE(stored);
  CHECK(stored->repeat_of == "CCM-2017-0001");
  CHECK(stored->criteria_met == std::vector<std::string>{"repeat"});
  CHECK(stored->meets_threshold);
  s.writer.update_repeat(second, std::nullopt, "", false);
  stored = store::find_referral(s.db, "CCM-2017-0002");
  CHECK(stored->repeat_of == "");
  CHECK(stored->criteria_met.empty());
  CHECK_FALSE(stored->meets_threshold);
}
