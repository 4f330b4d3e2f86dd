#include "panel/input/referrals.hpp"

#include "tests/unit/support.hpp"

#include <doctest/doctest.h>
#include <regex>
#include <sstream>

using namespace panel;
using input::FileKind;
using input::ReferralRecord;
using test::catch_error;

namespace {

core::Date day(const char* iso) { return *core::Date::parse(iso); }

std::vector<ReferralRecord> read_all(const std::string& text, FileKind kind, const std::string& source = "r.yaml")
{
  std::istringstream in(text);
  auto reader = input::referral_reader(in, source, kind);
  std::vector<ReferralRecord> records;
  ReferralRecord record;
  while (reader->next(record))
    records.push_back(record);
  return records;
}

std::vector<ReferralRecord> yaml(const std::string& text) { return read_all(text, FileKind::yaml, "r.yaml"); }
std::vector<ReferralRecord> csv(const std::string& text) { return read_all(text, FileKind::csv, "r.csv"); }

// The message of the error reading the whole text.
std::string read_error(const std::string& text, FileKind kind)
{
  const auto caught = catch_error([&] { read_all(text, kind, kind == FileKind::csv ? "r.csv" : "r.yaml"); });
  REQUIRE_MESSAGE(caught.thrown, "no error reading:\n", text);
  CHECK(caught.code == Exit::refused);
  return caught.message;
}

std::string yaml_error(const std::string& text) { return read_error(text, FileKind::yaml); }
std::string csv_error(const std::string& text) { return read_error(text, FileKind::csv); }

using Strings = std::vector<std::string>;

} // namespace

TEST_CASE("referral files: a YAML file with one mapping is one referral")
{
  const auto records = yaml("received: 2017-09-01\n"
                            "agency: POL\n"
                            "subject:\n"
                            "  name: Pat Kay\n"
                            "  dob: 1970-01-01\n"
                            "categories: [assault]\n"
                            "summary: Assaulted\n");
  REQUIRE(records.size() == 1);
  const auto& r = records[0].referral;
  CHECK(r.received == day("2017-09-01"));
  CHECK(r.agency == "POL");
  CHECK(r.name == "Pat Kay");
  CHECK(r.dob == day("1970-01-01"));
  CHECK(r.categories == Strings{"assault"});
  CHECK(r.summary == "Assaulted");
  CHECK(records[0].line == 1);
}

TEST_CASE("referral files: a YAML 'referrals:' list gives each referral in order, with its line")
{
  const auto records = yaml("referrals:\n"
                            "  - received: 2017-09-01\n"
                            "    agency: POL\n"
                            "    subject: {name: A One}\n"
                            "  - received: 2017-09-02\n"
                            "    agency: CST\n"
                            "    subject: {name: B Two}\n");
  REQUIRE(records.size() == 2);
  CHECK(records[0].referral.name == "A One");
  CHECK(records[0].line == 2);
  CHECK(records[1].referral.name == "B Two");
  CHECK(records[1].referral.agency == "CST");
  CHECK(records[1].line == 5);
  CHECK(records[1].line_of("agency") == 6);
  CHECK(records[1].line_of("name") == 7);
}

TEST_CASE("referral files: a YAML top-level list is a list of referrals")
{
  const auto records = yaml("- agency: POL\n"
                            "  name: A One\n"
                            "- agency: CST\n"
                            "  name: B Two\n");
  REQUIRE(records.size() == 2);
  CHECK(records[0].referral.name == "A One");
  CHECK(records[1].referral.agency == "CST");
}

TEST_CASE("referral files: an empty YAML file has no referrals")
{
  CHECK(yaml("").empty());
  CHECK(yaml("# nothing yet\n").empty());
  CHECK(yaml("referrals: []\n").empty());
}

