#include "panel/input/calendar.hpp"
#include "panel/profile/profile.hpp"

#include "tests/unit/support.hpp"

#include <doctest/doctest.h>
#include <string>
#include <vector>

using namespace panel;
using panel::test::catch_error;

namespace {

core::Date day(const char* iso) { return *core::Date::parse(iso); }

using Strings = std::vector<std::string>;

// A small valid profile of 16 lines; the tests add a `case_review:` key from line 17.
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

core::CaseReviewSettings load_case_review(const std::string& block)
{
  return profile::load(minimal + block, "test.yaml").case_review;
}

// The message of the refusal that loading `minimal` plus `block` as test.yaml gives.
std::string load_error(const std::string& block)
{
  const auto caught = catch_error([&] { profile::load(minimal + block, "test.yaml"); });
  REQUIRE_MESSAGE(caught.thrown, "the profile was accepted:\n", block);
  CHECK(caught.code == Exit::refused);
  return caught.message;
}

void check_defaults(const core::CaseReviewSettings& s)
{
  CHECK(s.reported_within_months == 1);
  CHECK(s.applied_within_months == 6);
  CHECK(s.complaints == 3);
  CHECK(s.hate_complaints == 1);
  CHECK(s.complainants == 5);
  CHECK(s.complainants_within_months == 6);
  CHECK(s.acknowledge_days == 10);
  CHECK(s.decision_days == 10);
  CHECK(s.outcome_days == 25);
  CHECK(s.outcome_from == "decision");
  CHECK(s.bank_holidays == Strings{"england-and-wales"});
  CHECK(s.appeal_to == "");
}

const std::string every_key = "case_review:\n"                            // 17
                              "  reported_within_months: 2\n"              // 18
                              "  applied_within_months: 12\n"
                              "  complaints: 4\n"
                              "  hate_complaints: 0\n"
                              "  complainants: 6\n"
                              "  complainants_within_months: 3\n"
                              "  acknowledge_days: 5\n"
                              "  decision_days: 15\n"
                              "  outcome_days: 20\n"
                              "  outcome_from: received\n"
                              "  bank_holidays: [england-and-wales, 2017-12-27]\n"
                              "  appeal_to: 'The Chair: Community Safety Partnership'\n";

void check_every_key(const core::CaseReviewSettings& s)
{
  CHECK(s.reported_within_months == 2);
  CHECK(s.applied_within_months == 12);
  CHECK(s.complaints == 4);
  CHECK(s.hate_complaints == 0);
  CHECK(s.complainants == 6);
  CHECK(s.complainants_within_months == 3);
  CHECK(s.acknowledge_days == 5);
  CHECK(s.decision_days == 15);
  CHECK(s.outcome_days == 20);
  CHECK(s.outcome_from == "received");
  CHECK(s.bank_holidays == Strings{"england-and-wales", "2017-12-27"});
  CHECK(s.appeal_to == "The Chair: Community Safety Partnership");
}

} // namespace

TEST_CASE("profile case review: without a case_review key the documented defaults apply")
{
  check_defaults(profile::load(minimal, "test.yaml").case_review);
  check_defaults(load_case_review("case_review:\n"));  // present but empty
}

TEST_CASE("profile case review: every key can be set")
{
  check_every_key(load_case_review(every_key));
}

TEST_CASE("profile case review: keys left out keep their defaults")
{
  const auto s = load_case_review("case_review:\n  complaints: 4\n  outcome_from: received\n");
  CHECK(s.complaints == 4);
  CHECK(s.outcome_from == "received");
  CHECK(s.hate_complaints == 1);
  CHECK(s.complainants == 5);
  CHECK(s.outcome_days == 25);
  CHECK(s.bank_holidays == Strings{"england-and-wales"});
}

TEST_CASE("profile case review: the built-in ccm profile sets the statutory defaults and who hears appeals")
{
  const auto s = profile::load(profile::builtin_text("ccm"), "ccm.yaml").case_review;
  CHECK(s.complaints == 3);
  CHECK(s.outcome_from == "decision");
  CHECK(s.bank_holidays == Strings{"england-and-wales"});
  CHECK(s.appeal_to == "the Chair of the Community Safety Partnership");
}

TEST_CASE("profile case review: an unknown key is refused with its line and a hint")
{
  CHECK(load_error("case_review:\n  complaints: 4\n  hate_complaint: 1\n") ==
        "test.yaml:19: case_review: unknown key 'hate_complaint' (did you mean 'hate_complaints'?)");
  CHECK(load_error("case_review:\n  frobnicate: 1\n").rfind("test.yaml:18: case_review: unknown key 'frobnicate' (known: ", 0) == 0);
  CHECK(load_error("case_review: [complaints]\n").find("case_review: expected a mapping") != std::string::npos);
}

TEST_CASE("profile case review: a count that is not a whole number or out of range is refused naming the key")
{
  CHECK(load_error("case_review:\n  complaints: three\n") ==
        "test.yaml:18: case_review.complaints: expected a whole number, got 'three'");
  CHECK(load_error("case_review:\n  reported_within_months: 0\n") ==
        "test.yaml:18: case_review.reported_within_months: 0 is out of range (1 to 24)");
  CHECK(load_error("case_review:\n  complaints: -1\n") == "test.yaml:18: case_review.complaints: -1 is out of range (0 to 100)");
  CHECK(load_error("case_review:\n  outcome_days: 251\n") == "test.yaml:18: case_review.outcome_days: 251 is out of range (0 to 250)");
}

