#include "panel/store/case_reviews.hpp"

#include "panel/store/actions.hpp"
#include "panel/store/agencies.hpp"
#include "panel/store/impl.hpp"
#include "panel/store/meetings.hpp"
#include "panel/store/reminders.hpp"
#include "panel/store/schema.hpp"
#include "tests/unit/support.hpp"

#include <doctest/doctest.h>
#include <set>
#include <string>
#include <utility>
#include <vector>

using namespace panel;
using panel::test::raw_sql;
using panel::test::TempDir;

namespace {

core::Date day(const char* iso) { return *core::Date::parse(iso); }

using Strings = std::vector<std::string>;

// ---- a database at schema 7 ----------------------------------------------------------------

// Migrations 0..6 as panel with schema 7 applied them, then `data`, then user_version 7.
std::string schema_7(const std::string& data)
{
  std::string sql = "PRAGMA application_id = " + std::to_string(store::application_id) + ";";
  for (size_t i = 0; i < 7; ++i)
    sql += std::string(store::migrations().at(i));
  return sql + data + "PRAGMA user_version = 7;";
}

// Two agencies, two cases, a meeting; three actions (one done, one agreed at the meeting, one
// between meetings) with their history; reminders of three kinds. Rows as panel 7 wrote them.
const std::string v7_data = R"SQL(
INSERT INTO agency (code, name, email, core, position) VALUES ('POL', 'Police', 'police@example.org', 1, 1);
INSERT INTO agency (code, name, email, core, position) VALUES ('HSG', 'Housing', 'housing@example.org', 1, 2);
INSERT INTO person (id, name, name_key, dob, created_at) VALUES (1, 'Pat Kay', 'kay pat', '1970-01-01', '2017-09-01T09:00:00Z');
INSERT INTO person (id, name, name_key, dob, created_at) VALUES (2, 'Lee Moss', 'lee moss', NULL, '2017-09-01T09:00:00Z');
INSERT INTO "case" (id, reference, person_id, opened, lead_agency, risk_level) VALUES (1, 'CCM-2017-0001', 1, '2017-09-01', 'POL', 'high');
INSERT INTO "case" (id, reference, person_id, opened, lead_agency, risk_level) VALUES (2, 'CCM-2017-0002', 2, '2017-09-02', 'HSG', 'medium');
INSERT INTO meeting (id, date, status, created_at, created_by) VALUES (1, '2017-09-12', 'held', '2017-09-01T09:00:00Z', 'init');
INSERT INTO action (case_id, meeting_id, owner, description, due, status, status_date, created_at, created_by)
  VALUES (1, 1, 'POL', 'Visit the address', '2017-09-19', 'done', '2017-09-18', '2017-09-12T14:00:00Z', 'chair');
INSERT INTO action (case_id, meeting_id, owner, description, due, status, status_date, created_at, created_by)
  VALUES (1, 1, 'HSG', 'Review the tenancy', '2017-09-26', 'open', NULL, '2017-09-12T14:00:00Z', 'chair');
INSERT INTO action (case_id, meeting_id, owner, description, due, status, status_date, created_at, created_by)
  VALUES (2, NULL, 'POL', 'Call the neighbour', '2017-09-08', 'not-possible', '2017-09-07', '2017-09-04T10:00:00Z', 'coord');
INSERT INTO action_history (action_id, at, day, user, change, note) VALUES (1, '2017-09-12T14:00:00Z', '2017-09-12', 'chair', 'created', '');
INSERT INTO action_history (action_id, at, day, user, change, note) VALUES (2, '2017-09-12T14:00:00Z', '2017-09-12', 'chair', 'created', '');
INSERT INTO action_history (action_id, at, day, user, change, note) VALUES (3, '2017-09-04T10:00:00Z', '2017-09-04', 'coord', 'created', '');
INSERT INTO action_history (action_id, at, day, user, change, note) VALUES (1, '2017-09-18T11:00:00Z', '2017-09-18', 'pc', 'status open -> done', 'visited');
INSERT INTO action_history (action_id, at, day, user, change, note) VALUES (3, '2017-09-07T11:00:00Z', '2017-09-07', 'pc', 'status open -> not-possible', 'moved away');
INSERT INTO reminder (item, subject, due, recipient, address, message_id, delivery, day, at, user)
  VALUES ('action', 'A-2', '2017-09-26', 'HSG', 'housing@example.org', '<1@example.org>', 'outbox', '2017-09-20', '2017-09-20T09:00:00Z', 'remind');
INSERT INTO reminder (item, subject, due, recipient, address, message_id, delivery, day, at, user)
  VALUES ('escalation', 'A-2', '2017-09-26', 'coordinator', 'cst@example.org', '<2@example.org>', 'sendmail', '2017-10-12', '2017-10-12T09:00:00Z', 'remind');
INSERT INTO reminder (item, subject, due, recipient, address, message_id, delivery, day, at, user)
  VALUES ('case-review', 'CCM-2017-0001', '2017-10-10', 'coordinator', 'cst@example.org', '<2@example.org>', 'sendmail', '2017-10-12', '2017-10-12T09:00:00Z', 'remind');
)SQL";

