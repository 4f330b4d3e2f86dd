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
