#include "panel/ops/cases.hpp"

#include "panel/core/error.hpp"
#include "panel/documents/documents.hpp"
#include "panel/input/referrals.hpp"
#include "panel/ops/actions.hpp"
#include "panel/ops/intake.hpp"
#include "panel/ops/meetings.hpp"
#include "panel/ops/triage.hpp"
#include "panel/rules/attention.hpp"
#include "panel/store/board.hpp"
#include "panel/store/cases.hpp"
#include "panel/store/history.hpp"
#include "panel/store/meetings.hpp"
#include "panel/store/minutes.hpp"
#include "panel/store/purge.hpp"
#include "panel/store/referrals.hpp"
#include "panel/store/reminders.hpp"
#include "tests/unit/ops/panel_fixture.hpp"

#include <doctest/doctest.h>
#include <random>

using namespace panel;

namespace {

core::Date day(const char* text) { return *core::Date::parse(text); }

// A ccm panel on 4 September 2017 with meetings on 12 September and 10 October and one case,
// CCM-2017-0001, accepted for the first meeting with lead ASC and risk high.
struct Cases : test::CcmPanel {
  core::Actor now = test::actor("2017-09-04T09:00:00Z", "case update");

  Cases()
  {
    meeting(day("2017-09-12"));
    meeting(day("2017-10-10"));
    open_case("Daniel Okafor", "1986-03-14");
  }
  void meeting(core::Date date)
  {
    core::Meeting m;
    m.date = date;
    ops::add_meeting(db, m, now);
  }
  std::string open_case(const std::string& name, const std::string& dob)
  {
    auto reader = input::referral_from_fields({{"received", "2017-09-01"}, {"agency", "POL"}, {"name", name},
                                               {"dob", dob}, {"category", "assault"}, {"summary", "s"},
                                               {"risk_level", "high"}});
    std::string reference;
    ops::record_referrals(db, *reader, "", {}, now, [&](const ops::IntakeItem& i) { reference = i.reference; });
    ops::TriageRequest accept;
    accept.lead = "ASC";
    accept.risk = "high";
    ops::decide(db, reference, accept, now);
    return reference;
  }
  core::Case kase(const std::string& reference = "CCM-2017-0001") { return *store::find_case(db, reference); }
  std::vector<core::HistoryRow> history(const std::string& reference = "CCM-2017-0001")
  {
    // find_case_any: a voided case has a history too (find_case leaves it out).
    return store::history_of(db, core::HistoryEntity::case_, store::find_case_any(db, reference).value().id);
  }
  // Every open case's attention reasons apart from the time since discussion (rules/attention).
  std::vector<std::string> without_next_step()
  {
    std::vector<std::string> slipped;
    const auto meetings = store::open_meeting_dates(db);
    for (const auto& c : store::open_case_next_steps(db))
      for (const auto& reason : rules::attention_reasons(c, meetings, now.today, 0))
        slipped.push_back(c.info.reference + ": " + reason);
    return slipped;
  }
};

ops::CaseUpdate lead_risk(const std::string& lead, const std::string& risk)
{
  ops::CaseUpdate u;
  u.lead = lead;
  u.risk = risk;
  return u;
}

} // namespace

TEST_CASE("case update: each changed field is a history row with the reason, and one audit row names them")
{
  Cases p;
  const auto rows = p.audit_rows();
  auto u = lead_risk("POL", "medium");
  u.review = day("2017-10-10");
  u.reason = "Police take the lead";
  const auto change = ops::update_case(p.db, "CCM-2017-0001", u, p.now);
  REQUIRE(change.changes.size() == 3);
  CHECK(change.changes[0].field == "lead");
  CHECK(change.changes[0].old_value == "ASC");
  CHECK(change.changes[0].new_value == "POL");
  CHECK(p.kase().lead_agency == "POL");
  CHECK(p.kase().risk_level == "medium");
  CHECK(p.kase().review_date == day("2017-10-10"));
  const auto h = p.history();
  REQUIRE(h.size() == 3);
  CHECK(h[2].field == "review");
  CHECK(h[2].old_value == "");
  CHECK(h[2].new_value == "2017-10-10");
  CHECK(h[2].reason == "Police take the lead");
  CHECK(p.audit_rows() == rows + 1);
}

TEST_CASE("case update: the values already recorded change nothing and write nothing")
{
  Cases p;
  const auto rows = p.audit_rows();
  const auto change = ops::update_case(p.db, "CCM-2017-0001", lead_risk("ASC", "high"), p.now);
  CHECK(change.changes.empty());
  CHECK_FALSE(change.noted);
  CHECK(p.history().empty());
  CHECK(p.audit_rows() == rows);
}