TEST_CASE("referral files: YAML subject and referrer mappings fill the flat fields")
{
  const auto records = yaml("agency: POL\n"
                            "referrer: {name: PC Amy Harris, email: amy.harris@example.org}\n"
                            "subject:\n"
                            "  name: Daniel Okafor\n"
                            "  dob: 1986-03-14\n"
                            "  gender: male\n"
                            "  postcode: EC2Y 8DS\n"
                            "  resident: true\n"
                            "  bame: yes\n"
                            "  lgbt: no\n"
                            "  disability: false\n");
  REQUIRE(records.size() == 1);
  const auto& r = records[0].referral;
  CHECK(r.referrer_name == "PC Amy Harris");
  CHECK(r.referrer_email == "amy.harris@example.org");
  CHECK(r.name == "Daniel Okafor");
  CHECK(r.dob == day("1986-03-14"));
  CHECK(r.gender == "male");
  CHECK(r.postcode == "EC2Y 8DS");
  CHECK(r.resident == true);
  CHECK(r.bame == true);
  CHECK(r.lgbt == false);
  CHECK(r.disability == false);
  CHECK(records[0].line_of("dob") == 5);
  CHECK(records[0].line_of("referrer_email") == 2);
}

TEST_CASE("referral files: a YAML referrer may be just a name")
{
  const auto records = yaml("referrer: PC Amy Harris\n");
  REQUIRE(records.size() == 1);
  CHECK(records[0].referral.referrer_name == "PC Amy Harris");
}

TEST_CASE("referral files: YAML flat field names work as in CSV")
{
  const auto records = yaml("name: Pat Kay\ndob: 1970-01-01\nreferrer-email: a@example.org\nperson_id: 4\n");
  REQUIRE(records.size() == 1);
  CHECK(records[0].referral.name == "Pat Kay");
  CHECK(records[0].referral.dob == day("1970-01-01"));
  CHECK(records[0].referral.referrer_email == "a@example.org");
  CHECK(records[0].referral.person_id == 4);
}

TEST_CASE("referral files: YAML categories may be a list or one text with ';' or ','")
{
  CHECK(yaml("categories: [suicide, mental-health]\n")[0].referral.categories == Strings{"suicide", "mental-health"});
  CHECK(yaml("categories:\n  - suicide\n  - mental-health\n")[0].referral.categories ==
        Strings{"suicide", "mental-health"});
  CHECK(yaml("categories: suicide;mental-health\n")[0].referral.categories == Strings{"suicide", "mental-health"});
  CHECK(yaml("categories: suicide, mental-health\n")[0].referral.categories == Strings{"suicide", "mental-health"});
  CHECK(yaml("category: assault\n")[0].referral.categories == Strings{"assault"});
  CHECK(yaml("category: [assault, burglary]\n")[0].referral.categories == Strings{"assault", "burglary"});
}

TEST_CASE("referral files: YAML numbers, flags and a multi-line summary are read")
{
  const auto records = yaml("vulnerable: true\n"
                            "risk_level: High\n"
                            "risk_score: 12\n"
                            "risk_instrument: DASH RIC\n"
                            "incidents_12m: 4\n"
                            "agencies_involved: 3\n"
                            "children: 0\n"
                            "professional_judgement: yes\n"
                            "consent: refused\n"
                            "consent_rationale: Risk to life\n"
                            "role: victim\n"
                            "source_ref: CAD-1\n"
                            "summary: |\n"
                            "  Third attempt this year, \"on the bridge\".\n"
                            "  Not engaging.\n");
  REQUIRE(records.size() == 1);
  const auto& r = records[0].referral;
  CHECK(r.vulnerable);
  CHECK(r.risk_level == "high");
  CHECK(r.risk_score == 12);
  CHECK(r.risk_instrument == "DASH RIC");
  CHECK(r.incidents_12m == 4);
  CHECK(r.agencies_involved == 3);
  CHECK(r.children == 0);
  CHECK(r.professional_judgement);
  CHECK(r.consent == "refused");
  CHECK(r.consent_rationale == "Risk to life");
  CHECK(r.role == "victim");
  CHECK(r.source_ref == "CAD-1");
  CHECK(r.summary == "Third attempt this year, \"on the bridge\".\nNot engaging.");
}

