#include "panel/report/safelives.hpp"

#include "panel/input/referrals.hpp"
#include "panel/ops/config.hpp"
#include "panel/ops/intake.hpp"
#include "panel/ops/meetings.hpp"
#include "panel/ops/minutes.hpp"
#include "panel/ops/referrals.hpp"
#include "panel/ops/setup.hpp"
#include "panel/ops/triage.hpp"
#include "panel/render/safelives.hpp"
#include "tests/unit/support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <sstream>

using namespace panel;

// Every expected figure below was worked out by hand from the timeline in `Marac::Marac()`.

namespace {

using Json = nlohmann::ordered_json;

core::Date day(const std::string& text) { return *core::Date::parse(text); }

// A marac panel (police POL, IDVA service IDVA; every other agency a partner) around 2017-Q3.
//
// Referrals (received, agency, victim, flags, age at referral, perpetrator's age that day, children):
//   R0  2016-09-01 REF  Ola Oak   female                    age 36                          -> case K0
//   R2a 2017-06-01 IDVA Beth Bell "Male", lgbt              15 (16 on 1 Jul)  perpetrator 18 that very day, 0 children -> K2
//   R1  2017-06-20 POL  Amy Ash   female, bame              17                perpetrator 17 (18 the next day), 2 -> K1
//   R4  2017-07-10 POL  Dee Dunn  nothing known             17                perpetrator 17, and a victim aged 7 -> K4
//   R2b 2017-08-01 HSG  Beth Bell "m", lgbt, disability     16, repeat of R2a  no other party, 1 -> joins K2
//   R3  2017-09-01 HSG  Cara Cole female, bame              18 that very day   perpetrator, no dob, 3 -> K3
//   R1b 2017-09-26 IDVA Amy Ash   female, bame              17, repeat of R1   no other party, 2 -> joins K1
// Meetings: SA 2016-09-30 (K0), SB 2016-10-01 (K0), S0 2017-06-27 (K2), S1 2017-07-04 (K1, K2),
//   SC 2017-08-15 cancelled, SD 2017-09-05 never minuted, S2 2017-09-26 (K1, K2, K3, K4), S3 2017-10-03 (K3).
struct Marac {
  test::TempDir dir;
  std::string path = dir.file("panel.db");
  store::Db db = (ops::init(path, "marac", test::actor("2016-01-04T09:00:00Z", "init")), store::Db::open(path));
  std::string r0, r1, r1b, r2a, r2b, r3, r4;

  core::Actor on(const std::string& today) { return test::actor(today + "T09:00:00Z", "test"); }

  std::string refer(const std::string& received, const std::string& fields)
  {
    std::istringstream in("received: " + received + "\nsummary: s\ncategories: [physical-abuse]\nrisk_score: 15\n" + fields);
    auto reader = input::referral_reader(in, "referral.yaml", input::FileKind::yaml);
    std::string reference;
    ops::record_referrals(db, *reader, "referral.yaml", {}, on(received), [&](const ops::IntakeItem& i) { reference = i.reference; });
    REQUIRE(!reference.empty());
    ops::TriageRequest accept;
    accept.decision = core::TriageDecision::accept;
    ops::decide(db, reference, accept, on(received));
    return reference;
  }
  void minutes(const std::string& date, const std::vector<std::string>& cases)
  {
    std::string yaml = "attendance:\n  POL: present\n  IDVA: present\n  CSC: present\ncases:\n";
    for (const auto& c : cases)
      yaml += "  " + c + ": {summary: s, outcome: keep-open, next_review: 2018-01-31}\n";
    ops::record_minutes(db, day(date), yaml, "minutes.yaml", false, on(date));
  }

