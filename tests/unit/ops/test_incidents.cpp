#include "panel/ops/incidents.hpp"

#include "panel/render/incidents.hpp"
#include "panel/report/incidents.hpp"
#include "panel/store/audit.hpp"
#include "panel/store/board.hpp"
#include "tests/unit/ops/panel_fixture.hpp"

#include <doctest/doctest.h>

using namespace panel;
using test::catch_error;

namespace {

const std::string header =
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,"
    "Last outcome category,Context\n";

// A row of `force` in `month`, with an outcome.
std::string row(const std::string& month, const std::string& type = "Drugs", const std::string& outcome = "",
                const std::string& force = "City of London Police", const std::string& lsoa = "E01000001")
{
  return "," + month + "," + force + "," + force + ",-0.1,51.5,\"On or near Fann Street, EC2\"," + lsoa +
         ",City of London 001A," + type + "," + outcome + ",\n";
}

struct Incidents : test::CcmPanel {
  // Writes a file in the panel's folder and returns its path.
  std::string file(const std::string& name, const std::string& text)
  {
    const auto written = dir.file(name);
    test::write_text(written, text);
    return written;
  }

  std::vector<ops::ImportedMonth> import(const std::vector<std::string>& files)
  {
    return ops::import_incidents(db, files, test::actor("2017-09-04T10:00:00Z", "incidents import"));
  }

  std::string count(const std::string& where = "1")
  {
    return test::raw_sql(path, "SELECT count(*) FROM incident WHERE " + where).first_value;
  }
  std::string dump() { return test::raw_sql(path, "SELECT group_concat(id || crime_type || last_outcome) FROM incident").first_value; }
};

} // namespace

TEST_CASE("incidents import: rows are grouped by force and month, identical rows all kept")
{
  Incidents p;
  const auto r = [](const std::string& month) { return row(month); };
  const auto months = p.import({p.file("a.csv", header + r("2018-10") + r("2018-10") + r("2018-11"))});
  REQUIRE(months.size() == 2);
  CHECK(months[0].reported_by == "City of London Police");
  CHECK(months[0].month == "2018-10");
  CHECK(months[0].imported == 2);
  CHECK_FALSE(months[0].existed);
  CHECK(months[1].imported == 1);
  CHECK(months[0].sha256.size() == 64);
  CHECK(p.count() == "3");
  CHECK(test::raw_sql(p.path, "SELECT rows FROM incident_month WHERE month = '2018-10'").first_value == "2");
}

TEST_CASE("incidents import: a month imported again replaces the old rows, and is audited as update")
{
  Incidents p;
  const auto r = [](const std::string& outcome) { return row("2018-10", "Drugs", outcome); };
  p.import({p.file("old.csv", header + r("Under investigation") + r("Under investigation"))});
  const auto months = p.import({p.file("new.csv", header + r("Local resolution") + r("Local resolution"))});
  REQUIRE(months.size() == 1);
  CHECK(months[0].existed);
  CHECK(months[0].replaced == 2);
  CHECK(p.count() == "2");
  CHECK(p.count("last_outcome = 'Local resolution'") == "2");
  CHECK(test::raw_sql(p.path, "SELECT file FROM incident_month").first_value == p.dir.file("new.csv"));
  const auto audit = store::list_audit(p.db, "");
  CHECK(audit.back().action == "update");
  CHECK(audit.back().entity == "incident_month");
  CHECK(audit.back().record == "City of London Police 2018-10");
  CHECK(audit[audit.size() - 2].action == "create");
}

TEST_CASE("incidents import: a later file of the same import replaces an earlier one with the same month")
{
  Incidents p;
  const auto r = row("2018-10");
  const auto months = p.import({p.file("a.csv", header + r + r + r), p.file("b.csv", header + r)});
  // One entry for the month, as stored: from b.csv, replacing nothing that was there before.
  REQUIRE(months.size() == 1);
  CHECK(months[0].file == p.dir.file("b.csv"));
  CHECK(months[0].earlier_file == p.dir.file("a.csv"));
  CHECK(months[0].imported == 1);
  CHECK(months[0].replaced == 0);
  CHECK_FALSE(months[0].existed);
  CHECK(p.count() == "1");
  const auto audit = store::list_audit(p.db, "");
  CHECK(audit.back().action == "create");
  CHECK(audit[audit.size() - 2].entity != "incident_month");
}

TEST_CASE("incidents import: a month already stored, then in two files, replaces what was stored once")
{
  Incidents p;
  const auto r = row("2018-10");
  p.import({p.file("first.csv", header + r + r)});
  const auto months = p.import({p.file("a.csv", header + r + r + r + row("2018-11")), p.file("b.csv", header + r)});
  REQUIRE(months.size() == 2);
  CHECK(months[0].month == "2018-10");
  CHECK(months[0].file == p.dir.file("b.csv"));
  CHECK(months[0].imported == 1);
  CHECK(months[0].replaced == 2);  // what first.csv had stored, not what a.csv brought in
  CHECK(months[0].existed);
  CHECK(months[1].month == "2018-11");
  CHECK(months[1].imported == 1);
  CHECK(p.count() == "2");
  CHECK(test::raw_sql(p.path, "SELECT rows FROM incident_month WHERE month = '2018-10'").first_value == "1");
}