TEST_CASE("case update: a bad value anywhere refuses the whole update and leaves the case as it was")
{
  Cases p;
  const auto rows = p.audit_rows();
  auto check_refused = [&](ops::CaseUpdate u, const std::string& message) {
    try {
      ops::update_case(p.db, "CCM-2017-0001", u, p.now);
      FAIL("not refused: " << message);
    } catch (const Error& e) {
      CHECK(e.code() == Exit::refused);
      CHECK(std::string(e.what()).find(message) != std::string::npos);
    }
    CHECK(p.kase().lead_agency == "ASC");
    CHECK(p.kase().risk_level == "high");
    CHECK_FALSE(p.kase().review_date);
    CHECK(p.history().empty());
    CHECK(store::case_notes(p.db, p.kase().id).empty());
    CHECK(p.audit_rows() == rows);
  };
  check_refused(lead_risk("POL", "extreme"), "unknown risk level 'extreme'");
  check_refused(lead_risk("PLC", "medium"), "unknown agency 'PLC'");
  auto past = lead_risk("POL", "");
  past.review = day("2017-09-03");
  past.note = "a note";
  check_refused(past, "in the past");
  auto unscheduled = lead_risk("POL", "");
  unscheduled.review = day("2017-10-11");
  check_refused(unscheduled, "no meeting on or after 2017-10-11");
  CHECK_THROWS_AS(ops::update_case(p.db, "CCM-2017-0042", lead_risk("POL", ""), p.now), Error);
}

TEST_CASE("case update: a closed case takes a corrected risk level and a note, not a review date")
{
  Cases p;
  ops::close_case(p.db, "CCM-2017-0001", "risk reduced", false, p.now);
  ops::CaseUpdate review;
  review.review = day("2017-10-10");
  CHECK_THROWS_WITH_AS(ops::update_case(p.db, "CCM-2017-0001", review, p.now), doctest::Contains("reopen it first"),
                       Error);
  auto risk = lead_risk("", "medium");
  risk.note = "Closing letter sent";
  const auto change = ops::update_case(p.db, "CCM-2017-0001", risk, p.now);
  CHECK(change.changes.size() == 1);
  CHECK(change.noted);
  CHECK(p.kase().risk_level == "medium");
  const auto notes = store::case_notes(p.db, p.kase().id);
  REQUIRE(notes.size() == 1);
  CHECK(notes[0].text == "Closing letter sent");
  CHECK(notes[0].day == p.now.today);
}

TEST_CASE("case close: open actions refuse it unless cancelled with it")
{
  Cases p;
  const auto id = ops::add_action(p.db, "CCM-2017-0001", "HSG", day("2017-09-30"), "Check the tenancy", p.now).id;
  CHECK_THROWS_WITH_AS(ops::close_case(p.db, "CCM-2017-0001", "moved away", false, p.now), doctest::Contains(id.c_str()), Error);
  CHECK(p.kase().status == "open");
  CHECK_THROWS_WITH_AS(ops::close_case(p.db, "CCM-2017-0001", "bored", true, p.now),
                       doctest::Contains("not a reason to close"), Error);
  const auto change = ops::close_case(p.db, "CCM-2017-0001", "Moved  Away", true, p.now);
  CHECK(change.cancelled == std::vector<std::string>{id});
  CHECK(p.kase().status == "closed");
  CHECK(p.kase().closed == p.now.today);
  CHECK(p.kase().close_reason == "moved away");
  CHECK(store::case_actions(p.db, p.kase().id).front().status == "cancelled");
  CHECK(p.history().size() == 3);
  CHECK_THROWS_WITH_AS(ops::close_case(p.db, "CCM-2017-0001", "moved away", true, p.now),
                       doctest::Contains("already closed"), Error);
}

TEST_CASE("case reopen: without --review the case is reviewed at the next scheduled meeting")
{
  Cases p;
  CHECK_THROWS_WITH_AS(ops::reopen_case(p.db, "CCM-2017-0001", "why", std::nullopt, p.now),
                       doctest::Contains("nothing to reopen"), Error);
  ops::close_case(p.db, "CCM-2017-0001", "risk reduced", false, p.now);
  const auto change = ops::reopen_case(p.db, "CCM-2017-0001", "New incidents", std::nullopt, p.now);
  CHECK(change.review_defaulted);
  CHECK(p.kase().status == "open");
  CHECK_FALSE(p.kase().closed);
  CHECK(p.kase().close_reason.empty());
  CHECK(p.kase().review_date == day("2017-09-12"));
  CHECK(p.history().back().reason == "New incidents");
}

