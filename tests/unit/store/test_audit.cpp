#include "panel/store/audit.hpp"

#include "tests/unit/support.hpp"

#include <doctest/doctest.h>

using namespace panel;

namespace {

void add_three(store::Db& db)
{
  store::append_audit(db, test::actor("2017-09-04T10:00:00Z", "init"), core::AuditAction::create, "profile", "CCM", "from built-in ccm");
  store::append_audit(db, test::actor("2017-09-05T09:30:00Z", "agency add"), core::AuditAction::create, "agency", "PRB");
  store::append_audit(db, test::actor("2017-09-06T08:00:00Z", "agency remove"), core::AuditAction::delete_, "agency", "PRB", "Probation");
}

std::vector<std::string> records(const std::vector<core::AuditEntry>& rows)
{
  std::vector<std::string> out;
  for (const auto& row : rows)
    out.push_back(row.at);
  return out;
}

} // namespace

TEST_CASE("audit: a new database has an empty log")
{
  auto db = store::Db::memory();
  CHECK(store::list_audit(db, "").empty());
}

TEST_CASE("audit: rows come back oldest first with every field")
{
  auto db = store::Db::memory();
  add_three(db);
  const auto rows = store::list_audit(db, "");
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].id < rows[1].id);
  CHECK(rows[1].id < rows[2].id);
  CHECK(rows[0].at == "2017-09-04T10:00:00Z");
  CHECK(rows[0].user == "tester");
  CHECK(rows[0].command == "init");
  CHECK(rows[0].action == "create");
  CHECK(rows[0].entity == "profile");
  CHECK(rows[0].record == "CCM");
  CHECK(rows[0].detail == "from built-in ccm");
  CHECK(rows[1].detail == "");
  CHECK(rows[2].action == "delete");
}

TEST_CASE("audit: since a date includes that whole day and later")
{
  auto db = store::Db::memory();
  add_three(db);
  CHECK(records(store::list_audit(db, "2017-09-05")) ==
        std::vector<std::string>{"2017-09-05T09:30:00Z", "2017-09-06T08:00:00Z"});
  CHECK(records(store::list_audit(db, "2017-09-04")).size() == 3);
  CHECK(store::list_audit(db, "2017-09-07").empty());
}

TEST_CASE("audit: since a timestamp prefix excludes earlier entries the same day")
{
  auto db = store::Db::memory();
  add_three(db);
  CHECK(records(store::list_audit(db, "2017-09-05T10")) == std::vector<std::string>{"2017-09-06T08:00:00Z"});
  CHECK(records(store::list_audit(db, "2017-09-05T09:30:00Z")).size() == 2);
}

TEST_CASE("audit: an action outside the documented list is refused by the database")
{
  auto db = store::Db::memory();
  // A value no row of the vocabulary names is written as "", which the CHECK refuses.
  CHECK_THROWS(store::append_audit(db, test::actor(), static_cast<core::AuditAction>(99), "agency", "POL"));
  CHECK(store::list_audit(db, "").empty());
}