TEST_CASE("referral files: YAML other parties are read with their fields")
{
  const auto records = yaml("name: Pat Kay\n"
                            "other_parties:\n"
                            "  - {name: Sam Kay, dob: 1972-02-02, role: perpetrator, relationship: ex-partner}\n"
                            "  - name: Al Kay\n"
                            "    relationship: son\n");
  REQUIRE(records.size() == 1);
  const auto& parties = records[0].referral.other_parties;
  REQUIRE(parties.size() == 2);
  CHECK(parties[0].name == "Sam Kay");
  CHECK(parties[0].dob == day("1972-02-02"));
  CHECK(parties[0].role == "perpetrator");
  CHECK(parties[0].relationship == "ex-partner");
  CHECK(parties[1].name == "Al Kay");
  CHECK_FALSE(parties[1].dob.has_value());
  CHECK(parties[1].relationship == "son");
  CHECK(records[0].line_of("other_parties[1].relationship") == 5);
  CHECK(records[0].line_of("other_parties[1].name") == 4);
}

TEST_CASE("referral files: a party's missing field is reported on the party's line, children included")
{
  // Lines 3 and 4 are the two parties; the second has no name.
  const std::string text = "name: Pat Kay\nother_parties:\n  - {name: Mia Kay, dob: 2012-05-03, role: CHILD}\n  - {role: perpetrator}\n";
  const auto record = yaml(text).at(0);
  CHECK(record.referral.other_parties.at(0).role == "child");
  CHECK(record.line_of("other_parties[1].name") == 4);
  CHECK(record.line_of("other_parties[0].name") == 3);
}

TEST_CASE("referral files: CSV other parties come from the other_parties column")
{
  const auto parties = csv("name,other_parties\nPat Kay,\"Sam Kay|1972-02-02|perpetrator|ex-partner;Mia Kay||child\"\n")
                           .at(0)
                           .referral.other_parties;
  REQUIRE(parties.size() == 2);
  CHECK(parties[1].name == "Mia Kay");
  CHECK(parties[1].role == "child");
}

TEST_CASE("referral files: a YAML line_of for a field not written falls back to the referral's line")
{
  const auto records = yaml("referrals:\n  - name: A\n  - name: B\n    agency: POL\n");
  REQUIRE(records.size() == 2);
  CHECK(records[1].line_of("summary") == 3);
  CHECK(records[1].line_of("agency") == 4);
}

TEST_CASE("referral files: a YAML unknown field is refused with file:line: field:")
{
  const auto message = yaml_error("agency: POL\nnmae: Pat Kay\n");
  CHECK(message.starts_with("r.yaml:2: nmae: unknown field (known: received, agency,"));
}

TEST_CASE("referral files: YAML errors in nested fields name the nested field and its line")
{
  CHECK(yaml_error("agency: POL\nsubject:\n  name: Pat\n  dob: 1970-02-30\n")
            .starts_with("r.yaml:4: dob: '1970-02-30': February 1970 has 28 days"));
  CHECK(yaml_error("subject:\n  name: Pat\n  age: 40\n").starts_with("r.yaml:3: subject.age: unknown field"));
  CHECK(yaml_error("subject: Pat Kay\n").starts_with("r.yaml:1: subject: expected a mapping"));
  CHECK(yaml_error("referrer:\n  name: Amy\n  phone: 123\n").starts_with("r.yaml:3: referrer.phone: unknown field"));
  CHECK(yaml_error("referrer: [Amy]\n").starts_with("r.yaml:1: referrer: expected a mapping"));
}

