#include "panel/report/board.hpp"

#include "panel/input/referrals.hpp"
#include "panel/ops/actions.hpp"
#include "panel/ops/intake.hpp"
#include "panel/ops/meetings.hpp"
#include "panel/ops/minutes.hpp"
#include "panel/ops/referrals.hpp"
#include "panel/ops/triage.hpp"
#include "panel/render/board.hpp"
#include "tests/unit/ops/panel_fixture.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <sstream>

using namespace panel;

// Every expected figure below was worked out by hand from the timeline in `Board::Board()`;
// the comment next to each says which records count and why.

namespace {

using Json = nlohmann::ordered_json;

core::Date day(const std::string& text) { return *core::Date::parse(text); }

// A ccm panel holding one story around 2017-Q3 (1 July to 30 September 2017), its previous
// quarter 2017-Q2, the same quarter a year earlier (2016-Q3) and 2017-Q4, recorded in date order
// through the real operations, each on the day it happened.
//
// Referrals (received, agency, person, categories, flags, decisions):
//   R7  2016-08-01 CST Fay Fox (dob)  drug-use            resident, vulnerable, high   accepted 2016-08-02 -> case C0
//   R8  2016-09-30 CST Gus Gray       drunk-disorderly    standard                     declined 2016-10-01
//   R0  2017-04-01 HSG Zed Zero       harassment          resident, standard           more-info 06-15, declined 07-01, reopened 09-30
//   R10 2017-05-02 VS  Ivy Ives       harassment          resident, high               accepted 05-03 -> case C3
//   R1  2017-06-30 POL Ann Able       assault             resident, high               accepted 07-03 -> case C1
//   R2  2017-07-01 POL Bob Brown      assault, harassment resident, vulnerable + 2 agencies (meets) accepted 07-03 -> case C2
//   R3  2017-07-15 HSG Ann Able       harassment          resident false, high, repeat of R1     accepted 07-17 -> joins C1
//   R9  2017-07-20 CST Hal Hunt       drunk-disorderly    standard                     redirected 09-30
//   R4  2017-08-10 POL Cat Cole       suicide, mental-health  vulnerable, 1 agency (below)    more-info 08-11
//   R5  2017-09-30 ASC Dan Dee        mental-health       resident, 3 incidents (meets)          declined 10-02
//   R6  2017-10-01 POL Eve Eve        assault             high                         accepted 10-02 -> case C4
// Meetings: M0 2016-09-13 held (C0 closed, risk reduced); MQ2 2017-04-01 held, no cases;
//   M1 2017-07-11 held, quorate (C1, C2); M2 2017-08-08 cancelled (Venue unavailable);
//   M3 2017-09-12 held, ASC sent apologies: inquorate (C1, C2 closed risk reduced, C3);
//   M5 2017-09-26 never minuted; M4 2017-10-10 held (C3 closed moved away, C4).
// Actions (agreed, due, what happened):
//   A9  added 2017-06-20 on C3, due 06-30, done 07-01 (late)
//   A1  M1 on C1, due 07-25, done 07-25 (on the due date)
//   A3  M1 on C1, due 09-01, due moved 10-03 to 10-31, done 10-05 (after the end)
//   A5  M1 on C1, due 08-15, cancelled 08-20
//   A7  M1 on C1, due 09-01, not-done at M3
//   A2  M1 on C2, due 08-01, done 08-15 (late)
//   A4  M1 on C2, due 08-01, due moved 07-30 to 08-20, done 08-18 (on time by the moved date)
//   A6  M1 on C2, due 08-01, not-possible at M3
//   A8  added 2017-08-02 on C1, due 08-09, done at M3 09-12 (late)
//   A13 M3 on C1, due 09-30, open
//   A12 M3 on C3, due 09-29, open
//   A10 added 2017-10-02 on C1, due 10-20, open
// Interventions: M1 C1 verbal-warning 07-11 (tier 1), warning-letter 06-30 (tier 1); M1 C2 abc
//   07-11 (tier 2); M3 C1 cpw 09-12 (tier 3); M3 C3 abc 09-12 and abc 10-01 (tier 2).
struct Board : test::CcmPanel {
  std::string r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10;
  std::string a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a12, a13;

  core::Actor on(const std::string& today) { return test::actor(today + "T09:00:00Z", "test"); }

  std::string refer(const std::string& received, const std::string& fields)
  {
    std::istringstream in("received: " + received + "\nsummary: s\n" + fields);
    auto reader = input::referral_reader(in, "referral.yaml", input::FileKind::yaml);
    std::string reference;
    ops::record_referrals(db, *reader, "referral.yaml", {}, on(received), [&](const ops::IntakeItem& i) { reference = i.reference; });
    REQUIRE(!reference.empty());
    return reference;
  }
  void decide(const std::string& reference, const std::string& decision, const std::string& today)
  {
    ops::TriageRequest q;
    q.decision = core::parse_or_throw<core::TriageDecision>(decision);
    if (decision == "decline" || decision == "more-info" || decision == "reopen")
      q.reason = "test";
    if (decision == "redirect")
      q.forum = "Safeguarding Adults Board";
    ops::decide(db, reference, q, on(today));
  }
  void meeting(const std::string& date)
  {
    core::Meeting m;
    m.date = day(date);
    ops::add_meeting(db, m, on("2016-01-04"));
  }
  ops::MinutesResult minutes(const std::string& date, const std::string& yaml)
  {
    return ops::record_minutes(db, day(date), yaml, "minutes.yaml", false, on(date));
  }
  void status(const std::string& id, const std::string& status, const std::string& today)
  {
    ops::ActionChange c;
    c.status = status;
    ops::update_action(db, id, c, on(today));
  }
  void move_due(const std::string& id, const std::string& due, const std::string& today)
  {
    ops::ActionChange c;
    c.due = day(due);
    ops::update_action(db, id, c, on(today));
  }

