#include "panel/input/values.hpp"

#include "tests/unit/support.hpp"

#include <doctest/doctest.h>

using namespace panel;
using input::canonical_field;
using input::set_field;
using test::catch_error;

namespace {

core::Date day(const char* iso) { return *core::Date::parse(iso); }

// Sets one field from a file "r.csv" line 7 and returns the referral.
core::Referral with(const std::string& field, const std::string& text)
{
  core::Referral r;
  REQUIRE(set_field(r, field, text, "r.csv", 7));
  return r;
}

// The message of the error setting `field` to `text`, as read from "r.csv" line 7.
std::string error_setting(const std::string& field, const std::string& text, const std::string& source = "r.csv")
{
  core::Referral r;
  const auto caught = catch_error([&] { set_field(r, field, text, source, 7); });
  REQUIRE(caught.thrown);
  CHECK(caught.code == Exit::refused);
  return caught.message;
}

} // namespace

TEST_CASE("values: where names the file, line and field")
{
  CHECK(input::where("r.yaml", 14, "agency") == "r.yaml:14: agency");
  CHECK(input::where("<stdin>", 1, "risk_score") == "<stdin>:1: risk_score");
}

TEST_CASE("values: where names the command-line flag when there is no file")
{
  CHECK(input::where("", 0, "dob") == "--dob");
  CHECK(input::where("", 0, "referrer_email") == "--referrer-email");
  CHECK(input::where("", 0, "incidents_12m") == "--incidents-12m");
  CHECK(input::where("", 0, "category") == "--category");
  CHECK(input::where("", 0, "referrer") == "--referrer");
}

TEST_CASE("values: field_error throws a refusal starting with file:line: field:")
{
  const auto caught = catch_error([] { input::field_error("r.yaml", 3, "agency", "went wrong"); });
  REQUIRE(caught.thrown);
  CHECK(caught.code == Exit::refused);
  CHECK(caught.message == "r.yaml:3: agency: went wrong");
}

TEST_CASE("values: canonical names of every referral field are themselves")
{
  for (const auto& field : core::referral_fields())
    CHECK(canonical_field(field) == field);
}

TEST_CASE("values: alternative spellings of field names are accepted")
{
  CHECK(canonical_field("referrer-email") == "referrer_email");
  CHECK(canonical_field("Referrer Email") == "referrer_email");
  CHECK(canonical_field("categories") == "category");
  CHECK(canonical_field("Categories") == "category");
  CHECK(canonical_field("referrer_name") == "referrer");
  CHECK(canonical_field("referrer-name") == "referrer");
  CHECK(canonical_field("person_id") == "person");
  CHECK(canonical_field("person-id") == "person");
  CHECK(canonical_field("  RISK-SCORE ") == "risk_score");
  CHECK(canonical_field("Incidents 12m") == "incidents_12m");
}

TEST_CASE("values: an unknown field name has no canonical name")
{
  CHECK(canonical_field("nmae") == "");
  CHECK(canonical_field("") == "");
  CHECK(canonical_field("subject") == "");
}

TEST_CASE("values: set_field returns false for a field it does not know")
{
  core::Referral r;
  CHECK_FALSE(set_field(r, "nmae", "Pat", "r.csv", 2));
  CHECK(r.name.empty());
}