TEST_CASE("case reopen: refused with no meeting to come, or while the person has another open case")
{
  Cases p;
  ops::close_case(p.db, "CCM-2017-0001", "risk reduced", false, p.now);
  p.open_case("Daniel Okafor", "1986-03-14");  // a new referral opens a new case
  CHECK_THROWS_WITH_AS(ops::reopen_case(p.db, "CCM-2017-0001", "New incidents", std::nullopt, p.now),
                       doctest::Contains("another open case"), Error);

  Cases q;
  ops::close_case(q.db, "CCM-2017-0001", "risk reduced", false, q.now);
  ops::cancel_meeting(q.db, day("2017-09-12"), "no quorum", q.now);
  ops::cancel_meeting(q.db, day("2017-10-10"), "no quorum", q.now);
  const auto rows = q.audit_rows();
  CHECK_THROWS_WITH_AS(ops::reopen_case(q.db, "CCM-2017-0001", "New incidents", std::nullopt, q.now),
                       doctest::Contains("no meeting is scheduled"), Error);
  CHECK(q.kase().status == "closed");
  CHECK(q.audit_rows() == rows);
}

TEST_CASE("case note: dated, not after today nor before the case opened, and purge clears its text")
{
  Cases p;
  ops::add_case_note(p.db, "CCM-2017-0001", "Moved to temporary accommodation", std::nullopt, p.now);
  CHECK_THROWS_AS(ops::add_case_note(p.db, "CCM-2017-0001", "later", day("2017-09-05"), p.now), Error);
  CHECK_THROWS_AS(ops::add_case_note(p.db, "CCM-2017-0001", "before", day("2017-08-01"), p.now), Error);
  CHECK_THROWS_AS(ops::add_case_note(p.db, "CCM-2017-0001", "  ", std::nullopt, p.now), Error);
  const auto detail = ops::case_detail(p.db, p.kase());
  REQUIRE(detail.notes.size() == 1);
  CHECK(detail.notes[0].text == "Moved to temporary accommodation");
  {
    store::Transaction txn(p.db, store::Transaction::Kind::write);
    store::purge_case(p.db, p.kase().id, day("2024-01-01"));
    txn.commit();
  }
  CHECK(store::case_notes(p.db, p.kase().id).front().text.empty());
  CHECK_THROWS_WITH_AS(ops::add_case_note(p.db, "CCM-2017-0001", "after purge", std::nullopt, p.now),
                       doctest::Contains("purged"), Error);
}

TEST_CASE("case corrections: a voided case is refused, and so is a referral that opened no case")
{
  Cases p;
  CHECK_THROWS_WITH_AS(ops::add_case_note(p.db, "CCM-2017-0042", "x", std::nullopt, p.now),
                       doctest::Contains("no case or referral 'CCM-2017-0042'"), Error);
  REQUIRE(test::raw_sql(p.path, "UPDATE \"case\" SET voided = '2017-09-04'").rc == SQLITE_OK);
  CHECK_THROWS_WITH_AS(ops::update_case(p.db, "CCM-2017-0001", lead_risk("POL", ""), p.now),
                       doctest::Contains("voided on 2017-09-04"), Error);
  CHECK_THROWS_WITH_AS(ops::close_case(p.db, "CCM-2017-0001", "other", true, p.now), doctest::Contains("voided"), Error);
  CHECK(p.history().empty());
}

TEST_CASE("case note: the meeting pack shows the notes written since the case was last discussed")
{
  Cases p;
  auto earlier = p.now;
  earlier.today = day("2017-09-01");
  {
    // Recorded as if a meeting on 2 September had discussed the case.
    core::Meeting m;
    m.date = day("2017-09-02");
    ops::add_meeting(p.db, m, earlier);
    store::Transaction txn(p.db, store::Transaction::Kind::write);
    core::CaseMinute minute;
    minute.summary = "Discussed";
    minute.outcome = "keep-open";
    store::insert_discussion(p.db, store::find_meeting(p.db, day("2017-09-02"))->id, p.kase().id, minute);
    store::insert_case_note(p.db, p.kase().id, day("2017-09-02"), "On the day of the meeting", p.now);
    txn.commit();
  }
  ops::add_case_note(p.db, "CCM-2017-0001", "After the meeting", day("2017-09-04"), p.now);
  const auto notes = documents::note_values(p.db, p.kase().id);
  REQUIRE(notes.items.size() == 1);
  CHECK(notes.items[0].fields.at("text").text == "After the meeting");
  CHECK(notes.items[0].fields.at("date").text == "4 September 2017");
  CHECK(ops::case_detail(p.db, p.kase()).notes.size() == 2);  // case show has them all
}

