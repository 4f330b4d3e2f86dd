#include "panel/ops/config.hpp"

#include "panel/store/profile_store.hpp"
#include "tests/unit/ops/panel_fixture.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>

using namespace panel;
using test::catch_error;

namespace {

// The ccm profile as a user would export it, with `edit` applied to its text.
std::string ccm_text(const std::function<void(core::Profile&)>& edit)
{
  auto p = profile::load(profile::builtin_text("ccm"), "ccm.yaml");
  edit(p);
  return profile::to_yaml(p);
}

// A refused import or set must leave agencies, profile and audit log as they were.
void check_unchanged(test::CcmPanel& panel, const std::function<void()>& action, const std::string& expected)
{
  const auto agencies = panel.agencies();
  const auto yaml = panel.profile_yaml();
  const auto rows = panel.audit_rows();
  const auto caught = catch_error(action);
  REQUIRE(caught.thrown);
  CHECK(caught.code == Exit::refused);
  CHECK(caught.message.find(expected) != std::string::npos);
  CHECK(panel.agencies() == agencies);
  CHECK(panel.profile_yaml() == yaml);
  CHECK(panel.audit_rows() == rows);
}

} // namespace

TEST_CASE("config: set stores the new value and records old and new in the audit log")
{
  test::CcmPanel panel;
  CHECK(ops::config_set(panel.db, "repeat_window", "30 days", test::actor()) == "30 days");
  CHECK(ops::load_profile(panel.db).repeat_window.text() == "30 days");
  const auto audit = store::list_audit(panel.db, "");
  REQUIRE(audit.size() == 2);
  CHECK(audit.back().action == "update");
  CHECK(audit.back().entity == "profile");
  CHECK(audit.back().record == "repeat_window");
  CHECK(audit.back().detail == "changed");  // values are free text: never in the audit log
  CHECK(audit.back().at == "2017-09-04T10:15:00Z");
}

TEST_CASE("config: set of a list shows the list on one line")
{
  test::CcmPanel panel;
  CHECK(ops::config_set(panel.db, "quorum", "POL,CST", test::actor()) == "POL, CST");
  CHECK(ops::load_profile(panel.db).quorum == std::vector<std::string>{"POL", "CST"});
  CHECK(store::list_audit(panel.db, "").back().detail == "changed");
}

TEST_CASE("config: set to the same value records nothing")
{
  test::CcmPanel panel;
  const auto rows = panel.audit_rows();
  CHECK(ops::config_set(panel.db, "repeat_window", "12 months", test::actor()) == "12 months");
  CHECK(panel.audit_rows() == rows);
}

TEST_CASE("config: set keeps the agencies out of the stored profile")
{
  test::CcmPanel panel;
  ops::config_set(panel.db, "name", "North Panel", test::actor());
  CHECK_FALSE(profile::has_agencies(*store::load_profile_yaml(panel.db)));
  CHECK(ops::load_profile(panel.db).name == "North Panel");
}

TEST_CASE("config: set refuses a bad value and changes nothing")
{
  test::CcmPanel panel;
  check_unchanged(panel, [&] { ops::config_set(panel.db, "repeat_window", "soon", test::actor()); },
                  "repeat_window: expected a number of months or days");
  check_unchanged(panel, [&] { ops::config_set(panel.db, "quorum", "POL,XYZ", test::actor()); },
                  "unknown agency 'XYZ'");
  check_unchanged(panel, [&] { ops::config_set(panel.db, "agencies", "POL", test::actor()); },
                  "panel agency add|update|remove");
  check_unchanged(panel, [&] { ops::config_set(panel.db, "nmae", "x", test::actor()); }, "unknown key 'nmae'");
}

TEST_CASE("config: import with an agency list adds, updates and removes agencies")
{
  test::CcmPanel panel;
  const auto text = ccm_text([](core::Profile& p) {
    p.name = "City of London Community MARAC (2018)";
    std::erase_if(p.agencies, [](const auto& a) { return a.code == "LAS"; });
    for (auto& a : p.agencies)
      if (a.code == "VS")
        a.email = "vs.london@example.org";
    p.agencies.push_back({"PRB", "Probation Service", "probation@example.org", true});
  });
  const auto result = ops::config_import(panel.db, text, "new.yaml", test::actor());
  CHECK(result.settings_changed);
  CHECK(result.added == std::vector<std::string>{"PRB"});
  CHECK(result.updated == std::vector<std::string>{"VS"});
  CHECK(result.removed == std::vector<std::string>{"LAS"});

  CHECK_FALSE(store::find_agency(panel.db, "LAS"));
  CHECK(store::find_agency(panel.db, "VS")->email == "vs.london@example.org");
  CHECK(panel.agencies().back() == core::Agency{"PRB", "Probation Service", "probation@example.org", true});
  CHECK(ops::load_profile(panel.db).name == "City of London Community MARAC (2018)");
  const auto audit = store::list_audit(panel.db, "");
  CHECK(audit.back().entity == "profile");
  CHECK(audit.back().detail == "imported from a file");  // no file names in the audit log
}

