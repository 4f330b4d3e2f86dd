#include "panel/ops/agencies.hpp"

#include "tests/unit/ops/panel_fixture.hpp"

#include <doctest/doctest.h>

using namespace panel;
using test::catch_error;

namespace {

// Refusals must leave the agency list and the audit log as they were.
void check_refused(test::CcmPanel& panel, const std::function<void()>& action, const std::string& expected)
{
  const auto agencies = panel.agencies();
  const auto rows = panel.audit_rows();
  const auto caught = catch_error(action);
  REQUIRE(caught.thrown);
  CHECK(caught.code == Exit::refused);
  CHECK(caught.message.find(expected) != std::string::npos);
  CHECK(panel.agencies() == agencies);
  CHECK(panel.audit_rows() == rows);
}

} // namespace

TEST_CASE("ops agencies: add puts the agency at the end and records it")
{
  test::CcmPanel panel;
  ops::add_agency(panel.db, {"PRB", "Probation Service", "probation@example.org", true}, test::actor());
  CHECK(panel.agencies().back() == core::Agency{"PRB", "Probation Service", "probation@example.org", true});
  const auto audit = store::list_audit(panel.db, "");
  CHECK(audit.back().action == "create");
  CHECK(audit.back().entity == "agency");
  CHECK(audit.back().record == "PRB");
  CHECK(audit.back().detail == "");  // codes only: the name is free text (issue #18, item 1)
}

TEST_CASE("ops agencies: add accepts an agency without an email address")
{
  test::CcmPanel panel;
  ops::add_agency(panel.db, {"FIRE", "London Fire Brigade", "", false}, test::actor());
  CHECK(panel.agencies().back().code == "FIRE");
}

TEST_CASE("ops agencies: add refuses a code that is taken and writes nothing")
{
  test::CcmPanel panel;
  check_refused(panel, [&] { ops::add_agency(panel.db, {"POL", "Other Police", "", false}, test::actor()); },
                "agency 'POL' already exists");
}

TEST_CASE("ops agencies: add refuses a bad code and writes nothing")
{
  test::CcmPanel panel;
  check_refused(panel, [&] { ops::add_agency(panel.db, {"prb", "Probation", "", false}, test::actor()); },
                "bad agency code 'prb'");
  check_refused(panel, [&] { ops::add_agency(panel.db, {"P", "Probation", "", false}, test::actor()); },
                "bad agency code 'P'");
  check_refused(panel, [&] { ops::add_agency(panel.db, {"PR B", "Probation", "", false}, test::actor()); },
                "bad agency code");
}

TEST_CASE("ops agencies: add refuses a bad email address and writes nothing")
{
  test::CcmPanel panel;
  check_refused(panel, [&] { ops::add_agency(panel.db, {"PRB", "Probation", "probation", false}, test::actor()); },
                "bad email 'probation'");
  check_refused(panel,
                [&] { ops::add_agency(panel.db, {"PRB", "Probation", "a b@example.org", false}, test::actor()); },
                "bad email");
}

TEST_CASE("ops agencies: add refuses an empty name or one with control characters")
{
  test::CcmPanel panel;
  check_refused(panel, [&] { ops::add_agency(panel.db, {"PRB", "  ", "", false}, test::actor()); },
                "the name is empty");
  check_refused(panel, [&] { ops::add_agency(panel.db, {"PRB", "Pro\x1b[2Jbation", "", false}, test::actor()); },
                "control characters");
  check_refused(panel, [&] { ops::add_agency(panel.db, {"PRB", "Two\nlines", "", false}, test::actor()); },
                "control characters");
  check_refused(panel, [&] { ops::add_agency(panel.db, {"PRB", "Caf\xe9", "", false}, test::actor()); },
                "not UTF-8");
}

TEST_CASE("ops agencies: update changes only the given fields and records which")
{
  test::CcmPanel panel;
  ops::AgencyChange change;
  change.email = "housing.asb@example.org";
  change.core = false;
  const auto changed = ops::update_agency(panel.db, "HSG", change, test::actor());
  CHECK(changed == std::vector<std::string>{"email", "core"});
  CHECK(*store::find_agency(panel.db, "HSG") == core::Agency{"HSG", "Housing Services", "housing.asb@example.org", false});
  const auto audit = store::list_audit(panel.db, "");
  CHECK(audit.back().action == "update");
  CHECK(audit.back().record == "HSG");
  CHECK(audit.back().detail == "email, core");
}

TEST_CASE("ops agencies: an update that changes nothing records nothing")
{
  test::CcmPanel panel;
  const auto rows = panel.audit_rows();
  ops::AgencyChange change;
  change.name = "Housing Services";
  CHECK(ops::update_agency(panel.db, "HSG", change, test::actor()).empty());
  CHECK(panel.audit_rows() == rows);
}

TEST_CASE("ops agencies: update of an unknown code is refused with a hint")
{
  test::CcmPanel panel;
  ops::AgencyChange change;
  change.name = "x";
  check_refused(panel, [&] { ops::update_agency(panel.db, "POLL", change, test::actor()); },
                "unknown agency 'POLL' (known: POL, ");
  check_refused(panel, [&] { ops::update_agency(panel.db, "POLL", change, test::actor()); }, "; did you mean 'POL'?");
}

TEST_CASE("ops agencies: update refuses a bad email and writes nothing")
{
  test::CcmPanel panel;
  ops::AgencyChange change;
  change.email = "nowhere";
  check_refused(panel, [&] { ops::update_agency(panel.db, "HSG", change, test::actor()); }, "bad email 'nowhere'");
}

TEST_CASE("ops agencies: remove deletes an agency outside the quorum and records it")
{
  test::CcmPanel panel;
  ops::remove_agency(panel.db, "LAS", test::actor());
  CHECK_FALSE(store::find_agency(panel.db, "LAS"));
  const auto audit = store::list_audit(panel.db, "");
  CHECK(audit.back().action == "delete");
  CHECK(audit.back().record == "LAS");
  CHECK(audit.back().detail == "");
}

TEST_CASE("ops agencies: remove refuses an agency in the quorum and writes nothing")
{
  test::CcmPanel panel;
  check_refused(panel, [&] { ops::remove_agency(panel.db, "POL", test::actor()); }, "agency 'POL' is in the quorum");
}

TEST_CASE("ops agencies: remove refuses an unknown code")
{
  test::CcmPanel panel;
  check_refused(panel, [&] { ops::remove_agency(panel.db, "XYZ", test::actor()); }, "unknown agency 'XYZ' (known: POL, CST,");
}