  Board()
  {
    const std::string quorate = "attendance:\n  POL: present\n  CST: present\n  ASC: present\n";
    for (const auto* date : {"2016-09-13", "2017-04-01", "2017-07-11", "2017-08-08", "2017-09-12", "2017-09-26", "2017-10-10"})
      meeting(date);

    // 2016-Q3
    r7 = refer("2016-08-01", "agency: CST\nname: Fay Fox\ndob: 1985-05-05\ncategories: [drug-use]\nresident: true\n"
                             "vulnerable: true\nrisk_level: high\n");
    decide(r7, "accept", "2016-08-02");
    minutes("2016-09-13", quorate + "cases:\n  " + r7 + ":\n    summary: s\n    outcome: close\n    close_reason: risk reduced\n");
    r8 = refer("2016-09-30", "agency: CST\nname: Gus Gray\ncategories: [drunk-disorderly]\nrisk_level: standard\n");
    decide(r8, "decline", "2016-10-01");

    // 2017-Q2
    minutes("2017-04-01", quorate + "cases: {}\n");
    r0 = refer("2017-04-01", "agency: HSG\nname: Zed Zero\ncategories: [harassment]\nresident: true\nrisk_level: standard\n");
    r10 = refer("2017-05-02", "agency: VS\nname: Ivy Ives\ndob: 1975-07-07\ncategories: [harassment]\nresident: true\n"
                              "risk_level: high\n");
    decide(r10, "accept", "2017-05-03");
    decide(r0, "more-info", "2017-06-15");
    a9 = ops::add_action(db, r10, "VS", day("2017-06-30"), "a9", on("2017-06-20")).id;
    r1 = refer("2017-06-30", "agency: POL\nname: Ann Able\ndob: 1980-01-01\ncategories: [assault]\nresident: true\n"
                             "risk_level: high\n");

    // 2017-Q3
    r2 = refer("2017-07-01", "agency: POL\nname: Bob Brown\ndob: 1970-02-02\ncategories: [assault, harassment]\n"
                             "resident: true\nvulnerable: true\nagencies_involved: 2\nrisk_level: standard\n");
    decide(r0, "decline", "2017-07-01");
    status(a9, "done", "2017-07-01");
    decide(r1, "accept", "2017-07-03");
    decide(r2, "accept", "2017-07-03");
    const auto m1 = minutes("2017-07-11", quorate + "cases:\n"
                                                    "  " + r1 + ":\n"
                                                    "    summary: s\n"
                                                    "    outcome: keep-open\n"
                                                    "    interventions:\n"
                                                    "      - {type: verbal-warning, agency: POL, date: 2017-07-11}\n"
                                                    "      - {type: warning-letter, agency: POL, date: 2017-06-30}\n"
                                                    "    actions:\n"
                                                    "      - {owner: POL, description: a1, due: 2017-07-25}\n"
                                                    "      - {owner: ASC, description: a3, due: 2017-09-01}\n"
                                                    "      - {owner: MH, description: a5, due: 2017-08-15}\n"
                                                    "      - {owner: CST, description: a7, due: 2017-09-01}\n"
                                                    "  " + r2 + ":\n"
                                                    "    summary: s\n"
                                                    "    outcome: keep-open\n"
                                                    "    interventions:\n"
                                                    "      - {type: abc, agency: HSG, date: 2017-07-11}\n"
                                                    "    actions:\n"
                                                    "      - {owner: HSG, description: a2, due: 2017-08-01}\n"
                                                    "      - {owner: CST, description: a4, due: 2017-08-01}\n"
                                                    "      - {owner: POL, description: a6, due: 2017-08-01}\n");
    REQUIRE(m1.actions.size() == 7);
    REQUIRE(m1.quorate);
    a1 = m1.actions[0], a3 = m1.actions[1], a5 = m1.actions[2], a7 = m1.actions[3];
    a2 = m1.actions[4], a4 = m1.actions[5], a6 = m1.actions[6];
    r3 = refer("2017-07-15", "agency: HSG\nname: Ann Able\ndob: 1980-01-01\ncategories: [harassment]\nresident: false\n"
                             "risk_level: high\n");
    decide(r3, "accept", "2017-07-17");
    r9 = refer("2017-07-20", "agency: CST\nname: Hal Hunt\ncategories: [drunk-disorderly]\nrisk_level: standard\n");
    status(a1, "done", "2017-07-25");
    move_due(a4, "2017-08-20", "2017-07-30");
    a8 = ops::add_action(db, r1, "HSG", day("2017-08-09"), "a8", on("2017-08-02")).id;
    CHECK_FALSE(minutes("2017-08-08", "held: false\nreason: Venue unavailable\n").held);
    r4 = refer("2017-08-10", "agency: POL\nname: Cat Cole\ncategories: [suicide, mental-health]\nvulnerable: true\n"
                             "agencies_involved: 1\nrisk_level: standard\n");
    decide(r4, "more-info", "2017-08-11");
    status(a2, "done", "2017-08-15");
    status(a4, "done", "2017-08-18");
    status(a5, "cancelled", "2017-08-20");
    const auto m3 = minutes("2017-09-12", "attendance:\n  POL: present\n  CST: present\n  ASC: apologies\n"
                                          "cases:\n"
                                          "  " + r1 + ":\n"
                                          "    summary: s\n"
                                          "    outcome: keep-open\n"
                                          "    interventions:\n"
                                          "      - {type: cpw, agency: POL, date: 2017-09-12}\n"
                                          "    actions:\n"
                                          "      - {owner: CST, description: a13, due: 2017-09-30}\n"
                                          "  " + r2 + ":\n"
                                          "    summary: s\n"
                                          "    outcome: close\n"
                                          "    close_reason: risk reduced\n"
                                          "  " + r10 + ":\n"
                                          "    summary: s\n"
                                          "    outcome: keep-open\n"
                                          "    interventions:\n"
                                          "      - {type: abc, agency: HSG, date: 2017-09-12}\n"
                                          "      - {type: abc, agency: HSG, date: 2017-10-01}\n"
                                          "    actions:\n"
                                          "      - {owner: VS, description: a12, due: 2017-09-29}\n"
                                          "action_updates:\n"
                                          "  " + a6 + ": not-possible\n"
                                          "  " + a7 + ": not-done\n"
                                          "  " + a8 + ": done\n");
    REQUIRE(m3.actions.size() == 2);
    REQUIRE_FALSE(m3.quorate);
    a13 = m3.actions[0], a12 = m3.actions[1];
    r5 = refer("2017-09-30", "agency: ASC\nname: Dan Dee\ndob: 1990-03-03\ncategories: [mental-health]\nresident: true\n"
                             "incidents_12m: 3\nrisk_level: standard\n");
    decide(r9, "redirect", "2017-09-30");
    decide(r0, "reopen", "2017-09-30");

    // 2017-Q4
    r6 = refer("2017-10-01", "agency: POL\nname: Eve Eve\ndob: 1991-04-04\ncategories: [assault]\nrisk_level: high\n");
    decide(r5, "decline", "2017-10-02");
    decide(r6, "accept", "2017-10-02");
    a10 = ops::add_action(db, r1, "POL", day("2017-10-20"), "a10", on("2017-10-02")).id;
    move_due(a3, "2017-10-31", "2017-10-03");
    status(a3, "done", "2017-10-05");
    minutes("2017-10-10", quorate + "cases:\n"
                                    "  " + r10 + ":\n    summary: s\n    outcome: close\n    close_reason: moved away\n"
                                    "  " + r6 + ":\n    summary: s\n    outcome: keep-open\n    next_review: 2017-11-14\n");
  }