  Marac()
  {
    for (const auto* date : {"2016-09-30", "2016-10-01", "2017-06-27", "2017-07-04", "2017-08-15", "2017-09-05",
                             "2017-09-26", "2017-10-03"}) {
      core::Meeting m;
      m.date = day(date);
      ops::add_meeting(db, m, on("2016-01-04"));
    }
    r0 = refer("2016-09-01", "agency: REF\nname: Ola Oak\ndob: 1980-01-01\ngender: female\n");
    minutes("2016-09-30", {r0});
    minutes("2016-10-01", {r0});
    r2a = refer("2017-06-01", "agency: IDVA\nname: Beth Bell\ndob: 2001-07-01\ngender: Male\nbame: false\nlgbt: true\n"
                              "disability: false\nchildren: 0\n"
                              "other_parties:\n  - {name: Ben Bell, dob: 1999-06-01, role: perpetrator}\n");
    r1 = refer("2017-06-20", "agency: POL\nname: Amy Ash\ndob: 2000-01-01\ngender: female\nbame: true\nlgbt: false\n"
                             "disability: false\nchildren: 2\n"
                             "other_parties:\n  - {name: Pat Ash, dob: 1999-06-21, role: perpetrator}\n");
    minutes("2017-06-27", {r2a});
    minutes("2017-07-04", {r1, r2a});
    r4 = refer("2017-07-10", "agency: POL\nname: Dee Dunn\ndob: 1999-12-31\n"
                             "other_parties:\n  - {name: Don Dunn, dob: 2000-03-01, role: perpetrator}\n"
                             "  - {name: Kit Dunn, dob: 2010-01-01, role: victim}\n");
    r2b = refer("2017-08-01", "agency: HSG\nname: Beth Bell\ndob: 2001-07-01\ngender: m\nbame: false\nlgbt: true\n"
                              "disability: true\nchildren: 1\n");
    ops::cancel_meeting(db, day("2017-08-15"), "Chair unavailable", on("2017-08-10"));
    r3 = refer("2017-09-01", "agency: HSG\nname: Cara Cole\ndob: 1999-09-01\ngender: female\nbame: true\nlgbt: false\n"
                             "disability: false\nchildren: 3\n"
                             "other_parties:\n  - {name: Cy Cole, role: perpetrator}\n");
    r1b = refer("2017-09-26", "agency: IDVA\nname: Amy Ash\ndob: 2000-01-01\ngender: female\nbame: true\nlgbt: false\n"
                              "disability: false\nchildren: 2\n");
    minutes("2017-09-26", {r1, r2a, r3, r4});
    minutes("2017-10-03", {r3});
  }

  Json json(const std::string& quarter)
  {
    report::PeriodRequest r;
    r.quarter = quarter;
    return Json::parse(render::safelives_json(report::safelives_return(db, ops::load_profile(db), report::parse_period(r))));
  }
};

} // namespace

TEST_CASE("safelives: one row per meeting held in the quarter, each case described by its latest referral by then")
{
  Marac m;
  const auto j = m.json("2017-Q3");
  CHECK(j["period"].dump() == R"({"from":"2017-07-01","to":"2017-09-30","label":"2017-Q3"})");
  // Held in Q3: 4 Jul and 26 Sep. Not 27 Jun or 3 Oct (outside), 15 Aug (cancelled), 5 Sep (not held).
  REQUIRE(j["meetings"].size() == 2);
  // 4 Jul: K1 by R1 (POL; bame; female; 17; perpetrator 17, a day short of 18; 2 children) and
  // K2 by R2a (IDVA; lgbt; "Male"; 15; perpetrator 18 on the day received; 0 children).
  CHECK(j["meetings"][0].dump() == R"({"meeting":"2017-07-04","cases_discussed":2,"repeat_cases":0,"police_referrals":1,)"
                                   R"("idva_referrals":1,"partner_referrals":0,"bame":1,"lgbt":1,"disabled":0,"male":1,)"
                                   R"("aged_16_17":1,"perpetrators_under_18":1,"children":2})");
  // 26 Sep, the latest referral received on or before the meeting:
  //   K1 by R1b, received that day (IDVA; repeat; bame; female; 17; no other party; 2 children);
  //   K2 by R2b (HSG: partner; repeat; lgbt; disability; "m"; 16; 1 child);
  //   K3 by R3 (HSG: partner; bame; female; 18 that day; perpetrator without a dob; 3 children);
  //   K4 by R4 (POL; nothing known of the victim; 17; perpetrator 17; the victim child of 7 is
  //   not a perpetrator; children not given).
  // repeats R1b R2b = 2; police R4; idva R1b; partners R2b R3; bame R1b R3; lgbt R2b; disabled R2b;
  // male R2b; 16-17 R1b R2b R4; perpetrators under 18 R4; children 2 + 1 + 3 + 0 = 6.
  CHECK(j["meetings"][1].dump() == R"({"meeting":"2017-09-26","cases_discussed":4,"repeat_cases":2,"police_referrals":1,)"
                                   R"("idva_referrals":1,"partner_referrals":2,"bame":2,"lgbt":1,"disabled":1,"male":1,)"
                                   R"("aged_16_17":3,"perpetrators_under_18":1,"children":6})");
}

