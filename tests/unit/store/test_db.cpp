#include "panel/store/db.hpp"

#include "panel/store/agencies.hpp"
#include "panel/store/audit.hpp"
#include "tests/unit/support.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>

using namespace panel;
using panel::test::catch_error;
using panel::test::raw_sql;
using panel::test::TempDir;

TEST_CASE("db: an in-memory database has the current schema")
{
  auto db = store::Db::memory();
  CHECK(db.schema_version() == store::current_schema_version());
  CHECK(store::current_schema_version() >= 1);
  CHECK(store::list_agencies(db).empty());
}

TEST_CASE("db: the SQLite version is known")
{
  CHECK(store::sqlite_version().rfind("3.", 0) == 0);
}

TEST_CASE("db: create makes a file only its owner can read, with the current schema")
{
  TempDir dir;
  const auto path = dir.file("panel.db");
  {
    auto db = store::Db::create(path);
    CHECK(db.path() == path);
    CHECK(db.schema_version() == store::current_schema_version());
  }
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
}

TEST_CASE("db: create ignores a permissive umask")
{
  TempDir dir;
  const auto path = dir.file("panel.db");
  const mode_t old = ::umask(0);
  { auto db = store::Db::create(path); }
  ::umask(old);
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
}

TEST_CASE("db: create stamps the file as a panel database in WAL mode")
{
  TempDir dir;
  const auto path = dir.file("panel.db");
  { auto db = store::Db::create(path); }
  CHECK(raw_sql(path, "PRAGMA application_id").first_value == std::to_string(store::application_id));
  CHECK(raw_sql(path, "PRAGMA user_version").first_value == std::to_string(store::current_schema_version()));
  CHECK(raw_sql(path, "PRAGMA journal_mode").first_value == "wal");
}

TEST_CASE("db: create refuses an existing file and leaves it alone")
{
  TempDir dir;
  const auto path = dir.file("panel.db");
  test::write_text(path, "precious");
  const auto caught = catch_error([&] { store::Db::create(path); });
  REQUIRE(caught.thrown);
  CHECK(caught.code == Exit::refused);
  CHECK(caught.message.find("already exists") != std::string::npos);
  std::ifstream in(path);
  std::string content;
  std::getline(in, content);
  CHECK(content == "precious");
}

TEST_CASE("db: create in a missing folder is a database error")
{
  TempDir dir;
  const auto caught = catch_error([&] { store::Db::create(dir.file("missing/panel.db")); });
  REQUIRE(caught.thrown);
  CHECK(caught.code == Exit::database);
  CHECK(caught.message.find("cannot create") != std::string::npos);
}

TEST_CASE("db: open of a missing file tells the user to run 'panel init'")
{
  TempDir dir;
  const auto path = dir.file("panel.db");
  const auto caught = catch_error([&] { store::Db::open(path); });
  REQUIRE(caught.thrown);
  CHECK(caught.code == Exit::database);
  CHECK(caught.message.find("run 'panel init'") != std::string::npos);
  CHECK(caught.message.find(path) != std::string::npos);
  CHECK_FALSE(test::exists(path));
}

TEST_CASE("db: open of a folder is a database error")
{
  TempDir dir;
  const auto caught = catch_error([&] { store::Db::open(dir.path().string()); });
  REQUIRE(caught.thrown);
  CHECK(caught.code == Exit::database);
  CHECK(caught.message.find("is not a file") != std::string::npos);
}

TEST_CASE("db: open reopens a database made by create")
{
  TempDir dir;
  const auto path = dir.file("panel.db");
  {
    auto db = store::Db::create(path);
    store::insert_agency(db, {"POL", "Police", "", true});
  }
  auto db = store::Db::open(path);
  CHECK(db.schema_version() == store::current_schema_version());
  REQUIRE(store::list_agencies(db).size() == 1);
}

TEST_CASE("db: open refuses an SQLite file that is not a panel database")
{
  TempDir dir;
  const auto path = dir.file("other.db");
  REQUIRE(raw_sql(path, "CREATE TABLE t (x); INSERT INTO t VALUES (1);").rc == SQLITE_OK);
  const auto caught = catch_error([&] { store::Db::open(path); });
  REQUIRE(caught.thrown);
  CHECK(caught.code == Exit::database);
  CHECK(caught.message.find("is not a panel database") != std::string::npos);
  // The other program's data is untouched.
  CHECK(raw_sql(path, "SELECT x FROM t").first_value == "1");
  CHECK(raw_sql(path, "PRAGMA user_version").first_value == "0");
}