  Json json(report::PeriodRequest request, const std::string& compare = "none", int suppress = 0)
  {
    return Json::parse(text(std::move(request), "json", compare, suppress));
  }
  std::string text(report::PeriodRequest request, const std::string& format, const std::string& compare = "none",
                   int suppress = 0)
  {
    report::BoardOptions o;
    o.period = report::parse_period(request);
    o.compare = report::comparison_period(o.period, compare);
    o.suppress_below = suppress;
    o.charts = format == "html";
    o.panel_name = "City of London Community MARAC";
    o.marking = "OFFICIAL-SENSITIVE";
    return render::board(report::board_report(db, o), render::parse_board_format(format), {});
  }
};

report::PeriodRequest quarter(const std::string& q)
{
  report::PeriodRequest r;
  r.quarter = q;
  return r;
}

size_t count(const std::string& text, const std::string& part)
{
  size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size()))
    ++n;
  return n;
}

} // namespace

TEST_CASE("board: referrals are counted from the first to the last day of the quarter, by agency and category")
{
  Board b;
  const auto j = b.json(quarter("2017-Q3"));
  CHECK(j["period"].dump() == R"({"from":"2017-07-01","to":"2017-09-30","label":"2017-Q3"})");
  const auto& r = j["referrals"];
  // R2 (1 Jul), R3 (15 Jul), R9 (20 Jul), R4 (10 Aug), R5 (30 Sep); not R1 (30 Jun) nor R6 (1 Oct).
  CHECK(r["received"] == 5);
  // POL: R2, R4; ASC: R5; CST: R9; HSG: R3 -- largest first, then by code.
  CHECK(r["by_agency"].dump() == R"({"POL":2,"ASC":1,"CST":1,"HSG":1})");
  // harassment: R2, R3; mental-health: R4, R5; assault: R2; drunk-disorderly: R9; suicide: R4.
  // Seven category counts for five referrals: R2 and R4 count once in each of their two.
  CHECK(r["by_category"].dump() == R"({"harassment":2,"mental-health":2,"assault":1,"drunk-disorderly":1,"suicide":1})");
  // resident true: R2, R5 (R3 is false; R9 and R4 did not say).
  CHECK(r["residents"] == 2);
  // vulnerable: R2, R4.
  CHECK(r["vulnerable"] == 2);
  // R3 is Ann Able again 15 days after R1.
  CHECK(r["repeats"] == 1);
  // 1 / 5.
  CHECK(r["repeat_rate"] == 0.2);
  // R2 (vulnerable + 2 agencies), R3 (high), R5 (3 incidents); not R9 (standard), R4 (1 agency only).
  CHECK(r["meeting_threshold"] == 3);
}

