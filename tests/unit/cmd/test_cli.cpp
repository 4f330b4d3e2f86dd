#include "tests/unit/cmd/in_process.hpp"

#include "panel/store/audit.hpp"
#include "tests/unit/support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <sstream>

using namespace panel;

namespace {

using test::Outcome;

// Command lines run in-process (tests/unit/cmd/in_process.hpp).
class Cli : public test::InProcess {
public:
  Outcome run(const std::vector<std::string>& args, const std::map<std::string, std::string>& extra_env = {})
  {
    return run_with(args, extra_env, "");
  }
};

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

} // namespace

TEST_CASE("cli: an unknown command is a usage error with a suggestion")
{
  Cli cli;
  auto result = cli.run({"agenc", "list"});
  CHECK(result.code == 2);
  CHECK(result.err == "panel: error: 'agenc' is not a panel command; did you mean 'agency'?\n");
  CHECK(result.out.empty());

  result = cli.run({"agency", "lst"});
  CHECK(result.code == 2);
  CHECK(contains(result.err, "did you mean 'list'"));
}

TEST_CASE("cli: an unrelated word is a usage error pointing to --help")
{
  Cli cli;
  const auto result = cli.run({"frobnicate"});
  CHECK(result.code == 2);
  CHECK(result.err == "panel: error: 'frobnicate' is not a panel command (see 'panel --help')\n");
}

TEST_CASE("cli: no arguments prints help on stderr with exit 2")
{
  Cli cli;
  const auto result = cli.run({});
  CHECK(result.code == 2);
  CHECK(contains(result.err, "agency"));
  CHECK(result.out.empty());
}

TEST_CASE("cli: --help prints help on stdout with exit 0")
{
  Cli cli;
  const auto result = cli.run({"--help"});
  CHECK(result.code == 0);
  CHECK(contains(result.out, "init"));
  CHECK(contains(result.out, "agency"));
}

TEST_CASE("cli: --version prints the panel, SQLite and schema versions")
{
  Cli cli;
  const auto result = cli.run({"--version"});
  CHECK(result.code == 0);
  CHECK(contains(result.out, "panel "));
  CHECK(contains(result.out, "SQLite " + store::sqlite_version()));
  CHECK(contains(result.out, "schema " + std::to_string(store::current_schema_version())));
}

TEST_CASE("cli: a bad --today is a usage error")
{
  Cli cli;
  auto result = cli.run({"--today", "2017-02-30", "agency", "list"});
  CHECK(result.code == 2);
  CHECK(contains(result.err, "'2017-02-30' is not a date"));

  result = cli.run({"agency", "list"}, {{"PANEL_TODAY", "4/9/2017"}});
  CHECK(result.code == 2);
  CHECK(contains(result.err, "'4/9/2017' is not a date"));
}

TEST_CASE("cli: an unknown option is a usage error")
{
  Cli cli;
  const auto result = cli.run({"agency", "list", "--frobnicate"});
  CHECK(result.code == 2);
  CHECK(result.err.rfind("panel: error: ", 0) == 0);
}

TEST_CASE("cli: a PANEL_NOW that is not a timestamp is a usage error")
{
  Cli cli;
  const auto bad = cli.run({"init"}, {{"PANEL_NOW", "yesterday"}});
  CHECK(bad.code == 2);
  CHECK(contains(bad.err, "PANEL_NOW"));
  CHECK_FALSE(test::exists(cli.db));
}

TEST_CASE("cli: a PANEL_NOW with a bad time of day is a usage error")
{
  for (const char* now : {"2017-09-04Tgarbage!Z", "2017-09-04T25:61:99Z"}) {
    CAPTURE(now);
    Cli cli;
    const auto result = cli.run({"init"}, {{"PANEL_NOW", now}});
    CHECK(result.code == 2);
    CHECK_FALSE(test::exists(cli.db));
  }
}

TEST_CASE("cli: a missing database is a database error telling the user to run init")
{
  Cli cli;
  const auto result = cli.run({"agency", "list"});
  CHECK(result.code == 3);
  CHECK(result.err == "panel: error: no database at '" + cli.db + "'; run 'panel init'\n");
  CHECK_FALSE(test::exists(cli.db));
}