TEST_CASE("referral files: YAML other party errors name the party and its field")
{
  CHECK(yaml_error("other_parties: Sam\n").starts_with("r.yaml:1: other_parties: expected a list of people"));
  CHECK(yaml_error("other_parties:\n  - Sam\n").starts_with("r.yaml:2: other_parties[0]: expected a mapping"));
  CHECK(yaml_error("other_parties:\n  - name: Sam\n  - name: Al\n    dob: soon\n")
            .starts_with("r.yaml:4: other_parties[1].dob: 'soon' is not a date"));
  CHECK(yaml_error("other_parties:\n  - name: Sam\n    age: 3\n")
            .starts_with("r.yaml:3: other_parties[0].age: unknown field"));
}

TEST_CASE("referral files: YAML type errors name the file, line and field")
{
  CHECK(yaml_error("referrals:\n  - agency: POL\n  - risk_score: high\n")
            .starts_with("r.yaml:3: risk_score: expected a whole number, got 'high'"));
  CHECK(yaml_error("vulnerable: perhaps\n").starts_with("r.yaml:1: vulnerable: expected true or false"));
  CHECK(yaml_error("agency: [POL, CST]\n").starts_with("r.yaml:1: agency: expected a single value"));
  CHECK(yaml_error("received: {day: 1}\n").starts_with("r.yaml:1: received: expected a single value"));
  CHECK(yaml_error("categories: [[a]]\n").starts_with("r.yaml:1: category: expected a single value"));
}

TEST_CASE("referral files: a YAML 'referrals:' list allows nothing else at the top level")
{
  CHECK(yaml_error("panel: CCM\nreferrals:\n  - agency: POL\n")
            .starts_with("r.yaml:1: panel: a file with a 'referrals:' list has nothing else"));
  CHECK(yaml_error("referrals: POL\n").starts_with("r.yaml:1: referrals: expected a list of referrals"));
}

TEST_CASE("referral files: YAML that is not a mapping or list is refused")
{
  CHECK(yaml_error("just some text\n").starts_with("r.yaml:1: referrals: expected a referral"));
  CHECK(yaml_error("- agency: POL\n- just text\n").starts_with("r.yaml:2: referrals[1]: expected a mapping of fields"));
}

TEST_CASE("referral files: a YAML syntax error names the file and line")
{
  CHECK(yaml_error("agency: POL\nsubject: {name: Pat\n").starts_with("r.yaml:"));
  CHECK(yaml_error("agency: POL\nsubject: {name: Pat\n").find(":2:10: the '{' on this line is never closed") != std::string::npos);
}

TEST_CASE("referral files: YAML that is not UTF-8 is refused")
{
  CHECK(yaml_error("name: Pat \xff Kay\n") == "r.yaml:1: not valid UTF-8 text (save the file as UTF-8)");
}

TEST_CASE("referral files: every value error in a file starts with file:line: field:")
{
  const std::regex form(R"(^r\.(yaml|csv):[1-9][0-9]*: [a-z_0-9.\[\]]+: \S.*)");
  const std::vector<std::string> bad_yaml = {
      "received: 2017-02-30\n",
      "subject: {dob: 1.1.1970}\n",
      "risk_score: 3.5\n",
      "incidents_12m: many\n",
      "children: 99999999999\n",
      "resident: sometimes\n",
      "person: -1\n",
      "nickname: Pat\n",
      "subject: {nickname: Pat}\n",
      "referrer: {phone: 1}\n",
      "subject: [Pat]\n",
      "agency: {code: POL}\n",
      "categories: [[assault]]\n",
      "other_parties: {name: Sam}\n",
      "other_parties: [{name: Sam, dob: soon}]\n",
      "other_parties: [{name: Sam, age: 3}]\n",
      "referrals: 3\n",
      "referrals: []\nother: 1\n",
      "- 3\n",
  };
  for (const auto& text : bad_yaml) {
    const auto message = yaml_error(text);
    CHECK_MESSAGE(std::regex_match(message, form), text, " gives: ", message);
  }
  const std::vector<std::string> bad_csv = {
      "received\n2017-02-30\n",
      "dob\n1/1/1970\n",
      "risk_score\n3.5\n",
      "vulnerable\nperhaps\n",
      "person\n0\n",
      "name,dob\nPat\n",
      "category,Categories\na,b\n",
  };
  for (const auto& text : bad_csv) {
    const auto message = csv_error(text);
    CHECK_MESSAGE(std::regex_match(message, form), text, " gives: ", message);
  }
}

