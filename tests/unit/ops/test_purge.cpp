#include "cmd/cli.hpp"

#include "tests/unit/support.hpp"

#include <doctest/doctest.h>
#include <fstream>
#include <sstream>

using namespace panel;
using panel::test::raw_sql;

namespace {

// Runs panel in-process on one database in a temporary folder, on a given day.
struct Panel {
  test::TempDir dir;
  std::string db = dir.file("panel.db");

  int run(const std::vector<std::string>& args, const std::string& today = "2017-09-04")
  {
    std::ostringstream out, err;
    cmd::Context ctx(out, err);
    ctx.env = {{"PANEL_TODAY", today}, {"PANEL_NOW", today + "T10:00:00Z"}, {"PANEL_USER", "tester"}, {"PANEL_DB", db}};
    last_out = "";
    const int code = cmd::run(args, ctx);
    last_out = out.str();
    return code;
  }
  std::string sql(const std::string& query) { return raw_sql(db, query).first_value; }
  std::string last_out;
};

// Two referrals on one day: a domestic-abuse-style one with a perpetrator aged 16 and a victim,
// to be declined; and one accepted, whose case is then closed by minutes.
const char* referrals = R"(
- received: 2017-08-01
  agency: POL
  referrer: {name: PC Ann Hale, email: ann.hale@example.org}
  subject: {name: Dora Quill, dob: 1970-03-04, gender: female, postcode: EC1A 1BB}
  categories: [harassment]
  summary: Dora Quill is harassed by her grandson Eli Quill.
  other_parties:
    - {name: Eli Quill, dob: 2001-02-03, role: perpetrator, relationship: grandson}
- received: 2017-08-02
  agency: HSG
  referrer: {name: Sam Reid}
  subject: {name: Carl Vane, dob: 1980-01-01, gender: male, postcode: EC2A 2CC}
  categories: [neighbour-dispute]
  incidents_12m: 9
  agencies_involved: 3
  vulnerable: true
  summary: Carl Vane plays loud music every night.
)";

} // namespace

TEST_CASE("purge: a declined referral past retention loses every personal field and keeps its figures")
{
  Panel p;
  REQUIRE(p.run({"init", "-q"}) == 0);
  std::ofstream(p.dir.file("r.yaml")) << referrals;
  REQUIRE(p.run({"-q", "refer", "--file", p.dir.file("r.yaml")}) == 0);
  REQUIRE(p.run({"-q", "triage", "CCM-2017-0001", "decline", "--reason", "Dora Quill is supported by ASC"}) == 0);
  REQUIRE(p.run({"purge"}, "2018-09-04") == 0);
  CHECK(p.sql("SELECT name FROM referral WHERE reference = 'CCM-2017-0001'") == "Dora Quill");  // a year to the day: kept
  REQUIRE(p.run({"purge"}, "2018-09-05") == 0);
  const std::string where = " FROM referral WHERE reference = 'CCM-2017-0001'";
  CHECK(p.sql("SELECT name" + where) == "[purged]");
  CHECK(p.sql("SELECT coalesce(dob, 'none')" + where) == "none");
  CHECK(p.sql("SELECT postcode || referrer_name || referrer_email || summary || consent_rationale" + where).empty());
  CHECK(p.sql("SELECT purged" + where) == "2018-09-05");
  // What the reports count stays.
  CHECK(p.sql("SELECT gender || '/' || agency || '/' || received || '/' || status" + where) == "female/POL/2017-08-01/declined");
  CHECK(p.sql("SELECT count(*) FROM referral_category c JOIN referral r ON r.id = c.referral_id WHERE r.reference = 'CCM-2017-0001'") == "1");
  // The other party: name and date of birth gone, "under 18 when referred" kept.
  CHECK(p.sql("SELECT name || '/' || coalesce(dob, 'none') || '/' || under_18 || '/' || role FROM other_party") ==
        "[purged]/none/1/perpetrator");
  CHECK(p.sql("SELECT reason FROM decision d JOIN referral r ON r.id = d.referral_id WHERE r.reference = 'CCM-2017-0001'").empty());
  CHECK(p.sql("SELECT name FROM person WHERE id = (SELECT person_id" + where + ")") == "[purged]");
  // The other referral, not due, is untouched.
  CHECK(p.sql("SELECT name FROM referral WHERE reference = 'CCM-2017-0002'") == "Carl Vane");
  CHECK(p.sql("SELECT count(*) FROM audit_log WHERE action = 'delete' AND record = 'CCM-2017-0001'") == "1");
  // Purging twice finds nothing.
  REQUIRE(p.run({"purge"}, "2018-09-06") == 0);
  CHECK(p.sql("SELECT count(*) FROM audit_log WHERE action = 'delete'") == "1");
}