TEST_CASE("safelives: totals and percentages of cases discussed")
{
  Marac m;
  const auto j = m.json("2017-Q3");
  // The two rows added up: K1 and K2 count at both meetings.
  CHECK(j["totals"].dump() == R"({"cases_discussed":6,"repeat_cases":2,"police_referrals":2,"idva_referrals":2,)"
                              R"("partner_referrals":2,"bame":3,"lgbt":2,"disabled":1,"male":2,"aged_16_17":4,)"
                              R"("perpetrators_under_18":2,"children":8})");
  // Of 6, to 4 decimals: 2/6 = 0.3333, 3/6 = 0.5, 1/6 = 0.1667, 4/6 = 0.6667; none for children.
  const auto& p = j["percentages"];
  CHECK(p.size() == 10);
  CHECK_FALSE(p.contains("children"));
  CHECK_FALSE(p.contains("cases_discussed"));
  CHECK(p["repeat_cases"] == 0.3333);
  CHECK(p["police_referrals"] == 0.3333);
  CHECK(p["idva_referrals"] == 0.3333);
  CHECK(p["partner_referrals"] == 0.3333);
  CHECK(p["bame"] == 0.5);
  CHECK(p["lgbt"] == 0.3333);
  CHECK(p["disabled"] == 0.1667);
  CHECK(p["male"] == 0.3333);
  CHECK(p["aged_16_17"] == 0.6667);
  CHECK(p["perpetrators_under_18"] == 0.3333);
}

TEST_CASE("safelives: cases per 10,000 adult females over the twelve months to the period end")
{
  Marac m;
  // Without population.adult_female: the count, and no rate.
  const auto before = m.json("2017-Q3");
  // 1 Oct 2016 to 30 Sep 2017: SB 1 Oct (K0), S0 27 Jun (K2), S1 (2), S2 (4) = 8; not SA 30 Sep
  // 2016 (a day too early) nor S3 3 Oct 2017.
  CHECK(before["twelve_months"].dump() == R"({"from":"2016-10-01","to":"2017-09-30","cases_discussed":8})");
  CHECK(before["adult_female_population"].is_null());
  CHECK(before["cases_per_10k_adult_females"].is_null());

  ops::config_set(m.db, "population.adult_female", "60000", m.on("2017-10-04"));
  const auto j = m.json("2017-Q3");
  CHECK(j["adult_female_population"] == 60000);
  // 8 * 10,000 / 60,000 = 1.333..., to 1 decimal.
  CHECK(j["cases_per_10k_adult_females"] == 1.3);
}

TEST_CASE("safelives: a quarter with no meeting held has no rows, zero totals and no percentages")
{
  Marac m;
  const auto j = m.json("2017-Q1");
  CHECK(j["meetings"].dump() == "[]");
  CHECK(j["totals"]["cases_discussed"] == 0);
  for (const auto& [name, value] : j["percentages"].items()) {
    CAPTURE(name);
    CHECK(value.is_null());
  }
  // 1 Apr 2016 to 31 Mar 2017: SA and SB (K0).
  CHECK(j["twelve_months"]["cases_discussed"] == 2);
}

TEST_CASE("safelives: csv has a row per meeting, the totals and the percentages")
{
  Marac m;
  report::PeriodRequest r;
  r.quarter = "2017-Q3";
  const auto period = report::parse_period(r);
  // The rows and totals of the cases above; percentages of 6 to one decimal (1/6 = 16.7%, 4/6 = 66.7%).
  // RFC 4180 CRLF line ends, as every table panel writes as CSV (docs/cli/panel.md).
  CHECK(render::safelives(report::safelives_return(m.db, ops::load_profile(m.db), period), render::Format::csv, {}) ==
        "meeting,cases_discussed,repeat_cases,police_referrals,idva_referrals,partner_referrals,bame,lgbt,disabled,male,"
        "aged_16_17,perpetrators_under_18,children\r\n"
        "2017-07-04,2,0,1,1,0,1,1,0,1,1,1,2\r\n"
        "2017-09-26,4,2,1,1,2,2,1,1,1,3,1,6\r\n"
        "total,6,2,2,2,2,3,2,1,2,4,2,8\r\n"
        "percent,,33.3%,33.3%,33.3%,33.3%,50.0%,33.3%,16.7%,33.3%,66.7%,33.3%,\r\n");
  ops::config_set(m.db, "population.adult_female", "60000", m.on("2017-10-04"));
  const auto table = render::safelives(report::safelives_return(m.db, ops::load_profile(m.db), period), render::Format::table, {});
  CHECK(table.find("Cases discussed in the twelve months 2016-10-01 to 2017-09-30: 8\n") != std::string::npos);
  CHECK(table.find("Per 10,000 adult females (population 60000): 1.3\n") != std::string::npos);
}