TEST_CASE("config: import without an agency list leaves the agencies alone")
{
  test::CcmPanel panel;
  const auto agencies = panel.agencies();
  auto p = profile::load(profile::builtin_text("ccm"), "ccm.yaml");
  p.agenda_lead_days = 7;
  const auto result = ops::config_import(panel.db, profile::to_yaml(p, false), "settings.yaml", test::actor());
  CHECK(result.settings_changed);
  CHECK(result.added.empty());
  CHECK(result.updated.empty());
  CHECK(result.removed.empty());
  CHECK(panel.agencies() == agencies);
  CHECK(ops::load_profile(panel.db).agenda_lead_days == 7);
}

TEST_CASE("config: importing the profile as it is changes nothing")
{
  test::CcmPanel panel;
  const auto rows = panel.audit_rows();
  const auto result = ops::config_import(panel.db, panel.profile_yaml(), "same.yaml", test::actor());
  CHECK_FALSE(result.settings_changed);
  CHECK(result.added.empty());
  CHECK(result.updated.empty());
  CHECK(result.removed.empty());
  CHECK(panel.audit_rows() == rows);
}

TEST_CASE("config: a bad import file changes nothing")
{
  test::CcmPanel panel;
  // Valid agency changes in a file that is wrong further down must not be half-applied.
  const auto bad_quorum = ccm_text([](core::Profile& p) {
    p.agencies.push_back({"PRB", "Probation Service", "", false});
    p.quorum.push_back("XYZ");
  });
  check_unchanged(panel, [&] { ops::config_import(panel.db, bad_quorum, "bad.yaml", test::actor()); },
                  "bad.yaml:");
  std::string bad_number = ccm_text([](core::Profile& p) { p.agencies.pop_back(); });
  bad_number.replace(bad_number.find("agenda_lead_days: 5"), 19, "agenda_lead_days: soon");
  check_unchanged(panel, [&] { ops::config_import(panel.db, bad_number, "bad.yaml", test::actor()); },
                  "agenda_lead_days: expected a whole number");
  check_unchanged(panel, [&] { ops::config_import(panel.db, "name: [unclosed\n", "bad.yaml", test::actor()); },
                  "bad.yaml:1:7: the '[' on this line is never closed");
  check_unchanged(panel, [&] { ops::config_import(panel.db, "", "empty.yaml", test::actor()); },
                  "the profile is empty");
}

TEST_CASE("config: importing an indented multi-line address leaves a loadable profile")
{
  test::CcmPanel panel;
  // to_yaml cannot write such an address either, so the file gives it in double quotes.
  std::string quoted = panel.profile_yaml();
  const auto start = quoted.find("address: |");
  const auto end = quoted.find("\ncoordinator:");
  REQUIRE(start != std::string::npos);
  quoted.replace(start, end - start, "address: \"  Flat 2\\nSome Road\\n\"");
  ops::config_import(panel.db, quoted, "new.yaml", test::actor());
  const auto caught = catch_error([&] { CHECK(ops::load_profile(panel.db).address == "  Flat 2\nSome Road\n"); });
  CHECK_FALSE(caught.thrown);
}

TEST_CASE("config: set of an indented multi-line address is stored or refused as a panel error")
{
  test::CcmPanel panel;
  bool other_exception = false;
  try {
    ops::config_set(panel.db, "address", "  Flat 2\nSome Road", test::actor());
    CHECK(ops::load_profile(panel.db).address.rfind("  Flat 2\nSome Road", 0) == 0);
  } catch (const Error&) {
    // A clear refusal is acceptable too.
  } catch (const std::exception&) {
    other_exception = true;
  }
  CHECK_FALSE(other_exception);
}

TEST_CASE("config: an import dropping a quorum agency is refused and changes nothing")
{
  test::CcmPanel panel;
  const auto text = ccm_text([](core::Profile& p) { std::erase_if(p.agencies, [](const auto& a) { return a.code == "POL"; }); });
  check_unchanged(panel, [&] { ops::config_import(panel.db, text, "new.yaml", test::actor()); },
                  "unknown agency 'POL'");
}

