#include "panel/profile/profile.hpp"

#include "panel/render/profile_json.hpp"
#include "tests/unit/support.hpp"

#include <algorithm>
#include <doctest/doctest.h>

using namespace panel;
using panel::test::catch_error;

namespace {

// A small valid profile; the tests below change one line at a time (line numbers in comments).
const std::string minimal = R"(name: Test Panel
short: TP
kind: community
reference_prefix: TP
confidentiality: Keep it confidential.
agencies:
  - {code: POL, name: Police}
  - {code: CST, name: Community Safety, email: cst@example.org, core: true}
quorum: [POL]
categories:
  - {code: asb, name: Anti-social behaviour}
criteria:
  - id: persistent
    label: Persistent
    field: incidents_12m
    at_least: 3
)";

// `minimal` with line `line` (1-based) replaced by `text` (which may hold several lines).
std::string with_line(int line, const std::string& text)
{
  std::string out;
  int number = 1;
  size_t start = 0;
  while (start < minimal.size()) {
    const auto end = minimal.find('\n', start);
    out += number == line ? text : minimal.substr(start, end - start);
    out += '\n';
    start = end + 1;
    ++number;
  }
  return out;
}

// The message of the refusal that loading `text` as test.yaml gives.
std::string load_error(const std::string& text)
{
  const auto caught = catch_error([&] { profile::load(text, "test.yaml"); });
  REQUIRE_MESSAGE(caught.thrown, "the profile was accepted");
  CHECK(caught.code == Exit::refused);
  return caught.message;
}

core::Profile builtin(const std::string& name) { return profile::load(profile::builtin_text(name), name + ".yaml"); }

} // namespace

TEST_CASE("profile: the ccm profile is built in")
{
  const auto names = profile::builtin_names();
  CHECK(std::find(names.begin(), names.end(), "ccm") != names.end());
  CHECK(std::is_sorted(names.begin(), names.end()));
}

TEST_CASE("profile: every built-in profile loads")
{
  for (const auto& name : profile::builtin_names()) {
    CAPTURE(name);
    const auto p = builtin(name);
    CHECK_FALSE(p.name.empty());
    CHECK_FALSE(p.agencies.empty());
    CHECK_FALSE(p.categories.empty());
    CHECK_FALSE(p.criteria.empty());
    for (const auto& code : p.quorum)
      CHECK(std::any_of(p.agencies.begin(), p.agencies.end(), [&](const auto& a) { return a.code == code; }));
  }
}

TEST_CASE("profile: every built-in profile round-trips through to_yaml and load unchanged")
{
  for (const auto& name : profile::builtin_names()) {
    CAPTURE(name);
    const auto p = builtin(name);
    const std::string yaml = profile::to_yaml(p);
    const auto again = profile::load(yaml, "");
    CHECK(profile::to_yaml(again) == yaml);
    CHECK(render::profile_json(again) == render::profile_json(p));
    CHECK(again.agencies == p.agencies);
  }
}

TEST_CASE("profile: the ccm profile reads as written")
{
  const auto p = builtin("ccm");
  CHECK(p.name == "City of London Community MARAC");
  CHECK(p.short_name == "CCM");
  CHECK(p.kind == "community");
  CHECK(p.reference_prefix == "CCM");
  CHECK(p.coordinator.email == "communitysafety@example.org");
  CHECK(p.agencies.front() == core::Agency{"POL", "City of London Police", "ccm.police@example.org", true});
  CHECK(p.quorum == std::vector<std::string>{"POL", "CST", "ASC"});
  CHECK(p.criteria.size() == 4);
  CHECK(p.criteria[2].all.size() == 2);
  CHECK(p.criteria[1].all[0].at_least == 3L);
  CHECK(p.repeat_window.text() == "12 months");
  CHECK(p.mail.sendmail == std::vector<std::string>{"/usr/sbin/sendmail", "-t", "-i"});
}

TEST_CASE("profile: missing optional keys take the documented defaults")
{
  const auto p = profile::load(minimal, "test.yaml");
  CHECK(p.marking == "OFFICIAL-SENSITIVE");
  CHECK(p.risk_levels == std::vector<std::string>{"standard", "medium", "high"});
  CHECK(p.repeat_window.text() == "12 months");
  CHECK(p.agenda_lead_days == 5);
  CHECK(p.minutes_due_working_days == 3);
  CHECK(p.mail.sendmail == std::vector<std::string>{"/usr/sbin/sendmail", "-t", "-i"});
  CHECK(p.agencies[0].core == false);
  CHECK(p.agencies[1].core == true);
}