// Every stored column of the actions, their history and the reminders, one row a line: the
// same text before and after the upgrade when nothing was lost or changed.
const char* const action_dump =
    "SELECT group_concat(x, char(10)) FROM (SELECT id || '|' || case_id || '|' || ifnull(meeting_id, '-') || '|' || owner || '|' || "
    "description || '|' || due || '|' || status || '|' || ifnull(status_date, '-') || '|' || created_at || '|' || created_by AS x "
    "FROM action ORDER BY id)";
const char* const history_dump =
    "SELECT group_concat(x, char(10)) FROM (SELECT id || '|' || action_id || '|' || at || '|' || day || '|' || user || '|' || "
    "change || '|' || note AS x FROM action_history ORDER BY id)";
const char* const reminder_dump =
    "SELECT group_concat(x, char(10)) FROM (SELECT id || '|' || item || '|' || subject || '|' || due || '|' || recipient || '|' || "
    "address || '|' || message_id || '|' || delivery || '|' || day || '|' || at || '|' || user AS x FROM reminder ORDER BY id)";

std::string dump(const std::string& path, const char* query)
{
  const auto result = raw_sql(path, query);
  REQUIRE_MESSAGE(result.rc == SQLITE_OK, result.message);
  return result.first_value;
}

int pragma(store::Db& db, const char* name) { return db.impl().sql.execAndGet(std::string("PRAGMA ") + name).getInt(); }

// The rows PRAGMA foreign_key_check reports, as "table rowid -> parent".
Strings foreign_key_problems(store::Db& db)
{
  SQLite::Statement s(db.impl().sql, "PRAGMA foreign_key_check");
  Strings out;
  while (s.executeStep())
    out.push_back(s.getColumn(0).getString() + " " + s.getColumn(1).getString() + " -> " + s.getColumn(2).getString());
  return out;
}

// ---- a database at the current schema ------------------------------------------------------

core::Actor at(const char* today) { return test::actor(std::string(today) + "T10:15:00Z", "trigger"); }

// An in-memory database with two agencies and one case (CCM-2017-0001, id 1).
struct Store {
  store::Db db = store::Db::memory();
  Store()
  {
    store::insert_agency(db, {"POL", "Police", "police@example.org", true});
    store::insert_agency(db, {"HSG", "Housing", "housing@example.org", true});
    db.impl().sql.exec("INSERT INTO person (id, name, name_key, created_at) VALUES (1, 'Pat Kay', 'kay pat', '2017-09-01T09:00:00Z');"
                       "INSERT INTO \"case\" (id, reference, person_id, opened) VALUES (1, 'CCM-2017-0001', 1, '2017-09-01')");
  }