TEST_CASE("profile case review: outcome_from other than decision or received is refused")
{
  CHECK(load_error("case_review:\n  complaints: 3\n  outcome_from: meeting\n") ==
        "test.yaml:19: case_review.outcome_from: 'meeting': the outcome's time limit runs from the 'decision' or from "
        "the day the application was 'received'");
  CHECK(load_error("case_review:\n  outcome_from: Decision\n").rfind("test.yaml:18: case_review.outcome_from: 'Decision': ", 0) == 0);
  CHECK(load_case_review("case_review:\n  outcome_from: decision\n").outcome_from == "decision");
}

TEST_CASE("profile case review: a bank_holidays entry that is neither a calendar nor a date is refused naming it")
{
  CHECK(load_error("case_review:\n"
                   "  bank_holidays:\n"
                   "    - england-and-wales\n"
                   "    - scotland\n") ==
        "test.yaml:20: case_review.bank_holidays: 'scotland' is neither a calendar (england-and-wales) nor a date (YYYY-MM-DD)");
  CHECK(load_error("case_review:\n  bank_holidays: [2017-02-30]\n") ==
        "test.yaml:18: case_review.bank_holidays: '2017-02-30' is neither a calendar (england-and-wales) nor a date (YYYY-MM-DD)");
  CHECK(load_error("case_review:\n  bank_holidays: england-and-wales\n") == "test.yaml:18: case_review.bank_holidays: expected a list");
}

TEST_CASE("profile case review: bank_holidays may list a calendar and extra closure days, and holidays_from combines them")
{
  const auto s = load_case_review("case_review:\n  bank_holidays: [england-and-wales, 2017-12-27, 2017-12-25]\n");
  CHECK(s.bank_holidays == Strings{"england-and-wales", "2017-12-27", "2017-12-25"});
  const auto days = input::holidays_from(s.bank_holidays, "case_review.bank_holidays");
  const auto& england = input::england_and_wales_bank_holidays();
  CHECK(days.size() == england.size() + 1);  // 25 December is a bank holiday already
  CHECK(days.contains(day("2017-12-27")));
  CHECK(days.contains(day("2017-12-25")));
  CHECK(days.contains(day("2017-04-14")));
  CHECK_FALSE(days.contains(day("2017-12-28")));
}

TEST_CASE("profile case review: holidays_from with only dates, or nothing, has no bank holidays")
{
  const auto days = input::holidays_from({"2017-12-27", "2018-01-02"}, "x");
  CHECK(days == rules::Holidays{day("2017-12-27"), day("2018-01-02")});
  CHECK(input::holidays_from({}, "x").empty());
  CHECK(input::holidays_from({"england-and-wales"}, "x") == input::england_and_wales_bank_holidays());
}

TEST_CASE("profile case review: holidays_from refuses an entry that is neither a calendar nor a date")
{
  const auto caught = catch_error([] { input::holidays_from({"england-and-wales", "wales"}, "case_review.bank_holidays"); });
  REQUIRE(caught.thrown);
  CHECK(caught.code == Exit::refused);
  CHECK(caught.message == "case_review.bank_holidays: 'wales' is neither a calendar (england-and-wales) nor a date (YYYY-MM-DD)");
  CHECK(input::calendar_names() == Strings{"england-and-wales"});
}

TEST_CASE("profile case review: to_yaml writes case_review and it loads back unchanged")
{
  const auto p = profile::load(minimal + every_key, "test.yaml");
  const auto yaml = profile::to_yaml(p);
  CHECK(yaml.find("case_review:\n") != std::string::npos);
  CHECK(yaml.find("outcome_from: received") != std::string::npos);
  const auto again = profile::load(yaml, "");
  check_every_key(again.case_review);
  CHECK(profile::to_yaml(again) == yaml);

  // The defaults round-trip too, including an empty appeal_to.
  const auto plain = profile::load(minimal, "test.yaml");
  const auto plain_again = profile::load(profile::to_yaml(plain), "");
  check_defaults(plain_again.case_review);
  CHECK(profile::to_yaml(plain_again) == profile::to_yaml(plain));
}

TEST_CASE("profile case review: get_value and set_value reach the case_review keys")
{
  const auto p = profile::load(minimal, "test.yaml");
  CHECK(profile::get_value(p, "case_review.complaints") == "3\n");
  CHECK(profile::get_value(p, "case_review.bank_holidays") == "england-and-wales\n");
  const auto changed = profile::set_value(p, "case_review.outcome_from", "received");
  CHECK(changed.case_review.outcome_from == "received");
  const auto more = profile::set_value(p, "case_review.bank_holidays", "england-and-wales, 2017-12-27");
  CHECK(more.case_review.bank_holidays == Strings{"england-and-wales", "2017-12-27"});
  const auto caught = catch_error([&] { profile::set_value(p, "case_review.outcome_from", "meeting"); });
  REQUIRE(caught.thrown);
  CHECK(caught.message.rfind("case_review.outcome_from: 'meeting': ", 0) == 0);
}