TEST_CASE("config: changing the mail program by set or import needs --allow-mail-program (issue #18, item 5)")
{
  test::CcmPanel panel;
  // What a hostile profile (a config import, a restored backup) would have cron run as root.
  const std::string hostile = "[/bin/sh, -c, 'id > PWNED']";
  check_unchanged(panel, [&] { ops::config_set(panel.db, "mail.sendmail", hostile, test::actor()); },
                  "this changes the mail program (mail.sendmail) from [/usr/sbin/sendmail, -t, -i] to [/bin/sh, -c, "
                  "id > PWNED], which 'panel remind' runs (often from cron): add --allow-mail-program if you mean it");
  const auto text = ccm_text([](core::Profile& p) { p.mail.sendmail = {"/bin/sh", "-c", "id > PWNED"}; });
  check_unchanged(panel, [&] { ops::config_import(panel.db, text, "hostile.yaml", test::actor()); },
                  "add --allow-mail-program if you mean it; nothing was changed");
  // Other settings change as before; an import that leaves the program alone needs nothing.
  const auto other = ccm_text([](core::Profile& p) { p.agenda_lead_days = 9; });
  CHECK(ops::config_import(panel.db, other, "other.yaml", test::actor()).settings_changed);
}

TEST_CASE("config: an allowed mail program must still be an absolute path only root or the user can change")
{
  test::CcmPanel panel;
  check_unchanged(panel, [&] { ops::config_set(panel.db, "mail.sendmail", "[msmtp, -t]", test::actor(), true); },
                  "mail.sendmail: 'msmtp' is not an absolute path");
  const auto program = panel.dir.file("sendmail");
  test::write_text(program, "#!/bin/sh\nexit 0\n");
  REQUIRE(::chmod(panel.dir.path().string().c_str(), 0700) == 0);
  REQUIRE(::chmod(program.c_str(), 0777) == 0);
  check_unchanged(panel,
                  [&] { ops::config_set(panel.db, "mail.sendmail", "[" + program + ", -t]", test::actor(), true); },
                  "can be changed by users other than root and you (mode 777)");
  REQUIRE(::chmod(program.c_str(), 0755) == 0);
  const auto rows = panel.audit_rows();
  CHECK(ops::config_set(panel.db, "mail.sendmail", "[" + program + ", -t]", test::actor(), true) == program + ", -t");
  CHECK(panel.audit_rows() == rows + 1);
  // An allowed import records the change of program in its own audit row.
  const auto text = ccm_text([](core::Profile& p) { p.mail.sendmail = {"/bin/sh", "-c", "exit 0"}; });
  ops::config_import(panel.db, text, "mine.yaml", test::actor(), true);
  CHECK(ops::load_profile(panel.db).mail.sendmail == std::vector<std::string>{"/bin/sh", "-c", "exit 0"});
  CHECK(store::list_audit(panel.db, "").back().record == "mail.sendmail");
}

TEST_CASE("config: a register whose stored profile breaks today's rules still works, and config set puts it right")
{
  // An older panel accepted 'config set marking' with a carriage return (issue #18). The stricter
  // reading must not lock the coordinator out of the register, config set included.
  test::CcmPanel panel;
  auto yaml = panel.profile_yaml();
  const std::string marking = "marking: OFFICIAL-SENSITIVE";
  REQUIRE(yaml.find(marking) != std::string::npos);
  yaml.replace(yaml.find(marking), marking.size(), "marking: \"OFFICIAL\\r\\nSENSITIVE\\e[2J\"");
  store::save_profile_yaml(panel.db, yaml, test::actor());
  CHECK(ops::load_profile(panel.db).marking == "OFFICIAL SENSITIVE[2J");  // cleaned for use, not refused
  CHECK(ops::config_set(panel.db, "name", "City of London CCM", test::actor()) == "City of London CCM");
  CHECK(panel.profile_yaml().find('\r') == std::string::npos);
  CHECK(ops::config_set(panel.db, "marking", "OFFICIAL", test::actor()) == "OFFICIAL");
  // A file is still read strictly.
  auto text = profile::builtin_text("ccm");
  REQUIRE(text.find(marking) != std::string::npos);
  text.replace(text.find(marking), marking.size(), "marking: \"A\\rB\"");
  CHECK(catch_error([&] { profile::load(text, "p.yaml"); }).message.find("marking: holds a control character") !=
        std::string::npos);
}