TEST_CASE("referral files: a YAML field given twice in one referral is refused")
{
  // yaml-cpp keeps duplicate keys; the CSV reader refuses a repeated column, and YAML matches it.
  const auto caught = catch_error([] { yaml("agency: POL\nname: Pat\nagency: CST\n"); });
  REQUIRE(caught.thrown);
  CHECK(caught.message.starts_with("r.yaml:3: agency: "));
}

TEST_CASE("referral files: CSV has a header row and one referral per row")
{
  const auto records = csv("received,agency,name,dob,category,summary\n"
                           "2017-09-01,POL,Pat Kay,1970-01-01,assault,Assaulted\n"
                           "2017-09-02,CST,Sam Lee,,suicide;mental-health,\"Two, lines\"\n");
  REQUIRE(records.size() == 2);
  CHECK(records[0].referral.received == day("2017-09-01"));
  CHECK(records[0].referral.name == "Pat Kay");
  CHECK(records[0].line == 2);
  CHECK(records[1].referral.agency == "CST");
  CHECK_FALSE(records[1].referral.dob.has_value());
  CHECK(records[1].referral.categories == Strings{"suicide", "mental-health"});
  CHECK(records[1].referral.summary == "Two, lines");
  CHECK(records[1].line == 3);
  CHECK(records[1].line_of("summary") == 3);
}

TEST_CASE("referral files: CSV header names may use aliases, hyphens and capitals")
{
  const auto records = csv("Received,Agency,referrer-email,Referrer Name,categories,Name,person-id\n"
                           "2017-09-01,POL,amy@example.org,PC Amy,\"suicide,mental-health\",Pat Kay,3\n");
  REQUIRE(records.size() == 1);
  const auto& r = records[0].referral;
  CHECK(r.referrer_email == "amy@example.org");
  CHECK(r.referrer_name == "PC Amy");
  CHECK(r.categories == Strings{"suicide", "mental-health"});
  CHECK(r.person_id == 3);
}

TEST_CASE("referral files: a CSV row with the wrong number of fields is refused")
{
  CHECK(csv_error("received,agency,name\n2017-09-01,POL\n") ==
        "r.csv:2: row: has 2 fields but the header has 3 columns");
  CHECK(csv_error("received,agency,name\n2017-09-01,POL,Pat,extra\n") ==
        "r.csv:2: row: has 4 fields but the header has 3 columns");
}

TEST_CASE("referral files: an unknown CSV column is ignored with one warning and a did-you-mean")
{
  std::istringstream in("received,agency,Postcde,Notes,name\n2017-09-01,POL,EC2Y 8DS,x,Pat\n2017-09-02,POL,,y,Sam\n");
  auto reader = input::referral_reader(in, "r.csv", FileKind::csv);
  ReferralRecord record;
  REQUIRE(reader->next(record));
  CHECK(record.referral.name == "Pat");
  CHECK(record.referral.postcode.empty());
  REQUIRE(reader->next(record));
  CHECK_FALSE(reader->next(record));
  REQUIRE(reader->warnings().size() == 2);
  CHECK(reader->warnings()[0] == "r.csv:1: column 'Postcde' is not a referral field and is ignored (did you mean "
                                 "'postcode'?)");
  CHECK(reader->warnings()[1].starts_with("r.csv:1: column 'Notes' is not a referral field and is ignored (known: "
                                          "received, agency,"));
}

