#include "panel/core/audit.hpp"
#include "panel/store/audit.hpp"
#include "panel/store/db.hpp"
#include "panel/store/schema.hpp"
#include "tests/unit/support.hpp"

#include <doctest/doctest.h>

using namespace panel;
using panel::test::raw_sql;
using panel::test::TempDir;

namespace {

// A file at schema 8 with audit rows written before the chain existed.
std::string schema_8_with_audit_rows(TempDir& dir)
{
  const auto path = dir.file("v8.db");
  std::string sql = "PRAGMA application_id = " + std::to_string(store::application_id) + ";";
  for (size_t i = 0; i < 8; ++i)
    sql += std::string(store::migrations().at(i));
  sql += "INSERT INTO audit_log (at, user, command, action, entity, record, detail) VALUES "
         "('2017-09-01T09:00:00Z', 'a', 'init', 'create', 'profile', 'CCM', 'from built-in ccm'),"
         "('2017-09-02T09:00:00Z', 'b', 'agency update', 'update', 'agency', 'XYZ', 'name'),"
         "('2017-09-03T09:00:00Z', 'c', 'refer', 'create', 'referral', 'CCM-2017-0001', '');"
         "PRAGMA user_version = 8;";
  REQUIRE(raw_sql(path, sql).rc == SQLITE_OK);
  return path;
}

} // namespace

TEST_CASE("audit chain: each hash covers the previous hash and every field of the row")
{
  const core::AuditEntry row{1, "2017-09-04T09:00:00Z", "coordinator", "init", "create", "profile", "CCM", "x", ""};
  const auto first = core::audit_hash("", row);
  CHECK(first.size() == 64);
  CHECK(core::audit_hash("", row) == first);
  CHECK(core::audit_hash(first, row) != first);
  auto changed = row;
  changed.detail = "y";
  CHECK(core::audit_hash("", changed) != first);
  // Fields are separated, so moving a character from one field to the next changes the hash.
  auto shifted = row;
  shifted.entity = "profil";
  shifted.record = "eCCM";
  CHECK(core::audit_hash("", shifted) != first);
}

TEST_CASE("audit chain: rows written by panel chain, and the chain verifies")
{
  auto db = store::Db::memory();
  for (const char* record : {"A", "B", "C"})
    store::append_audit(db, test::actor(), core::AuditAction::create, "agency", record);
  const auto rows = store::list_audit(db, "");
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].hash == core::audit_hash("", rows[0]));
  CHECK(rows[2].hash == core::audit_hash(rows[1].hash, rows[2]));
  const auto chain = store::verify_audit_chain(db);
  CHECK(chain.rows == 3);
  CHECK_FALSE(chain.first_broken);
  CHECK(chain.head == rows[2].hash);
}

TEST_CASE("audit chain: rows written through one trail chain like rows written one at a time")
{
  auto db = store::Db::memory();
  store::append_audit(db, test::actor(), core::AuditAction::create, "profile", "CCM");
  {
    store::Transaction txn(db, store::Transaction::Kind::write);
    store::AuditTrail trail(db);
    for (const char* record : {"CCM-2017-0001", "CCM-2017-0002", "CCM-2017-0003"})
      trail.append(test::actor(), core::AuditAction::create, "referral", record);
    trail.append(test::actor(), core::AuditAction::update, "referral", "CCM-2017-0002", "repeat worked out again");
    txn.commit();
  }
  store::append_audit(db, test::actor(), core::AuditAction::create, "agency", "A");
  const auto rows = store::list_audit(db, "");
  REQUIRE(rows.size() == 6);
  std::string previous;
  for (const auto& row : rows) {
    CHECK(row.hash == core::audit_hash(previous, row));
    previous = row.hash;
  }
  CHECK(rows[4].detail == "repeat worked out again");
  const auto chain = store::verify_audit_chain(db);
  CHECK(chain.rows == 6);
  CHECK_FALSE(chain.first_broken);
}

TEST_CASE("audit chain: the upgrade to schema 9 chains the rows already there, in order")
{
  TempDir dir;
  const auto path = schema_8_with_audit_rows(dir);
  auto db = store::Db::open(path);
  const auto rows = store::list_audit(db, "");
  REQUIRE(rows.size() == 3);
  std::string previous;
  for (const auto& row : rows) {
    CHECK(row.hash == core::audit_hash(previous, row));
    previous = row.hash;
  }
  CHECK_FALSE(store::verify_audit_chain(db).first_broken);
  // The append-only trigger is back after the upgrade.
  CHECK(raw_sql(path, "UPDATE audit_log SET user = 'x' WHERE id = 1").rc != SQLITE_OK);
  // New rows continue the chain.
  store::append_audit(db, test::actor(), core::AuditAction::read, "case", "CCM-2017-0001");
  CHECK(store::verify_audit_chain(db).rows == 4);
  CHECK_FALSE(store::verify_audit_chain(db).first_broken);
}

TEST_CASE("audit chain: a row changed outside panel breaks the chain from that row")
{
  TempDir dir;
  const auto path = schema_8_with_audit_rows(dir);
  { store::Db::open(path); }
  REQUIRE(raw_sql(path, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail = 'Another' WHERE id = 2").rc == SQLITE_OK);
  auto db = store::Db::open(path);
  const auto chain = store::verify_audit_chain(db);
  REQUIRE(chain.first_broken);
  CHECK(*chain.first_broken == 2);
}

TEST_CASE("audit chain: a row deleted outside panel breaks the chain at the row after it")
{
  TempDir dir;
  const auto path = schema_8_with_audit_rows(dir);
  { store::Db::open(path); }
  REQUIRE(raw_sql(path, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 1").rc == SQLITE_OK);
  auto db = store::Db::open(path);
  const auto chain = store::verify_audit_chain(db);
  REQUIRE(chain.first_broken);
  CHECK(*chain.first_broken == 2);
}

TEST_CASE("audit chain: a row inserted outside panel, without a hash, breaks the chain there")
{
  auto db = store::Db::memory();
  store::append_audit(db, test::actor(), core::AuditAction::create, "agency", "A");
  TempDir dir;
  const auto path = dir.file("p.db");
  { auto created = store::Db::create(path); store::append_audit(created, test::actor(), core::AuditAction::create, "agency", "A"); }
  REQUIRE(raw_sql(path, "INSERT INTO audit_log (at, user, command, action, entity) "
                        "VALUES ('2017-09-05T00:00:00Z', 'x', 'sqlite3', 'delete', 'referral')").rc == SQLITE_OK);
  auto opened = store::Db::open(path);
  const auto chain = store::verify_audit_chain(opened);
  REQUIRE(chain.first_broken);
  CHECK(*chain.first_broken == 2);
}