TEST_CASE("values: every referral field can be looked up once and set by its lookup")
{
  for (const auto& name : core::referral_fields()) {
    INFO(name);
    const auto field = input::field_named(name);
    REQUIRE(field);
    // A value of the field's kind, set by lookup and by name, must land in the same place.
    const bool date = name == "received" || name == "dob";
    const bool number = name == "person" || name == "risk_score" || name == "incidents_12m" ||
                        name == "agencies_involved" || name == "children";
    const bool flag = name == "resident" || name == "bame" || name == "lgbt" || name == "disability" ||
                      name == "vulnerable" || name == "professional_judgement";
    const std::string text = date ? "2017-09-01" : number ? "3" : flag ? "yes" : " Some Text ";
    core::Referral by_name, by_lookup;
    REQUIRE(set_field(by_name, name, text, "r.csv", 7));
    set_field(by_lookup, *field, name, text, "r.csv", 7);
    CHECK(by_lookup.received == by_name.received);
    CHECK(by_lookup.agency == by_name.agency);
    CHECK(by_lookup.referrer_name == by_name.referrer_name);
    CHECK(by_lookup.referrer_email == by_name.referrer_email);
    CHECK(by_lookup.source_ref == by_name.source_ref);
    CHECK(by_lookup.person_id == by_name.person_id);
    CHECK(by_lookup.name == by_name.name);
    CHECK(by_lookup.dob == by_name.dob);
    CHECK(by_lookup.gender == by_name.gender);
    CHECK(by_lookup.postcode == by_name.postcode);
    CHECK(by_lookup.resident == by_name.resident);
    CHECK(by_lookup.bame == by_name.bame);
    CHECK(by_lookup.lgbt == by_name.lgbt);
    CHECK(by_lookup.disability == by_name.disability);
    CHECK(by_lookup.role == by_name.role);
    CHECK(by_lookup.categories == by_name.categories);
    CHECK(by_lookup.vulnerable == by_name.vulnerable);
    CHECK(by_lookup.risk_level == by_name.risk_level);
    CHECK(by_lookup.risk_score == by_name.risk_score);
    CHECK(by_lookup.risk_instrument == by_name.risk_instrument);
    CHECK(by_lookup.incidents_12m == by_name.incidents_12m);
    CHECK(by_lookup.agencies_involved == by_name.agencies_involved);
    CHECK(by_lookup.children == by_name.children);
    CHECK(by_lookup.professional_judgement == by_name.professional_judgement);
    CHECK(by_lookup.consent == by_name.consent);
    CHECK(by_lookup.consent_rationale == by_name.consent_rationale);
    CHECK(by_lookup.summary == by_name.summary);
  }
  CHECK_FALSE(input::field_named("nmae"));
  CHECK_FALSE(input::field_named("categories"));  // a spelling canonical_field accepts, not a field name
}

TEST_CASE("values: dates are read as YYYY-MM-DD")
{
  CHECK(with("received", "2017-09-01").received == day("2017-09-01"));
  CHECK(with("dob", " 1970-01-01 ").dob == day("1970-01-01"));
  CHECK(with("dob", "2016-02-29").dob == day("2016-02-29"));
}

TEST_CASE("values: an empty date leaves the field unset")
{
  CHECK_FALSE(with("dob", "").dob.has_value());
  CHECK_FALSE(with("dob", "   ").dob.has_value());
  CHECK(with("received", "").received == core::Date());
}

TEST_CASE("values: a date that is not a date is refused with file, line and field")
{
  CHECK(error_setting("dob", "01/02/1970") ==
        "r.csv:7: dob: '01/02/1970': dates must be yyyy-mm-dd; this looks like dd/mm/yyyy: write it as 1970-02-01, "
        "or let the register read dd/mm/yyyy: panel config set input.date_order dmy");
  CHECK(error_setting("dob", "1 Feb 1970") == "r.csv:7: dob: '1 Feb 1970' is not a date (use YYYY-MM-DD, e.g. 2017-09-04)");
  CHECK(error_setting("received", "2017-02-29") == "r.csv:7: received: '2017-02-29': February 2017 has 28 days");
  CHECK(error_setting("received", "2017-13-01").starts_with("r.csv:7: received: "));
  CHECK(error_setting("dob", "yesterday").starts_with("r.csv:7: dob: "));
}

