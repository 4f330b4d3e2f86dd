#include "panel/ops/maintenance.hpp"
#include "panel/store/agencies.hpp"
#include "panel/store/audit.hpp"
#include "panel/store/db.hpp"
#include "panel/store/maintenance.hpp"
#include "tests/unit/support.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <sys/stat.h>

using namespace panel;
using panel::test::raw_sql;
using panel::test::TempDir;

namespace {

const ops::Finding* finding(const std::vector<ops::Finding>& findings, const std::string& check)
{
  for (const auto& f : findings)
    if (f.check == check && !f.ok)
      return &f;
  for (const auto& f : findings)
    if (f.check == check)
      return &f;
  return nullptr;
}

unsigned mode_of(const std::string& path)
{
  struct stat st {};
  ::stat(path.c_str(), &st);
  return st.st_mode & 0777;
}

// A database in a private folder, with one audit row.
struct Fixture {
  TempDir dir;
  std::string path = dir.file("panel.db");
  Fixture()
  {
    std::filesystem::permissions(dir.path(), std::filesystem::perms::owner_all, std::filesystem::perm_options::replace);
    auto db = store::Db::create(path);
    store::append_audit(db, test::actor(), "create", "profile", "CCM");
  }
};

} // namespace

TEST_CASE("check: a new database in a private folder passes every check")
{
  Fixture f;
  for (const auto& x : ops::check_database(f.path))
    CHECK_MESSAGE(x.ok, x.check, ": ", x.detail);
}

TEST_CASE("check: a database readable by others, or in a folder others can list, is a problem")
{
  Fixture f;
  ::chmod(f.path.c_str(), 0644);
  const auto findings = ops::check_database(f.path);
  const auto* file = finding(findings, "permissions");
  REQUIRE(file);
  CHECK_FALSE(file->ok);
  CHECK(file->detail.find("chmod 600") != std::string::npos);
  ::chmod(f.path.c_str(), 0600);
  ::chmod(f.dir.path().string().c_str(), 0755);
  bool folder_reported = false;
  for (const auto& x : ops::check_database(f.path))
    folder_reported = folder_reported || (x.check == "permissions" && !x.ok && x.detail.find("chmod 700") != std::string::npos);
  CHECK(folder_reported);
}

TEST_CASE("check: checking changes nothing, not even an older schema")
{
  Fixture f;
  REQUIRE(raw_sql(f.path, "PRAGMA user_version = 8").rc == SQLITE_OK);
  const auto findings = ops::check_database(f.path);
  const auto* schema = finding(findings, "schema");
  REQUIRE(schema);
  CHECK_MESSAGE(schema->detail.find("version 8; panel upgrades it") != std::string::npos, schema->detail);
  CHECK(raw_sql(f.path, "PRAGMA user_version").first_value == "8");
}

TEST_CASE("backup: the copy is private, holds the same rows, and the backup is audited")
{
  Fixture f;
  const auto copy = f.dir.file("copy.db");
  ops::backup_database(f.path, copy, false, test::actor());
  CHECK(mode_of(copy) == 0600);
  auto original = store::Db::open(f.path);
  auto backup = store::Db::open(copy);
  CHECK(store::list_agencies(backup).size() == store::list_agencies(original).size());
  const auto audit = store::list_audit(original, "");
  CHECK(audit.back().action == "export");
  // The copy's head, never its file name: 'panel check --head' on the live log proves it later.
  CHECK(audit.back().record == core::format_head(store::audit_head(backup)));
  CHECK(audit.back().record == core::format_head({static_cast<std::int64_t>(audit.size() - 1), audit[audit.size() - 2].hash}));
  // The copy was made before its own audit row.
  CHECK(store::list_audit(backup, "").size() == audit.size() - 1);
  CHECK(test::catch_error([&] { ops::backup_database(f.path, copy, false, test::actor()); }).message.find("already exists") != std::string::npos);
}

TEST_CASE("backup: a copy made while another connection holds an open write transaction is consistent")
{
  Fixture f;
  auto writer = store::Db::open(f.path);
  store::Transaction txn(writer, store::Transaction::Kind::write);
  store::append_audit(writer, test::actor(), "create", "agency", "NOT-YET-COMMITTED");
  const auto copy = f.dir.file("copy.db");
  // backup_database writes its audit row after the copy, so it waits for the writer: copy with the
  // store function instead, as the backup itself does.
  auto source = store::Db::inspect(f.path);
  store::backup_to(source, copy, false);
  txn.commit();
  auto backup = store::Db::open(copy);
  for (const auto& row : store::list_audit(backup, ""))
    CHECK(row.record != "NOT-YET-COMMITTED");
}

TEST_CASE("restore: a backup whose audit chain is broken is refused and nothing changes")
{
  Fixture f;
  const auto copy = f.dir.file("copy.db");
  ops::backup_database(f.path, copy, false, test::actor());
  REQUIRE(raw_sql(copy, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET user = 'x' WHERE id = 1").rc == SQLITE_OK);
  const auto before = raw_sql(f.path, "SELECT count(*) FROM audit_log").first_value;
  CHECK(test::catch_error([&] { ops::restore_database(copy, f.path, true, test::actor()); }).message.find("audit chain") != std::string::npos);
  CHECK(raw_sql(f.path, "SELECT count(*) FROM audit_log").first_value == before);
}

TEST_CASE("restore: replaces the database only with force, and records the restore")
{
  Fixture f;
  const auto copy = f.dir.file("copy.db");
  ops::backup_database(f.path, copy, false, test::actor());
  {
    auto db = store::Db::open(f.path);
    store::Transaction txn(db, store::Transaction::Kind::write);
    store::append_audit(db, test::actor(), "create", "agency", "LATER");
    txn.commit();
  }
  CHECK(test::catch_error([&] { ops::restore_database(copy, f.path, false, test::actor()); }).message.find("--force") != std::string::npos);
  ops::restore_database(copy, f.path, true, test::actor());
  auto db = store::Db::open(f.path);
  const auto audit = store::list_audit(db, "");
  for (const auto& row : audit)
    CHECK(row.record != "LATER");
  CHECK(audit.back().detail == "restored from a backup");
  CHECK(audit.back().record == "");
  CHECK_FALSE(store::verify_audit_chain(db).first_broken);
}
