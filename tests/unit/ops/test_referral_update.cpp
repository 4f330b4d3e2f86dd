#include "cmd/cli.hpp"

#include "tests/unit/support.hpp"

#include <doctest/doctest.h>
#include <fstream>
#include <sstream>

using namespace panel;
using panel::test::raw_sql;

namespace {

// Runs panel in-process on one database in a temporary folder.
struct Panel {
  test::TempDir dir;
  std::string db = dir.file("panel.db");
  std::string out, err;

  int run(const std::vector<std::string>& args)
  {
    std::ostringstream o, e;
    cmd::Context ctx(o, e);
    ctx.env = {{"PANEL_TODAY", "2017-09-04"}, {"PANEL_NOW", "2017-09-04T10:00:00Z"}, {"PANEL_USER", "tester"}, {"PANEL_DB", db}};
    const int code = cmd::run(args, ctx);
    out = o.str();
    err = e.str();
    return code;
  }
  std::string sql(const std::string& query) { return raw_sql(db, query).first_value; }
  std::string dump() { return raw_sql(db, "SELECT group_concat(quote(r.*), '|') FROM referral r").first_value; }
};

const char* referral = R"(
received: 2017-08-01
agency: POL
referrer: {name: PC Ann Hale, email: ann.hale@example.org}
subject: {name: Dora Quill, dob: 1970-03-04, gender: female, postcode: EC1A 1BB, resident: yes}
categories: [harassment]
incidents_12m: 1
summary: Dora Quill is harassed by a neighbour.
other_parties:
  - {name: Eli Quill, dob: 2001-02-03, role: perpetrator, relationship: grandson}
)";

void record(Panel& p)
{
  REQUIRE(p.run({"init", "-q"}) == 0);
  std::ofstream(p.dir.file("r.yaml")) << referral;
  REQUIRE(p.run({"-q", "refer", "--file", p.dir.file("r.yaml")}) == 0);
}

} // namespace

TEST_CASE("referral update: a text, a date, a number, a yes/no, the categories and the parties, each with one history row")
{
  Panel p;
  record(p);
  std::ofstream(p.dir.file("fix.yaml")) << "subject: {postcode: EC2Y 8DT, resident: no, dob: 1970-04-03}\n"
                                           "categories: [harassment, hate-crime]\nincidents_12m: 3\n"
                                           "other_parties:\n  - {name: Eli Quill, role: perpetrator}\n";
  REQUIRE(p.run({"referral", "update", "CCM-2017-0001", "--file", p.dir.file("fix.yaml")}) == 0);
  const std::string where = " FROM referral WHERE reference = 'CCM-2017-0001'";
  CHECK(p.sql("SELECT postcode || '/' || resident || '/' || dob || '/' || age_at_referral || '/' || incidents_12m" + where) ==
        "EC2Y 8DT/0/1970-04-03/47/3");
  CHECK(p.sql("SELECT group_concat(category, ',') FROM (SELECT category FROM referral_category ORDER BY position)") ==
        "harassment,hate-crime");
  CHECK(p.sql("SELECT name || '/' || coalesce(dob, 'none') || '/' || relationship FROM other_party") == "Eli Quill/none/");
  CHECK(p.sql("SELECT group_concat(field, ',') FROM (SELECT field FROM history ORDER BY id)") ==
        "dob,postcode,resident,categories,incidents_12m,other_parties,criteria_met");
  CHECK(p.sql("SELECT old || ' -> ' || new FROM history WHERE field = 'categories'") == "harassment -> harassment, hate-crime");
  // Three incidents: now persistent.
  CHECK(p.sql("SELECT criteria_met" + where) == "persistent");
  CHECK(p.out.find("CCM-2017-0001: criteria: none -> persistent (now meets the threshold)") != std::string::npos);
  // Fields not given are as they were.
  CHECK(p.sql("SELECT name || '/' || referrer_name || '/' || summary" + where) ==
        "Dora Quill/PC Ann Hale/Dora Quill is harassed by a neighbour.");
  CHECK(p.sql("SELECT count(*) FROM audit_log WHERE command = 'referral update' AND detail LIKE 'corrected: %'") == "1");
}

TEST_CASE("referral update: a refused correction leaves the referral and its history as they were")
{
  Panel p;
  record(p);
  const auto before = p.dump();
  CHECK(p.run({"referral", "update", "CCM-2017-0001", "--incidents-12m", "-2"}) == 1);
  CHECK(p.err.find("--incidents-12m") != std::string::npos);
  CHECK(p.run({"referral", "update", "CCM-2017-0001", "--agency", "XYZ"}) == 1);
  CHECK(p.err.find("unknown agency 'XYZ'") != std::string::npos);
  CHECK(p.dump() == before);
  REQUIRE(p.run({"-q", "triage", "CCM-2017-0001", "decline", "--reason", "Below threshold"}) == 0);
  CHECK(p.run({"referral", "update", "CCM-2017-0001", "--postcode", "EC2Y 8DT"}) == 1);
  CHECK(p.sql("SELECT postcode FROM referral") == "EC1A 1BB");
  CHECK(p.sql("SELECT count(*) FROM history") == "0");
  // With a reason it is recorded, the reason kept.
  REQUIRE(p.run({"referral", "update", "CCM-2017-0001", "--postcode", "EC2Y 8DT", "--reason", "Typo"}) == 0);
  CHECK(p.sql("SELECT field || ':' || old || '>' || new || ':' || reason FROM history") == "postcode:EC1A 1BB>EC2Y 8DT:Typo");
}