TEST_CASE("incidents import: a bad row anywhere imports nothing and names file, line and column")
{
  Incidents p;
  const auto r = row("2018-10");
  p.import({p.file("first.csv", header + r)});
  const auto before = p.dump();
  const auto audit_before = p.audit_rows();
  const auto good = p.file("good.csv", header + row("2018-10", "Drugs", "Local resolution"));
  const auto bad = p.file("bad.csv", header + r + ",2018-10,F,F,,,x,,,,,\n");
  const auto caught = catch_error([&] { p.import({good, bad}); });
  REQUIRE(caught.thrown);
  CHECK(caught.code == Exit::refused);
  CHECK(caught.message == bad + ":3: Crime type: is empty (the type is required)\npanel: error: nothing was imported");
  CHECK(p.dump() == before);
  CHECK(p.audit_rows() == audit_before);
}

TEST_CASE("incidents import: every problem is reported, a missing file too")
{
  Incidents p;
  const auto bad = p.file("bad.csv", header + ",2018-1,F,F,,,x,,,Drugs,,\n,2018-10,F,F,1,,x,,,Drugs,,\n");
  const auto caught = catch_error([&] { p.import({bad, p.dir.file("missing.csv"), p.file("empty.csv", header)}); });
  CHECK(caught.message == bad + ":2: Month: '2018-1' is not a month (use YYYY-MM)\npanel: error: " + bad +
                              ":3: Latitude: is empty but the other coordinate is not\npanel: error: cannot read '" +
                              p.dir.file("missing.csv") + "': No such file or directory\npanel: error: " +
                              p.dir.file("empty.csv") + ": no incidents in the file\npanel: error: nothing was imported");
  CHECK(p.count() == "0");
}

TEST_CASE("incidents report: months, quarters and financial quarters")
{
  Incidents p;
  std::string rows;
  for (const auto* month : {"2018-03", "2018-04", "2018-04", "2019-03", "2019-04", "2019-04", "2019-04"})
    rows += row(month);
  p.import({p.file("a.csv", header + rows)});

  auto result = report::incident_report(p.db, {report::IncidentKey::fy_quarter, "", "", "", "", true});
  REQUIRE(result.rows.size() == 4);
  CHECK(result.rows[0].key == "2017/18-Q4");
  CHECK(result.rows[1].key == "2018/19-Q1");
  CHECK(result.rows[2].key == "2018/19-Q4");
  CHECK(result.rows[2].previous == 1);
  CHECK(result.rows[2].change == doctest::Approx(0.0));
  CHECK(result.rows[3].key == "2019/20-Q1");
  CHECK(result.rows[3].count == 3);
  CHECK(result.rows[3].previous == 2);
  CHECK(result.rows[3].change == doctest::Approx(0.5));
  CHECK_FALSE(result.rows[0].change);
  CHECK_FALSE(result.rows[0].previous);  // 2017-03 was never imported: no data, not 0
  CHECK_FALSE(result.rows[1].previous);

  result = report::incident_report(p.db, {report::IncidentKey::quarter, "", "", "2019-01", "2019-12", false});
  REQUIRE(result.rows.size() == 2);
  CHECK(result.rows[0].key == "2019-Q1");
  CHECK(result.rows[1].key == "2019-Q2");
  CHECK(result.rows[1].count == 3);
}

TEST_CASE("incidents report: by LSOA compares the last twelve months with the twelve before")
{
  Incidents p;
  std::string rows = row("2017-01", "Drugs", "", "City of London Police", "E1");  // before both years
  rows += row("2018-01", "Drugs", "", "City of London Police", "E1");
  rows += row("2018-02", "Drugs", "", "City of London Police", "");
  for (int i = 0; i < 3; ++i)
    rows += row("2019-01", "Drugs", "", "City of London Police", "E1");
  rows += row("2019-02", "Robbery", "", "City of London Police", "E2");
  p.import({p.file("a.csv", header + rows)});
  const auto result = report::incident_report(p.db, {report::IncidentKey::lsoa, "", "", "", "", true});
  CHECK(result.from == "2018-03");
  CHECK(result.to == "2019-02");
  REQUIRE(result.rows.size() == 3);
  CHECK(result.rows[0].key == "E1");
  CHECK(result.rows[0].count == 3);
  CHECK(result.rows[0].previous == 1);
  CHECK(result.rows[0].change == doctest::Approx(2.0));
  CHECK(result.rows[1].key == "E2");
  CHECK(result.rows[2].key == "");
  CHECK(result.rows[2].name == "No Location");
  CHECK(result.rows[2].count == 0);
  CHECK(result.rows[2].change == doctest::Approx(-1.0));

  const auto drugs = report::incident_report(p.db, {report::IncidentKey::type, "Drugs", "", "", "", false});
  REQUIRE(drugs.rows.size() == 1);
  CHECK(drugs.rows[0].count == 6);
}

