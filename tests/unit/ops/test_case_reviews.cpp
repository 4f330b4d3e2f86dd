#include "panel/ops/case_reviews.hpp"

#include "panel/ops/agenda.hpp"
#include "panel/ops/meetings.hpp"
#include "panel/ops/reminders.hpp"
#include "panel/render/case_review.hpp"
#include "panel/rules/working_days.hpp"
#include "panel/store/actions.hpp"
#include "panel/store/impl.hpp"
#include "panel/store/meetings.hpp"
#include "panel/store/reminders.hpp"
#include "tests/unit/ops/panel_fixture.hpp"

#include <doctest/doctest.h>
#include <set>
#include <string>
#include <utility>
#include <vector>

using namespace panel;
using test::catch_error;

namespace {

using Strings = std::vector<std::string>;
using Item = std::pair<std::string, std::string>;  // item, subject
using Items = std::vector<Item>;

core::Date day(const char* iso) { return *core::Date::parse(iso); }

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Three incidents, each reported in time, for an application received from mid-August 2017 on:
// the threshold is met under rule "complaints".
const std::string three_complaints = "complaints:\n"
                                     "  - incident_date: 2017-06-02\n"
                                     "    reported_date: 2017-06-02\n"
                                     "    agency: POL\n"
                                     "    reference: CAD 4417\n"
                                     "    description: Shouting and banging on the door\n"
                                     "  - incident_date: 2017-07-14\n"
                                     "    reported_date: 2017-07-15\n"
                                     "    agency: POL\n"
                                     "    description: Rubbish thrown into the garden\n"
                                     "  - incident_date: 2017-08-08\n"
                                     "    reported_date: 2017-08-08\n"
                                     "    agency: HSG\n"
                                     "    description: Car tyres let down\n";

// Two incidents and no hate: not met.
const std::string two_complaints = "- {incident_date: 2017-06-02, reported_date: 2017-06-02, agency: POL, description: Shouting}\n"
                                   "- {incident_date: 2017-07-14, reported_date: 2017-07-15, agency: HSG, description: Rubbish}\n";

const std::string outcome_two = "date: 2017-09-13\n"
                                "summary: Reports were dealt with one at a time.\n"
                                "recommendations:\n"
                                "  - owner: HSG\n"
                                "    description: Visit the neighbouring tenancy\n"
                                "    due: 2017-09-29\n"
                                "  - {owner: POL, description: Flag the address, due: 2017-09-20}\n";

const char* const met_verdict = "threshold met: 3 qualifying incidents (at least 3 needed)";

// Every row of every table (sqlite_sequence and reference_counter included), for "nothing was
// written" comparisons.
std::string dump_all(store::Db& db)
{
  auto& sql = db.impl().sql;
  Strings tables;
  SQLite::Statement t(sql, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
  while (t.executeStep())
    tables.push_back(t.getColumn(0).getString());
  std::string out;
  for (const auto& name : tables) {
    out += "== " + name + "\n";
    SQLite::Statement s(sql, "SELECT * FROM \"" + name + "\"");
    while (s.executeStep()) {
      for (int i = 0; i < s.getColumnCount(); ++i)
        out += (s.getColumn(i).isNull() ? std::string("NULL") : s.getColumn(i).getString()) + "|";
      out += "\n";
    }
  }
  return out;
}

std::int64_t count(store::Db& db, const std::string& table)
{
  return db.impl().sql.execAndGet("SELECT count(*) FROM " + table).getInt64();
}

// A ccm panel (made on 1 September 2017) with helpers to apply, decide and plan.
struct Trigger : test::CcmPanel {
  test::TempDir files;

  core::Actor on(const std::string& today)
  {
    auto a = test::actor(today + "T09:00:00Z", "trigger");
    a.today = day(today.c_str());
    return a;
  }
  // A file in the temporary folder with `text` in it; returns its path.
  std::string file(const std::string& name, const std::string& text)
  {
    const auto written = files.file(name);
    test::write_text(written, text);
    return written;
  }
  core::CaseReviewApplication application(const char* received, const std::string& applicant = "Jo Bloggs",
                                          const std::string& on_behalf_of = "")
  {
    core::CaseReviewApplication a;
    a.received = day(received);
    a.applicant = applicant;
    a.on_behalf_of = on_behalf_of;
    a.consent = !on_behalf_of.empty();
    a.contact = "jo.bloggs@example.org";
    return a;
  }
  // Applies with the complaints in `complaints` (a file's text, "" for none) on `today`; returns the reference.
  std::string apply(const char* received, const std::string& complaints, const char* today = "2017-09-04",
                    const std::string& on_behalf_of = "")
  {
    const auto complaints_file = complaints.empty() ? std::string() : file("complaints.yaml", complaints);
    return ops::apply_for_case_review(db, application(received, "Jo Bloggs", on_behalf_of), complaints_file, on(today))
        .reference;
  }
  ops::CheckedReview decide(const std::string& reference, std::optional<bool> override_met = std::nullopt,
                            const std::string& reason = "", const char* when = "2017-09-04")
  {
    return ops::decide_case_review(db, reference, override_met, reason, day(when), on(when));
  }
  void meeting(const char* date)
  {
    core::Meeting m;
    m.date = day(date);
    ops::add_meeting(db, m, on("2017-09-01"));
  }
  core::CaseReview review(const std::string& reference) { return *store::find_case_review(db, reference); }
  std::vector<core::AuditEntry> audit_of(const std::string& reference)
  {
    std::vector<core::AuditEntry> rows;
    for (const auto& e : store::list_audit(db, ""))
      if (e.entity == "case_review" && e.record == reference)
        rows.push_back(e);
    return rows;
  }
  Strings steps(const std::string& reference)
  {
    Strings out;
    for (const auto& s : store::case_review_steps(db, review(reference).id))
      out.push_back(s.step + " " + s.day + (s.detail.empty() ? "" : ": " + s.detail));
    return out;
  }
  ops::ReminderPlan plan(const std::string& today) { return ops::plan_reminders(db, "", on(today)); }
};

Items all_items(const ops::ReminderPlan& plan)
{
  Items items;
  for (const auto& m : plan.messages)
    for (const auto& i : m.items)
      items.emplace_back(i.item, i.subject);
  return items;
}

} // namespace

// ---- apply -------------------------------------------------------------------------------------

TEST_CASE("case review ops: an application with its complaints file is recorded with its complaints, a step and an audit row")
{
  Trigger p;
  const auto before = p.audit_rows();
  const auto reference = p.apply("2017-08-21", three_complaints);
  CHECK(reference == "CT-2017-0001");
  const auto r = p.review(reference);
  CHECK(r.application.received == day("2017-08-21"));
  CHECK(r.application.applicant == "Jo Bloggs");
  REQUIRE(r.application.complaints.size() == 3);
  CHECK(r.application.complaints[0].reference == "CAD 4417");
  CHECK(r.application.complaints[2].agency == "HSG");
  CHECK(p.steps(reference) == Strings{"apply 2017-08-21: 3 complaints"});
  REQUIRE(p.audit_rows() == before + 1);
  const auto audit = p.audit_of(reference);
  REQUIRE(audit.size() == 1);
  CHECK(audit[0].action == "create");
  CHECK(audit[0].detail == "3 complaints");
  CHECK(p.apply("2017-08-22", "") == "CT-2017-0002");
}

TEST_CASE("case review ops: a complaints file with an unknown agency and a bad date is refused naming both, and nothing is written")
{
  Trigger p;
  p.apply("2017-08-01", "");  // CT-2017-0001, so that the counter has a row to keep
  const auto path = p.file("bad.yaml", "complaints:\n"
                                       "  - incident_date: 2017-08-01\n"   // 2
                                       "    reported_date: 2017-08-01\n"
                                       "    agency: XYZ\n"
                                       "    description: Shouting\n"
                                       "  - incident_date: 2017-13-01\n"   // 6
                                       "    reported_date: 2017-08-02\n"
                                       "    agency: POL\n"
                                       "    description: Graffiti\n");
  const auto dump = dump_all(p.db);
  const auto counts = std::vector<std::int64_t>{count(p.db, "case_review"), count(p.db, "complaint"),
                                                count(p.db, "case_review_step"), count(p.db, "audit_log")};

  const auto caught = catch_error([&] { ops::apply_for_case_review(p.db, p.application("2017-08-21"), path, p.on("2017-09-04")); });
  CHECK(caught.thrown);
  CHECK(caught.code == Exit::refused);
  CHECK(has(caught.message, path + ":2: complaints[0].agency: unknown agency 'XYZ' (see 'panel agency list')"));
  CHECK(has(caught.message, path + ":6: complaints[1].incident_date: '2017-13-01': month 13 does not exist"));
  CHECK(caught.message.ends_with("\npanel: error: " + path + ": 2 problems; nothing was recorded"));

  CHECK(dump_all(p.db) == dump);
  CHECK(std::vector<std::int64_t>{count(p.db, "case_review"), count(p.db, "complaint"), count(p.db, "case_review_step"),
                                  count(p.db, "audit_log")} == counts);
  // No reference was used up.
  CHECK(p.apply("2017-08-21", "") == "CT-2017-0002");
}

TEST_CASE("case review ops: an application on someone's behalf without their consent is refused")
{
  Trigger p;
  const auto dump = dump_all(p.db);
  auto a = p.application("2017-08-21", "Cllr A Patel");
  a.on_behalf_of = "Kim Lee";
  a.consent = false;
  const auto caught = catch_error([&] { ops::apply_for_case_review(p.db, a, "", p.on("2017-09-04")); });
  CHECK(caught.thrown);
  CHECK(caught.code == Exit::refused);
  CHECK(caught.message == "--on-behalf-of: an application for Kim Lee needs their consent: add --consent once they have given "
                          "it\npanel: error: nothing was recorded");
  CHECK(dump_all(p.db) == dump);
  // With consent it is recorded, the victim being the person applied for.
  a.consent = true;
  const auto r = ops::apply_for_case_review(p.db, a, "", p.on("2017-09-04"));
  CHECK(p.review(r.reference).application.victim() == "Kim Lee");
}

TEST_CASE("case review ops: an application received in the future is refused; one received today is recorded")
{
  Trigger p;
  const auto dump = dump_all(p.db);
  const auto caught = catch_error(
      [&] { ops::apply_for_case_review(p.db, p.application("2017-09-05"), "", p.on("2017-09-04")); });
  CHECK(caught.thrown);
  CHECK(caught.code == Exit::refused);
  CHECK(caught.message ==
        "--received: 2017-09-05 is in the future (today is 2017-09-04)\npanel: error: nothing was recorded");
  CHECK(dump_all(p.db) == dump);
  CHECK(p.apply("2017-09-04", "") == "CT-2017-0001");
}

// ---- decide ------------------------------------------------------------------------------------

TEST_CASE("case review ops: the decision records the check's verdict and the check as JSON, with a step and an audit row")
{
  Trigger p;
  const auto reference = p.apply("2017-08-21", three_complaints);
  const auto audit_before = p.audit_of(reference).size();
  const auto result = p.decide(reference);
  CHECK(result.check.met);
  CHECK(result.check.verdict == met_verdict);

  const auto r = p.review(reference);
  CHECK(r.decided == day("2017-09-04"));
  CHECK(r.threshold_met == true);
  CHECK(r.rule == "complaints");
  CHECK(r.override_reason == "");
  CHECK(r.check_json == render::threshold_json(r, result.check));
  CHECK(has(r.check_json, "\"reference\":\"CT-2017-0001\""));
  CHECK(has(r.check_json, "\"threshold_met\":true"));
  CHECK(has(r.check_json, "\"rule\":\"complaints\""));
  CHECK(has(r.check_json, "\"reason\":\"counts: reported 1 day after the incident\""));
  CHECK(rules::stage_of(r) == "threshold-met");

  CHECK(p.steps(reference).back() == std::string("decide 2017-09-04: ") + met_verdict);
  const auto audit = p.audit_of(reference);
  REQUIRE(audit.size() == audit_before + 1);
  CHECK(audit.back().action == "update");
  CHECK(audit.back().detail == std::string("decide: ") + met_verdict);

  // Not met, as the check finds it.
  const auto other = p.apply("2017-08-21", two_complaints);
  p.decide(other);
  const auto not_met = p.review(other);
  CHECK(not_met.threshold_met == false);
  CHECK(not_met.rule == "");
  CHECK(has(not_met.check_json, "\"threshold_met\":false"));
  CHECK(has(not_met.check_json, "\"rule\":null"));
}

TEST_CASE("case review ops: an override in the direction the check already went is refused")
{
  Trigger p;
  const auto met = p.apply("2017-08-21", three_complaints);
  const auto not_met = p.apply("2017-08-21", two_complaints);
  const auto dump = dump_all(p.db);

  auto caught = catch_error([&] { p.decide(met, true, "They have suffered enough"); });
  CHECK(caught.thrown);
  CHECK(caught.code == Exit::refused);
  CHECK(caught.message == std::string("the check already finds the threshold met for CT-2017-0001; no override is needed (") +
                              met_verdict + ")");
  caught = catch_error([&] { p.decide(not_met, false, "Not enough"); });
  CHECK(caught.thrown);
  CHECK(has(caught.message, "the check already finds the threshold not met for CT-2017-0002"));
  // An override needs a reason.
  caught = catch_error([&] { p.decide(not_met, true, "  "); });
  CHECK(caught.thrown);
  CHECK(caught.code == Exit::usage);
  CHECK(dump_all(p.db) == dump);
  CHECK_FALSE(p.review(met).decided);
}

TEST_CASE("case review ops: an override the other way is recorded with its reason, rule 'override' and the check it overrode")
{
  Trigger p;
  const auto reference = p.apply("2017-08-21", two_complaints);
  const auto result = p.decide(reference, true, "  Calls to the council were not logged  ");
  CHECK_FALSE(result.check.met);
  const auto r = p.review(reference);
  CHECK(r.threshold_met == true);
  CHECK(r.rule == "override");
  CHECK(r.override_reason == "Calls to the council were not logged");
  CHECK(has(r.check_json, "\"threshold_met\":false"));  // the check, not the decision
  CHECK(p.steps(reference).back() == "decide 2017-09-04: threshold met (override: Calls to the council were not logged)");
  // The reason is kept with the review (purge removes it), never in the audit log.
  CHECK(p.audit_of(reference).back().detail == "decide: threshold met (override, reason given)");

  // And down: met by the check, decided not met.
  const auto down = p.apply("2017-08-21", three_complaints);
  p.decide(down, false, "The incidents were about another flat");
  const auto d = p.review(down);
  CHECK(d.threshold_met == false);
  CHECK(d.rule == "");
  CHECK(d.override_reason == "The incidents were about another flat");
  CHECK(has(d.check_json, "\"threshold_met\":true"));
}

TEST_CASE("case review ops: an application is decided once; a second decision is refused and changes nothing")
{
  Trigger p;
  const auto reference = p.apply("2017-08-21", three_complaints);
  p.decide(reference, std::nullopt, "", "2017-09-01");
  const auto dump = dump_all(p.db);
  auto caught = catch_error([&] { p.decide(reference); });
  CHECK(caught.thrown);
  CHECK(caught.code == Exit::refused);
  CHECK(caught.message == "CT-2017-0001 was decided on 2017-09-01 (threshold met)");
  caught = catch_error([&] { p.decide(reference, false, "Changed our minds"); });
  CHECK(caught.thrown);
  CHECK(dump_all(p.db) == dump);
  // A decision dated before the application or after today is refused too.
  const auto other = p.apply("2017-08-21", three_complaints);
  caught = catch_error([&] { ops::decide_case_review(p.db, other, std::nullopt, "", day("2017-08-20"), p.on("2017-09-04")); });
  CHECK(caught.message == "--date: 2017-08-20 is not between the day the application was received (2017-08-21) and today (2017-09-04)");
  caught = catch_error([&] { ops::decide_case_review(p.db, other, std::nullopt, "", day("2017-09-05"), p.on("2017-09-04")); });
  CHECK(caught.thrown);
  CHECK_FALSE(p.review(other).decided);
}

// ---- review at a meeting -------------------------------------------------------------------------

TEST_CASE("case review ops: an application is listed for a meeting only once the threshold is decided as met")
{
  Trigger p;
  p.meeting("2017-09-12");
  const auto met = p.apply("2017-08-21", three_complaints, "2017-09-04", "Kim Lee");
  const auto not_met = p.apply("2017-08-21", two_complaints);
  const auto dump = dump_all(p.db);

  auto caught = catch_error([&] { ops::list_case_review(p.db, met, day("2017-09-12"), p.on("2017-09-04")); });
  CHECK(caught.thrown);
  CHECK(caught.code == Exit::refused);
  CHECK(caught.message == "CT-2017-0001 has no threshold decision yet (panel trigger decide); only an application that meets "
                          "the threshold is reviewed at a meeting");
  CHECK(dump_all(p.db) == dump);

  p.decide(not_met);
  caught = catch_error([&] { ops::list_case_review(p.db, not_met, day("2017-09-12"), p.on("2017-09-04")); });
  CHECK(caught.thrown);
  CHECK(caught.message == "CT-2017-0002 does not meet the threshold; only an application that meets the threshold is "
                          "reviewed at a meeting");
  CHECK_FALSE(p.review(not_met).meeting);

  p.decide(met);
  // Not for a meeting that does not exist.
  caught = catch_error([&] { ops::list_case_review(p.db, met, day("2017-09-13"), p.on("2017-09-04")); });
  CHECK(caught.message == "no meeting on 2017-09-13 (see 'panel meeting list')");

  ops::list_case_review(p.db, met, day("2017-09-12"), p.on("2017-09-04"));
  const auto r = p.review(met);
  CHECK(r.meeting == day("2017-09-12"));
  CHECK(rules::stage_of(r) == "review-listed");
  CHECK(p.steps(met).back() == "review 2017-09-04: listed for the meeting on 2017-09-12");
  CHECK(p.audit_of(met).back().detail == "review: listed for the meeting on 2017-09-12");
  caught = catch_error([&] { ops::list_case_review(p.db, met, day("2017-09-12"), p.on("2017-09-04")); });
  CHECK(caught.message == "CT-2017-0001 is already listed for the meeting on 2017-09-12");

  // The agenda has it last, as a case-review item named for the victim.
  const auto agenda = ops::compute_agenda(p.db, *store::find_meeting(p.db, day("2017-09-12")), ops::load_profile(p.db));
  REQUIRE_FALSE(agenda.items.empty());
  const auto& item = agenda.items.back();
  CHECK(item.reference == "CT-2017-0001");
  CHECK(item.item == "case-review");
  CHECK(item.name == "Kim Lee");
  CHECK(item.case_reference == "");
  size_t reviews = 0;
  for (const auto& i : agenda.items)
    reviews += i.item == "case-review";
  CHECK(reviews == 1);
}

TEST_CASE("case review ops: an application is not listed for a cancelled meeting")
{
  Trigger p;
  p.meeting("2017-09-12");
  const auto met = p.apply("2017-08-21", three_complaints);
  p.decide(met);
  ops::cancel_meeting(p.db, day("2017-09-12"), "No quorum", p.on("2017-09-04"));
  const auto caught = catch_error([&] { ops::list_case_review(p.db, met, day("2017-09-12"), p.on("2017-09-04")); });
  CHECK(caught.thrown);
  CHECK(caught.message == "the meeting on 2017-09-12 is cancelled");
  CHECK_FALSE(p.review(met).meeting);
}

// ---- outcome -----------------------------------------------------------------------------------------

TEST_CASE("case review ops: an outcome with two recommendations makes two actions owned by the agencies named")
{
  Trigger p;
  p.meeting("2017-09-12");
  const auto reference = p.apply("2017-08-21", three_complaints);
  p.decide(reference);
  ops::list_case_review(p.db, reference, day("2017-09-12"), p.on("2017-09-04"));
  const auto ids = ops::record_case_review_outcome(p.db, reference, p.file("outcome.yaml", outcome_two), p.on("2017-09-13"));
  REQUIRE(ids == Strings{"A-1", "A-2"});

  const auto first = store::find_action(p.db, ids[0]);
  REQUIRE(first);
  CHECK(first->action.owner == "HSG");
  CHECK(first->action.case_reference == "CT-2017-0001");
  CHECK(first->action.description == "Visit the neighbouring tenancy");
  CHECK(first->action.due == day("2017-09-29"));
  CHECK(first->action.status == "open");
  const auto second = store::find_action(p.db, ids[1]);
  REQUIRE(second);
  CHECK(second->action.owner == "POL");
  CHECK(second->action.due == day("2017-09-20"));
  CHECK(store::list_actions(p.db, {"", "", reference, std::nullopt}).size() == 2);

  const auto r = p.review(reference);
  CHECK(r.outcome == day("2017-09-13"));
  CHECK(r.outcome_summary == "Reports were dealt with one at a time.");
  CHECK(rules::stage_of(r) == "outcome-sent");
  CHECK(p.steps(reference).back() == "outcome 2017-09-13: 2 recommendations (A-1, A-2)");
  const auto detail = ops::show_case_review(p.db, reference, p.on("2017-09-13"));
  REQUIRE(detail.recommendations.size() == 2);
  CHECK(detail.recommendations[0].id == "A-1");

  // Once only.
  const auto caught = catch_error(
      [&] { ops::record_case_review_outcome(p.db, reference, p.file("again.yaml", "summary: Again.\n"), p.on("2017-09-14")); });
  CHECK(caught.message == "CT-2017-0001 already has an outcome, sent on 2017-09-13");
}

TEST_CASE("case review ops: an outcome naming an unknown agency is refused with its file and line, and nothing is written")
{
  Trigger p;
  const auto reference = p.apply("2017-08-21", three_complaints);
  p.decide(reference);
  const auto path = p.file("o.yaml", "date: 2017-09-13\n"
                                     "summary: Done.\n"
                                     "recommendations:\n"
                                     "  - {owner: HSG, description: Visit, due: 2017-09-29}\n"      // 4
                                     "  - {owner: NOBODY, description: Patrol, due: 2017-09-20}\n"  // 5
                                     "  - {owner: POL, description: Flag, due: 2017-09-01}\n");     // 6
  const auto dump = dump_all(p.db);
  const auto caught = catch_error([&] { ops::record_case_review_outcome(p.db, reference, path, p.on("2017-09-13")); });
  CHECK(caught.thrown);
  CHECK(caught.code == Exit::refused);
  CHECK(caught.message == path + ":5: recommendations[1].owner: unknown agency 'NOBODY' (see 'panel agency list')\n"
                              "panel: error: " + path +
                              ":6: recommendations[2].due: 2017-09-01 is before the outcome (2017-09-13)\n"
                              "panel: error: " + path + ": 2 problems; nothing was recorded");
  CHECK(dump_all(p.db) == dump);
  CHECK(store::list_actions(p.db, {}).empty());
  CHECK_FALSE(p.review(reference).outcome);
}

TEST_CASE("case review ops: there is no outcome to record before the threshold is decided as met")
{
  Trigger p;
  const auto reference = p.apply("2017-08-21", two_complaints);
  const auto path = p.file("o.yaml", outcome_two);
  auto caught = catch_error([&] { ops::record_case_review_outcome(p.db, reference, path, p.on("2017-09-13")); });
  CHECK(caught.message == "CT-2017-0001 has no threshold decision yet; there is no review to record an outcome for");
  p.decide(reference);
  caught = catch_error([&] { ops::record_case_review_outcome(p.db, reference, path, p.on("2017-09-13")); });
  CHECK(caught.message == "CT-2017-0001 does not meet the threshold; there is no review to record an outcome for");
  CHECK(store::list_actions(p.db, {}).empty());
}

// ---- appeal ------------------------------------------------------------------------------------------

TEST_CASE("case review ops: an appeal is refused before the decision and recorded after it, once")
{
  Trigger p;
  const auto reference = p.apply("2017-08-21", two_complaints);
  const auto dump = dump_all(p.db);
  auto caught = catch_error([&] { ops::appeal_case_review(p.db, reference, "Not fair", day("2017-09-04"), p.on("2017-09-04")); });
  CHECK(caught.thrown);
  CHECK(caught.code == Exit::refused);
  CHECK(caught.message == "CT-2017-0001 has no threshold decision yet; there is nothing to appeal against");
  CHECK(dump_all(p.db) == dump);

  p.decide(reference, std::nullopt, "", "2017-09-01");
  // Not dated before the decision.
  caught = catch_error([&] { ops::appeal_case_review(p.db, reference, "Not fair", day("2017-08-31"), p.on("2017-09-04")); });
  CHECK(caught.thrown);
  CHECK_FALSE(p.review(reference).appealed);

  ops::appeal_case_review(p.db, reference, " The housing complaints were not counted ", day("2017-09-04"), p.on("2017-09-04"));
  const auto r = p.review(reference);
  CHECK(r.appealed == day("2017-09-04"));
  CHECK(r.appeal_reason == "The housing complaints were not counted");
  CHECK(rules::stage_of(r) == "appealed");
  CHECK(p.steps(reference).back() == "appeal 2017-09-04: The housing complaints were not counted");
  CHECK(p.audit_of(reference).back().detail == "appeal: reason given");
  caught = catch_error([&] { ops::appeal_case_review(p.db, reference, "Again", day("2017-09-04"), p.on("2017-09-04")); });
  CHECK(caught.message == "CT-2017-0001 was appealed on 2017-09-04");
}

// ---- statuses ----------------------------------------------------------------------------------------

TEST_CASE("case review ops: the next step and its working days overdue skip the August bank holiday")
{
  Trigger p;
  // Received Thursday 10 August 2017: 10 working days on is Thursday 24 August. From then to
  // Monday 4 September: 25, (28 is the bank holiday), 29, 30, 31, 1, 4 = 6 working days.
  const auto late = p.apply("2017-08-10", three_complaints);
  // Received Friday 25 August: with the 28th off, due Monday 11 September: not yet due.
  const auto recent = p.apply("2017-08-25", "");
  const auto holidays = ops::case_review_holidays(ops::load_profile(p.db));
  REQUIRE(holidays.contains(day("2017-08-28")));
  REQUIRE(rules::working_days_between(day("2017-08-24"), day("2017-09-04"), {}) == 7);

  auto statuses = ops::case_review_statuses(p.db, ops::load_profile(p.db), day("2017-09-04"));
  REQUIRE(statuses.size() == 2);
  CHECK(statuses[0].review.reference == late);
  CHECK(statuses[0].stage == "received");
  REQUIRE(statuses[0].next);
  CHECK(statuses[0].next->step == "acknowledge");
  CHECK(statuses[0].next->due == day("2017-08-24"));
  CHECK(statuses[0].working_days_overdue == 6);
  REQUIRE(statuses[0].steps.size() == 2);
  CHECK(statuses[0].steps[1].step == "decide");
  CHECK(statuses[0].steps[1].due == day("2017-08-24"));
  CHECK(statuses[1].review.reference == recent);
  REQUIRE(statuses[1].next);
  CHECK(statuses[1].next->due == day("2017-09-11"));
  CHECK(statuses[1].working_days_overdue == 0);

  // Acknowledged: the decision is next, as overdue.
  ops::acknowledge_case_review(p.db, late, day("2017-09-01"), p.on("2017-09-04"));
  statuses = ops::case_review_statuses(p.db, ops::load_profile(p.db), day("2017-09-04"));
  CHECK(statuses[0].stage == "acknowledged");
  REQUIRE(statuses[0].next);
  CHECK(statuses[0].next->step == "decide");
  CHECK(statuses[0].working_days_overdue == 6);
  CHECK(statuses[0].steps[0].late());

  // Decided met: the outcome is next, 25 working days after the decision.
  p.decide(late);
  statuses = ops::case_review_statuses(p.db, ops::load_profile(p.db), day("2017-09-04"));
  REQUIRE(statuses[0].next);
  CHECK(statuses[0].next->step == "outcome");
  CHECK(statuses[0].next->due == day("2017-10-09"));
  CHECK(statuses[0].working_days_overdue == 0);
  // Appealed: no next step.
  ops::appeal_case_review(p.db, late, "Too slow", day("2017-09-04"), p.on("2017-09-04"));
  statuses = ops::case_review_statuses(p.db, ops::load_profile(p.db), day("2017-09-04"));
  CHECK_FALSE(statuses[0].next);
  CHECK(statuses[0].working_days_overdue == 0);
}

// ---- reminders ---------------------------------------------------------------------------------------

TEST_CASE("case review ops: an overdue ASB case review step is in the coordinator's digest until it is done")
{
  Trigger p;
  test::TempDir out;
  const auto reference = p.apply("2017-08-10", three_complaints);  // both first steps due 24 August

  auto plan = p.plan("2017-09-04");
  CHECK(plan.problems.empty());
  REQUIRE(plan.messages.size() == 1);
  const auto& digest = plan.messages[0];
  CHECK(digest.recipient == "coordinator");
  CHECK(digest.message.to == Strings{"communitysafety@example.org"});
  CHECK(all_items(plan) == Items{{"trigger-step", reference + " acknowledge"}, {"trigger-step", reference + " decide"}});
  CHECK(digest.items[0].due == day("2017-08-24"));
  CHECK(digest.message.subject == "[OFFICIAL-SENSITIVE] CCM reminders digest 4 September 2017: 2 ASB case review steps due");
  CHECK(has(digest.message.body, "ASB CASE REVIEWS (COMMUNITY TRIGGER): STEPS DUE"));
  CHECK(has(digest.message.body, reference + "  Acknowledgement due 24 August 2017 (6 working days overdue)"));
  CHECK(has(digest.message.body, reference + "  Threshold decision due 24 August 2017 (6 working days overdue)"));
  CHECK_FALSE(has(digest.message.body, "Jo Bloggs"));

  // Delivered, the items are recorded as 'trigger-step' reminders and not sent again that week.
  const auto delivered = ops::deliver_reminders(p.db, plan, {ops::Delivery::Kind::outbox, {}, out.file("outbox")}, p.on("2017-09-04"));
  REQUIRE(delivered.size() == 1);
  CHECK(delivered[0].error == "");
  CHECK(store::reminded_since(p.db, day("2017-09-04")) ==
        std::set<Item>{{"trigger-step", reference + " acknowledge"}, {"trigger-step", reference + " decide"}});
  plan = p.plan("2017-09-05");
  CHECK(plan.messages.empty());
  CHECK(plan.recently_reminded == 2);

  // Acknowledged: only the decision is left a week later.
  ops::acknowledge_case_review(p.db, reference, day("2017-09-05"), p.on("2017-09-05"));
  plan = p.plan("2017-09-11");
  CHECK(all_items(plan) == Items{{"trigger-step", reference + " decide"}});
  REQUIRE(plan.messages.size() == 1);
  CHECK_FALSE(has(plan.messages[0].message.body, "Acknowledgement"));
  CHECK(has(plan.messages[0].message.subject, "1 ASB case review step due"));

  // Decided: the outcome is weeks away, so nothing is due.
  p.decide(reference, std::nullopt, "", "2017-09-11");
  CHECK(p.plan("2017-09-11").messages.empty());
  CHECK(p.plan("2017-09-18").messages.empty());
}

TEST_CASE("case review ops: a step due within due_soon_days is in the digest as due, one beyond it is not")
{
  Trigger p;
  // Received Friday 25 August: due Monday 11 September (the 28th a bank holiday).
  const auto reference = p.apply("2017-08-25", "");
  CHECK(p.plan("2017-09-03").messages.empty());  // 8 days ahead
  const auto plan = p.plan("2017-09-04");        // 7 days ahead
  CHECK(all_items(plan) == Items{{"trigger-step", reference + " acknowledge"}, {"trigger-step", reference + " decide"}});
  REQUIRE(plan.messages.size() == 1);
  CHECK(has(plan.messages[0].message.body, reference + "  Acknowledgement due 11 September 2017 (in 7 days)"));
  CHECK_FALSE(has(plan.messages[0].message.body, "working days overdue"));
}
