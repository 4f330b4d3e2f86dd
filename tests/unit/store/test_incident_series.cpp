#include "panel/store/incident_series.hpp"

#include "panel/store/impl.hpp"
#include "tests/unit/support.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

using namespace panel;
using panel::test::catch_error;

namespace {

const std::string met = "Metropolitan Police Service";
const std::string city = "City of London Police";
const std::string asb = "Anti-social behaviour";

// Records that `force` imported `month` (as `panel incidents import` would).
void imported(store::Db& db, const std::string& force, const std::string& month)
{
  SQLite::Statement s(db.impl().sql, "INSERT INTO incident_month (reported_by, month, file, sha256, rows, imported_at, "
                                     "imported_by) VALUES (?, ?, 'test.csv', '', 0, '2017-09-04T09:00:00Z', 'tester')");
  s.bind(1, force);
  s.bind(2, month);
  s.exec();
}

// `n` incidents of one type in one LSOA and month, in a month already imported.
void incidents(store::Db& db, const std::string& force, const std::string& month, const std::string& code,
               const std::string& name, const std::string& type, int n)
{
  SQLite::Statement s(db.impl().sql, "INSERT INTO incident (month_id, month, reported_by, lsoa_code, lsoa_name, crime_type) "
                                     "SELECT id, month, reported_by, ?, ?, ? FROM incident_month WHERE reported_by = ? AND month = ?");
  for (int i = 0; i < n; ++i) {
    s.reset();
    s.bind(1, code);
    s.bind(2, name);
    s.bind(3, type);
    s.bind(4, force);
    s.bind(5, month);
    REQUIRE(s.exec() == 1);
  }
}

// Six months of the Met, 2017-01 to 2017-06; an LSOA with incidents only in March and June.
store::Db six_months()
{
  auto db = store::Db::memory();
  for (int m = 1; m <= 6; ++m)
    imported(db, met, fmt::format("2017-{:02}", m));
  incidents(db, met, "2017-03", "E01000001", "City of London 001A", asb, 2);
  incidents(db, met, "2017-06", "E01000001", "City of London 001A", asb, 5);
  incidents(db, met, "2017-06", "E01000001", "City of London 001A", "Burglary", 1);
  incidents(db, met, "2017-02", "E01000002", "City of London 001B", asb, 1);
  incidents(db, met, "2017-04", "E01032739", "Camden 002C", asb, 3);
  incidents(db, met, "2017-05", "", "", asb, 4);  // No Location
  return db;
}

} // namespace

TEST_CASE("incident series: months with no incidents in an area count 0, oldest month first")
{
  auto db = six_months();
  const auto s = store::incident_series(db, {asb, "", "2017-06", 6});
  CHECK(s.months == std::vector<std::string>{"2017-01", "2017-02", "2017-03", "2017-04", "2017-05", "2017-06"});
  REQUIRE(s.areas.size() == 3);
  CHECK(s.areas[0].code == "E01000001");
  CHECK(s.areas[0].name == "City of London 001A");
  CHECK(s.areas[0].counts == std::vector<std::int64_t>{0, 0, 2, 0, 0, 5});
  CHECK(s.areas[1].counts == std::vector<std::int64_t>{0, 1, 0, 0, 0, 0});
  CHECK(s.areas[2].code == "E01032739");
  CHECK(s.no_location == 4);
}

TEST_CASE("incident series: only the months asked for, the type asked for, or every type")
{
  auto db = six_months();
  const auto last3 = store::incident_series(db, {asb, "", "2017-06", 3});
  CHECK(last3.months.front() == "2017-04");
  REQUIRE(last3.areas.size() == 2);  // E01000002 has nothing after February
  CHECK(last3.areas[0].counts == std::vector<std::int64_t>{0, 0, 5});
  CHECK(last3.no_location == 4);
  const auto every = store::incident_series(db, {"", "", "2017-06", 6});
  CHECK(every.areas[0].counts == std::vector<std::int64_t>{0, 0, 2, 0, 0, 6});
  CHECK(store::incident_series(db, {"Burglary", "", "2017-06", 6}).areas.size() == 1);
}