  core::CaseReview apply(const char* received, const std::string& applicant = "Jo Bloggs", const std::string& on_behalf_of = "")
  {
    core::CaseReviewApplication a;
    a.received = day(received);
    a.applicant = applicant;
    a.on_behalf_of = on_behalf_of;
    a.consent = !on_behalf_of.empty();
    a.contact = "jo@example.org";
    a.address = "Flat 2\nFann Street";
    return store::insert_case_review(db, a, at("2017-09-04"));
  }
  std::int64_t meeting(const char* date)
  {
    core::Meeting m;
    m.date = day(date);
    store::insert_meeting(db, m, at("2017-09-01"));
    return store::find_meeting(db, m.date)->id;
  }
};

core::Complaint complaint(const char* incident, const char* reported, const std::string& agency, const std::string& description,
                          const std::string& complainant = "", bool hate = false, const std::string& reference = "")
{
  return {day(incident), day(reported), agency, reference, complainant, hate, description};
}

Strings references(const std::vector<store::ActionRow>& rows)
{
  Strings out;
  for (const auto& r : rows)
    out.push_back(r.action.id + " " + r.action.case_reference);
  return out;
}

} // namespace

// ---- migration 7 -> 8 ------------------------------------------------------------------------

TEST_CASE("case review store: a schema 7 database is upgraded to 8 keeping every action, its history and every reminder")
{
  // Migration 7 -> 8 and any after it.
  REQUIRE(store::migrations().size() >= 8);
  TempDir dir;
  const auto path = dir.file("v7.db");
  REQUIRE(raw_sql(path, schema_7(v7_data)).rc == SQLITE_OK);
  const auto actions_before = dump(path, action_dump);
  const auto history_before = dump(path, history_dump);
  const auto reminders_before = dump(path, reminder_dump);
  REQUIRE(actions_before.find("3|2|-|POL|Call the neighbour|2017-09-08|not-possible|2017-09-07") != std::string::npos);
  REQUIRE(reminders_before.find("case-review|CCM-2017-0001") != std::string::npos);

  auto db = store::Db::open(path);
  CHECK(db.schema_version() == store::current_schema_version());

  // The stored rows, column by column, are what they were.
  CHECK(dump(path, action_dump) == actions_before);
  CHECK(dump(path, history_dump) == history_before);
  CHECK(dump(path, reminder_dump) == reminders_before);
  CHECK(raw_sql(path, "SELECT count(*) FROM action WHERE case_review_id IS NOT NULL").first_value == "0");

  // ... and the library reads them as before: same ids, cases, owners, statuses, meetings.
  const auto all = store::list_actions(db, {});
  REQUIRE(all.size() == 3);
  const auto a1 = store::find_action(db, "A-1");
  REQUIRE(a1);
  CHECK(a1->action.case_reference == "CCM-2017-0001");
  CHECK(a1->action.owner == "POL");
  CHECK(a1->action.status == "done");
  CHECK(a1->action.status_date == day("2017-09-18"));
  CHECK(a1->meeting == "2017-09-12");
  const auto a3 = store::find_action(db, "A-3");
  REQUIRE(a3);
  CHECK(a3->action.case_reference == "CCM-2017-0002");
  CHECK(a3->action.status == "not-possible");
  CHECK(a3->meeting == "");
  CHECK(references(store::list_actions(db, {"", "", "CCM-2017-0001", std::nullopt})) == Strings{"A-1 CCM-2017-0001", "A-2 CCM-2017-0001"});
  const auto history = store::action_history(db, "A-1");
  REQUIRE(history.size() == 2);
  CHECK(history[0].change == "created");
  CHECK(history[1].change == "status open -> done");
  CHECK(history[1].note == "visited");
  CHECK(history[1].user == "pc");
  const auto reminded = store::action_reminders(db, "A-2");
  REQUIRE(reminded.size() == 2);
  CHECK(reminded[0].item == "action");
  CHECK(reminded[1].item == "escalation");
  CHECK(store::reminded_since(db, day("2017-01-01")) ==
        std::set<std::pair<std::string, std::string>>{{"action", "A-2"}, {"escalation", "A-2"}, {"case-review", "CCM-2017-0001"}});

  // The views over the rebuilt tables answer.
  CHECK(raw_sql(path, "SELECT count(*) FROM actions WHERE \"case\" = 'CCM-2017-0001'").first_value == "2");
  CHECK(raw_sql(path, "SELECT count(*) FROM reminders").first_value == "3");
  CHECK(raw_sql(path, "SELECT count(*) FROM case_reviews").rc == SQLITE_OK);

  // Every reference holds, and foreign keys are enforced again on this connection.
  CHECK(foreign_key_problems(db) == Strings{});
  CHECK(pragma(db, "foreign_keys") == 1);
  CHECK(raw_sql(path, "PRAGMA integrity_check").first_value == "ok");

  // AUTOINCREMENT survives the rebuild: a new action numbers on from the old maximum.
  const auto added = store::insert_action_row(db, {1, std::nullopt}, std::nullopt, {"HSG", "Check again", day("2017-10-20")},
                                              at("2017-10-13"));
  CHECK(added == "A-4");
  CHECK(raw_sql(path, "SELECT sql FROM sqlite_master WHERE name = 'action'").first_value.find("AUTOINCREMENT") != std::string::npos);
}