TEST_CASE("board: decisions count by the day decided, and referrals asked about or reopened are undecided at the end")
{
  Board b;
  const auto r = b.json(quarter("2017-Q3"))["referrals"];
  // accepted: R1 (received 30 Jun, accepted 3 Jul), R2 (3 Jul), R3 (17 Jul); not R10 (May), R6 (2 Oct).
  // declined: R0 (1 Jul, received in Q2); not R8 (2016), R5 (2 Oct, after the end).
  // redirected: R9 (30 Sep). more_info: R4 (11 Aug); not R0's of 15 Jun. R0's reopening is not counted.
  CHECK(r["decisions"].dump() == R"({"accepted":3,"declined":1,"redirected":1,"more_info":1})");
  // Received by 30 Sep with no decision standing at the end: R0 (last reopened, 30 Sep), R4 (more-info),
  // R5 (declined only on 2 Oct). R7, R10, R1, R2, R3 accepted; R8 declined; R9 redirected.
  CHECK(r["pending_at_end"] == 3);

  // 2017-Q2: R0 (more-info 15 Jun: still undecided at 30 Jun), R1 (received 30 Jun, accepted 3 Jul).
  const auto q2 = b.json(quarter("2017-Q2"))["referrals"];
  // R10 accepted 3 May; R0 more-info 15 Jun.
  CHECK(q2["decisions"].dump() == R"({"accepted":1,"declined":0,"redirected":0,"more_info":1})");
  CHECK(q2["pending_at_end"] == 2);
}

TEST_CASE("board: meetings scheduled, held, cancelled with a reason and held without a quorum")
{
  Board b;
  const auto m = b.json(quarter("2017-Q3"))["meetings"];
  // 11 Jul, 8 Aug, 12 Sep, 26 Sep (never minuted); not 10 Oct.
  CHECK(m["scheduled"] == 4);
  // 11 Jul and 12 Sep.
  CHECK(m["held"] == 2);
  // 8 Aug.
  CHECK(m["cancelled"] == 1);
  // 12 Sep: ASC, a quorum agency, sent apologies.
  CHECK(m["inquorate"] == 1);
  CHECK(m["cancel_reasons"].dump() == R"([{"date":"2017-08-08","reason":"Venue unavailable"}])");
}

TEST_CASE("board: a case discussed at two meetings counts two discussions and one new case; closed after the end is open")
{
  Board b;
  const auto c = b.json(quarter("2017-Q3"))["cases"];
  // 11 Jul: C1, C2; 12 Sep: C1, C2, C3.
  CHECK(c["discussed"] == 5);
  // First discussed in Q3: C1 and C2 (11 Jul), C3 (12 Sep). C0 was first discussed in 2016, C4 on 10 Oct.
  CHECK(c["new_discussed"] == 3);
  // Opened by 30 Sep and not closed by then: C1 (open), C3 (closed 10 Oct). C0 closed 2016, C2
  // closed 12 Sep, C4 opened 2 Oct.
  CHECK(c["open_at_end"] == 2);
  // C2 on 12 Sep; C3's closure on 10 Oct is after the end.
  CHECK(c["closed"] == 1);
  CHECK(c["closed_by_reason"].dump() == R"({"risk reduced":1})");
}

TEST_CASE("board: median days from referral to first discussion, for an odd and an even count")
{
  Board b;
  // C1: earliest referral R1 30 Jun -> 11 Jul = 11 days (R3 of 15 Jul is later); C2: R2 1 Jul ->
  // 11 Jul = 10; C3: R10 2 May -> 12 Sep = 29 (May) + 30 + 31 + 31 + 12 = 133. Sorted 10, 11, 133.
  CHECK(b.json(quarter("2017-Q3"))["cases"]["median_days_to_first_discussion"] == 11.0);
  // 2017/18 adds C4: R6 1 Oct -> 10 Oct = 9. Sorted 9, 10, 11, 133: (10 + 11) / 2.
  report::PeriodRequest fy;
  fy.fy = "2017/18";
  const auto c = b.json(fy)["cases"];
  CHECK(c["new_discussed"] == 4);
  CHECK(c["median_days_to_first_discussion"] == 10.5);
  // C0 in 2016-Q3: R7 1 Aug -> 13 Sep = 30 + 13.
  CHECK(b.json(quarter("2016-Q3"))["cases"]["median_days_to_first_discussion"] == 43.0);
}