TEST_CASE("values: parse_date names the field it reads")
{
  CHECK(input::parse_date("2017-09-04", "m.yaml", 2, "meeting") == day("2017-09-04"));
  CHECK_FALSE(input::parse_date("", "m.yaml", 2, "meeting").has_value());
  const auto caught = catch_error([] { input::parse_date("4/9/2017", "m.yaml", 2, "meeting"); });
  CHECK(caught.message.starts_with("m.yaml:2: meeting: '4/9/2017': dates must be yyyy-mm-dd"));
  CHECK(input::parse_date("4/9/2017", "m.yaml", 2, "meeting", core::DateOrder::dmy) == day("2017-09-04"));
}

TEST_CASE("values: control characters are removed from a bad value shown in a message")
{
  const auto message = error_setting("dob", "19\x1b[2J70");
  CHECK(message.find('\x1b') == std::string::npos);
  CHECK(message.starts_with("r.csv:7: dob: "));
}

TEST_CASE("values: whole numbers are read, with spaces around them")
{
  const auto r = with("risk_score", " 14 ");
  CHECK(r.risk_score == 14);
  CHECK(with("incidents_12m", "3").incidents_12m == 3);
  CHECK(with("agencies_involved", "2").agencies_involved == 2);
  CHECK(with("children", "0").children == 0);
}

TEST_CASE("values: an empty number leaves the field unset, not zero")
{
  CHECK_FALSE(with("risk_score", "").risk_score.has_value());
  CHECK_FALSE(with("incidents_12m", " ").incidents_12m.has_value());
}

TEST_CASE("values: a negative number is read (the check refuses it later, naming the range)")
{
  CHECK(with("incidents_12m", "-1").incidents_12m == -1);
}

TEST_CASE("values: text where a number belongs is refused")
{
  CHECK(error_setting("risk_score", "high") == "r.csv:7: risk_score: expected a whole number, got 'high'");
  CHECK(error_setting("risk_score", "14.5") == "r.csv:7: risk_score: expected a whole number, got '14.5'");
  CHECK(error_setting("incidents_12m", "3 incidents").starts_with("r.csv:7: incidents_12m: expected a whole number"));
  CHECK(error_setting("children", "+").starts_with("r.csv:7: children: expected a whole number"));
}

TEST_CASE("values: a huge number is refused as far too large")
{
  CHECK(error_setting("risk_score", "99999999999999999999999") ==
        "r.csv:7: risk_score: '99999999999999999999999' is far too large");
  CHECK(error_setting("children", "2000000000").starts_with("r.csv:7: children: '2000000000' is far too large"));
  CHECK(error_setting("children", "-2000000000").starts_with("r.csv:7: children: "));
}

TEST_CASE("values: flags accept true/false, yes/no, y/n and 1/0 in any case")
{
  for (const char* text : {"true", "TRUE", "yes", "Yes", "y", "Y", "1"})
    CHECK(with("vulnerable", text).vulnerable);
  for (const char* text : {"false", "False", "no", "NO", "n", "0"}) {
    CHECK_FALSE(with("vulnerable", text).vulnerable);
    CHECK(with("resident", text).resident == false);
  }
  CHECK(with("professional_judgement", "yes").professional_judgement);
  CHECK(with("bame", "yes").bame == true);
  CHECK(with("lgbt", "no").lgbt == false);
  CHECK(with("disability", "1").disability == true);
}

TEST_CASE("values: an empty flag leaves an optional flag unknown and a plain flag false")
{
  CHECK_FALSE(with("resident", "").resident.has_value());
  CHECK_FALSE(with("vulnerable", "").vulnerable);
  CHECK_FALSE(with("professional_judgement", "").professional_judgement);
}

TEST_CASE("values: a flag that is not true or false is refused")
{
  CHECK(error_setting("vulnerable", "maybe") == "r.csv:7: vulnerable: expected true or false, got 'maybe'");
  CHECK(error_setting("resident", "2").starts_with("r.csv:7: resident: expected true or false"));
}

