#include "panel/ops/maintenance.hpp"
#include "panel/store/agencies.hpp"
#include "panel/store/audit.hpp"
#include "panel/store/db.hpp"
#include "panel/store/maintenance.hpp"
#include "panel/store/profile_store.hpp"
#include "panel/profile/profile.hpp"
#include "tests/unit/support.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
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
    store::append_audit(db, test::actor(), core::AuditAction::create, "profile", "CCM");
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
  store::append_audit(writer, test::actor(), core::AuditAction::create, "agency", "NOT-YET-COMMITTED");
  const auto copy = f.dir.file("copy.db");
  // backup_database writes its audit row after the copy, so it waits for the writer: copy with the
  // store function instead, as the backup itself does.
  auto source = store::Db::inspect(f.path);
  test::write_text(copy, "");
  store::backup_into(source, copy);
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
    store::append_audit(db, test::actor(), core::AuditAction::create, "agency", "LATER");
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

TEST_CASE("restore: a backup naming another mail program needs --allow-mail-program (issue #18, item 5)")
{
  Fixture f;
  {
    auto db = store::Db::open(f.path);
    store::save_profile_yaml(db, profile::builtin_text("ccm"), test::actor());
  }
  const auto copy = f.dir.file("copy.db");
  ops::backup_database(f.path, copy, false, test::actor());
  // The backup came from elsewhere with a hostile mail program in its profile.
  auto text = profile::builtin_text("ccm");
  const std::string safe = "sendmail: [/usr/sbin/sendmail, -t, -i]";
  REQUIRE(text.find(safe) != std::string::npos);
  text.replace(text.find(safe), safe.size(), "sendmail: [/bin/sh, -c, 'id > PWNED']");
  {
    auto db = store::Db::open(copy);
    store::save_profile_yaml(db, text, test::actor());
  }
  const auto before = raw_sql(f.path, "SELECT count(*) FROM audit_log").first_value;
  const auto caught = test::catch_error([&] { ops::restore_database(copy, f.path, true, test::actor()); });
  INFO(caught.message);
  CHECK(caught.message.find("from [/usr/sbin/sendmail, -t, -i] to [/bin/sh, -c, id > PWNED]") != std::string::npos);
  CHECK(caught.message.find("add --allow-mail-program") != std::string::npos);
  CHECK(raw_sql(f.path, "SELECT count(*) FROM audit_log").first_value == before);
  // Restoring where there is no register compares with the built-in default.
  std::filesystem::remove(f.path);
  CHECK(test::catch_error([&] { ops::restore_database(copy, f.path, false, test::actor()); }).message.find(
            "add --allow-mail-program") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(f.path));
  ops::restore_database(copy, f.path, false, test::actor(), true);
  CHECK(std::filesystem::exists(f.path));
}

TEST_CASE("backup: the copy and its check leave no -wal, -shm or temporary beside it")
{
  Fixture f;
  const auto copy = f.dir.file("copy.db");
  ops::backup_database(f.path, copy, false, test::actor());
  ops::check_database(copy);
  for (const auto& e : std::filesystem::directory_iterator(f.dir.path())) {
    const auto name = e.path().filename().string();
    CHECK((name == "copy.db" || name.starts_with("panel.db")));
  }
  CHECK(!test::exists(copy + "-wal"));
  CHECK(!test::exists(copy + "-shm"));
}

TEST_CASE("check: leaves no -wal or -shm behind on a register nobody has open")
{
  Fixture f;
  REQUIRE(!test::exists(f.path + "-wal"));
  ops::check_database(f.path);
  CHECK(!test::exists(f.path + "-wal"));
  CHECK(!test::exists(f.path + "-shm"));
}

