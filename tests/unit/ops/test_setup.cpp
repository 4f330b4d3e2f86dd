#include "panel/ops/setup.hpp"

#include "panel/profile/profile.hpp"
#include "panel/render/profile_json.hpp"
#include "panel/store/agencies.hpp"
#include "panel/store/audit.hpp"
#include "tests/unit/support.hpp"

#include <doctest/doctest.h>

using namespace panel;
using test::catch_error;
using test::TempDir;

namespace {

// True when init left nothing at `path`: no database, no WAL or shared-memory file.
bool nothing_at(const std::string& path)
{
  return !test::exists(path) && !test::exists(path + "-wal") && !test::exists(path + "-shm") &&
         !test::exists(path + "-journal");
}

const std::string own_profile = R"(name: Test Panel
short: TP
kind: community
reference_prefix: TP
confidentiality: Keep it confidential.
agencies:
  - {code: POL, name: Police, email: pol@example.org, core: true}
  - {code: CST, name: Community Safety}
quorum: [POL]
categories:
  - {code: asb, name: Anti-social behaviour}
criteria:
  - {id: persistent, label: Persistent, field: incidents_12m, at_least: 3}
)";

} // namespace

TEST_CASE("setup: init from the built-in ccm profile stores the profile, agencies and an audit row")
{
  TempDir dir;
  const auto path = dir.file("panel.db");
  const auto result = ops::init(path, "ccm", test::actor());
  CHECK(result.path == path);
  CHECK(result.profile_name == "City of London Community MARAC");
  CHECK(result.source == "built-in ccm");
  CHECK(result.agencies == 10);

  auto db = store::Db::open(path);
  const auto expected = profile::load(profile::builtin_text("ccm"), "ccm.yaml");
  const auto stored = ops::load_profile(db);
  CHECK(render::profile_json(stored) == render::profile_json(expected));
  CHECK(store::list_agencies(db) == expected.agencies);
  const auto audit = store::list_audit(db, "");
  REQUIRE(audit.size() == 1);
  CHECK(audit[0].action == "create");
  CHECK(audit[0].entity == "profile");
  CHECK(audit[0].record == "CCM");
  CHECK(audit[0].detail == "from built-in ccm");
  CHECK(audit[0].user == "tester");
}

TEST_CASE("setup: init works from every built-in profile")
{
  for (const auto& name : profile::builtin_names()) {
    CAPTURE(name);
    TempDir dir;
    const auto result = ops::init(dir.file("panel.db"), name, test::actor());
    CHECK(result.source == "built-in " + name);
    auto db = store::Db::open(dir.file("panel.db"));
    CHECK(ops::load_profile(db).agencies.size() == result.agencies);
  }
}

TEST_CASE("setup: init from a profile file uses that file")
{
  TempDir dir;
  const auto file = dir.file("our-panel.yaml");
  test::write_text(file, own_profile);
  const auto result = ops::init(dir.file("panel.db"), file, test::actor());
  CHECK(result.profile_name == "Test Panel");
  CHECK(result.source == file);
  CHECK(result.agencies == 2);
  auto db = store::Db::open(dir.file("panel.db"));
  CHECK(ops::load_profile(db).short_name == "TP");
  CHECK(store::list_audit(db, "")[0].detail == "from a file");  // never the file's name
}

TEST_CASE("setup: init from a bad profile file is refused and leaves no file behind")
{
  TempDir dir;
  const auto file = dir.file("bad.yaml");
  std::string bad = own_profile;
  bad.replace(bad.find("quorum: [POL]"), 13, "quorum: [XYZ]");
  test::write_text(file, bad);
  const auto path = dir.file("panel.db");
  const auto caught = catch_error([&] { ops::init(path, file, test::actor()); });
  REQUIRE(caught.thrown);
  CHECK(caught.code == Exit::refused);
  CHECK(caught.message == file + ":9: quorum: unknown agency 'XYZ' (known: POL, CST)");
  CHECK(nothing_at(path));
}

TEST_CASE("setup: init from a profile file with a YAML syntax error leaves no file behind")
{
  TempDir dir;
  const auto file = dir.file("broken.yaml");
  test::write_text(file, "name: [unclosed\n");
  const auto path = dir.file("panel.db");
  const auto caught = catch_error([&] { ops::init(path, file, test::actor()); });
  REQUIRE(caught.thrown);
  CHECK(caught.code == Exit::refused);
  CHECK(caught.message.rfind(file + ":", 0) == 0);
  CHECK(nothing_at(path));
}

