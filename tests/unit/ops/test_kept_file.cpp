#include "panel/ops/kept_file.hpp"

#include "panel/ops/config.hpp"
#include "panel/store/audit.hpp"
#include "tests/unit/ops/panel_fixture.hpp"

#include <doctest/doctest.h>
#include <filesystem>

using namespace panel;
using test::catch_error;

namespace {

// A second register beside the ccm one: a marac panel made by init in its own folder.
struct OtherPanel {
  test::TempDir dir;
  std::string path = dir.file("marac.db");
  store::Db db = (ops::init(path, "marac", test::actor("2017-09-01T09:00:00Z", "init")), store::Db::open(path));
};

} // namespace

TEST_CASE("kept file: the first line names the database by absolute path and register id")
{
  test::CcmPanel panel;
  const auto header = ops::kept_file_header(panel.db);
  const auto from = ops::kept_from(header + "name: x\n");
  REQUIRE(from);
  CHECK(from->path == std::filesystem::absolute(panel.path).lexically_normal().string());
  CHECK(from->id == store::register_id(panel.db));
  CHECK(from->id.size() == 16);
  CHECK(header.ends_with("\n"));
}

TEST_CASE("kept file: a path with spaces is read back whole; files without the line have none")
{
  const auto from = ops::kept_from("# panel: database /srv/our panels/o'brien.db 0123456789abcdef\nheld: true\n");
  REQUIRE(from);
  CHECK(from->path == "/srv/our panels/o'brien.db");
  CHECK(from->id == "0123456789abcdef");
  CHECK_FALSE(ops::kept_from("name: x\n"));
  CHECK_FALSE(ops::kept_from("\n# panel: database /a.db 0123456789abcdef\n"));  // only the first line counts
  CHECK_FALSE(ops::kept_from(""));
}

TEST_CASE("kept file: another register's file is refused naming both; the same register passes")
{
  test::CcmPanel ours;
  OtherPanel marac;
  auto& other = marac.db;
  const auto& other_path = marac.path;
  REQUIRE(store::register_id(other) != store::register_id(ours.db));

  const auto text = ops::kept_file_header(other) + "name: x\n";
  const auto caught = catch_error([&] { ops::check_kept_file(ours.db, text, "kept.yaml"); });
  REQUIRE(caught.thrown);
  CHECK(caught.code == Exit::refused);
  CHECK(caught.message.starts_with("kept.yaml:1: this file was kept from the database '"));
  CHECK(caught.message.find(other_path) != std::string::npos);
  CHECK(caught.message.find(ours.path) != std::string::npos);
  CHECK(caught.message.find(store::register_id(other)) != std::string::npos);

  CHECK_FALSE(catch_error([&] { ops::check_kept_file(other, text, "kept.yaml"); }).thrown);
  CHECK_FALSE(catch_error([&] { ops::check_kept_file(ours.db, "name: x\n", "hand-written.yaml"); }).thrown);
}

TEST_CASE("kept file: config import of another register's kept file changes nothing")
{
  test::CcmPanel ours;
  OtherPanel marac;
  auto& other = marac.db;
  const auto text = ops::kept_file_header(other) + profile::to_yaml(ops::load_profile(other));
  const auto agencies = ours.agencies();
  const auto rows = ours.audit_rows();
  CHECK(catch_error([&] { ops::config_import(ours.db, text, "kept.yaml", test::actor()); }).code == Exit::refused);
  CHECK(ours.agencies() == agencies);
  CHECK(ours.audit_rows() == rows);
  // Into its own register, the same file is imported (no changes: it is that register's profile).
  const auto result = ops::config_import(other, text, "kept.yaml", test::actor());
  CHECK_FALSE(result.settings_changed);
  CHECK(result.removed.empty());
}

TEST_CASE("edit check: reads and exports since the mark are no change; a write is, and is named")
{
  test::CcmPanel panel;
  const auto mark = store::audit_mark(panel.db);
  CHECK(mark.last_id > 0);
  CHECK_NOTHROW(ops::check_unchanged(panel.db, mark, "the register"));
  {
    store::Transaction txn(panel.db, store::Transaction::Kind::write);
    store::append_audit(panel.db, test::actor(), core::AuditAction::read, "case", "CCM-2017-0001");
    store::append_audit(panel.db, test::actor(), core::AuditAction::export_, "database", "backup.db");
    txn.commit();
  }
  CHECK(store::changes_since(panel.db, mark).empty());
  CHECK_NOTHROW(ops::check_unchanged(panel.db, mark, "the register"));
  ops::config_set(panel.db, "agenda_lead_days", "9", test::actor());
  const auto caught = catch_error([&] { ops::check_unchanged(panel.db, mark, "the register"); });
  REQUIRE(caught.thrown);
  CHECK(caught.code == Exit::refused);
  CHECK(caught.message.starts_with("the register changed while you were editing (1 change):\n  "));
  CHECK(caught.message.find(" (update profile agenda_lead_days) by ") != std::string::npos);
  // A filter leaves out what the edited text cannot undo.
  CHECK_NOTHROW(ops::check_unchanged(panel.db, mark, "the agencies",
                                     [](const core::AuditEntry& row) { return row.entity == "agency"; }));
}

TEST_CASE("edit check: more than five changes are counted, and a replaced log is a change")
{
  test::CcmPanel panel;
  const auto mark = store::audit_mark(panel.db);
  for (int days = 1; days <= 7; ++days)
    ops::config_set(panel.db, "agenda_lead_days", std::to_string(days), test::actor());
  const auto caught = catch_error([&] { ops::check_unchanged(panel.db, mark, "the register"); });
  CHECK(caught.message.find("(7 changes)") != std::string::npos);
  CHECK(caught.message.find("and 2 more ('panel audit' lists them)") != std::string::npos);
  // A mark whose row is not there any more (the file was restored from an older backup).
  store::AuditMark gone{mark.last_id + 100, "0000"};
  CHECK(catch_error([&] { ops::check_unchanged(panel.db, gone, "the register"); })
            .message.find("the database file was replaced (restored?)") != std::string::npos);
}