TEST_CASE("values: codes are trimmed and role, consent and risk level lower-cased")
{
  auto r = with("agency", " POL ");
  CHECK(r.agency == "POL");
  CHECK(with("role", " Victim").role == "victim");
  CHECK(with("consent", "REFUSED").consent == "refused");
  CHECK(with("risk_level", "High").risk_level == "high");
  CHECK(with("source_ref", " CAD-1 ").source_ref == "CAD-1");
  CHECK(with("risk_instrument", " DASH RIC ").risk_instrument == "DASH RIC");
}

TEST_CASE("values: text fields are set")
{
  CHECK(with("name", "Pat Kay").name == "Pat Kay");
  CHECK(with("referrer", "PC Amy Harris").referrer_name == "PC Amy Harris");
  CHECK(with("referrer_email", "amy@example.org").referrer_email == "amy@example.org");
  CHECK(with("gender", "female").gender == "female");
  CHECK(with("postcode", "EC2Y 8DS").postcode == "EC2Y 8DS");
  CHECK(with("consent_rationale", "Risk to life").consent_rationale == "Risk to life");
  CHECK(with("summary", "Assaulted.").summary == "Assaulted.");
}

TEST_CASE("values: categories are read from a list separated by semicolons or commas")
{
  CHECK(with("category", "suicide;mental-health").categories == std::vector<std::string>{"suicide", "mental-health"});
  CHECK(with("category", "suicide, mental-health").categories == std::vector<std::string>{"suicide", "mental-health"});
  CHECK(with("category", " suicide ; ; mental-health ;").categories ==
        std::vector<std::string>{"suicide", "mental-health"});
  CHECK(with("category", "assault").categories == std::vector<std::string>{"assault"});
  CHECK(with("category", "").categories.empty());
}

TEST_CASE("values: a category given twice is kept once")
{
  CHECK(with("category", "assault;assault").categories == std::vector<std::string>{"assault"});
  core::Referral r;
  set_field(r, "category", "assault", "r.yaml", 3);
  set_field(r, "category", "burglary;assault", "r.yaml", 4);
  CHECK(r.categories == std::vector<std::string>{"assault", "burglary"});
}

TEST_CASE("values: a person id is a positive number")
{
  CHECK(with("person", "12").person_id == 12);
  CHECK_FALSE(with("person", "").person_id.has_value());
  CHECK(error_setting("person", "0") == "r.csv:7: person: a person id is a positive number");
  CHECK(error_setting("person", "-3") == "r.csv:7: person: a person id is a positive number");
  CHECK(error_setting("person", "abc").starts_with("r.csv:7: person: expected a whole number"));
}

TEST_CASE("values: line ends inside a field become LF")
{
  CHECK(with("summary", "one\r\ntwo\r\nthree").summary == "one\ntwo\nthree");
  CHECK(with("summary", "old\rmac").summary == "old\nmac");
  CHECK(with("summary", "one\ntwo").summary == "one\ntwo");
}

TEST_CASE("values: the summary keeps its inner spacing and lines")
{
  CHECK(with("summary", "  First.\n\n  Second.  ").summary == "First.\n\n  Second.");
}

TEST_CASE("values: errors from the command line name the flag")
{
  CHECK(error_setting("dob", "1970-02-30", "") == "--dob: '1970-02-30': February 1970 has 28 days");
  CHECK(error_setting("risk_score", "x", "") == "--risk-score: expected a whole number, got 'x'");
  CHECK(error_setting("professional_judgement", "perhaps", "") ==
        "--professional-judgement: expected true or false, got 'perhaps'");
}