TEST_CASE("cli: a database newer than this build is a database error")
{
  Cli cli;
  REQUIRE(cli.run({"-q", "init"}).code == 0);
  REQUIRE(test::raw_sql(cli.db, "PRAGMA user_version = 999").rc == SQLITE_OK);
  const auto result = cli.run({"agency", "list"});
  CHECK(result.code == 3);
  CHECK(contains(result.err, "newer"));
}

TEST_CASE("cli: init creates the database and says so on stderr")
{
  Cli cli;
  const auto result = cli.run({"init"});
  CHECK(result.code == 0);
  CHECK(result.out.empty());
  CHECK(contains(result.err, "created '" + cli.db + "'"));
  CHECK(test::exists(cli.db));
  CHECK(cli.run({"init"}).code == 1);
}

TEST_CASE("cli: --quiet silences messages but not errors")
{
  Cli cli;
  auto result = cli.run({"-q", "init"});
  CHECK(result.code == 0);
  CHECK(result.err.empty());
  result = cli.run({"-q", "init"});
  CHECK(result.code == 1);
  CHECK(result.err.rfind("panel: error: ", 0) == 0);
}

TEST_CASE("cli: agency add then agency list --format json shows the new agency last")
{
  Cli cli;
  REQUIRE(cli.run({"-q", "init"}).code == 0);
  const auto added = cli.run({"agency", "add", "PRB", "--name", "Probation Service", "--email",
                              "probation@example.org", "--core"});
  CHECK(added.code == 0);
  CHECK(added.err == "added agency 'PRB' (Probation Service)\n");

  const auto listed = cli.run({"agency", "list", "--format", "json"});
  CHECK(listed.code == 0);
  const auto json = nlohmann::ordered_json::parse(listed.out);
  REQUIRE(json.is_array());
  REQUIRE(json.size() == 11);
  CHECK(json.back().dump() ==
        R"({"code":"PRB","name":"Probation Service","email":"probation@example.org","core":true})");
  CHECK(json.front()["code"] == "POL");
}

TEST_CASE("cli: changes are audited with the pinned clock and the acting user")
{
  Cli cli;
  REQUIRE(cli.run({"-q", "init"}).code == 0);
  REQUIRE(cli.run({"agency", "add", "FIRE", "--name", "London Fire Brigade", "--as", "coordinator"}).code == 0);
  auto db = store::Db::open(cli.db);
  const auto audit = store::list_audit(db, "");
  REQUIRE(audit.size() == 2);
  CHECK(audit[0].user == "tester");
  CHECK(audit[0].command == "init");
  CHECK(audit[1].user == "coordinator");
  CHECK(audit[1].command == "agency add");
  CHECK(audit[1].at == "2017-09-04T10:15:00Z");
}

TEST_CASE("cli: a refused agency add exits 1 and changes nothing")
{
  Cli cli;
  REQUIRE(cli.run({"-q", "init"}).code == 0);
  const auto before = cli.run({"agency", "list", "--format", "csv"}).out;
  const auto result = cli.run({"agency", "add", "POL", "--name", "Police again"});
  CHECK(result.code == 1);
  CHECK(result.err == "panel: error: agency 'POL' already exists; use 'panel agency update'\n");
  CHECK(cli.run({"agency", "list", "--format", "csv"}).out == before);
}

TEST_CASE("cli: global options work after the subcommand too")
{
  Cli cli;
  const auto other = cli.dir.file("other.db");
  REQUIRE(cli.run({"init", "--db", other, "-q"}).code == 0);
  CHECK(test::exists(other));
  CHECK_FALSE(test::exists(cli.db));
  const auto result = cli.run({"agency", "list", "--format", "csv", "--db", other});
  CHECK(result.code == 0);
  CHECK(result.out.rfind("code,name,email,core\r\n", 0) == 0);
}

TEST_CASE("cli: an unknown --format is a usage error")
{
  Cli cli;
  REQUIRE(cli.run({"-q", "init"}).code == 0);
  const auto result = cli.run({"agency", "list", "--format", "xml"});
  CHECK(result.code == 2);
  CHECK(result.err == "panel: error: 'agency list' has no format 'xml' (known: table, csv, json, md)\n");
  CHECK(result.out.empty());
}

TEST_CASE("cli: a command group without its subcommand shows its help with exit 2")
{
  Cli cli;
  const auto result = cli.run({"agency"});
  CHECK(result.code == 2);
  CHECK(contains(result.err, "list"));
  CHECK(contains(result.err, "add"));
}