TEST_CASE("referral files: with strict, an unknown CSV column refuses the file on the header line")
{
  std::istringstream in("received,agency,nmae\n2017-09-01,POL,Pat\n");
  auto reader = input::referral_reader(in, "r.csv", FileKind::csv);
  reader->configure({core::DateOrder::iso, true, false});
  ReferralRecord record;
  const auto caught = catch_error([&] { reader->next(record); });
  REQUIRE(caught.thrown);
  CHECK(caught.message.starts_with("r.csv:1: column 'nmae' is not a referral field (did you mean 'name'?); --strict "
                                   "refuses it"));
  CHECK(reader->warnings().empty());
}

TEST_CASE("referral files: CSV rows of blank cells are skipped wherever they are")
{
  const auto records = csv(",,\nreceived,agency,name\n,,\n2017-09-01,POL,Pat\n , ,\t\n,,\n2017-09-02,POL,Sam\n,,\n,,\n");
  REQUIRE(records.size() == 2);
  CHECK(records[0].line == 4);
  CHECK(records[1].line == 7);
}

TEST_CASE("referral files: CSV headers match whatever their case and surrounding spaces")
{
  const auto records = csv(" RECEIVED ,Agency , Source Ref,DOB\n2017-09-01,POL,S-1,1970-01-01\n");
  REQUIRE(records.size() == 1);
  CHECK(records[0].referral.received == day("2017-09-01"));
  CHECK(records[0].referral.source_ref == "S-1");
  CHECK(records[0].referral.dob == day("1970-01-01"));
}

TEST_CASE("referral files: a CSV column with no name may only be empty")
{
  // A trailing comma, as spreadsheets often export, leaves a column without a name.
  CHECK(csv("received,agency,\n2017-09-01,POL,\n").size() == 1);
  CHECK(csv_error("received,agency,\n2017-09-01,POL,x\n") ==
        "r.csv:2: column 3: has a value but the header names no field there");
}

TEST_CASE("referral files: every bad value of a CSV row is reported at once")
{
  CHECK(csv_error("received,dob,risk_score\n2017-02-30,1970-13-01,lots\n") ==
        "r.csv:2: received: '2017-02-30': February 2017 has 28 days\n"
        "panel: error: r.csv:2: dob: '1970-13-01': month 13 does not exist\n"
        "panel: error: r.csv:2: risk_score: expected a whole number, got 'lots'");
}

TEST_CASE("referral files: with problems in the record, the reader returns the rest of the referral")
{
  std::istringstream in("received,name,dob\n05/02/2017,Pat,1970-01-01\n");
  auto reader = input::referral_reader(in, "r.csv", FileKind::csv);
  reader->configure({core::DateOrder::iso, false, true});
  ReferralRecord record;
  REQUIRE(reader->next(record));
  CHECK(record.referral.name == "Pat");
  REQUIRE(record.problems.size() == 1);
  CHECK(record.problems[0].field == "received");
  CHECK(record.problems[0].line == 2);
  CHECK(record.problems[0].message.starts_with("r.csv:2: received: '05/02/2017': dates must be yyyy-mm-dd"));
}

TEST_CASE("referral files: the date order dmy reads dd/mm/yyyy in CSV, YAML and parties")
{
  std::istringstream in("received,dob,other_parties\n05/02/2017,14/03/1986,Mia|03/05/2012|child\n");
  auto reader = input::referral_reader(in, "r.csv", FileKind::csv);
  reader->configure({core::DateOrder::dmy, false, false});
  ReferralRecord record;
  REQUIRE(reader->next(record));
  CHECK(record.referral.received == day("2017-02-05"));
  CHECK(record.referral.dob == day("1986-03-14"));
  REQUIRE(record.referral.other_parties.size() == 1);
  CHECK(record.referral.other_parties[0].dob == day("2012-05-03"));

  std::istringstream text("received: 05/02/2017\nsubject: {name: Pat, dob: 14/03/1986}\n");
  auto yaml_reader = input::referral_reader(text, "r.yaml", FileKind::yaml);
  yaml_reader->configure({core::DateOrder::dmy, false, false});
  REQUIRE(yaml_reader->next(record));
  CHECK(record.referral.received == day("2017-02-05"));
  CHECK(record.referral.dob == day("1986-03-14"));
}