TEST_CASE("case review store: after the upgrade foreign keys are enforced on the rebuilt action table")
{
  TempDir dir;
  const auto path = dir.file("v7.db");
  REQUIRE(raw_sql(path, schema_7(v7_data)).rc == SQLITE_OK);
  auto db = store::Db::open(path);
  REQUIRE(pragma(db, "foreign_keys") == 1);
  // An action of a case that does not exist, and history of an action that does not exist.
  CHECK_THROWS_AS(store::insert_action_row(db, {99, std::nullopt}, std::nullopt, {"POL", "x", day("2017-10-20")}, at("2017-10-13")),
                  SQLite::Exception);
  CHECK_THROWS_AS(db.impl().sql.exec("INSERT INTO action_history (action_id, at, day, user, change) "
                                     "VALUES (99, '2017-10-13T10:00:00Z', '2017-10-13', 'x', 'created')"),
                  SQLite::Exception);
  CHECK(store::list_actions(db, {}).size() == 3);
}

// LIBRARY BUG: migration 7 -> 8 copies the action rows into action_rebuilt with their ids, which
// sets its sqlite_sequence entry to the largest id left, and drops the old table together with
// its sqlite_sequence entry. When the newest actions had been deleted before the upgrade
// (minutes replaced: store::delete_minutes), the AUTOINCREMENT high-water mark goes back and the
// next action gets an id already used: reminders recorded about the old A-3 (reminder.subject)
// are then taken for the new A-3's and hold its reminders back. Fails at commit 480333b; the
// uncommitted change to migration 7 -> 8 in the working tree (copying the sqlite_sequence entry
// across) makes it pass.
TEST_CASE("case review store: an action id used before the upgrade is not given again after it")
{
  TempDir dir;
  const auto path = dir.file("v7.db");
  // Action 3 was deleted with the minutes that agreed it; sqlite_sequence remembers 3.
  REQUIRE(raw_sql(path, schema_7(v7_data + "DELETE FROM action_history WHERE action_id = 3; DELETE FROM action WHERE id = 3;"))
              .rc == SQLITE_OK);
  REQUIRE(raw_sql(path, "SELECT seq FROM sqlite_sequence WHERE name = 'action'").first_value == "3");
  auto db = store::Db::open(path);
  REQUIRE(db.schema_version() == store::current_schema_version());
  const auto added = store::insert_action_row(db, {2, std::nullopt}, std::nullopt, {"POL", "Call again", day("2017-10-20")},
                                              at("2017-10-13"));
  CHECK_MESSAGE(added == "A-4", "the new action reused an id: ", added);
}