TEST_CASE("db: open refuses a file that is not SQLite at all")
{
  TempDir dir;
  const auto path = dir.file("notes.txt");
  test::write_text(path, std::string(4096, 'x'));
  const auto caught = catch_error([&] { store::Db::open(path); });
  REQUIRE(caught.thrown);
  CHECK(caught.code == Exit::database);
  CHECK(caught.message.find("is not a panel database") != std::string::npos);
}

TEST_CASE("db: open refuses a database newer than this build")
{
  TempDir dir;
  const auto path = dir.file("panel.db");
  { auto db = store::Db::create(path); }
  const int newer = store::current_schema_version() + 1;
  REQUIRE(raw_sql(path, "PRAGMA user_version = " + std::to_string(newer)).rc == SQLITE_OK);
  const auto caught = catch_error([&] { store::Db::open(path); });
  REQUIRE(caught.thrown);
  CHECK(caught.code == Exit::database);
  CHECK(caught.message.find("newer") != std::string::npos);
  CHECK(raw_sql(path, "PRAGMA user_version").first_value == std::to_string(newer));
}

TEST_CASE("db: open migrates an empty panel database forward")
{
  TempDir dir;
  const auto path = dir.file("panel.db");
  REQUIRE(raw_sql(path, "PRAGMA application_id = " + std::to_string(store::application_id)).rc == SQLITE_OK);
  auto db = store::Db::open(path);
  CHECK(db.schema_version() == store::current_schema_version());
  CHECK(store::list_agencies(db).empty());
}

TEST_CASE("db: audit_log rows cannot be updated or deleted")
{
  TempDir dir;
  const auto path = dir.file("panel.db");
  {
    auto db = store::Db::create(path);
    store::append_audit(db, test::actor(), core::AuditAction::create, "agency", "POL", "Police");
  }
  auto result = raw_sql(path, "UPDATE audit_log SET user = 'mallory'");
  CHECK(result.rc != SQLITE_OK);
  CHECK(result.message.find("append-only") != std::string::npos);
  result = raw_sql(path, "DELETE FROM audit_log");
  CHECK(result.rc != SQLITE_OK);
  CHECK(result.message.find("append-only") != std::string::npos);
  CHECK(raw_sql(path, "SELECT count(*) FROM audit_log WHERE user = 'tester'").first_value == "1");
}

TEST_CASE("db: a transaction without commit changes nothing")
{
  auto db = store::Db::memory();
  {
    store::Transaction txn(db, store::Transaction::Kind::write);
    store::insert_agency(db, {"POL", "Police", "", true});
  }
  CHECK(store::list_agencies(db).empty());
}

TEST_CASE("db: a committed transaction keeps its changes")
{
  auto db = store::Db::memory();
  {
    store::Transaction txn(db, store::Transaction::Kind::write);
    store::insert_agency(db, {"POL", "Police", "", true});
    txn.commit();
  }
  CHECK(store::list_agencies(db).size() == 1);
}

TEST_CASE("db: a transaction rolls back when an exception leaves its scope")
{
  auto db = store::Db::memory();
  try {
    store::Transaction txn(db, store::Transaction::Kind::write);
    store::insert_agency(db, {"POL", "Police", "", true});
    throw refused("stop");
  } catch (const Error&) {
  }
  CHECK(store::list_agencies(db).empty());
}

TEST_CASE("db: a database is usable after being moved")
{
  auto db = store::Db::memory();
  store::Db moved = std::move(db);
  store::insert_agency(moved, {"POL", "Police", "", true});
  CHECK(store::list_agencies(moved).size() == 1);
}

TEST_CASE("db: as_database_error turns an SQLite exception into a database error")
{
  auto db = store::Db::memory();
  store::insert_agency(db, {"POL", "Police", "", true});
  bool caught = false;
  try {
    store::insert_agency(db, {"POL", "Police again", "", true});
  } catch (const std::exception& e) {
    caught = true;
    const auto error = store::as_database_error(e, "x.db");
    REQUIRE(error.has_value());
    CHECK(error->code() == Exit::database);
    CHECK(std::string(error->what()).find("'x.db'") != std::string::npos);
  }
  CHECK(caught);
}

TEST_CASE("db: as_database_error ignores exceptions that are not from SQLite")
{
  CHECK_FALSE(store::as_database_error(std::runtime_error("other"), "x.db").has_value());
  CHECK_FALSE(store::as_database_error(refused("no"), "x.db").has_value());
}