TEST_CASE("referral files: a CSV column given twice is refused")
{
  CHECK(csv_error("category,categories\nassault,burglary\n") == "r.csv:1: category: the column appears twice");
}

TEST_CASE("referral files: CSV type errors name the file, line and column")
{
  CHECK(csv_error("name,risk_score\nA,1\nB,lots\n") == "r.csv:3: risk_score: expected a whole number, got 'lots'");
  CHECK(csv_error("name,dob\nA,14/03/1986\n").starts_with("r.csv:2: dob: '14/03/1986': dates must be yyyy-mm-dd"));
}

TEST_CASE("referral files: CSV line numbers count the lines inside quoted fields")
{
  const auto message = csv_error("name,summary,risk_score\nA,\"one\ntwo\nthree\",1\nB,x,bad\n");
  CHECK(message.starts_with("r.csv:5: risk_score: "));
}

TEST_CASE("referral files: CRLF inside a quoted CSV summary becomes LF")
{
  const auto records = csv("name,summary\r\nPat Kay,\"First line.\r\nSecond line.\"\r\nSam,x\r\n");
  REQUIRE(records.size() == 2);
  CHECK(records[0].referral.summary == "First line.\nSecond line.");
  CHECK(records[1].referral.name == "Sam");
  CHECK(records[1].referral.summary == "x");
}

TEST_CASE("referral files: a CSV file with a byte order mark reads its first column")
{
  const auto records = csv("\xef\xbb\xbfreceived,name\n2017-09-01,Pat\n");
  REQUIRE(records.size() == 1);
  CHECK(records[0].referral.received == day("2017-09-01"));
}

TEST_CASE("referral files: an empty CSV file or one with only a header has no referrals")
{
  CHECK(csv("").empty());
  CHECK(csv("received,agency,name\n").empty());
}

TEST_CASE("referral files: guess_kind goes by the file extension")
{
  CHECK(input::guess_kind("r.csv", "anything") == FileKind::csv);
  CHECK(input::guess_kind("R.CSV", "anything") == FileKind::csv);
  CHECK(input::guess_kind("r.yaml", "received,agency") == FileKind::yaml);
  CHECK(input::guess_kind("r.yml", "received,agency") == FileKind::yaml);
  CHECK(input::guess_kind("R.YAML", "received,agency") == FileKind::yaml);
}

TEST_CASE("referral files: guess_kind recognises a CSV header on standard input")
{
  CHECK(input::guess_kind("-", "received,agency,name") == FileKind::csv);
  CHECK(input::guess_kind("-", "Referrer-Email,name\r") == FileKind::csv);
  CHECK(input::guess_kind("referrals.txt", "name,dob") == FileKind::csv);
}

TEST_CASE("referral files: guess_kind takes other first lines for YAML")
{
  CHECK(input::guess_kind("-", "referrals:") == FileKind::yaml);
  CHECK(input::guess_kind("-", "received: 2017-09-01") == FileKind::yaml);
  CHECK(input::guess_kind("-", "summary: one, two") == FileKind::yaml);
  CHECK(input::guess_kind("-", "- name: Pat, Kay") == FileKind::yaml);
  CHECK(input::guess_kind("-", "date,place") == FileKind::yaml);
  CHECK(input::guess_kind("-", "") == FileKind::yaml);
}

TEST_CASE("referral files: guess_kind recognises a CSV header that starts with a byte order mark")
{
  CHECK(input::guess_kind("-", "\xef\xbb\xbfreceived,agency,name") == FileKind::csv);
}