TEST_CASE("case review store: an upgraded database is opened again without migrating again")
{
  TempDir dir;
  const auto path = dir.file("v7.db");
  REQUIRE(raw_sql(path, schema_7(v7_data)).rc == SQLITE_OK);
  { auto db = store::Db::open(path); }
  const auto actions = dump(path, action_dump);
  auto db = store::Db::open(path);
  CHECK(db.schema_version() == store::current_schema_version());
  CHECK(dump(path, action_dump) == actions);
  CHECK(raw_sql(path, "SELECT count(*) FROM sqlite_master WHERE name LIKE '%_rebuilt'").first_value == "0");
}

// ---- the action table: a case's or a case review's --------------------------------------------

TEST_CASE("case review store: an action belongs to a case or to a case review, never both and never neither")
{
  Store s;
  const auto review = s.apply("2017-09-01");
  const core::NewAction a{"POL", "Patrol", day("2017-10-01")};
  const auto actor = at("2017-09-04");

  CHECK_THROWS_AS(store::insert_action_row(s.db, {1, review.id}, std::nullopt, a, actor), SQLite::Exception);
  CHECK_THROWS_AS(store::insert_action_row(s.db, {std::nullopt, std::nullopt}, std::nullopt, a, actor), SQLite::Exception);
  // Raw SQL meets the same CHECK, whatever writes it.
  bool refused_both = false;
  try {
    s.db.impl().sql.exec("INSERT INTO action (case_id, case_review_id, owner, description, due, created_at, created_by) "
                         "VALUES (1, 1, 'POL', 'x', '2017-10-01', 't', 'u')");
  } catch (const SQLite::Exception& e) {
    refused_both = std::string(e.what()).find("CHECK constraint failed") != std::string::npos;
  }
  CHECK(refused_both);
  CHECK(store::list_actions(s.db, {}).empty());

  // Either one alone is accepted.
  CHECK(store::insert_action_row(s.db, {1, std::nullopt}, std::nullopt, a, actor) == "A-1");
  CHECK(store::insert_action_row(s.db, {std::nullopt, review.id}, std::nullopt, a, actor) == "A-2");
}

// ---- applications ------------------------------------------------------------------------------

TEST_CASE("case review store: references are CT-<year received>-NNNN, numbered on within a year and from 0001 in the next")
{
  Store s;
  CHECK(s.apply("2017-09-01").reference == "CT-2017-0001");
  CHECK(s.apply("2017-12-31").reference == "CT-2017-0002");
  const auto next_year = s.apply("2018-01-01");
  CHECK(next_year.reference == "CT-2018-0001");
  // The year is the year received, not the year recorded: a late 2017 application goes on 2017's count.
  CHECK(s.apply("2017-06-30").reference == "CT-2017-0003");
  CHECK(s.apply("2018-02-01").reference == "CT-2018-0002");
  CHECK(next_year.id > 0);
  Strings all;
  for (const auto& r : store::list_case_reviews(s.db))
    all.push_back(r.reference);
  CHECK(all == Strings{"CT-2017-0001", "CT-2017-0002", "CT-2017-0003", "CT-2018-0001", "CT-2018-0002"});
}