TEST_CASE("setup: init from a profile without agencies is refused and leaves no file behind")
{
  TempDir dir;
  const auto file = dir.file("no-agencies.yaml");
  std::string text = own_profile;
  text.erase(text.find("agencies:"), text.find("quorum:") - text.find("agencies:"));
  text.replace(text.find("quorum: [POL]"), 13, "quorum: []");
  test::write_text(file, text);
  const auto path = dir.file("panel.db");
  const auto caught = catch_error([&] { ops::init(path, file, test::actor()); });
  REQUIRE(caught.thrown);
  CHECK(caught.code == Exit::refused);
  CHECK(caught.message.find("needs an 'agencies:' list") != std::string::npos);
  CHECK(nothing_at(path));
}

TEST_CASE("setup: init from a missing profile file is refused and leaves no file behind")
{
  TempDir dir;
  const auto path = dir.file("panel.db");
  const auto caught = catch_error([&] { ops::init(path, dir.file("missing.yaml"), test::actor()); });
  REQUIRE(caught.thrown);
  CHECK(caught.code == Exit::refused);
  CHECK(caught.message.find("missing.yaml") != std::string::npos);
  CHECK(nothing_at(path));
}

TEST_CASE("setup: init with an unknown built-in name is refused and leaves no file behind")
{
  TempDir dir;
  const auto path = dir.file("panel.db");
  const auto caught = catch_error([&] { ops::init(path, "nope", test::actor()); });
  REQUIRE(caught.thrown);
  CHECK(caught.code == Exit::refused);
  CHECK(caught.message.rfind("unknown profile 'nope'", 0) == 0);
  CHECK(nothing_at(path));
}

TEST_CASE("setup: init refuses to overwrite an existing database")
{
  TempDir dir;
  const auto path = dir.file("panel.db");
  ops::init(path, "ccm", test::actor());
  {
    auto db = store::Db::open(path);
    store::insert_agency(db, {"PRB", "Probation", "", false});
  }
  const auto caught = catch_error([&] { ops::init(path, "ccm", test::actor()); });
  REQUIRE(caught.thrown);
  CHECK(caught.code == Exit::refused);
  auto db = store::Db::open(path);
  CHECK(store::list_agencies(db).back().code == "PRB");
}

TEST_CASE("setup: init in a missing folder is a database error and creates nothing")
{
  TempDir dir;
  const auto path = dir.file("missing/panel.db");
  const auto caught = catch_error([&] { ops::init(path, "ccm", test::actor()); });
  REQUIRE(caught.thrown);
  CHECK(caught.code == Exit::database);
  CHECK_FALSE(test::exists(dir.file("missing")));
}

TEST_CASE("setup: a database made from a profile with an indented multi-line address can be loaded")
{
  TempDir dir;
  const auto file = dir.file("indented.yaml");
  std::string text = own_profile;
  text.insert(text.find("confidentiality:"), "address: \"  Flat 2\\nSome Road\\n\"\n");
  test::write_text(file, text);
  ops::init(dir.file("panel.db"), file, test::actor());
  auto db = store::Db::open(dir.file("panel.db"));
  const auto caught = catch_error([&] { CHECK(ops::load_profile(db).address == "  Flat 2\nSome Road\n"); });
  CHECK_FALSE(caught.thrown);
}

TEST_CASE("setup: load_profile of a database that init did not make is a database error")
{
  auto db = store::Db::memory();
  const auto caught = catch_error([&] { ops::load_profile(db); });
  REQUIRE(caught.thrown);
  CHECK(caught.code == Exit::database);
  CHECK(caught.message.find("'panel init'") != std::string::npos);
}

TEST_CASE("setup: load_profile uses the live agency list, not the one in the profile file")
{
  TempDir dir;
  const auto path = dir.file("panel.db");
  ops::init(path, "ccm", test::actor());
  auto db = store::Db::open(path);
  store::insert_agency(db, {"PRB", "Probation", "", false});
  store::delete_agency(db, "LAS");
  const auto p = ops::load_profile(db);
  CHECK(p.agencies.back().code == "PRB");
  CHECK(std::none_of(p.agencies.begin(), p.agencies.end(), [](const auto& a) { return a.code == "LAS"; }));
}