TEST_CASE("board: actions agreed, completed on time or late, and overdue at the end, from their history")
{
  Board b;
  const auto a = b.json(quarter("2017-Q3"))["actions"];
  // A1 A3 A5 A7 A2 A4 A6 (meeting of 11 Jul), A8 (added 2 Aug), A13 A12 (12 Sep).
  // Not A9 (added 20 Jun) nor A10 (added 2 Oct).
  CHECK(a["agreed"] == 10);
  // A9 1 Jul, A1 25 Jul, A2 15 Aug, A4 18 Aug, A8 12 Sep; not A3 (done 5 Oct).
  CHECK(a["completed"] == 5);
  // A1 done on its due date; A4 done 18 Aug, due then 20 Aug (moved on 30 Jul).
  // Late: A9 (due 30 Jun), A2 (due 1 Aug), A8 (due 9 Aug).
  CHECK(a["completed_on_time"] == 2);
  // 2 / 5.
  CHECK(a["on_time_rate"] == 0.4);
  // A3: open at the end, due 1 Sep then (moved only on 3 Oct, done 5 Oct); A7: not-done, due 1 Sep;
  // A12: open, due 29 Sep. Not A13 (due 30 Sep, not before the end), A5 (cancelled),
  // A6 (not-possible), A1 A2 A4 A8 A9 (done).
  CHECK(a["overdue_at_end"] == 3);

  // 2017-Q4 sees A3 done 5 Oct, due then 31 Oct (moved on 3 Oct): on time.
  const auto q4 = b.json(quarter("2017-Q4"))["actions"];
  // A10 (added 2 Oct); nothing was agreed on 10 Oct.
  CHECK(q4["agreed"] == 1);
  CHECK(q4["completed"] == 1);
  CHECK(q4["completed_on_time"] == 1);
  // At 31 Dec: A7 (not-done, due 1 Sep), A12 (due 29 Sep), A13 (due 30 Sep), A10 (due 20 Oct).
  CHECK(q4["overdue_at_end"] == 4);
}

TEST_CASE("board: interventions by type and tier, by their own date")
{
  Board b;
  const auto i = b.json(quarter("2017-Q3"))["interventions"];
  // abc: C2 11 Jul, C3 12 Sep (C3's of 1 Oct is after the end); cpw: C1 12 Sep;
  // verbal-warning: C1 11 Jul; warning-letter of 30 Jun is before the start.
  CHECK(i["by_type"].dump() == R"({"abc":2,"cpw":1,"verbal-warning":1})");
  // verbal-warning tier 1, abc tier 2 (twice), cpw tier 3.
  CHECK(i["by_tier"].dump() == R"({"1":1,"2":2,"3":1})");
}

TEST_CASE("board: an empty quarter has zeros, empty breakdowns and null rates and median")
{
  Board b;
  // 2016-Q1 is before anything was recorded; so is 2015-Q4, the quarter before it.
  const auto j = b.json(quarter("2016-Q1"), "previous", 5);
  CHECK(j["referrals"].dump() == R"({"received":0,"by_agency":{},"by_category":{},"residents":0,"vulnerable":0,)"
                                 R"("repeats":0,"repeat_rate":null,"meeting_threshold":0,"decisions":{"accepted":0,)"
                                 R"("declined":0,"redirected":0,"more_info":0},"pending_at_end":0})");
  CHECK(j["meetings"].dump() == R"({"scheduled":0,"held":0,"cancelled":0,"inquorate":0,"cancel_reasons":[]})");
  CHECK(j["cases"].dump() == R"({"discussed":0,"new_discussed":0,"open_at_end":0,"closed":0,"closed_by_reason":{},)"
                             R"("median_days_to_first_discussion":null})");
  CHECK(j["actions"].dump() == R"({"agreed":0,"completed":0,"completed_on_time":0,"on_time_rate":null,"overdue_at_end":0})");
  CHECK(j["interventions"].dump() == R"({"by_type":{},"by_tier":{}})");
  CHECK(j["compare"]["period"]["label"] == "2015-Q4");
  for (const auto& [name, change] : j["compare"]["change"].items()) {
    CAPTURE(name);
    CHECK(j["compare"][name] == 0);  // 0 is not suppressed
    CHECK(change.is_null());         // no change from 0
  }
  CHECK(j["compare"]["change"].size() == 13);
}

TEST_CASE("board: compared with the previous quarter")
{
  Board b;
  const auto c = b.json(quarter("2017-Q3"), "previous")["compare"];
  CHECK(c["period"].dump() == R"({"from":"2017-04-01","to":"2017-06-30","label":"2017-Q2"})");
  // 2017-Q2: received R0 (1 Apr), R10 (2 May), R1 (30 Jun); no repeat; threshold R10, R1;
  // residents R0, R10, R1; none vulnerable; held the meeting of 1 Apr (no cases); open at 30 Jun:
  // C3 (opened 3 May); agreed A9 (20 Jun); completed none; overdue at 30 Jun none (A9 due that day).
  CHECK(c["referrals_received"] == 3);
  CHECK(c["repeats"] == 0);
  CHECK(c["meeting_threshold"] == 2);
  CHECK(c["residents"] == 3);
  CHECK(c["vulnerable"] == 0);
  CHECK(c["meetings_held"] == 1);
  CHECK(c["cases_discussed"] == 0);
  CHECK(c["new_cases_discussed"] == 0);
  CHECK(c["cases_open_at_end"] == 1);
  CHECK(c["cases_closed"] == 0);
  CHECK(c["actions_agreed"] == 1);
  CHECK(c["actions_completed"] == 0);
  CHECK(c["actions_overdue_at_end"] == 0);
  const auto& d = c["change"];
  CHECK(d["referrals_received"] == 0.6667);    // (5 - 3) / 3
  CHECK(d["repeats"].is_null());               // from 0
  CHECK(d["meeting_threshold"] == 0.5);        // (3 - 2) / 2
  CHECK(d["residents"] == -0.3333);            // (2 - 3) / 3
  CHECK(d["vulnerable"].is_null());            // from 0
  CHECK(d["meetings_held"] == 1.0);            // (2 - 1) / 1
  CHECK(d["cases_discussed"].is_null());       // from 0
  CHECK(d["new_cases_discussed"].is_null());   // from 0
  CHECK(d["cases_open_at_end"] == 1.0);        // (2 - 1) / 1
  CHECK(d["cases_closed"].is_null());          // from 0
  CHECK(d["actions_agreed"] == 9.0);           // (10 - 1) / 1
  CHECK(d["actions_completed"].is_null());     // from 0
  CHECK(d["actions_overdue_at_end"].is_null());  // from 0
}