TEST_CASE("case review store: an application is found by its reference in any case of letters, with its complaints in order")
{
  Store s;
  s.apply("2017-08-01", "First Applicant");
  const auto r = s.apply("2017-08-21", "Cllr A Patel", "Kim Lee");
  store::insert_complaint(s.db, r.id, complaint("2017-07-14", "2017-07-15", "POL", "Rubbish thrown", "", false, "CAD 5120"));
  store::insert_complaint(s.db, r.id, complaint("2017-06-02", "2017-06-05", "HSG", "Banging on the door", "Sam Lee", true));
  store::insert_complaint(s.db, r.id, complaint("2017-08-11", "2017-08-11", "POL", "Tyres let down"));

  for (const char* reference : {"CT-2017-0002", "ct-2017-0002", "Ct-2017-0002"}) {
    CAPTURE(reference);
    const auto found = store::find_case_review(s.db, reference);
    REQUIRE(found);
    CHECK(found->id == r.id);
    CHECK(found->reference == "CT-2017-0002");
  }
  CHECK_FALSE(store::find_case_review(s.db, "CT-2017-0009"));
  CHECK_FALSE(store::find_case_review(s.db, "CT-2017-2"));

  const auto found = *store::find_case_review(s.db, "ct-2017-0002");
  const auto& a = found.application;
  CHECK(a.received == day("2017-08-21"));
  CHECK(a.applicant == "Cllr A Patel");
  CHECK(a.on_behalf_of == "Kim Lee");
  CHECK(a.consent);
  CHECK(a.contact == "jo@example.org");
  CHECK(a.address == "Flat 2\nFann Street");
  CHECK(a.victim() == "Kim Lee");
  REQUIRE(a.complaints.size() == 3);
  // In the order added, not by date.
  CHECK(a.complaints[0].incident == day("2017-07-14"));
  CHECK(a.complaints[0].reported == day("2017-07-15"));
  CHECK(a.complaints[0].reference == "CAD 5120");
  CHECK(a.complaints[0].complainant == "");
  CHECK_FALSE(a.complaints[0].hate);
  CHECK(a.complaints[1].incident == day("2017-06-02"));
  CHECK(a.complaints[1].agency == "HSG");
  CHECK(a.complaints[1].complainant == "Sam Lee");
  CHECK(a.complaints[1].hate);
  CHECK(a.complaints[1].description == "Banging on the door");
  CHECK(a.complaints[2].description == "Tyres let down");
  // The other application has none of them.
  CHECK(store::find_case_review(s.db, "CT-2017-0001")->application.complaints.empty());
  // Nothing decided yet.
  CHECK_FALSE(found.acknowledged);
  CHECK_FALSE(found.decided);
  CHECK_FALSE(found.threshold_met);
  CHECK_FALSE(found.meeting);
}

TEST_CASE("case review store: each step's day and text are read back")
{
  Store s;
  const auto other = s.apply("2017-08-01", "Someone Else");
  const auto r = s.apply("2017-08-21");
  const auto meeting = s.meeting("2017-09-12");

  store::set_acknowledged(s.db, r.id, day("2017-08-23"));
  store::set_decision(s.db, r.id, day("2017-09-04"), true, "complaints", "", "{\"threshold_met\":true}");
  auto got = *store::find_case_review(s.db, r.reference);
  CHECK(got.acknowledged == day("2017-08-23"));
  CHECK(got.decided == day("2017-09-04"));
  CHECK(got.threshold_met == true);
  CHECK(got.rule == "complaints");
  CHECK(got.override_reason == "");
  CHECK(got.check_json == "{\"threshold_met\":true}");

  store::set_review_meeting(s.db, r.id, meeting);
  store::set_outcome(s.db, r.id, day("2017-09-13"), "The partners will meet the family.");
  store::set_appeal(s.db, r.id, day("2017-09-20"), "The landlord was not asked");
  got = *store::find_case_review(s.db, r.reference);
  CHECK(got.meeting == day("2017-09-12"));
  CHECK(got.outcome == day("2017-09-13"));
  CHECK(got.outcome_summary == "The partners will meet the family.");
  CHECK(got.appealed == day("2017-09-20"));
  CHECK(got.appeal_reason == "The landlord was not asked");

  // A decision of "not met" by override reads back as such.
  store::set_decision(s.db, other.id, day("2017-08-10"), false, "", "Complaints were about another flat", "{}");
  const auto not_met = *store::find_case_review(s.db, other.reference);
  CHECK(not_met.threshold_met == false);
  CHECK(not_met.rule == "");
  CHECK(not_met.override_reason == "Complaints were about another flat");
  // ... and touched nothing of the other application.
  CHECK_FALSE(not_met.outcome);
  CHECK_FALSE(not_met.appealed);
  CHECK_FALSE(not_met.meeting);
}