TEST_CASE("purge: a record merged into another is purged with the person kept, and their aliases with them")
{
  Panel p;
  REQUIRE(p.run({"init", "-q"}) == 0);
  std::ofstream(p.dir.file("r.yaml")) << referrals;
  REQUIRE(p.run({"-q", "refer", "--file", p.dir.file("r.yaml")}) == 0);
  REQUIRE(p.run({"-q", "refer", "--received", "2017-08-03", "--agency", "POL", "--name", "Dora Quil", "--category",
                 "harassment", "--summary", "s"}) == 0);
  REQUIRE(p.run({"-q", "person", "merge", "1", "3", "--reason", "one person"}) == 0);
  REQUIRE(p.run({"-q", "person", "alias", "add", "1", "--name", "Dorothy Quill"}) == 0);
  REQUIRE(p.run({"-q", "triage", "CCM-2017-0001", "decline", "--reason", "r"}) == 0);
  REQUIRE(p.run({"-q", "triage", "CCM-2017-0003", "decline", "--reason", "r"}) == 0);
  // Person 3 has no referral of its own any more, but keeps its name while person 1 keeps theirs.
  REQUIRE(p.run({"purge"}, "2017-09-05") == 0);
  CHECK(p.sql("SELECT name FROM person WHERE id = 3") == "Dora Quil");
  CHECK(p.sql("SELECT count(*) FROM person_alias") == "2");
  REQUIRE(p.run({"purge"}, "2018-09-05") == 0);
  CHECK(p.sql("SELECT group_concat(name, '/') FROM person WHERE id IN (1, 3)") == "[purged]/[purged]");
  CHECK(p.sql("SELECT count(*) FROM person_alias") == "0");
}

TEST_CASE("purge: a dry run changes nothing and audits nothing")
{
  Panel p;
  REQUIRE(p.run({"init", "-q"}) == 0);
  std::ofstream(p.dir.file("r.yaml")) << referrals;
  REQUIRE(p.run({"-q", "refer", "--file", p.dir.file("r.yaml")}) == 0);
  REQUIRE(p.run({"-q", "triage", "CCM-2017-0001", "decline", "--reason", "x"}) == 0);
  const auto audit = p.sql("SELECT count(*) FROM audit_log");
  REQUIRE(p.run({"purge", "--dry-run", "--format", "csv"}, "2019-01-01") == 0);
  CHECK(p.last_out.find("referral,CCM-2017-0001,2017-09-04,1") != std::string::npos);
  CHECK(p.sql("SELECT name FROM referral WHERE reference = 'CCM-2017-0001'") == "Dora Quill");
  CHECK(p.sql("SELECT count(*) FROM audit_log") == audit);
}

TEST_CASE("purge: retention 0 keeps a kind for ever")
{
  Panel p;
  REQUIRE(p.run({"init", "-q"}) == 0);
  std::ofstream(p.dir.file("r.yaml")) << referrals;
  REQUIRE(p.run({"-q", "refer", "--file", p.dir.file("r.yaml")}) == 0);
  REQUIRE(p.run({"-q", "triage", "CCM-2017-0001", "decline", "--reason", "x"}) == 0);
  REQUIRE(p.run({"-q", "config", "set", "retention.declined_referral_years", "0"}) == 0);
  REQUIRE(p.run({"purge"}, "2040-01-01") == 0);
  CHECK(p.sql("SELECT name FROM referral WHERE reference = 'CCM-2017-0001'") == "Dora Quill");
}

TEST_CASE("purge: a voided referral is purged a year after it was voided, and its history keeps no values")
{
  Panel p;
  REQUIRE(p.run({"init", "-q"}) == 0);
  std::ofstream(p.dir.file("r.yaml")) << referrals;
  REQUIRE(p.run({"-q", "refer", "--file", p.dir.file("r.yaml")}) == 0);
  // Pending, so never decided: without the void it would never be due.
  REQUIRE(p.run({"-q", "referral", "void", "CCM-2017-0001", "--reason", "Dora Quill was named in error"}) == 0);
  const std::string history = "SELECT group_concat(field || '|' || old || '|' || new || '|' || reason, ';') FROM history "
                              "WHERE entity = 'referral' AND record_id = (SELECT id FROM referral WHERE reference = 'CCM-2017-0001')";
  REQUIRE(p.sql(history) == "voided||2017-09-04|Dora Quill was named in error");
  REQUIRE(p.run({"purge"}, "2018-09-04") == 0);
  CHECK(p.sql("SELECT name FROM referral WHERE reference = 'CCM-2017-0001'") == "Dora Quill");
  REQUIRE(p.run({"purge"}, "2018-09-05") == 0);
  CHECK(p.sql("SELECT name FROM referral WHERE reference = 'CCM-2017-0001'") == "[purged]");
  // Which field changed, who and when stay; the values and the reason go.
  CHECK(p.sql(history) == "voided|||");
  CHECK(p.sql("SELECT user || ' ' || day FROM history") == "tester 2017-09-04");
  // The other referral, live and pending, is untouched.
  CHECK(p.sql("SELECT name FROM referral WHERE reference = 'CCM-2017-0002'") == "Carl Vane");
}