TEST_CASE("values: other parties as text are NAME|DOB|ROLE|RELATIONSHIP separated by ';'")
{
  core::Referral r;
  REQUIRE(set_field(r, "other_parties", "Lee Brown|1985-02-01|Perpetrator|ex-partner; Mia Brown|2012-05-03|CHILD|daughter;Ann",
                    "r.csv", 2));
  REQUIRE(r.other_parties.size() == 3);
  CHECK(r.other_parties[0].name == "Lee Brown");
  CHECK(r.other_parties[0].dob == core::Date::parse("1985-02-01"));
  CHECK(r.other_parties[0].role == "perpetrator");
  CHECK(r.other_parties[0].relationship == "ex-partner");
  CHECK(r.other_parties[1].role == "child");
  CHECK(r.other_parties[2].name == "Ann");
  CHECK_FALSE(r.other_parties[2].dob);
  // A second value (another --party flag) adds to the list.
  REQUIRE(set_field(r, "other_parties", "Kim||unclear", "", 0));
  CHECK(r.other_parties.size() == 4);
  CHECK(r.other_parties[3].role == "unclear");
}

TEST_CASE("values: a bad other party names its number and part")
{
  core::Referral r;
  r.other_parties.push_back({"First", std::nullopt, "", ""});
  auto caught = catch_error([&] { set_field(r, "other_parties", "Ann|1st May", "r.csv", 4); });
  CHECK(caught.message == "r.csv:4: other_parties[1].dob: '1st May' is not a date (use YYYY-MM-DD, e.g. 2017-09-04)");
  caught = catch_error([&] { set_field(r, "other_parties", "A|||b|c", "r.csv", 5); });
  CHECK(caught.message == "r.csv:5: other_parties[1]: has 5 parts separated by '|'; write NAME|DOB|ROLE|RELATIONSHIP");
  caught = catch_error([&] { set_field(r, "other_parties", "Ann|x", "", 0); });
  CHECK(caught.message == "--party[1].dob: 'x' is not a date (use YYYY-MM-DD, e.g. 2017-09-04)");
}

TEST_CASE("tidy_postcode: a postcode's shape is written in capitals with one space")
{
  CHECK(input::tidy_postcode("ex11aa") == "EX1 1AA");
  CHECK(input::tidy_postcode(" ec2y  8ds ") == "EC2Y 8DS");
  CHECK(input::tidy_postcode("SW1A2AA") == "SW1A 2AA");
  CHECK(input::tidy_postcode("m1 1ae") == "M1 1AE");
  CHECK(input::tidy_postcode("B33 8TH") == "B33 8TH");
  CHECK(input::tidy_postcode("LN0 0AA") == "LN0 0AA");
}

TEST_CASE("tidy_postcode: text that is not a postcode's shape gives nothing")
{
  CHECK_FALSE(input::tidy_postcode("NFA"));
  CHECK_FALSE(input::tidy_postcode("no fixed abode"));
  CHECK_FALSE(input::tidy_postcode("12345"));
  CHECK_FALSE(input::tidy_postcode("EC2Y 8D"));
  CHECK_FALSE(input::tidy_postcode("EC2Y8DSX"));
}

TEST_CASE("tidy_address: lines from line breaks or ';', trimmed, blank ones left out")
{
  CHECK(input::tidy_address("Flat 3, Zoë House\r\n12 Rue de l'Église\n\nLondon EC2Y 8DS\n") ==
        "Flat 3, Zoë House\n12 Rue de l'Église\nLondon EC2Y 8DS");
  CHECK(input::tidy_address(" 14 Bishop's Court; London;  EC1A 1BB ;") == "14 Bishop's Court\nLondon\nEC1A 1BB");
  CHECK(input::tidy_address("12 High Street, London") == "12 High Street, London");
  CHECK(input::tidy_address(" ; \n ").empty());
}

TEST_CASE("set_field: an address keeps its lines, from a CSV cell or a flag")
{
  CHECK(with("address", "2 Church Row\r\nLondon").address == "2 Church Row\nLondon");
  CHECK(with("address", "2 Church Row; London").address == "2 Church Row\nLondon");
  CHECK(input::field_named("address") == input::Field::address);
}

TEST_CASE("set_field: a postcode is tidied; anything else is kept as written")
{
  CHECK(with("postcode", "ex11aa").postcode == "EX1 1AA");
  CHECK(with("postcode", " NFA ").postcode == "NFA");
}