TEST_CASE("case review store: each step is kept in the application's history in order")
{
  Store s;
  const auto r = s.apply("2017-08-21");
  auto actor = at("2017-08-23");
  actor.user = "coord";
  store::record_case_review_step(s.db, r.id, core::CaseReviewStep::apply, day("2017-08-21"), "2 complaints", actor);
  store::record_case_review_step(s.db, r.id, core::CaseReviewStep::acknowledge, day("2017-08-22"), "", actor);
  const auto steps = store::case_review_steps(s.db, r.id);
  REQUIRE(steps.size() == 2);
  CHECK(steps[0].step == "apply");
  CHECK(steps[0].day == "2017-08-21");
  CHECK(steps[0].detail == "2 complaints");
  CHECK(steps[0].user == "coord");
  CHECK(steps[0].at == "2017-08-23T10:15:00Z");
  CHECK(steps[1].step == "acknowledge");
  // Only the steps the schema knows: a value outside the enum is written as "", which the CHECK refuses.
  const auto unknown = static_cast<core::CaseReviewStep>(99);
  CHECK_THROWS_AS(store::record_case_review_step(s.db, r.id, unknown, day("2017-08-22"), "", actor), SQLite::Exception);
}

TEST_CASE("case review store: a review's recommendation is an action listed under the CT reference")
{
  Store s;
  const auto r = s.apply("2017-08-21");
  const auto other = s.apply("2017-08-22");
  const auto actor = at("2017-09-13");
  const auto case_action = store::insert_action_row(s.db, {1, std::nullopt}, std::nullopt, {"POL", "Visit", day("2017-09-20")}, actor);
  const auto first = store::insert_review_action(s.db, r.id, {"HSG", "Consider an ABC", day("2017-09-29")}, actor);
  const auto second = store::insert_review_action(s.db, r.id, {"POL", "Flag the address", day("2017-09-20")}, actor);
  const auto elsewhere = store::insert_review_action(s.db, other.id, {"POL", "Patrol", day("2017-09-25")}, actor);
  CHECK(case_action == "A-1");
  CHECK(first == "A-2");
  CHECK(second == "A-3");

  // Every action, each under its case or application; by due date.
  CHECK(references(store::list_actions(s.db, {})) ==
        Strings{"A-1 CCM-2017-0001", "A-3 CT-2017-0001", "A-4 CT-2017-0002", "A-2 CT-2017-0001"});
  // Filtered by the application's reference: its own only.
  const auto listed = store::list_actions(s.db, {"", "", "CT-2017-0001", std::nullopt});
  CHECK(references(listed) == Strings{"A-3 CT-2017-0001", "A-2 CT-2017-0001"});
  const auto found = store::find_action(s.db, first);
  REQUIRE(found);
  CHECK(found->action.case_reference == "CT-2017-0001");
  CHECK(found->action.owner == "HSG");
  CHECK(found->action.description == "Consider an ABC");
  CHECK(found->action.status == "open");
  CHECK(found->action.due == day("2017-09-29"));
  CHECK(found->meeting == "");
  // The case's filter does not pick up the reviews' actions.
  CHECK(references(store::list_actions(s.db, {"", "", "CCM-2017-0001", std::nullopt})) == Strings{"A-1 CCM-2017-0001"});
  // Other filters apply as to any action.
  CHECK(references(store::list_actions(s.db, {"open", "HSG", "", std::nullopt})) == Strings{"A-2 CT-2017-0001"});

  // The review's own list, in the order added, and a 'created' history row.
  const auto own = store::review_actions(s.db, r.id);
  REQUIRE(own.size() == 2);
  CHECK(own[0].id == first);
  CHECK(own[0].case_reference == "CT-2017-0001");
  CHECK(own[1].id == second);
  CHECK(store::review_actions(s.db, other.id).front().id == elsewhere);
  const auto history = store::action_history(s.db, first);
  REQUIRE(history.size() == 1);
  CHECK(history[0].change == "created");
  CHECK(history[0].day == "2017-09-13");
}