TEST_CASE("backup: one that fails leaves no file and keeps an old backup whole")
{
  Fixture f;
  const auto copy = f.dir.file("copy.db");
  test::write_text(copy, "an older backup");
  REQUIRE(::symlink(copy.c_str(), f.dir.file("link.db").c_str()) == 0);
  CHECK(test::catch_error([&] { ops::backup_database(f.path, f.dir.file("link.db"), true, test::actor()); }).code ==
        Exit::refused);
  CHECK(test::read_text(copy) == "an older backup");
  CHECK(!test::exists(f.dir.file("missing/copy.db")));
  CHECK(test::catch_error([&] { ops::backup_database(f.path, f.dir.file("missing/copy.db"), false, test::actor()); })
            .code == Exit::refused);
  size_t files = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(f.dir.path()))
    ++files;
  CHECK(files == 3);  // panel.db, copy.db, link.db
}

TEST_CASE("restore: --force refuses to replace a SQLite file that is not a panel register")
{
  Fixture f;
  const auto copy = f.dir.file("copy.db");
  ops::backup_database(f.path, copy, false, test::actor());
  const auto other = f.dir.file("other.db");
  REQUIRE(raw_sql(other, "CREATE TABLE invoices (n); INSERT INTO invoices VALUES (7)").rc == SQLITE_OK);
  const auto caught = test::catch_error([&] { ops::restore_database(copy, other, true, test::actor()); });
  CHECK(caught.code == Exit::refused);
  CHECK(caught.message.find("is not a panel register") != std::string::npos);
  CHECK(raw_sql(other, "SELECT n FROM invoices").first_value == "7");
}

TEST_CASE("restore: the replaced register's reference counters are carried forward")
{
  Fixture f;
  const auto copy = f.dir.file("copy.db");
  ops::backup_database(f.path, copy, false, test::actor());
  // Issued after the backup: referrals up to CCM-2017-0012 and actions up to A-42, on letters already.
  REQUIRE(raw_sql(f.path, "INSERT INTO reference_counter (kind, year, last) VALUES ('CCM', 2017, 12);"
                          "INSERT INTO sqlite_sequence (name, seq) VALUES ('action', 42)").rc == SQLITE_OK);
  REQUIRE(raw_sql(copy, "SELECT count(*) FROM reference_counter").first_value == "0");
  ops::restore_database(copy, f.path, true, test::actor());
  CHECK(raw_sql(f.path, "SELECT last FROM reference_counter WHERE kind = 'CCM' AND year = 2017").first_value == "12");
  CHECK(raw_sql(f.path, "SELECT seq FROM sqlite_sequence WHERE name = 'action'").first_value == "42");
}

TEST_CASE("restore: under a write lock held by another connection it fails clearly and records nothing")
{
  Fixture f;
  const auto copy = f.dir.file("copy.db");
  ops::backup_database(f.path, copy, false, test::actor());
  const auto rows = raw_sql(f.path, "SELECT count(*) FROM audit_log").first_value;
  sqlite3* holder = nullptr;
  REQUIRE(sqlite3_open(f.path.c_str(), &holder) == SQLITE_OK);
  REQUIRE(sqlite3_exec(holder, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);
  const auto caught = test::catch_error([&] { ops::restore_database(copy, f.path, true, test::actor()); });
  sqlite3_exec(holder, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(holder);
  CHECK(caught.code == Exit::database);
  CHECK(caught.message.find("locked") != std::string::npos);
  CHECK(raw_sql(f.path, "SELECT count(*) FROM audit_log").first_value == rows);
  CHECK(raw_sql(f.path, "SELECT count(*) FROM audit_log WHERE detail LIKE 'restored%'").first_value == "0");
  size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(f.dir.path()))
    files += e.path().filename().string().starts_with("panel-restore") ? 1 : 0;
  CHECK(files == 0);
}

TEST_CASE("restore: a register whose counters cannot be read (damaged) is still replaced")
{
  Fixture f;
  const auto copy = f.dir.file("copy.db");
  ops::backup_database(f.path, copy, false, test::actor());
  REQUIRE(raw_sql(f.path, "DROP TABLE reference_counter").rc == SQLITE_OK);
  ops::restore_database(copy, f.path, true, test::actor());
  CHECK(raw_sql(f.path, "SELECT count(*) FROM reference_counter").rc == SQLITE_OK);
  CHECK(raw_sql(f.path, "SELECT count(*) FROM audit_log WHERE detail LIKE 'restored%'").first_value == "1");
}
