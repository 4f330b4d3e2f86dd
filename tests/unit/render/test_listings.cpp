#include "panel/render/listings.hpp"

#include "panel/ops/case_reviews.hpp"
#include "panel/ops/intake.hpp"
#include "panel/ops/maintenance.hpp"
#include "panel/ops/minutes_due.hpp"
#include "panel/ops/purge.hpp"
#include "panel/render/agenda.hpp"
#include "panel/store/actions.hpp"

#include <doctest/doctest.h>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>

using namespace panel;
using render::Format;
using Json = nlohmann::ordered_json;

namespace {

core::Date day(const char* iso) { return *core::Date::parse(iso); }

// Output of one listing in one format.
using Listing = std::function<void(std::ostream&, Format)>;

std::string text(const Listing& listing, Format format)
{
  std::ostringstream out;
  listing(out, format);
  return out.str();
}

// The listing as JSON: an array of objects.
Json json(const Listing& listing) { return Json::parse(text(listing, Format::json)); }

// The keys of a JSON object, in order.
std::vector<std::string> keys(const Json& object)
{
  std::vector<std::string> out;
  for (const auto& [key, value] : object.items())
    out.push_back(key);
  return out;
}

// The records of a CSV listing, lines ending in CRLF (no cell in these tests holds a newline).
std::vector<std::string> csv_lines(const Listing& listing)
{
  std::istringstream in(text(listing, Format::csv));
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    REQUIRE(line.ends_with('\r'));
    line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

core::RecordedReferral referral()
{
  core::RecordedReferral r;
  r.reference = "CCM-2017-0018";
  r.referral.received = day("2017-09-01");
  r.referral.agency = "POL";
  r.referral.name = "Sam Smith";
  r.person_id = 7;
  r.status = "pending";
  r.repeat_of = "CCM-2016-0004";
  r.possible_matches = {"CCM-2015-0002"};
  r.criteria_met = {"persistent", "repeat"};
  r.meets_threshold = true;
  return r;
}

ops::IntakeItem intake_item()
{
  const auto r = referral();
  return {r.reference, r.referral.received, r.referral.agency, r.person_id, r.repeat_of, r.possible_matches,
          r.criteria_met, r.meets_threshold, 0, r.referral.name, ""};
}

Listing intake(std::vector<ops::IntakeItem> items, bool check = false)
{
  return [items, check](std::ostream& out, Format format) {
    render::IntakeListing listing(out, format, {}, check);
    for (const auto& item : items)
      listing.row(item);
    listing.finish();
  };
}

} // namespace

TEST_CASE("listings: action list has its eight keys, days overdue of open actions, and null for no meeting")
{
  core::ActionRecord late{"A-4", "CCM-2017-0001", "ASC", "Carers assessment", "open", day("2017-09-01"), {}};
  core::ActionRecord done{"A-5", "CCM-2017-0001", "HSG", "Visit", "done", day("2017-08-01"), {}};
  const std::vector<store::ActionRow> rows = {{late, "2017-08-08", false}, {done, "", false}};
  const Listing listing = [&](std::ostream& out, Format f) { render::action_listing(out, rows, day("2017-09-05"), f, {}); };
  const auto j = json(listing);
  REQUIRE(j.size() == 2);
  CHECK(keys(j[0]) == std::vector<std::string>{"id", "case", "owner", "description", "due", "status", "days_overdue",
                                               "meeting"});
  CHECK(j[0]["days_overdue"] == 4);
  CHECK(j[0]["meeting"] == "2017-08-08");
  CHECK(j[1]["days_overdue"] == 0);
  CHECK(j[1]["meeting"].is_null());
  const auto csv = csv_lines(listing);
  CHECK(csv.at(0) == "id,case,owner,description,due,status,days_overdue,meeting");
  CHECK(csv.at(1) == "A-4,CCM-2017-0001,ASC,Carers assessment,2017-09-01,open,4,2017-08-08");
}

TEST_CASE("listings: agency list is code, name, email and a core flag")
{
  const std::vector<core::Agency> agencies = {{"POL", "City of London Police", "police@example.org", true}};
  const Listing listing = [&](std::ostream& out, Format f) { render::agency_listing(out, agencies, f, {}); };
  const auto j = json(listing);
  CHECK(keys(j.at(0)) == std::vector<std::string>{"code", "name", "email", "core"});
  CHECK(j[0]["core"] == true);
  CHECK(csv_lines(listing) ==
        std::vector<std::string>{"code,name,email,core", "POL,City of London Police,police@example.org,true"});
}

TEST_CASE("listings: audit lists eight keys and leaves the hash out")
{
  core::AuditEntry e;
  e.id = 3;
  e.at = "2017-09-01T10:00:00Z";
  e.user = "jo";
  e.command = "agency add";
  e.action = "create";
  e.entity = "agency";
  e.record = "PRB";
  e.detail = "core";
  e.hash = "abc";
  const Listing listing = [&](std::ostream& out, Format f) { render::audit_listing(out, {e}, f, {}); };
  const auto j = json(listing);
  CHECK(keys(j.at(0)) == std::vector<std::string>{"id", "at", "user", "command", "action", "entity", "record", "detail"});
  CHECK(j[0]["id"] == 3);
  CHECK(csv_lines(listing).at(0) == "id,at,user,command,action,entity,record,detail");
  CHECK(csv_lines(listing).at(1) == "3,2017-09-01T10:00:00Z,jo,agency add,create,agency,PRB,core");
}

TEST_CASE("listings: case list shows no lead, risk or review date as null")
{
  core::Case c;
  c.reference = "CCM-2017-0018";
  c.name = "Sam Smith";
  c.opened = day("2017-09-04");
  c.status = "open";
  const Listing listing = [&](std::ostream& out, Format f) { render::case_listing(out, {{c, std::nullopt}}, f, {}); };
  const auto j = json(listing);
  CHECK(keys(j.at(0)) == std::vector<std::string>{"reference", "name", "opened", "lead_agency", "risk_level",
                                                  "review_date", "status", "next_meeting"});
  CHECK(j[0]["lead_agency"].is_null());
  CHECK(j[0]["review_date"].is_null());
  CHECK(j[0]["next_meeting"].is_null());
  CHECK(csv_lines(listing).at(0) == "reference,name,opened,lead_agency,risk_level,review_date,status,next_meeting");
  CHECK(csv_lines(listing).at(1) == "CCM-2017-0018,Sam Smith,2017-09-04,,,,open,");
}

TEST_CASE("listings: case list tells people the meeting an open case comes to, or that it awaits one")
{
  core::Case c;
  c.reference = "CCM-2017-0018";
  c.name = "Sam Smith";
  c.opened = day("2017-09-04");
  c.status = "open";
  c.review_date = day("2017-10-03");
  std::ostringstream out;
  render::case_listing(out, {{c, day("2017-10-10")}, {c, std::nullopt}}, Format::table, {});
  CHECK(out.str().find("2017-10-10") != std::string::npos);
  CHECK(out.str().find("awaiting a meeting") != std::string::npos);
  CHECK(out.str().find("not set") != std::string::npos);
}

TEST_CASE("listings: cases needing attention carry the reasons as a list; none prints nothing for people")
{
  core::CaseNextStep c;
  c.info.reference = "CCM-2017-0018";
  c.info.name = "Sam Smith";
  c.info.opened = day("2017-09-04");
  c.info.lead_agency = "ASC";
  c.last_discussed = day("2017-09-12");
  c.attention = {"no review date", "no meeting"};
  const Listing listing = [&](std::ostream& out, Format f) { render::attention_listing(out, {c}, f, {}); };
  const auto j = json(listing);
  CHECK(keys(j.at(0)) == std::vector<std::string>{"reference", "name", "opened", "lead_agency", "risk_level",
                                                  "review_date", "listed_for", "last_discussed", "attention"});
  CHECK(j[0]["attention"] == Json::array({"no review date", "no meeting"}));
  CHECK(j[0]["listed_for"].is_null());
  CHECK(csv_lines(listing).at(0) ==
        "reference,name,opened,lead_agency,risk_level,review_date,listed_for,last_discussed,attention");
  CHECK(csv_lines(listing).at(1) == "CCM-2017-0018,Sam Smith,2017-09-04,ASC,,,,2017-09-12,no review date;no meeting");

  const Listing none = [](std::ostream& out, Format f) { render::attention_listing(out, {}, f, {}); };
  CHECK(text(none, Format::table).empty());
  CHECK(text(none, Format::json) == "[]\n");
  CHECK(csv_lines(none).at(0).rfind("reference,name,", 0) == 0);
}

TEST_CASE("listings: check findings are a verdict for people and two flags in JSON")
{
  const std::vector<ops::Finding> findings = {{"integrity", true, "ok", false},
                                              {"minutes", true, "2017-09-12: minutes overdue", true},
                                              {"audit chain", false, "row 4 changed", false}};
  const Listing listing = [&](std::ostream& out, Format f) { render::findings_listing(out, findings, f, {}); };
  const auto j = json(listing);
  REQUIRE(j.size() == 3);
  CHECK(keys(j[0]) == std::vector<std::string>{"check", "ok", "detail", "warning"});
  CHECK(j[1]["warning"] == true);
  CHECK(j[2]["ok"] == false);
  const auto people = text(listing, Format::table);
  CHECK(people.rfind("RESULT   CHECK", 0) == 0);
  CHECK(people.find("warning  minutes") != std::string::npos);
  CHECK(people.find("PROBLEM  audit chain") != std::string::npos);
}

TEST_CASE("listings: meeting list names where the minutes stand and when they are due")
{
  core::Meeting m;
  m.date = day("2017-09-12");
  m.time = "14:00";
  m.status = "scheduled";
  m.listed = 3;
  rules::MinutesDue minutes{rules::MinutesDue::State::overdue, day("2017-09-15"), 2};
  core::Meeting later;
  later.date = day("2017-10-10");
  const std::vector<ops::MeetingMinutes> meetings = {{m, minutes}, {later, {}}};
  const Listing listing = [&](std::ostream& out, Format f) { render::meeting_listing(out, meetings, f, {}); };
  const auto j = json(listing);
  CHECK(keys(j.at(0)) == std::vector<std::string>{"date", "time", "venue", "chair", "status", "listed", "cancel_reason",
                                                  "minutes", "minutes_due"});
  CHECK(j[0]["minutes"] == "overdue");
  CHECK(j[0]["listed"] == 3);
  CHECK(j[1]["minutes"].is_null());
  CHECK(j[1]["minutes_due"].is_null());
  CHECK(csv_lines(listing).at(0) == "date,time,venue,chair,status,listed,cancel_reason,minutes,minutes_due");
  CHECK(csv_lines(listing).at(1) == "2017-09-12,14:00,,,scheduled,3,,overdue,2017-09-15");
}

TEST_CASE("listings: person dupes shows the score, both people, the names and dobs that matched, and why")
{
  const std::vector<core::DupePair> pairs = {
      {{2, "Zoë O'Brien", "zoe obrien", day("1990-02-11"), false},
       {5, "Zoe OBrien", "zoe obrien", day("1990-11-02"), false},
       {90, "same name; dob day/month swapped"}},
      {{3, "Jo Smith", "jo smith", {}, true}, {4, "Jo Smith", "jo smith", day("1972-06-30"), false}, {55, "same name as an alias; one dob missing"}}};
  const Listing listing = [&](std::ostream& out, Format f) { render::dupes_listing(out, pairs, f, {}); };
  const auto j = json(listing);
  CHECK(keys(j.at(0)) == std::vector<std::string>{"score", "person", "name", "dob", "other_person", "other_name",
                                                  "other_dob", "reason"});
  CHECK(j[0]["score"] == 90);
  CHECK(j[0]["person"] == 2);
  CHECK(j[0]["other_dob"] == "1990-11-02");
  CHECK(j[1]["dob"].is_null());
  CHECK(csv_lines(listing).at(0) == "score,person,name,dob,other_person,other_name,other_dob,reason");
  CHECK(csv_lines(listing).at(2) == "55,3,Jo Smith,,4,Jo Smith,1972-06-30,same name as an alias; one dob missing");
}

TEST_CASE("listings: person alias list shows name, date of birth, when added and by whom")
{
  const std::vector<core::PersonAlias> aliases = {{1, 2, "Jo Bloggs", day("1990-02-14"), "2017-09-04T09:00:00Z", "coordinator"},
                                                  {2, 2, "Joanne Smith", {}, "2017-09-05T09:00:00Z", "analyst"}};
  const Listing listing = [&](std::ostream& out, Format f) { render::alias_listing(out, aliases, f, {}); };
  const auto j = json(listing);
  CHECK(keys(j.at(0)) == std::vector<std::string>{"name", "dob", "added", "by"});
  CHECK(j[1]["dob"].is_null());
  CHECK(csv_lines(listing).at(1) == "Jo Bloggs,1990-02-14,2017-09-04T09:00:00Z,coordinator");
}

TEST_CASE("listings: person find shows kind, id, name, date of birth and detail")
{
  const std::vector<core::PersonMatch> matches = {{"person", "12", "Jo Smith", day("1990-02-14"), "1 referral"},
                                                  {"other-party", "CCM-2017-0004", "Jo Smith", {}, "perpetrator"}};
  const Listing listing = [&](std::ostream& out, Format f) { render::person_listing(out, matches, f, {}); };
  const auto j = json(listing);
  CHECK(keys(j.at(0)) == std::vector<std::string>{"kind", "id", "name", "dob", "detail"});
  CHECK(j[0]["dob"] == "1990-02-14");
  CHECK(j[1]["dob"].is_null());
  CHECK(csv_lines(listing).at(0) == "kind,id,name,dob,detail");
  CHECK(csv_lines(listing).at(2) == "other-party,CCM-2017-0004,Jo Smith,,perpetrator");
}

TEST_CASE("listings: purge lists each record with the years it was kept; none prints nothing for people")
{
  ops::PurgeResult result;
  result.records = {{"case", 1, "CCM-2010-0001", day("2011-01-31")}};
  result.years = {6};
  const Listing listing = [&](std::ostream& out, Format f) { render::purge_listing(out, result, f, {}); };
  const auto j = json(listing);
  CHECK(keys(j.at(0)) == std::vector<std::string>{"kind", "reference", "since", "kept_years"});
  CHECK(j[0]["kept_years"] == 6);
  CHECK(csv_lines(listing) == std::vector<std::string>{"kind,reference,since,kept_years", "case,CCM-2010-0001,2011-01-31,6"});

  const Listing none = [](std::ostream& out, Format f) { render::purge_listing(out, {}, f, {}); };
  CHECK(text(none, Format::table).empty());
  CHECK(text(none, Format::json) == "[]\n");
}

TEST_CASE("listings: template list names a built-in's source and an override's file")
{
  core::Template builtin;
  builtin.name = "warning-letter";
  builtin.kind = "case";
  builtin.format = "markdown";
  builtin.source = "built-in";
  builtin.file = "templates/letters/warning-letter.yaml";
  builtin.description = "A first warning";
  auto local = builtin;
  local.source = "ours";
  local.file = "ours/warning-letter.yaml";
  const Listing listing = [&](std::ostream& out, Format f) { render::template_listing(out, {builtin, local}, f, {}); };
  const auto j = json(listing);
  CHECK(keys(j.at(0)) == std::vector<std::string>{"name", "for", "format", "source", "description"});
  CHECK(j[0]["source"] == "built-in");
  CHECK(j[1]["source"] == "ours/warning-letter.yaml");
  CHECK(csv_lines(listing).at(0) == "name,for,format,source,description");
  CHECK(csv_lines(listing).at(1) == "warning-letter,case,markdown,built-in,A first warning");
}

TEST_CASE("listings: trigger list gives each step's due date, null for steps not reached")
{
  ops::CaseReviewStatus s;
  s.review.reference = "CT-2017-0001";
  s.review.application.received = day("2017-09-01");
  s.review.threshold_met = true;
  s.stage = "threshold-met";
  s.steps = {{"acknowledge", day("2017-09-05"), day("2017-09-04")}, {"decide", day("2017-09-29"), day("2017-09-20")}};
  s.next = rules::StepDue{"outcome", day("2017-10-30"), {}};
  s.working_days_overdue = 2;
  ops::CaseReviewStatus fresh;
  fresh.review.reference = "CT-2017-0002";
  fresh.review.application.received = day("2017-09-10");
  fresh.stage = "received";
  const Listing listing = [&](std::ostream& out, Format f) { render::case_review_listing(out, {s, fresh}, f, {}); };
  const auto j = json(listing);
  CHECK(keys(j.at(0)) == std::vector<std::string>{"reference", "received", "stage", "threshold_met", "acknowledge_due",
                                                  "decide_due", "outcome_due", "next_step", "working_days_overdue"});
  CHECK(j[0]["decide_due"] == "2017-09-29");
  CHECK(j[0]["outcome_due"].is_null());
  CHECK(j[0]["next_step"] == "outcome");
  CHECK(j[1]["threshold_met"].is_null());
  CHECK(csv_lines(listing).at(0) == "reference,received,stage,threshold_met,acknowledge_due,decide_due,outcome_due,"
                                    "next_step,working_days_overdue");
  CHECK(csv_lines(listing).at(1) == "CT-2017-0001,2017-09-01,threshold-met,true,2017-09-05,2017-09-29,,outcome,2");
}

TEST_CASE("listings: triage queue says MEETS to people and true to programs")
{
  const Listing listing = [](std::ostream& out, Format f) { render::triage_listing(out, {referral()}, f, {}); };
  const auto j = json(listing);
  CHECK(keys(j.at(0)) == std::vector<std::string>{"reference", "received", "agency", "name", "status", "criteria_met",
                                                  "meets_threshold", "repeat_of", "possible_matches"});
  CHECK(j[0]["meets_threshold"] == true);
  CHECK(j[0]["criteria_met"] == Json::array({"persistent", "repeat"}));
  CHECK(csv_lines(listing).at(0) ==
        "reference,received,agency,name,status,criteria_met,meets_threshold,repeat_of,possible_matches");
  CHECK(csv_lines(listing).at(1) ==
        "CCM-2017-0018,2017-09-01,POL,Sam Smith,pending,persistent;repeat,true,CCM-2016-0004,CCM-2015-0002");
  CHECK(text(listing, Format::table).find("MEETS") != std::string::npos);
  auto below = referral();
  below.meets_threshold = false;
  std::ostringstream md;
  render::triage_listing(md, {below}, Format::md, {});
  CHECK(md.str().find("BELOW THRESHOLD") != std::string::npos);
}

TEST_CASE("listings: refer lists the person's id where triage lists the name")
{
  const auto listing = intake({intake_item()});
  const auto j = json(listing);
  CHECK(keys(j.at(0)) == std::vector<std::string>{"reference", "received", "agency", "person", "repeat_of",
                                                  "possible_matches", "criteria_met", "meets_threshold"});
  CHECK(j[0]["person"] == 7);
  CHECK(csv_lines(listing).at(0) ==
        "reference,received,agency,person,repeat_of,possible_matches,criteria_met,meets_threshold");
  CHECK(csv_lines(listing).at(1) == "CCM-2017-0018,2017-09-01,POL,7,CCM-2016-0004,CCM-2015-0002,persistent;repeat,true");
  CHECK(text(listing, Format::md).find("| MEETS |") != std::string::npos);
}

TEST_CASE("listings: refer --check gives line, name and what would happen: a new case, or the person's open case")
{
  auto joins = intake_item();
  joins.line = 4;
  joins.name = "Ann Lee";
  joins.open_case = "CCM-2016-0004";
  auto fresh = intake_item();
  fresh.reference = "CCM-2017-0019";
  fresh.repeat_of = "";
  fresh.name = "Bob Stone";  // line 0: a referral given with flags has no line
  fresh.possible_matches.clear();
  const auto listing = intake({joins, fresh}, true);
  const auto j = json(listing);
  CHECK(keys(j.at(0)) == std::vector<std::string>{"line", "reference", "received", "agency", "name", "meets_threshold",
                                                  "repeat_of", "joins_case", "possible_matches", "outcome"});
  CHECK(j[0]["line"] == 4);
  CHECK(j[0]["joins_case"] == "CCM-2016-0004");
  // The possible matches triage will show are named in the check too (trial F3).
  CHECK(j[0]["outcome"] == "pending triage; repeat of CCM-2016-0004; joins case CCM-2016-0004 if accepted; possibly "
                           "the same person as CCM-2015-0002 (triage shows them)");
  CHECK(j[0]["possible_matches"] == Json::array({"CCM-2015-0002"}));
  CHECK(j[1]["possible_matches"] == Json::array());
  CHECK(j[1]["line"].is_null());
  CHECK(j[1]["repeat_of"].is_null());
  CHECK(j[1]["joins_case"].is_null());
  CHECK(j[1]["outcome"] == "pending triage; new case CCM-2017-0019 if accepted");
  CHECK(csv_lines(listing).at(0) == "line,reference,received,agency,name,meets_threshold,repeat_of,joins_case,possible_matches,outcome");
  // People read the outcome in words: the repeat and case columns would only say it twice.
  const auto table = text(listing, Format::table);
  CHECK(table.find("LINE") == 0);
  CHECK(table.find("WHAT WOULD HAPPEN") != std::string::npos);
  CHECK(table.find("JOINS CASE") == std::string::npos);
  CHECK(table.find("Bob Stone") != std::string::npos);
  CHECK(table.find("MEETS") != std::string::npos);
  // Without --check, refer lists what it recorded as before.
  CHECK(keys(json(intake({joins})).at(0)).front() == "reference");
}

TEST_CASE("listings: a referral is the same row in refer and triage, whatever the format")
{
  auto r = referral();
  r.repeat_of.clear();
  r.meets_threshold = false;
  auto item = intake_item();
  item.repeat_of.clear();
  item.meets_threshold = false;
  const Listing triage = [&](std::ostream& out, Format f) { render::triage_listing(out, {r}, f, {}); };
  const auto refer = intake({item});
  const auto t = json(triage)[0];
  const auto i = json(refer)[0];
  for (const auto* key : {"reference", "received", "agency", "repeat_of", "possible_matches", "criteria_met",
                          "meets_threshold"}) {
    CAPTURE(key);
    CHECK(t[key] == i[key]);
  }
  CHECK(i["repeat_of"].is_null());
  CHECK(text(triage, Format::table).find("BELOW THRESHOLD") != std::string::npos);
  CHECK(text(refer, Format::table).find("BELOW THRESHOLD") != std::string::npos);
}

TEST_CASE("listings: agenda items keep their CSV header and JSON keys")
{
  core::Agenda a;
  a.meeting.date = day("2017-09-12");
  a.cutoff = day("2017-09-07");
  a.quorum = {"POL", "ASC"};
  a.items = {{"CCM-2017-0018", "", "new", "Sam Smith", "high", "ASC", {"suicide"}, 1, "high", {}, "", std::nullopt}};
  a.outstanding = {{"A-4", "CCM-2017-0001", "ASC", "Carers assessment", day("2017-09-01"), 11}};
  const Listing listing = [&](std::ostream& out, Format f) { render::write_agenda(out, a, f, {}); };
  const auto j = json(listing);
  CHECK(keys(j) == std::vector<std::string>{"meeting", "items", "outstanding_actions", "next_meeting"});
  CHECK(keys(j["items"][0]) == std::vector<std::string>{"reference", "case", "item", "name", "risk", "lead_agency",
                                                        "categories", "open_actions", "referral_risk",
                                                        "assessed_higher", "carried_over_from"});
  CHECK(j["items"][0]["case"].is_null());
  CHECK(j["items"][0]["carried_over_from"].is_null());
  CHECK(j["outstanding_actions"][0]["days_overdue"] == 11);
  CHECK(csv_lines(listing).at(0) == "reference,case,item,name,risk,lead_agency,categories,open_actions,referral_risk,"
                                     "assessed_higher,carried_over_from");
  CHECK(csv_lines(listing).at(1) == "CCM-2017-0018,,new,Sam Smith,high,ASC,suicide,1,high,,");
}

TEST_CASE("listings: incidents import lists each force's month with its file, hash and counts")
{
  core::ImportedMonth m;
  m.reported_by = "City of London Police";
  m.month = "2021-09";
  m.file = "2021-09-city-of-london-street.csv";
  m.sha256 = "ab12";
  m.imported = 765;
  m.replaced = 3;
  const std::vector<core::ImportedMonth> months = {m};
  const Listing listing = [&](std::ostream& out, Format f) { render::imported_months_listing(out, months, f, {}); };
  const auto j = json(listing);
  CHECK(keys(j.at(0)) == std::vector<std::string>{"reported_by", "month", "file", "sha256", "imported", "replaced"});
  CHECK(j[0]["imported"] == 765);
  CHECK(csv_lines(listing) ==
        std::vector<std::string>{"reported_by,month,file,sha256,imported,replaced",
                                 "City of London Police,2021-09,2021-09-city-of-london-street.csv,ab12,765,3"});
}