TEST_CASE("profile: every key left out takes core::Profile's own default, the one place defaults are written")
{
  const auto p = profile::load(minimal, "test.yaml");
  const core::Profile defaults;
  CHECK(p.marking == defaults.marking);
  CHECK(p.risk_levels == defaults.risk_levels);
  CHECK(p.repeat_window.count == defaults.repeat_window.count);
  CHECK(p.repeat_window.unit == defaults.repeat_window.unit);
  CHECK(p.agenda_lead_days == defaults.agenda_lead_days);
  CHECK(p.minutes_due_working_days == defaults.minutes_due_working_days);
  CHECK(p.due_soon_days == defaults.due_soon_days);
  CHECK(p.remind_every_days == defaults.remind_every_days);
  CHECK(p.escalate_after_days == defaults.escalate_after_days);
  CHECK(p.attention_after_days == defaults.attention_after_days);
  CHECK(p.templates == defaults.templates);
  CHECK(p.mail.from == defaults.mail.from);
  CHECK(p.mail.sendmail == defaults.mail.sendmail);
  CHECK(p.safelives.police == defaults.safelives.police);
  CHECK(p.safelives.idva == defaults.safelives.idva);
  CHECK(p.adult_female_population == defaults.adult_female_population);
  CHECK(p.retention.closed_case_years == defaults.retention.closed_case_years);
  CHECK(p.retention.declined_referral_years == defaults.retention.declined_referral_years);
  CHECK(p.retention.case_review_years == defaults.retention.case_review_years);
  CHECK(p.case_review.complaints == defaults.case_review.complaints);
  CHECK(p.case_review.acknowledge_days == defaults.case_review.acknowledge_days);
  CHECK(p.case_review.outcome_from == defaults.case_review.outcome_from);
  CHECK(p.case_review.bank_holidays == defaults.case_review.bank_holidays);
}

TEST_CASE("profile: a key given overrides core::Profile's default")
{
  const auto p = profile::load(minimal + "agenda_lead_days: 9\nmarking: OFFICIAL\nrisk_levels: [low, high]\n", "test.yaml");
  CHECK(p.agenda_lead_days == 9);
  CHECK(p.marking == "OFFICIAL");
  CHECK(p.risk_levels == std::vector<std::string>{"low", "high"});
  CHECK(p.due_soon_days == core::Profile{}.due_soon_days);
}

TEST_CASE("profile: to_yaml without agencies leaves the list out, and load then uses the live agencies")
{
  const auto p = builtin("ccm");
  const std::string yaml = profile::to_yaml(p, false);
  CHECK_FALSE(profile::has_agencies(yaml));
  CHECK(profile::has_agencies(profile::to_yaml(p)));
  const auto again = profile::load(yaml, "", p.agencies);
  CHECK(again.agencies == p.agencies);
  CHECK(profile::to_yaml(again) == profile::to_yaml(p));
}

TEST_CASE("profile: without an agency list the quorum is checked against the live agencies")
{
  const std::string yaml = profile::to_yaml(builtin("ccm"), false);
  const auto caught = catch_error([&] { profile::load(yaml, "db", {{"POL", "Police", "", true}}); });
  REQUIRE(caught.thrown);
  CHECK(caught.message.find("unknown agency 'CST'") != std::string::npos);
}

TEST_CASE("profile: an unknown top-level key is refused with its line and a hint")
{
  CHECK(load_error(with_line(5, "confidentiality: x\nrepeat_windw: 30")) ==
        "test.yaml:6: unknown key 'repeat_windw' (did you mean 'repeat_window'?)");
}

TEST_CASE("profile: an unknown key with no close match lists the known keys")
{
  const auto message = load_error(with_line(5, "confidentiality: x\nfrobnicate: 1"));
  CHECK(message.rfind("test.yaml:6: unknown key 'frobnicate' (known: name, short,", 0) == 0);
}

TEST_CASE("profile: a word where a number belongs is refused naming the key")
{
  CHECK(load_error(with_line(5, "confidentiality: x\nrepeat_window_days: soon")) ==
        "test.yaml:6: repeat_window_days: expected a whole number, got 'soon'");
  CHECK(load_error(with_line(5, "confidentiality: x\nrepeat_window_days: [1, 2]")) ==
        "test.yaml:6: repeat_window_days: expected a whole number");
}

