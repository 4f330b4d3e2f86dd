#include "panel/store/profile_store.hpp"

#include "tests/unit/support.hpp"

#include <doctest/doctest.h>

using namespace panel;

TEST_CASE("profile_store: a database without a profile has none")
{
  auto db = store::Db::memory();
  CHECK_FALSE(store::load_profile_yaml(db).has_value());
}

TEST_CASE("profile_store: the saved YAML comes back exactly")
{
  auto db = store::Db::memory();
  const std::string yaml = "name: Test\nconfidentiality: |\n  two\n  lines\n";
  store::save_profile_yaml(db, yaml, test::actor());
  CHECK(store::load_profile_yaml(db) == yaml);
}

TEST_CASE("profile_store: saving again replaces the profile, keeping one row")
{
  test::TempDir dir;
  const auto path = dir.file("panel.db");
  {
    auto db = store::Db::create(path);
    store::save_profile_yaml(db, "name: First\n", test::actor("2017-09-04T10:00:00Z"));
    store::save_profile_yaml(db, "name: Second\n", test::actor("2017-09-05T11:00:00Z"));
    CHECK(store::load_profile_yaml(db) == "name: Second\n");
  }
  CHECK(test::raw_sql(path, "SELECT count(*) FROM profile").first_value == "1");
  CHECK(test::raw_sql(path, "SELECT updated_at FROM profile").first_value == "2017-09-05T11:00:00Z");
  CHECK(test::raw_sql(path, "SELECT updated_by FROM profile").first_value == "tester");
}