TEST_CASE("board: compared with the same quarter a year earlier")
{
  Board b;
  const auto c = b.json(quarter("2017-Q3"), "year")["compare"];
  CHECK(c["period"].dump() == R"({"from":"2016-07-01","to":"2016-09-30","label":"2016-Q3"})");
  // 2016-Q3: R7 (1 Aug: resident, vulnerable, high), R8 (30 Sep, last day: standard); meeting of
  // 13 Sep held, discussing C0 for the first time and closing it; nothing open at 30 Sep.
  CHECK(c["referrals_received"] == 2);
  CHECK(c["meeting_threshold"] == 1);
  CHECK(c["residents"] == 1);
  CHECK(c["vulnerable"] == 1);
  CHECK(c["meetings_held"] == 1);
  CHECK(c["cases_discussed"] == 1);
  CHECK(c["new_cases_discussed"] == 1);
  CHECK(c["cases_open_at_end"] == 0);
  CHECK(c["cases_closed"] == 1);
  CHECK(c["actions_agreed"] == 0);
  const auto& d = c["change"];
  CHECK(d["referrals_received"] == 1.5);   // (5 - 2) / 2
  CHECK(d["repeats"].is_null());           // from 0
  CHECK(d["meeting_threshold"] == 2.0);    // (3 - 1) / 1
  CHECK(d["residents"] == 1.0);            // (2 - 1) / 1
  CHECK(d["vulnerable"] == 1.0);           // (2 - 1) / 1
  CHECK(d["meetings_held"] == 1.0);        // (2 - 1) / 1
  CHECK(d["cases_discussed"] == 4.0);      // (5 - 1) / 1
  CHECK(d["new_cases_discussed"] == 2.0);  // (3 - 1) / 1
  CHECK(d["cases_open_at_end"].is_null());  // from 0
  CHECK(d["cases_closed"] == 0.0);         // (1 - 1) / 1
  CHECK(d["actions_agreed"].is_null());    // from 0
}

TEST_CASE("board: a financial-year quarter and a financial year")
{
  Board b;
  report::PeriodRequest fq;
  fq.fy_quarter = "2017/18-Q2";
  const auto q = b.json(fq, "previous");
  // 2017/18-Q2 is July to September 2017: the same figures as 2017-Q3, compared with 2017/18-Q1.
  CHECK(q["period"].dump() == R"({"from":"2017-07-01","to":"2017-09-30","label":"2017/18-Q2"})");
  CHECK(q["compare"]["period"].dump() == R"({"from":"2017-04-01","to":"2017-06-30","label":"2017/18-Q1"})");
  CHECK(q["referrals"]["received"] == 5);
  CHECK(q["compare"]["referrals_received"] == 3);

  report::PeriodRequest fy;
  fy.fy = "2017/18";
  const auto j = b.json(fy, "previous");
  CHECK(j["period"].dump() == R"({"from":"2017-04-01","to":"2018-03-31","label":"2017/18"})");
  // R0 R10 R1 R2 R3 R9 R4 R5 R6.
  CHECK(j["referrals"]["received"] == 9);
  // 1 Apr, 11 Jul, 8 Aug, 12 Sep, 26 Sep, 10 Oct; held 1 Apr, 11 Jul, 12 Sep, 10 Oct.
  CHECK(j["meetings"]["scheduled"] == 6);
  CHECK(j["meetings"]["held"] == 4);
  // C2 risk reduced (12 Sep), C3 moved away (10 Oct).
  CHECK(j["cases"]["closed_by_reason"].dump() == R"({"moved away":1,"risk reduced":1})");
  // At 31 Mar 2018: C1, C4.
  CHECK(j["cases"]["open_at_end"] == 2);
  // 2016/17: R7, R8 (2016-04-01 to 2017-03-31).
  CHECK(j["compare"]["period"]["label"] == "2016/17");
  CHECK(j["compare"]["referrals_received"] == 2);
  CHECK(j["compare"]["change"]["referrals_received"] == 3.5);  // (9 - 2) / 2
}