TEST_CASE("profile: the repeat window is a number of months or days")
{
  const auto load = [](const std::string& line) { return profile::load(minimal + line + "\n", "test.yaml").repeat_window; };
  CHECK(load("repeat_window: 12 months").text() == "12 months");
  CHECK(load("repeat_window: 1 month").text() == "1 month");
  CHECK(load("repeat_window: 90 days").text() == "90 days");
  CHECK(load("repeat_window: 0 days").text() == "0 days");
  CHECK(load("repeat_window: 90 days").unit == core::DateSpan::Unit::days);
  CHECK(load_error(with_line(5, "confidentiality: x\nrepeat_window: a year")) ==
        "test.yaml:6: repeat_window: expected a number of months or days such as '12 months' or '90 days', got 'a year'");
  CHECK(load_error(with_line(5, "confidentiality: x\nrepeat_window: 12")) ==
        "test.yaml:6: repeat_window: expected a number of months or days such as '12 months' or '90 days', got '12'");
  CHECK(load_error(with_line(5, "confidentiality: x\nrepeat_window: 12 weeks")) ==
        "test.yaml:6: repeat_window: expected a number of months or days such as '12 months' or '90 days', got '12 weeks'");
  CHECK(load_error(with_line(5, "confidentiality: x\nrepeat_window: 121 months")) ==
        "test.yaml:6: repeat_window: '121 months' is out of range (0 to 120 months)");
  CHECK(load_error(with_line(5, "confidentiality: x\nrepeat_window: [12, months]")) ==
        "test.yaml:6: repeat_window: expected a number of months or days such as '12 months' or '90 days'");
}

TEST_CASE("profile: an older profile's repeat_window_days still reads, as that many days")
{
  const auto p = profile::load(minimal + "repeat_window_days: 365\n", "test.yaml");
  CHECK(p.repeat_window.text() == "365 days");
  // Written back in the new form, so that the database keeps the window it had.
  CHECK(profile::to_yaml(p).find("repeat_window: 365 days\n") != std::string::npos);
  CHECK(profile::load(profile::to_yaml(p), "").repeat_window.text() == "365 days");
  CHECK(load_error(with_line(5, "confidentiality: x\nrepeat_window: 12 months\nrepeat_window_days: 365")) ==
        "test.yaml:7: repeat_window_days: give either 'repeat_window' or the older 'repeat_window_days', not both");
}

TEST_CASE("profile: a number out of range is refused")
{
  CHECK(load_error(with_line(5, "confidentiality: x\nrepeat_window_days: -1")) ==
        "test.yaml:6: repeat_window_days: -1 is out of range (0 to 3660)");
}

TEST_CASE("profile: a quorum naming an unknown agency is refused")
{
  CHECK(load_error(with_line(9, "quorum: [POL, XYZ]")) == "test.yaml:9: quorum: unknown agency 'XYZ' (known: POL, CST)");
}

TEST_CASE("profile: a category listed twice is refused at the second one")
{
  CHECK(load_error(with_line(11, "  - {code: asb, name: Anti-social behaviour}\n  - {code: asb, name: Again}")) ==
        "test.yaml:12: categories[1].code: category 'asb' is listed twice");
}

TEST_CASE("profile: an agency listed twice is refused")
{
  CHECK(load_error(with_line(8, "  - {code: POL, name: Police again}")) ==
        "test.yaml:8: agencies[1].code: agency 'POL' is listed twice");
}

TEST_CASE("profile: an agency with a bad code or email is refused")
{
  CHECK(load_error(with_line(7, "  - {code: pol, name: Police}"))
            .rfind("test.yaml:7: agencies[0].code: an agency code starts with a capital letter", 0) == 0);
  CHECK(load_error(with_line(7, "  - {code: POL, name: Police, email: nobody}")).rfind("test.yaml:7: agencies[0].email: ", 0) == 0);
}

TEST_CASE("profile: a criterion testing an unknown field is refused listing the fields")
{
  CHECK(load_error(with_line(15, "    field: score")).rfind("test.yaml:15: criteria[0].field: unknown field 'score' (known: risk_score,", 0) == 0);
}

TEST_CASE("profile: a number field tested with 'is' is refused")
{
  CHECK(load_error(with_line(16, "    is: true")) ==
        "test.yaml:16: criteria[0]: 'incidents_12m' is a number field: test it with 'at_least'");
}

TEST_CASE("profile: a criterion with an unknown key is refused with a hint")
{
  CHECK(load_error(with_line(16, "    at_lest: 3")) == "test.yaml:16: criteria[0]: unknown key 'at_lest' (did you mean 'at_least'?)");
}

TEST_CASE("profile: a missing required key is refused naming it")
{
  CHECK(load_error(with_line(1, "# no name")).find("missing required key 'name'") != std::string::npos);
  CHECK(load_error(with_line(5, "# none")).find("missing required key 'confidentiality'") != std::string::npos);
}