TEST_CASE("incidents report: an unknown force or type is refused, naming the known ones")
{
  Incidents p;
  p.import({p.file("a.csv", header + row("2018-10"))});
  auto caught = catch_error([&] { report::incident_report(p.db, {report::IncidentKey::month, "", "Kent Police", "", "", false}); });
  CHECK(caught.message == "unknown force 'Kent Police' (known: City of London Police)");
  caught = catch_error([&] { report::incident_report(p.db, {report::IncidentKey::month, "", "", "2018-13", "", false}); });
  CHECK(caught.code == Exit::usage);
  CHECK(caught.message == "--from: '2018-13' is not a month (use YYYY-MM)");
}

TEST_CASE("incidents report: financial quarters start in April")
{
  CHECK(report::fy_quarter_of("2018-04") == "2018/19-Q1");
  CHECK(report::fy_quarter_of("2018-10") == "2018/19-Q3");
  CHECK(report::fy_quarter_of("2019-03") == "2018/19-Q4");
  CHECK(report::fy_quarter_of("1999-12") == "1999/00-Q3");
  CHECK(report::quarter_of("2018-10") == "2018-Q4");
  CHECK(report::quarter_of("2018-01") == "2018-Q1");
  CHECK(report::shift_month("2018-01", -12) == "2017-01");
  CHECK(report::shift_month("2018-01", -1) == "2017-12");
}

TEST_CASE("incidents report: a year before that was not imported has no data, never 0")
{
  Incidents p;
  std::string rows;
  for (const auto* month : {"2018-01", "2019-01", "2019-02", "2019-02"})
    rows += row(month);
  rows += row("2019-03", "Robbery");
  p.import({p.file("a.csv", header + rows)});
  // 2019-Q1: 2019-01 has its year before, 2019-02 and 2019-03 do not: no partial count.
  auto result = report::incident_report(p.db, {report::IncidentKey::quarter, "", "", "", "", true});
  REQUIRE(result.rows.size() == 2);
  CHECK(result.rows[0].key == "2018-Q1");
  CHECK_FALSE(result.rows[0].previous);
  CHECK(result.rows[1].key == "2019-Q1");
  CHECK(result.rows[1].count == 4);
  CHECK_FALSE(result.rows[1].previous);
  CHECK_FALSE(result.rows[1].change);
  CHECK(render::incidents_json(result).find("\"previous\": null") != std::string::npos);
  CHECK(render::incidents_json(result).find("\"previous\": 0") == std::string::npos);

  // Months compared one by one: 2019-01 against 2018-01 (imported), the others no data.
  result = report::incident_report(p.db, {report::IncidentKey::month, "", "", "2019-01", "2019-03", true});
  REQUIRE(result.rows.size() == 3);
  CHECK(result.rows[0].previous == 1);
  CHECK_FALSE(result.rows[1].previous);
  CHECK_FALSE(result.rows[2].previous);

  // A type over a window: every month of the window with data needs its year before.
  result = report::incident_report(p.db, {report::IncidentKey::type, "", "", "2019-01", "2019-01", true});
  REQUIRE(result.rows.size() == 1);
  CHECK(result.rows[0].previous == 1);
  CHECK(result.rows[0].change == doctest::Approx(0.0));
  result = report::incident_report(p.db, {report::IncidentKey::type, "", "", "2019-01", "2019-03", true});
  REQUIRE(result.rows.size() == 2);
  CHECK_FALSE(result.rows[0].previous);
  CHECK_FALSE(result.rows[1].previous);
}

TEST_CASE("incidents report: a month imported with none of the type is 0, with data")
{
  Incidents p;
  p.import({p.file("a.csv", header + row("2018-01", "Robbery") + row("2019-01") + row("2019-01"))});
  const auto result = report::incident_report(p.db, {report::IncidentKey::month, "Drugs", "", "", "", true});
  REQUIRE(result.rows.size() == 1);
  CHECK(result.rows[0].key == "2019-01");
  CHECK(result.rows[0].previous == 0);  // 2018-01 was imported: it had no drugs
  CHECK_FALSE(result.rows[0].change);
}

TEST_CASE("board chart series: a police month not imported has no value, an imported one its count")
{
  Incidents p;
  p.import({p.file("a.csv", header + row("2018-01", "Anti-social behaviour") + row("2018-03", "Drugs"))});
  const auto series = store::incidents_per_month(p.db, "Anti-social behaviour", *core::Date::parse("2017-12-01"),
                                                 *core::Date::parse("2018-04-30"));
  REQUIRE(series.size() == 5);
  CHECK(series[0] == std::pair<std::string, std::optional<std::int64_t>>{"2017-12", std::nullopt});
  CHECK(series[1].second == 1);
  CHECK_FALSE(series[2].second);  // 2018-02: no file
  CHECK(series[3].second == 0);   // 2018-03: imported, no ASB
  CHECK_FALSE(series[4].second);
  CHECK(store::incidents_per_month(p.db, "Anti-social behaviour", *core::Date::parse("2016-01-01"),
                                   *core::Date::parse("2016-12-31"))
            .empty());
}