TEST_CASE("safelives: a voided referral no longer describes its case, and unvoiding restores the return")
{
  Marac m;
  const auto before = m.json("2017-Q3");
  // R2b (Beth Bell's second referral) voided: K2 keeps R2a, so the case stays and is described
  // at 26 Sep by R2a instead (IDVA; not a repeat; lgbt; no disability; "Male"; 15; perpetrator
  // 18 on the day received; 0 children).
  ops::void_referral(m.db, m.r2b, "Recorded in error", m.on("2017-10-05"));
  const auto after = m.json("2017-Q3");
  CHECK(after["meetings"][0] == before["meetings"][0]);
  // repeats 2 -> 1, idva 1 -> 2, partners 2 -> 1, disabled 1 -> 0, 16-17 3 -> 2, children 6 -> 5.
  CHECK(after["meetings"][1].dump() == R"({"meeting":"2017-09-26","cases_discussed":4,"repeat_cases":1,"police_referrals":1,)"
                                       R"("idva_referrals":2,"partner_referrals":1,"bame":2,"lgbt":1,"disabled":0,"male":1,)"
                                       R"("aged_16_17":2,"perpetrators_under_18":1,"children":5})");
  ops::unvoid_referral(m.db, m.r2b, "Voided in error", m.on("2017-10-06"));
  CHECK(m.json("2017-Q3") == before);
}

TEST_CASE("safelives: a case's facts are the latest known across its referrals; a blank is not 'none' (trial F23)")
{
  Marac m;
  for (const auto* date : {"2017-11-07", "2017-11-14"}) {
    core::Meeting meeting;
    meeting.date = day(date);
    ops::add_meeting(m.db, meeting, m.on("2017-10-04"));
  }
  // Fay Fox: referred by the IDVA service with everything said, then a repeat from A&E (HLTH)
  // that says nothing of her or her household, then a police repeat that says 0 children.
  const auto fay = m.refer("2017-10-10", "agency: IDVA\nname: Fay Fox\ndob: 1990-01-01\ngender: female\nrole: victim\n"
                                         "bame: true\nlgbt: false\ndisability: true\nchildren: 2\n"
                                         "other_parties:\n  - {name: Gus Fox, dob: 2000-12-01, role: perpetrator}\n");
  // Hal Hunt: the referral is about the perpetrator (the subject's role), 17, male, BAME; the
  // victim Ivy is an other party.
  const auto hal = m.refer("2017-10-11", "agency: POL\nname: Hal Hunt\ndob: 2000-06-01\ngender: male\nrole: perpetrator\n"
                                         "bame: true\nchildren: 1\n"
                                         "other_parties:\n  - {name: Ivy Hunt, dob: 1999-01-01, role: victim}\n");
  m.refer("2017-10-20", "agency: HLTH\nname: Fay Fox\ndob: 1990-01-01\n");
  m.minutes("2017-11-07", {fay, hal});
  m.refer("2017-11-10", "agency: POL\nname: Fay Fox\ndob: 1990-01-01\nchildren: 0\n");
  m.minutes("2017-11-14", {fay});
  const auto j = m.json("2017-Q4");
  REQUIRE(j["meetings"].size() == 3);  // 3 Oct (K3), 7 and 14 Nov
  // 7 Nov. Fay's case by the HLTH repeat (a partner referral, a repeat) with the facts the IDVA
  // referral gave: BAME, disabled, female, 27, 2 children, Gus 16 on the day of the repeat.
  // Hal's case by the police referral: not counted as a BAME male victim of 17 (he is the
  // perpetrator), but as a perpetrator under 18; his household's 1 child counts.
  CHECK(j["meetings"][1].dump() == R"({"meeting":"2017-11-07","cases_discussed":2,"repeat_cases":1,"police_referrals":1,)"
                                   R"("idva_referrals":0,"partner_referrals":1,"bame":1,"lgbt":0,"disabled":1,"male":0,)"
                                   R"("aged_16_17":0,"perpetrators_under_18":2,"children":3})");
  // 14 Nov. Fay's case by the police repeat that said 0 children: 0 is a value.
  CHECK(j["meetings"][2].dump() == R"({"meeting":"2017-11-14","cases_discussed":1,"repeat_cases":1,"police_referrals":1,)"
                                   R"("idva_referrals":0,"partner_referrals":0,"bame":1,"lgbt":0,"disabled":1,"male":0,)"
                                   R"("aged_16_17":0,"perpetrators_under_18":1,"children":0})");
}