TEST_CASE("referral files: guess_kind recognises a CSV header with quoted names")
{
  // RFC 4180 allows quoted header cells ("received","agency").
  CHECK(input::guess_kind("-", "\"received\",\"agency\",\"name\"") == FileKind::csv);
}

TEST_CASE("referral files: fields from the command line make one referral")
{
  auto reader = input::referral_from_fields(
      {{"received", "2017-09-01"}, {"agency", "POL"}, {"name", "Pat Kay"}, {"category", "assault;burglary"},
       {"category", "suicide"}, {"risk_score", "14"}, {"summary", "s"}});
  ReferralRecord record;
  REQUIRE(reader->next(record));
  CHECK(record.referral.received == day("2017-09-01"));
  CHECK(record.referral.name == "Pat Kay");
  CHECK(record.referral.categories == Strings{"assault", "burglary", "suicide"});
  CHECK(record.referral.risk_score == 14);
  CHECK_FALSE(reader->next(record));
}

TEST_CASE("referral files: errors in command-line fields name the flag")
{
  auto error = [](const std::string& field, const std::string& text) {
    auto reader = input::referral_from_fields({{"agency", "POL"}, {field, text}});
    ReferralRecord record;
    const auto caught = catch_error([&] { reader->next(record); });
    CHECK(caught.thrown);
    CHECK(caught.code == Exit::refused);
    return caught.message;
  };
  CHECK(error("dob", "14/03/1986").starts_with("--dob: '14/03/1986': dates must be yyyy-mm-dd"));
  CHECK(error("received", "tomorrow").starts_with("--received: "));
  CHECK(error("risk_score", "high") == "--risk-score: expected a whole number, got 'high'");
  CHECK(error("incidents_12m", "x").starts_with("--incidents-12m: "));
  CHECK(error("person", "0") == "--person: a person id is a positive number");
  CHECK(error("vulnerable", "maybe").starts_with("--vulnerable: expected true or false"));
}

TEST_CASE("referral files: a CSV header without a field's column names it once, with the header that looks like it")
{
  std::istringstream in("Recieved,Agency,Name,Categories,Summary\n2017-09-01,POL,Ann Lee,suicide,x\n");
  auto reader = input::referral_reader(in, "r.csv", FileKind::csv);
  ReferralRecord record;
  REQUIRE(reader->next(record));
  CHECK(reader->absent_column("received") ==
        "r.csv:1: the column 'received' is missing; the header 'Recieved' looks like it: rename it");
  CHECK(reader->absent_column("dob") == "r.csv:1: the column 'dob' is missing: add it to the header row");
  for (const char* present : {"agency", "name", "category", "summary"})
    CHECK_FALSE(reader->absent_column(present));
  // Every field is either a column of the header or absent, never both.
  for (const auto& field : core::referral_fields())
    CHECK(reader->absent_column(field).has_value() ==
          (field != "agency" && field != "name" && field != "category" && field != "summary"));
}

TEST_CASE("referral files: a YAML file has no absent columns")
{
  std::istringstream in("received: 2017-09-01\nname: Ann Lee\n");
  auto reader = input::referral_reader(in, "r.yaml", FileKind::yaml);
  ReferralRecord record;
  REQUIRE(reader->next(record));
  for (const auto& field : core::referral_fields())
    CHECK_FALSE(reader->absent_column(field));
}

TEST_CASE("referral files: a CSV saved with ';' between columns is one problem saying how to save it")
{
  const auto message = csv_error("Received;Agency;Name;Categories;Summary\n05/09/2017;POL;Ann Lee;suicide;x\n");
  CHECK(message == "r.csv:1: the columns are separated by ';': in Excel, save as 'CSV UTF-8 (Comma delimited)'");
  // A ';' inside one column of a comma-separated header is not that.
  CHECK(csv("Received,Agency,Name,Categories,Summary\n2017-09-01,POL,Ann Lee,suicide,\"a; b\"\n").size() == 1);
}
