#include "panel/rules/referral_check.hpp"

#include "panel/profile/profile.hpp"

#include <doctest/doctest.h>

using namespace panel;
using rules::check_referral;
using rules::FieldProblem;

namespace {

const core::Profile& ccm()
{
  static const core::Profile p = profile::load(profile::builtin_text("ccm"), "ccm.yaml");
  return p;
}

core::Date day(const char* iso) { return *core::Date::parse(iso); }

const core::Date today = day("2017-09-04");

// A referral with every required field, valid for the ccm profile on `today`.
core::Referral valid()
{
  core::Referral r;
  r.received = day("2017-09-01");
  r.agency = "POL";
  r.name = "Pat Kay";
  r.dob = day("1970-01-01");
  r.categories = {"assault"};
  r.summary = "Assaulted outside the flats.";
  return r;
}

std::vector<FieldProblem> check(const core::Referral& r, const core::Profile& p = ccm())
{
  return check_referral(r, p, today);
}

// The message of the only problem with `field`, or "" when there is none; fails on several.
std::string problem(const std::vector<FieldProblem>& problems, const std::string& field)
{
  std::string found;
  int count = 0;
  for (const auto& p : problems)
    if (p.field == field) {
      found = p.message;
      ++count;
    }
  CHECK_MESSAGE(count <= 1, "several problems with ", field);
  return found;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

} // namespace

TEST_CASE("referral check: a complete referral has no problems")
{
  CHECK(check(valid()).empty());
}

TEST_CASE("referral check: optional fields may all be left out")
{
  auto r = valid();
  r.dob.reset();
  CHECK(check(r).empty());
}

TEST_CASE("referral check: received, agency, name, a category and a summary are required")
{
  const core::Referral empty;
  const auto problems = check(empty);
  CHECK(problem(problems, "received") == "is required");
  CHECK(problem(problems, "agency") == "is required");
  CHECK(problem(problems, "name") == "is required");
  CHECK(problem(problems, "category") == "at least one category is required");
  CHECK(problem(problems, "summary") == "is required");
  CHECK(problems.size() == 5);
}

TEST_CASE("referral check: a name or summary of only spaces counts as missing")
{
  auto r = valid();
  r.name = "   ";
  r.summary = " \n\t ";
  const auto problems = check(r);
  CHECK(problem(problems, "name") == "is required");
  CHECK(problem(problems, "summary") == "is required");
}

TEST_CASE("referral check: a referral received today is accepted, tomorrow is in the future")
{
  auto r = valid();
  r.received = today;
  CHECK(check(r).empty());
  r.received = today.plus_days(1);
  CHECK(problem(check(r), "received") == "2017-09-05 is in the future (today is 2017-09-04)");
}

TEST_CASE("referral check: the future is judged against the given today, not the system clock")
{
  auto r = valid();
  r.received = day("2017-09-10");
  CHECK_FALSE(check_referral(r, ccm(), day("2017-09-04")).empty());
  CHECK(check_referral(r, ccm(), day("2017-09-10")).empty());
}

TEST_CASE("referral check: a date of birth in the future is refused")
{
  auto r = valid();
  r.received = today;
  r.dob = today.plus_days(1);
  const auto problems = check(r);
  REQUIRE_FALSE(problems.empty());
  CHECK(has(problems.front().message, "is in the future"));
  CHECK(problems.front().field == "dob");
}

TEST_CASE("referral check: a date of birth after the date received is refused")
{
  auto r = valid();
  r.received = day("2017-09-01");
  r.dob = day("2017-09-02");
  CHECK(problem(check(r), "dob") == "2017-09-02 is after the date the referral was received, 2017-09-01");
}

TEST_CASE("referral check: a date of birth on the day received is accepted")
{
  auto r = valid();
  r.dob = r.received;
  CHECK(check(r).empty());
}

TEST_CASE("referral check: an unknown agency is refused, listing the known ones")
{
  auto r = valid();
  r.agency = "PLC";
  CHECK(problem(check(r), "agency") ==
        "unknown agency 'PLC' (known: POL, CST, ASC, CSC, MH, HSG, NOISE, VS, RSO, LAS)");
}

TEST_CASE("referral check: agency codes are case-sensitive")
{
  auto r = valid();
  r.agency = "pol";
  CHECK(has(problem(check(r), "agency"), "unknown agency 'pol'"));
}

TEST_CASE("referral check: every unknown category is reported")
{
  auto r = valid();
  r.categories = {"assault", "burglery", "arson"};
  const auto problems = check(r);
  REQUIRE(problems.size() == 2);
  CHECK(has(problems[0].message, "unknown category 'burglery' (known: suicide, rough-sleeping"));
  CHECK(has(problems[1].message, "unknown category 'arson'"));
}

TEST_CASE("referral check: a category from another profile is unknown")
{
  auto r = valid();
  r.categories = {"coercive-control"};
  CHECK(has(problem(check(r), "category"), "unknown category 'coercive-control'"));
}

TEST_CASE("referral check: the risk level must be one of the profile's")
{
  auto r = valid();
  for (const char* level : {"standard", "medium", "high"}) {
    r.risk_level = level;
    CHECK(check(r).empty());
  }
  r.risk_level = "very-high";
  CHECK(problem(check(r), "risk_level") == "unknown value 'very-high' (known: standard, medium, high)");
}

TEST_CASE("referral check: the risk instrument must be one of the profile's")
{
  auto r = valid();
  r.risk_instrument = "ASB risk assessment matrix";
  CHECK(check(r).empty());
  r.risk_instrument = "DASH RIC";
  CHECK(problem(check(r), "risk_instrument") == "unknown instrument 'DASH RIC' (known: ASB risk assessment matrix)");
}

TEST_CASE("referral check: a risk score of 24 is accepted and 25 is above the maximum")
{
  auto r = valid();
  r.risk_score = 24;
  CHECK(check(r).empty());
  r.risk_score = 25;
  CHECK(problem(check(r), "risk_score") == "25 is out of range (0 to 24)");
  r.risk_score = -1;
  CHECK(problem(check(r), "risk_score") == "-1 is out of range (0 to 24)");
  r.risk_score = 0;
  CHECK(check(r).empty());
}

TEST_CASE("referral check: the risk score maximum is the named instrument's")
{
  auto p = ccm();
  p.risk_instruments.push_back({"Short form", 10});
  auto r = valid();
  r.risk_instrument = "Short form";
  r.risk_score = 10;
  CHECK(check(r, p).empty());
  r.risk_score = 11;
  CHECK(problem(check(r, p), "risk_score") == "11 is out of range (0 to 10)");
  // Without an instrument the profile's first one applies.
  r.risk_instrument.clear();
  CHECK(check(r, p).empty());
}

TEST_CASE("referral check: without an instrument the profile's first instrument sets the maximum")
{
  auto p = ccm();
  p.risk_instruments = {{"Short form", 10}, {"Long form", 40}};
  auto r = valid();
  r.risk_score = 11;
  CHECK(problem(check(r, p), "risk_score") == "11 is out of range (0 to 10)");
  r.risk_instrument = "Long form";
  CHECK(check(r, p).empty());
}

TEST_CASE("referral check: a profile without instruments allows risk scores up to 24")
{
  auto p = ccm();
  p.risk_instruments.clear();
  CHECK(rules::risk_score_max(p, "") == 24);
  auto r = valid();
  r.risk_score = 24;
  CHECK(check(r, p).empty());
  r.risk_score = 25;
  CHECK(problem(check(r, p), "risk_score") == "25 is out of range (0 to 24)");
}

TEST_CASE("referral check: risk_score_max names the instrument's maximum, 24 when unknown")
{
  auto p = ccm();
  p.risk_instruments = {{"Short form", 10}, {"Long form", 40}};
  CHECK(rules::risk_score_max(p, "Long form") == 40);
  CHECK(rules::risk_score_max(p, "Short form") == 10);
  CHECK(rules::risk_score_max(p, "") == 10);
  CHECK(rules::risk_score_max(p, "Other") == 24);
}

TEST_CASE("referral check: counts must not be negative or absurdly large")
{
  auto r = valid();
  r.incidents_12m = -1;
  r.agencies_involved = 101;
  r.children = 31;
  const auto problems = check(r);
  CHECK(problem(problems, "incidents_12m") == "-1 is out of range (0 to 10000)");
  CHECK(problem(problems, "agencies_involved") == "101 is out of range (0 to 100)");
  CHECK(problem(problems, "children") == "31 is out of range (0 to 30)");
  r.incidents_12m = 10000;
  r.agencies_involved = 100;
  r.children = 30;
  CHECK(check(r).empty());
}

TEST_CASE("referral check: role and consent must be known values")
{
  auto r = valid();
  r.role = "bystander";
  r.consent = "maybe";
  const auto problems = check(r);
  CHECK(problem(problems, "role") == "unknown value 'bystander' (known: victim, perpetrator, both, unclear)");
  CHECK(problem(problems, "consent") == "unknown value 'maybe' (known: given, refused, not-sought)");
  for (const char* role : {"victim", "perpetrator", "both", "unclear"}) {
    r.role = role;
    r.consent = "not-sought";
    CHECK(check(r).empty());
  }
}

TEST_CASE("referral check: consent refused needs a rationale")
{
  auto r = valid();
  r.consent = "refused";
  CHECK(has(problem(check(r), "consent_rationale"), "is required when consent was refused"));
  r.consent_rationale = "   ";
  CHECK(has(problem(check(r), "consent_rationale"), "is required when consent was refused"));
  r.consent_rationale = "Risk to life";
  CHECK(check(r).empty());
}

TEST_CASE("referral check: consent given or not sought needs no rationale")
{
  auto r = valid();
  r.consent = "given";
  CHECK(check(r).empty());
  r.consent = "not-sought";
  CHECK(check(r).empty());
}

TEST_CASE("referral check: a bad referrer email address is refused")
{
  auto r = valid();
  r.referrer_email = "amy.harris";
  CHECK(has(problem(check(r), "referrer_email"), "an email address"));
  r.referrer_email = "amy.harris@example.org";
  CHECK(check(r).empty());
}

TEST_CASE("referral check: control characters in a name are refused")
{
  auto r = valid();
  r.name = "Pat\x1b[2JKay";
  CHECK(problem(check(r), "name") == "contains control characters or line breaks");
}

TEST_CASE("referral check: a line break in a one-line field is refused")
{
  auto r = valid();
  r.name = "Pat\nKay";
  CHECK(problem(check(r), "name") == "contains control characters or line breaks");
  r = valid();
  r.postcode = "EC2Y\t8DS";
  CHECK(problem(check(r), "postcode") == "contains control characters or line breaks");
}

TEST_CASE("referral check: a summary may have line breaks and tabs but no other control characters")
{
  auto r = valid();
  r.summary = "First line.\n\tSecond line.";
  CHECK(check(r).empty());
  r.summary = "Bell\x07 here";
  CHECK(problem(check(r), "summary") == "contains control characters");
  r.summary = "Delete\x7f here";
  CHECK(problem(check(r), "summary") == "contains control characters");
  r.summary = "C1 \xc2\x9b control";
  CHECK(problem(check(r), "summary") == "contains control characters");
}

TEST_CASE("referral check: a no-break space or a pound sign is text, though it starts like a C1 control")
{
  auto r = valid();
  r.name = "Pat\xc2\xa0Kay";
  r.summary = "Owes \xc2\xa3" "200 in rent";
  CHECK(check(r).empty());
}

TEST_CASE("referral check: control characters in referrer, source reference and other texts are refused")
{
  for (auto field : {&core::Referral::referrer_name, &core::Referral::source_ref, &core::Referral::gender,
                     &core::Referral::postcode}) {
    auto r = valid();
    r.*field = "a\x01"
               "b";
    const auto problems = check(r);
    REQUIRE(problems.size() == 1);
    CHECK(problems.front().message == "contains control characters or line breaks");
  }
}

TEST_CASE("referral check: a summary of exactly the limit is accepted, one more character is refused")
{
  auto r = valid();
  r.summary = std::string(rules::max_summary_chars, 'x');
  CHECK(check(r).empty());
  r.summary += "x";
  CHECK(problem(check(r), "summary") == "is 20001 characters long; the limit is 20000");
}

TEST_CASE("referral check: the summary limit counts characters, not bytes")
{
  auto r = valid();
  r.summary.clear();
  for (size_t i = 0; i < rules::max_summary_chars; ++i)
    r.summary += "é";
  CHECK(check(r).empty());
}

TEST_CASE("referral check: a name longer than 200 characters is refused")
{
  auto r = valid();
  r.name = std::string(200, 'a');
  CHECK(check(r).empty());
  r.name += "a";
  CHECK(problem(check(r), "name") == "is 201 characters long; the limit is 200");
}

TEST_CASE("referral check: short text fields are limited to max_text_chars")
{
  auto r = valid();
  r.referrer_name = std::string(rules::max_text_chars, 'a');
  CHECK(check(r).empty());
  r.referrer_name += "a";
  CHECK(problem(check(r), "referrer") == "is 501 characters long; the limit is 500");
}

TEST_CASE("referral check: invalid UTF-8 is refused")
{
  auto r = valid();
  r.name = "Pat \xff Kay";
  CHECK(problem(check(r), "name") == "is not valid UTF-8 text");
  r = valid();
  r.summary = "truncated \xc3";
  CHECK(problem(check(r), "summary") == "is not valid UTF-8 text");
  r = valid();
  r.postcode = "\xc0\xaf";  // overlong encoding of '/'
  CHECK(problem(check(r), "postcode") == "is not valid UTF-8 text");
}

TEST_CASE("referral check: accented and non-Latin names are valid")
{
  auto r = valid();
  r.name = "Zoë Łukasz Иван";
  CHECK(check(r).empty());
}

TEST_CASE("referral check: other parties need a name and valid values")
{
  auto r = valid();
  r.other_parties = {{"Sam Kay", day("1972-02-02"), "perpetrator", "ex-partner"}};
  CHECK(check(r).empty());
  r.other_parties = {{"  ", std::nullopt, "", ""}, {"Al Kay", today.plus_days(1), "stranger", "son\nx"}};
  const auto problems = check(r);
  CHECK(problem(problems, "other_parties[0].name") == "is required");
  CHECK(has(problem(problems, "other_parties[1].dob"), "is in the future"));
  CHECK(has(problem(problems, "other_parties[1].role"), "unknown value 'stranger'"));
  CHECK(problem(problems, "other_parties[1].relationship") == "contains control characters or line breaks");
}

TEST_CASE("referral check: an other party may be a child of the household; the subject may not")
{
  auto r = valid();
  r.other_parties = {{"Mia Kay", day("2012-05-03"), "child", "daughter"}, {"Sam Kay", std::nullopt, "perpetrator", ""}};
  CHECK(check(r).empty());
  r.other_parties[1].role = "kid";
  CHECK(problem(check(r), "other_parties[1].role") == "unknown value 'kid' (known: victim, perpetrator, both, unclear, child)");
  r.other_parties.clear();
  r.role = "child";
  CHECK(problem(check(r), "role") == "unknown value 'child' (known: victim, perpetrator, both, unclear)");
}

TEST_CASE("referral check: several problems are all reported")
{
  auto r = valid();
  r.agency = "PLC";
  r.received = today.plus_days(3);
  r.risk_score = 99;
  const auto problems = check(r);
  CHECK(problems.size() == 3);
}