TEST_CASE("case review store: the applications listed for a meeting, by reference, with the victim's name")
{
  Store s;
  const auto first = s.meeting("2017-09-12");
  const auto second = s.meeting("2017-10-10");
  const auto own = s.apply("2017-08-01", "Jo Bloggs");
  const auto for_someone = s.apply("2017-08-02", "Cllr A Patel", "Kim Lee");
  const auto elsewhere = s.apply("2017-08-03", "Sam Smith");
  s.apply("2017-08-04", "Not Listed");
  // Listed in the opposite order to their references.
  store::set_review_meeting(s.db, for_someone.id, first);
  store::set_review_meeting(s.db, own.id, first);
  store::set_review_meeting(s.db, elsewhere.id, second);

  const auto listed = store::case_reviews_for_meeting(s.db, day("2017-09-12"));
  REQUIRE(listed.size() == 2);
  CHECK(listed[0].reference == "CT-2017-0001");
  CHECK(listed[0].victim == "Jo Bloggs");
  CHECK(listed[1].reference == "CT-2017-0002");
  CHECK(listed[1].victim == "Kim Lee");
  const auto later = store::case_reviews_for_meeting(s.db, day("2017-10-10"));
  REQUIRE(later.size() == 1);
  CHECK(later[0].reference == "CT-2017-0003");
  CHECK(later[0].victim == "Sam Smith");
  CHECK(store::case_reviews_for_meeting(s.db, day("2017-11-14")).empty());
}

// ---- reminders ---------------------------------------------------------------------------------

TEST_CASE("case review store: the reminder table takes item 'trigger-step' and still refuses an unknown item")
{
  Store s;
  const auto actor = at("2017-09-04");
  store::ReminderRecord r{"trigger-step", "CT-2017-0001 acknowledge", day("2017-08-24"), "coordinator",
                          "cst@example.org", "<1@example.org>", "outbox"};
  store::record_reminder(s.db, r, actor);
  CHECK(store::reminded_since(s.db, day("2017-09-04")) ==
        std::set<std::pair<std::string, std::string>>{{"trigger-step", "CT-2017-0001 acknowledge"}});
  // The kinds there before are still taken.
  for (const std::string item : {"action", "escalation", "case-review", "intervention-review", "intervention-expiry"}) {
    CAPTURE(item);
    r.item = item;
    CHECK_NOTHROW(store::record_reminder(s.db, r, actor));
  }
  CHECK(store::reminded_since(s.db, day("2017-09-04")).size() == 6);
  // Anything else is not.
  r.item = "trigger";
  CHECK_THROWS_AS(store::record_reminder(s.db, r, actor), SQLite::Exception);
  CHECK(store::reminded_since(s.db, day("2017-09-04")).size() == 6);
}

// LIBRARY BUG: store::record_reminder (like append_audit) runs a statement from
// Db::Impl::cached(), which starts with Statement::reset(); SQLiteCpp's reset() throws the error
// of the statement's last failed step. So once an insert has failed (here a CHECK constraint),
// the next record_reminder on the same connection throws that old error without inserting
// anything; the one after it works. In deliver_reminders this turns one failure into a second
// message reported "delivered, but not recorded". Fails at commit 480333b; the uncommitted
// change to Db::Impl::cached() in the working tree (tryReset()) makes it pass.
TEST_CASE("case review store: a reminder row refused by the table does not stop the next one being recorded")
{
  Store s;
  const auto actor = at("2017-09-04");
  store::ReminderRecord r{"bogus", "A-1", day("2017-08-24"), "POL", "police@example.org", "<1@example.org>", "outbox"};
  REQUIRE_THROWS_AS(store::record_reminder(s.db, r, actor), SQLite::Exception);
  r.item = "trigger-step";
  r.subject = "CT-2017-0001 decide";
  std::string error;
  try {
    store::record_reminder(s.db, r, actor);
  } catch (const std::exception& e) {
    error = e.what();
  }
  CHECK_MESSAGE(error == "", "the next reminder was refused with the earlier error: ", error);
  CHECK(store::reminded_since(s.db, day("2017-09-04")) ==
        std::set<std::pair<std::string, std::string>>{{"trigger-step", "CT-2017-0001 decide"}});
}
