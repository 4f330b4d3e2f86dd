#include "panel/store/schema.hpp"

#include "panel/store/agencies.hpp"
#include "panel/store/db.hpp"
#include "tests/unit/support.hpp"

#include <doctest/doctest.h>

using namespace panel;
using panel::test::raw_sql;
using panel::test::TempDir;

TEST_CASE("schema: a version 1 database is migrated to the current version and keeps its data")
{
  TempDir dir;
  const auto path = dir.file("old.db");
  // A file as panel 0.1 with schema 1 left it: migration 0 applied, one agency.
  std::string v1 = "PRAGMA application_id = " + std::to_string(store::application_id) + ";";
  v1 += std::string(store::migrations().at(0));
  v1 += "INSERT INTO agency (code, name, email, core, position) VALUES ('POL', 'Police', '', 1, 1);"
        "PRAGMA user_version = 1;";
  REQUIRE(raw_sql(path, v1).rc == SQLITE_OK);

  auto db = store::Db::open(path);
  CHECK(db.schema_version() == store::current_schema_version());
  REQUIRE(store::list_agencies(db).size() == 1);
  CHECK(store::list_agencies(db).front().code == "POL");
  CHECK(raw_sql(path, "SELECT count(*) FROM referral").rc == SQLITE_OK);
}

TEST_CASE("schema: every migration applies on top of the ones before it")
{
  auto db = store::Db::memory();
  CHECK(db.schema_version() == static_cast<int>(store::migrations().size()));
}

TEST_CASE("schema: a failed migration leaves the database at its old version")
{
  TempDir dir;
  const auto path = dir.file("clash.db");
  // A table the next migration wants to create already exists: the upgrade must roll back whole.
  std::string v1 = "PRAGMA application_id = " + std::to_string(store::application_id) + ";";
  v1 += std::string(store::migrations().at(0));
  v1 += "CREATE TABLE person (x); PRAGMA user_version = 1;";
  REQUIRE(raw_sql(path, v1).rc == SQLITE_OK);
  CHECK_THROWS(store::Db::open(path));
  CHECK(raw_sql(path, "SELECT count(*) FROM reference_counter").rc != SQLITE_OK);
}

TEST_CASE("schema: a migration that SQLite rolls back itself reports its own error, not the failed ROLLBACK")
{
  TempDir dir;
  const auto path = dir.file("rolled-back.db");
  // RAISE(ROLLBACK) ends the transaction inside the upgrade (as a full disk or an I/O error can):
  // the ROLLBACK in migrate()'s catch then fails, and must not hide why the upgrade failed.
  std::string v1 = "PRAGMA application_id = " + std::to_string(store::application_id) + ";";
  v1 += std::string(store::migrations().at(0));
  v1 += "INSERT INTO audit_log (at, user, command, action, entity) VALUES ('2017-01-01', 'u', 'init', 'create', 'x');"
        "CREATE TRIGGER stop_upgrade BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ROLLBACK, 'stop the upgrade'); END;"
        "PRAGMA user_version = 1;";
  REQUIRE(raw_sql(path, v1).rc == SQLITE_OK);
  CHECK_THROWS_WITH(store::Db::open(path), doctest::Contains("stop the upgrade"));
  CHECK(raw_sql(path, "SELECT count(*) FROM person").rc != SQLITE_OK);
}

TEST_CASE("schema: the upgrade to 14 gives each person the date of birth of their latest live referral that has one")
{
  TempDir dir;
  const auto path = dir.file("v13.db");
  // A register as panel with schema 13 left it: a date of birth corrected on referrals never
  // reached their person (trial F18). Made at the current version, then marked 13, so that
  // opening it runs the upgrade to 14 again.
  store::Db::create(path);
  const auto made = raw_sql(path, R"SQL(
INSERT INTO agency (code, name, email, core, position) VALUES ('POL', 'Police', '', 1, 1);
INSERT INTO person (id, name, name_key, dob, created_at) VALUES
  (1, 'Ann', 'ann', NULL, 't'), (2, 'Bo', 'bo', '1970-01-01', 't'), (3, 'Cy', 'cy', '1980-01-01', 't'),
  (4, 'Di', 'di', '1990-01-01', 't');
INSERT INTO referral (reference, year, seq, received, agency, person_id, name, dob, summary, created_at, created_by, voided)
VALUES
  ('R-1', 2017, 1, '2017-01-01', 'POL', 1, 'Ann', '1944-06-01', 's', 't', 'u', NULL),
  ('R-2', 2017, 2, '2017-02-01', 'POL', 1, 'Ann', NULL, 's', 't', 'u', NULL),
  ('R-3', 2017, 3, '2017-01-01', 'POL', 2, 'Bo', '1970-01-01', 's', 't', 'u', NULL),
  ('R-4', 2017, 4, '2017-03-01', 'POL', 2, 'Bo', '1971-01-01', 's', 't', 'u', '2017-04-01'),
  ('R-5', 2017, 5, '2017-01-01', 'POL', 3, 'Cy', NULL, 's', 't', 'u', NULL);
PRAGMA user_version = 13;
)SQL");
  REQUIRE_MESSAGE(made.rc == SQLITE_OK, made.message);
  auto db = store::Db::open(path);
  CHECK(db.schema_version() == store::current_schema_version());
  // Ann: from R-1 (R-2 gives none); Bo: R-4 is voided; Cy: no referral gives one; Di: no referral, unchanged.
  CHECK(raw_sql(path, "SELECT group_concat(id || '=' || coalesce(dob, '-'), ' ') FROM (SELECT * FROM person ORDER BY id)")
            .first_value == "1=1944-06-01 2=1970-01-01 3=- 4=1990-01-01");
}