TEST_CASE("board: --suppress-below 5 shows 1 to 4 as <5 everywhere and nulls the rates and changes made from them")
{
  Board b;
  const auto j = b.json(quarter("2017-Q3"), "previous", 5);
  const auto& r = j["referrals"];
  CHECK(r["received"] == 5);  // 5 is shown
  CHECK(r["by_agency"].dump() == R"({"POL":"<5","ASC":"<5","CST":"<5","HSG":"<5"})");
  CHECK(r["by_category"].dump() ==
        R"({"harassment":"<5","mental-health":"<5","assault":"<5","drunk-disorderly":"<5","suicide":"<5"})");
  CHECK(r["residents"] == "<5");
  CHECK(r["vulnerable"] == "<5");
  CHECK(r["repeats"] == "<5");
  CHECK(r["repeat_rate"].is_null());  // 1 / 5 would give the 1 away
  CHECK(r["meeting_threshold"] == "<5");
  CHECK(r["decisions"].dump() == R"({"accepted":"<5","declined":"<5","redirected":"<5","more_info":"<5"})");
  CHECK(r["pending_at_end"] == "<5");
  CHECK(j["meetings"].dump() == R"({"scheduled":"<5","held":"<5","cancelled":"<5","inquorate":"<5",)"
                                 R"("cancel_reasons":[{"date":"2017-08-08","reason":"Venue unavailable"}]})");
  const auto& c = j["cases"];
  CHECK(c["discussed"] == 5);
  CHECK(c["new_discussed"] == "<5");
  CHECK(c["median_days_to_first_discussion"] == 11.0);  // the median is not suppressed
  CHECK(c["open_at_end"] == "<5");
  CHECK(c["closed"] == "<5");
  CHECK(c["closed_by_reason"].dump() == R"({"risk reduced":"<5"})");
  const auto& a = j["actions"];
  CHECK(a["agreed"] == 10);
  CHECK(a["completed"] == 5);
  CHECK(a["completed_on_time"] == "<5");
  CHECK(a["on_time_rate"].is_null());  // from the suppressed 2
  CHECK(a["overdue_at_end"] == "<5");
  CHECK(j["interventions"].dump() == R"({"by_type":{"abc":"<5","cpw":"<5","verbal-warning":"<5"},)"
                                      R"("by_tier":{"1":"<5","2":"<5","3":"<5"}})");
  // Q2: 3 received, 0 repeats, 2 threshold, 3 residents, 0 vulnerable, 1 held, 0 discussed, 0 new,
  // 1 open, 0 closed, 1 agreed, 0 completed, 0 overdue.
  const auto& p = j["compare"];
  CHECK(p["referrals_received"] == "<5");
  CHECK(p["repeats"] == 0);
  CHECK(p["meeting_threshold"] == "<5");
  CHECK(p["residents"] == "<5");
  CHECK(p["vulnerable"] == 0);
  CHECK(p["meetings_held"] == "<5");
  CHECK(p["cases_discussed"] == 0);
  CHECK(p["cases_open_at_end"] == "<5");
  CHECK(p["actions_agreed"] == "<5");
  CHECK(p["actions_completed"] == 0);
  // Every change has a suppressed side (received 5 vs <5, agreed 10 vs <5, ...) or starts from 0.
  for (const auto& [name, change] : p["change"].items()) {
    CAPTURE(name);
    CHECK(change.is_null());
  }
}

TEST_CASE("board: --suppress-below 2 keeps the rates and changes between counts it shows")
{
  Board b;
  const auto j = b.json(quarter("2017-Q3"), "previous", 2);
  CHECK(j["referrals"]["repeats"] == "<2");            // 1
  CHECK(j["referrals"]["repeat_rate"].is_null());      // from it
  CHECK(j["referrals"]["residents"] == 2);
  CHECK(j["actions"]["on_time_rate"] == 0.4);          // 2 / 5, both shown
  CHECK(j["compare"]["referrals_received"] == 3);
  CHECK(j["compare"]["change"]["referrals_received"] == 0.6667);  // (5 - 3) / 3
  CHECK(j["compare"]["change"]["meeting_threshold"] == 0.5);      // (3 - 2) / 2
  CHECK(j["compare"]["change"]["residents"] == -0.3333);          // (2 - 3) / 3
  CHECK(j["compare"]["meetings_held"] == "<2");                   // 1
  CHECK(j["compare"]["change"]["meetings_held"].is_null());
  CHECK(j["compare"]["change"]["actions_agreed"].is_null());      // 10 against 1
}

TEST_CASE("board: csv has one row per figure under the header section,metric,key,value,previous,change")
{
  Board b;
  const auto csv = b.text(quarter("2017-Q3"), "csv", "previous");
  std::istringstream in(csv);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r')
      line.pop_back();  // line ends are the subject of the next case
    lines.push_back(line);
  }
  REQUIRE(!lines.empty());
  CHECK(lines[0] == "section,metric,key,value,previous,change");
  // period 3 + compare 3; referrals: received, 4 agencies, 5 categories, residents, vulnerable,
  // repeats, repeat_rate, meeting_threshold, 4 decisions, pending_at_end = 20; meetings: 4 counts
  // + 1 cancel reason = 5; cases: 5 figures + 1 reason = 6; actions 5; interventions 3 types + 3
  // tiers = 6. 48 rows and the header.
  CHECK(lines.size() == 56);
  for (size_t i = 1; i < lines.size(); ++i) {
    CAPTURE(lines[i]);
    CHECK(count(lines[i], ",") == 5);
  }
  const auto has = [&](const std::string& row) {
    CAPTURE(row);
    CHECK(std::find(lines.begin(), lines.end(), row) != lines.end());
  };
  has("period,label,,2017-Q3,,");
  has("compare,label,,2017-Q2,,");
  has("referrals,received,,5,3,0.6667");
  has("referrals,repeats,,1,0,");
  has("referrals,by_agency,POL,2,,");
  has("referrals,by_category,mental-health,2,,");
  has("referrals,repeat_rate,,0.2,,");
  has("referrals,decisions,more_info,1,,");
  has("referrals,pending_at_end,,3,,");
  has("meetings,cancel_reasons,2017-08-08,Venue unavailable,,");
  has("cases,closed_by_reason,risk reduced,1,,");
  has("actions,agreed,,10,1,9.0");
  has("interventions,by_tier,2,2,,");

  const auto suppressed = b.text(quarter("2017-Q3"), "csv", "previous", 5);
  CHECK(suppressed.find("\nreferrals,residents,,<5,<5,\r\n") != std::string::npos);
}

