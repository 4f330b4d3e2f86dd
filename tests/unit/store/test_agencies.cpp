#include "panel/store/agencies.hpp"

#include "tests/unit/support.hpp"

#include <doctest/doctest.h>

using namespace panel;
using core::Agency;

namespace {

std::vector<std::string> codes(store::Db& db)
{
  std::vector<std::string> out;
  for (const auto& a : store::list_agencies(db))
    out.push_back(a.code);
  return out;
}

} // namespace

TEST_CASE("agencies: list gives agencies in the order they were added")
{
  auto db = store::Db::memory();
  store::insert_agency(db, {"POL", "Police", "pol@example.org", true});
  store::insert_agency(db, {"CST", "Community Safety", "", true});
  store::insert_agency(db, {"ASC", "Adult Social Care", "asc@example.org", false});
  CHECK(codes(db) == std::vector<std::string>{"POL", "CST", "ASC"});
  CHECK(store::list_agencies(db)[2] == Agency{"ASC", "Adult Social Care", "asc@example.org", false});
}

TEST_CASE("agencies: a new agency goes to the end even after one is removed")
{
  auto db = store::Db::memory();
  store::insert_agency(db, {"POL", "Police", "", true});
  store::insert_agency(db, {"CST", "Community Safety", "", true});
  store::insert_agency(db, {"ASC", "Adult Social Care", "", false});
  store::delete_agency(db, "CST");
  store::insert_agency(db, {"AB", "Another", "", false});
  CHECK(codes(db) == std::vector<std::string>{"POL", "ASC", "AB"});
}

TEST_CASE("agencies: find gives the agency with that code, or nothing")
{
  auto db = store::Db::memory();
  store::insert_agency(db, {"POL", "Police", "pol@example.org", true});
  const auto found = store::find_agency(db, "POL");
  REQUIRE(found);
  CHECK(*found == Agency{"POL", "Police", "pol@example.org", true});
  CHECK_FALSE(store::find_agency(db, "XYZ"));
  CHECK_FALSE(store::find_agency(db, "pol"));
}

TEST_CASE("agencies: update replaces name, email and core flag and keeps the position")
{
  auto db = store::Db::memory();
  store::insert_agency(db, {"POL", "Police", "", true});
  store::insert_agency(db, {"CST", "Community Safety", "", true});
  store::update_agency(db, {"POL", "City Police", "new@example.org", false});
  CHECK(*store::find_agency(db, "POL") == Agency{"POL", "City Police", "new@example.org", false});
  CHECK(codes(db) == std::vector<std::string>{"POL", "CST"});
}

TEST_CASE("agencies: delete removes only that agency")
{
  auto db = store::Db::memory();
  store::insert_agency(db, {"POL", "Police", "", true});
  store::insert_agency(db, {"CST", "Community Safety", "", true});
  store::delete_agency(db, "POL");
  CHECK(codes(db) == std::vector<std::string>{"CST"});
  store::delete_agency(db, "XYZ");
  CHECK(codes(db) == std::vector<std::string>{"CST"});
}

TEST_CASE("agencies: text is stored exactly, including quotes and non-ASCII")
{
  auto db = store::Db::memory();
  const Agency odd{"POL", "O'Brien's \"Police\"; DROP TABLE agency; -- caf\xc3\xa9", "", false};
  store::insert_agency(db, odd);
  CHECK(*store::find_agency(db, "POL") == odd);
}

TEST_CASE("agencies: inserting a code twice fails")
{
  auto db = store::Db::memory();
  store::insert_agency(db, {"POL", "Police", "", true});
  CHECK_THROWS(store::insert_agency(db, {"POL", "Police", "", true}));
  CHECK(store::list_agencies(db).size() == 1);
}