TEST_CASE("incident series: a month never imported is refused, listing the missing months")
{
  auto db = six_months();
  const auto caught = catch_error([&] { store::incident_series(db, {asb, "", "2017-08", 6}); });
  CHECK(caught.code == Exit::refused);
  CHECK(caught.message == "incident data is missing for 2 of the months 2017-03..2017-08: 2017-07, 2017-08 (import "
                          "them with 'panel incidents import', or choose another --to, --window or --baseline)");
  const auto none = catch_error([&] { store::incident_series(db, {asb, "", "2018-06", 3}); });
  CHECK(none.message == "no incident data imported for 2018-04..2018-06");
  const auto other = catch_error([&] { store::incident_series(db, {asb, city, "2017-06", 3}); });
  CHECK(other.message == "no incident data imported for 2017-04..2017-06 from 'City of London Police'");
}

TEST_CASE("incident series: every force with data in the range must have imported every month of it")
{
  auto db = six_months();
  imported(db, city, "2017-05");
  imported(db, city, "2017-06");
  incidents(db, city, "2017-06", "E01000001", "City of London 001A", asb, 3);
  const auto caught = catch_error([&] { store::incident_series(db, {asb, "", "2017-06", 4}); });
  CHECK(caught.message == "incident data is missing for 2 of the months 2017-03..2017-06: 2017-03 (City of London "
                          "Police), 2017-04 (City of London Police) (import them with 'panel incidents import', or "
                          "choose another --to, --window or --baseline)");
  // The forces' counts add up once each has every month; one force alone needs only its own.
  const auto both = store::incident_series(db, {asb, "", "2017-06", 2});
  CHECK(both.areas[0].counts == std::vector<std::int64_t>{0, 8});
  const auto met_only = store::incident_series(db, {asb, met, "2017-06", 6});
  CHECK(met_only.areas[0].counts == std::vector<std::int64_t>{0, 0, 2, 0, 0, 5});
}

TEST_CASE("incident series: by district, LSOAs add up under their name without the code")
{
  auto db = six_months();
  const auto s = store::incident_series(db, {asb, "", "2017-06", 6, store::AreaLevel::district});
  REQUIRE(s.areas.size() == 2);
  CHECK(s.areas[0].code == "Camden");
  CHECK(s.areas[1].code == "City of London");
  CHECK(s.areas[1].name == "");
  CHECK(s.areas[1].counts == std::vector<std::int64_t>{0, 1, 2, 0, 0, 5});
}

TEST_CASE("incident series: the district is the LSOA name without a trailing code")
{
  CHECK(store::lsoa_district("City of London 001F") == "City of London");
  CHECK(store::lsoa_district("Bath and North East Somerset 024D") == "Bath and North East Somerset");
  CHECK(store::lsoa_district("Somewhere") == "Somewhere");
  CHECK(store::lsoa_district("Odd 01A") == "Odd 01A");
  CHECK(store::lsoa_district("Odd 001a") == "Odd 001a");
}

TEST_CASE("incident series: latest month, types and forces come from the imported data")
{
  auto db = store::Db::memory();
  CHECK_FALSE(store::latest_month_imported(db, ""));
  CHECK(store::incident_forces(db).empty());
  db = six_months();
  imported(db, city, "2017-07");
  CHECK(store::latest_month_imported(db, "") == "2017-07");
  CHECK(store::latest_month_imported(db, met) == "2017-06");
  CHECK(store::incident_forces(db) == std::vector<std::string>{city, met});
  CHECK(store::incident_types(db) == std::vector<std::string>{asb, "Burglary"});
}

TEST_CASE("incident series: a --to that is not a month is a usage error")
{
  auto db = six_months();
  const auto caught = catch_error([&] { store::incident_series(db, {asb, "", "2017-6", 3}); });
  CHECK(caught.code == Exit::usage);
  CHECK(caught.message == "--to: '2017-6' is not a month (use YYYY-MM)");
}