TEST_CASE("profile: an unknown kind is refused")
{
  CHECK(load_error(with_line(3, "kind: other")) == "test.yaml:3: kind: unknown kind 'other' (known: community, domestic-abuse)");
}

TEST_CASE("profile: a key given twice is refused at the second one")
{
  auto caught = catch_error([] { profile::load(minimal + "repeat_window_days: 30\nrepeat_window_days: 90\n", "test.yaml"); });
  CHECK(caught.thrown);
  CHECK(caught.message.rfind("test.yaml:18: ", 0) == 0);
  caught = catch_error([] { profile::load(minimal + "agencies:\n  - {code: ASC, name: Adult Social Care}\n", "test.yaml"); });
  CHECK(caught.thrown);
  CHECK(caught.message.rfind("test.yaml:17: ", 0) == 0);
}

TEST_CASE("profile: a YAML syntax error is refused with its line")
{
  const auto message = load_error(with_line(9, "quorum: [POL, CST"));
  CHECK(message.rfind("test.yaml:", 0) == 0);
  CHECK(message.find("the '[' on this line is never closed") != std::string::npos);
  CHECK(load_error(with_line(3, "kind: community: x")).rfind("test.yaml:3:16: a value that contains ': ' must be in quotes", 0) == 0);
}

TEST_CASE("profile: text that is not UTF-8 is refused")
{
  CHECK(load_error(with_line(1, "name: Caf\xe9 panel")) == "test.yaml:1: not valid UTF-8 text (save the file as UTF-8)");
}

TEST_CASE("profile: an empty document is refused")
{
  CHECK(load_error("").find("the profile is empty") != std::string::npos);
  CHECK(load_error("# only a comment\n").find("the profile is empty") != std::string::npos);
}

TEST_CASE("profile: a document that is not a mapping is refused")
{
  CHECK(load_error("- a\n- b\n").find("expected a mapping") != std::string::npos);
  CHECK(load_error("just text\n").find("expected a mapping") != std::string::npos);
}

TEST_CASE("profile: messages without a file name have no location prefix")
{
  const auto caught = catch_error([] { profile::load(with_line(9, "quorum: [XYZ]"), ""); });
  REQUIRE(caught.thrown);
  CHECK(caught.message == "quorum: unknown agency 'XYZ' (known: POL, CST)");
}

TEST_CASE("profile: builtin_text of an unknown profile is refused naming the built-in ones")
{
  const auto caught = catch_error([] { profile::builtin_text("nope"); });
  REQUIRE(caught.thrown);
  CHECK(caught.code == Exit::refused);
  CHECK(caught.message.rfind("unknown profile 'nope' (built-in: ", 0) == 0);
  CHECK(caught.message.find("ccm") != std::string::npos);
}

TEST_CASE("profile: a control character in a value is refused, since it would break documents and CSV files")
{
  // The marking heads every CSV export: a CR LF inside it would start a new CSV record.
  CHECK(load_error(with_line(5, "confidentiality: x\nmarking: \"OFFICIAL\\r\\nSENSITIVE\"")) ==
        "test.yaml:6: marking: holds a control character (such as NUL, ESC or a carriage return); remove it");
  CHECK(load_error(with_line(7, "  - {code: POL, name: \"Pol\\0ice\"}")) ==
        "test.yaml:7: agencies[0].name: holds a control character (such as NUL, ESC or a carriage return); remove it");
  CHECK(load_error(with_line(1, "name: \"\\e[31mRed\"")) ==
        "test.yaml:1: name: holds a control character (such as NUL, ESC or a carriage return); remove it");
}

TEST_CASE("profile: one-line values hold no line break and at most 200 characters; others at most 10,000")
{
  CHECK(load_error(with_line(5, "confidentiality: x\nmarking: \"OFFICIAL\\nSENSITIVE\"")) ==
        "test.yaml:6: marking: is one line of text: remove the line break or tab");
  CHECK(load_error(with_line(1, "name: " + std::string(201, 'n'))) ==
        "test.yaml:1: name: is 201 characters long; at most 200 fit on one line");
  CHECK(load_error(with_line(5, "confidentiality: " + std::string(10001, 'c'))) ==
        "test.yaml:5: confidentiality: is 10001 characters long; at most 10000 are kept");
  // A multi-line statement and address are still text.
  CHECK(profile::load(with_line(5, "confidentiality: \"Line one.\\nLine two.\""), "test.yaml").confidentiality ==
        "Line one.\nLine two.");
}