TEST_CASE("board: html is one self-contained file with closed charts")
{
  Board b;
  const auto html = b.text(quarter("2017-Q3"), "html", "previous");
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("</html>") != std::string::npos);
  CHECK(count(html, "<svg") >= 3);  // referrals per month, by category, cases open
  CHECK(count(html, "<svg") == count(html, "</svg>"));
  CHECK(html.find("2017-Q3") != std::string::npos);
  CHECK(html.find("<td>Received</td><td class=\"n\">5</td>") != std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  for (const std::string link : {"src=\"http", "href=\"http", "src='http", "href='http", "url(http", "@import"}) {
    CAPTURE(link);
    CHECK(html.find(link) == std::string::npos);
  }
  CHECK(count(html, "OFFICIAL-SENSITIVE") >= 2);  // the marking at the top and the bottom
}

TEST_CASE("board: md has a table per section")
{
  Board b;
  const auto md = b.text(quarter("2017-Q3"), "md", "previous");
  for (const std::string section : {"## Referrals", "## Meetings", "## Cases", "## Actions", "## Interventions"}) {
    CAPTURE(section);
    const auto at = md.find(section + "\n\n| | 2017-Q3 | 2017-Q2 | change |\n|---|---:|---:|---:|\n");
    CHECK(at != std::string::npos);
  }
  CHECK(count(md, "|---|---:|---:|---:|") == 6);
  CHECK(md.find("| Received | 5 | 3 | +66.7% |") != std::string::npos);
}

// Found by this test: the HTML charts once printed raw monthly counts ("2017-07: 3") under
// --suppress-below; a published board paper must not carry them.
TEST_CASE("board: html with --suppress-below shows no count from 1 to 4 in its charts either")
{
  Board b;
  const auto html = b.text(quarter("2017-Q3"), "html", "previous", 5);
  // Referrals per month, Oct 2016 to Sep 2017: Apr 1 (R0), May 1 (R10), Jun 1 (R1), Jul 3 (R2 R3 R9),
  // Aug 1 (R4), Sep 1 (R5). Cases open at month ends: May and Jun 1 (C3), Jul and Aug 3 (C1 C2 C3),
  // Sep 2 (C1 C3).
  for (const std::string small : {"<title>2017-07: 3</title>", "<title>2017-08: 1</title>", ">3</text>", ">1</text>"}) {
    CAPTURE(small);
    CHECK(html.find(small) == std::string::npos);
  }
}

// Found by this test: the board csv once ended its lines in LF; every csv panel writes is RFC 4180,
// CRLF (docs/cli/panel.md).
TEST_CASE("board: csv ends its lines with CRLF, as every other csv panel writes")
{
  Board b;
  const auto csv = b.text(quarter("2017-Q3"), "csv", "previous");
  CHECK(csv.rfind("section,metric,key,value,previous,change\r\n", 0) == 0);
  CHECK(count(csv, "\r\n") == 56);
  CHECK(count(csv, "\n") == 56);
}

TEST_CASE("board: a voided referral leaves every figure, and unvoiding restores them")
{
  Board b;
  const auto before = b.json(quarter("2017-Q3"));
  // R3: Ann Able's repeat, accepted into C1 beside R1; R9: Hal Hunt's, redirected.
  ops::void_referral(b.db, b.r3, "Recorded twice", b.on("2017-10-05"));
  ops::void_referral(b.db, b.r9, "Wrong panel", b.on("2017-10-05"));
  const auto after = b.json(quarter("2017-Q3"));
  const auto& r = after["referrals"];
  // R2, R4, R5 are left: received 5 -> 3.
  CHECK(r["received"] == 3);
  // HSG (R3) and CST (R9) go.
  CHECK(r["by_agency"].dump() == R"({"POL":2,"ASC":1})");
  // harassment 2 -> 1 (R3), drunk-disorderly 1 -> 0 (R9).
  CHECK(r["by_category"].dump() == R"({"mental-health":2,"assault":1,"harassment":1,"suicide":1})");
  // R3 was not resident and R9 did not say; neither was vulnerable.
  CHECK(r["residents"] == before["referrals"]["residents"]);
  CHECK(r["vulnerable"] == before["referrals"]["vulnerable"]);
  // R3 was the quarter's only repeat.
  CHECK(r["repeats"] == 0);
  CHECK(r["repeat_rate"] == 0.0);
  // R3 met the threshold (high); R9 did not.
  CHECK(r["meeting_threshold"] == 2);
  // R3's acceptance and R9's redirection go.
  CHECK(r["decisions"].dump() == R"({"accepted":2,"declined":1,"redirected":0,"more_info":1})");
  CHECK(r["pending_at_end"] == before["referrals"]["pending_at_end"]);
  // C1 keeps R1: the cases and meetings are as they were.
  CHECK(after["cases"] == before["cases"]);
  CHECK(after["meetings"] == before["meetings"]);

  ops::unvoid_referral(b.db, b.r9, "Voided in error", b.on("2017-10-06"));
  ops::unvoid_referral(b.db, b.r3, "Voided in error", b.on("2017-10-06"));
  CHECK(b.json(quarter("2017-Q3")) == before);
}