TEST_CASE("case intervention add: the minutes' checks, the type's dates, counted by date and reminded like minuted ones")
{
  Cases p;
  core::NewIntervention abc{"abc", "HSG", "", day("2017-09-01"), std::nullopt, std::nullopt, 0};
  const auto added = ops::add_case_intervention(p.db, "CCM-2017-0001", abc, 2, p.now);
  CHECK(added.tier == 2);
  CHECK(added.review == day("2017-12-01"));
  CHECK(added.expiry == day("2018-03-01"));
  CHECK(store::case_interventions(p.db, p.kase().id).size() == 1);

  auto wrong = abc;
  wrong.type = "acb";
  CHECK_THROWS_WITH_AS(ops::add_case_intervention(p.db, "CCM-2017-0001", wrong, std::nullopt, p.now),
                       doctest::Contains("--type: unknown intervention 'acb'"), Error);
  wrong = abc;
  wrong.agency = "HSX";
  CHECK_THROWS_WITH_AS(ops::add_case_intervention(p.db, "CCM-2017-0001", wrong, std::nullopt, p.now),
                       doctest::Contains("--agency: unknown agency 'HSX'"), Error);
  CHECK_THROWS_WITH_AS(ops::add_case_intervention(p.db, "CCM-2017-0001", abc, 3, p.now),
                       doctest::Contains("tier 2"), Error);
  CHECK(store::case_interventions(p.db, p.kase().id).size() == 1);

  const auto counts = store::intervention_counts(p.db, day("2017-07-01"), day("2017-09-30"));
  CHECK(counts.by_type == core::Counts{{"abc", 1}});
  CHECK(store::intervention_counts(p.db, day("2017-10-01"), day("2017-12-31")).by_type.empty());
  const auto due = store::interventions_due(p.db, day("2017-12-02"));
  REQUIRE(due.size() == 1);
  CHECK(due[0].step == "review");
  CHECK(due[0].reference == "CCM-2017-0001");

  ops::close_case(p.db, "CCM-2017-0001", "risk reduced", false, p.now);
  CHECK_THROWS_WITH_AS(ops::add_case_intervention(p.db, "CCM-2017-0001", abc, std::nullopt, p.now),
                       doctest::Contains("reopen it first"), Error);
}

TEST_CASE("case update, close and reopen: after any sequence no open case is without a next step")
{
  std::mt19937 random(20);
  int done = 0, refused = 0;
  for (int round = 0; round < 4; ++round) {
    Cases p;
    std::vector<std::string> cases = {"CCM-2017-0001"};
    const char* names[] = {"Ann Bell", "Cora Dunn", "Eve Ford", "Gil Hart"};
    for (const auto* name : names)
      cases.push_back(p.open_case(name, "1990-01-0" + std::to_string(cases.size())));
    // Off the agenda, as after a meeting that was cancelled with none to follow: the review date
    // is then each case's only next step, which the corrections must keep.
    for (const auto& reference : cases) {
      ops::CaseUpdate u;
      u.review = day("2017-10-10");
      ops::update_case(p.db, reference, u, p.now);
      store::Transaction txn(p.db, store::Transaction::Kind::write);
      store::relist_referral(p.db, reference, std::nullopt);
      txn.commit();
    }
    REQUIRE(p.without_next_step().empty());
    const std::vector<std::optional<core::Date>> reviews = {std::nullopt, day("2017-09-01"), day("2017-09-04"),
                                                            day("2017-09-20"), day("2017-10-10"), day("2017-10-11")};
    for (int step = 0; step < 40; ++step) {
      const auto& reference = cases[random() % cases.size()];
      const auto review = reviews[random() % reviews.size()];
      try {
        switch (random() % 4) {
        case 0: {
          ops::CaseUpdate u;
          u.review = review;
          u.risk = "medium";
          ops::update_case(p.db, reference, u, p.now);
          break;
        }
        case 1:
          ops::close_case(p.db, reference, "risk reduced", true, p.now);
          break;
        case 2:
          ops::reopen_case(p.db, reference, "New incidents", review, p.now);
          break;
        default:
          ops::update_case(p.db, reference, lead_risk("POL", ""), p.now);
        }
        ++done;
      } catch (const Error& e) {
        CHECK(e.code() == Exit::refused);
        ++refused;
      }
      CHECK(p.without_next_step() == std::vector<std::string>{});
    }
  }
  // The sequences did both: the invariant held through changes, not only through refusals.
  CHECK(done > 40);
  CHECK(refused > 10);
}
