#include "panel/ops/intake.hpp"

#include "panel/ops/referrals.hpp"
#include "panel/ops/setup.hpp"
#include "panel/ops/triage.hpp"
#include "panel/store/audit.hpp"
#include "panel/store/referrals.hpp"
#include "tests/unit/support.hpp"

#include <doctest/doctest.h>
#include <sstream>

using namespace panel;
using test::catch_error;

namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;
using Strings = std::vector<std::string>;

// Every referral in these tests is received on or before this day.
const std::string late = "2019-12-31T10:00:00Z";

Fields operator+(Fields fields, const Fields& more)
{
  fields.insert(fields.end(), more.begin(), more.end());
  return fields;
}

// What one call of record_referrals did.
struct Recorded {
  size_t count = 0;
  std::vector<ops::IntakeItem> items;
  Strings skipped;
  size_t skipped_voided = 0;
  Strings warnings;
};

// A panel database made by `ops::init` from a shipped profile in a temporary folder.
struct Panel {
  explicit Panel(const std::string& profile = "ccm")
      : category(profile == "marac" ? "physical-abuse" : "assault"), path(dir.file("panel.db")),
        db((ops::init(path, profile, test::actor("2015-01-01T09:00:00Z", "init")), store::Db::open(path)))
  {
  }

  // A valid referral about `name` received on `received` (later fields override earlier ones).
  Fields referral(const std::string& received, const std::string& name = "Pat Kay",
                  const std::string& dob = "1970-01-01") const
  {
    return {{"received", received}, {"agency", "POL"}, {"name", name},     {"dob", dob},
            {"category", category}, {"summary", "s"}};
  }

  // Records what the reader yields, collecting the items the sink is given.
  Recorded run(input::ReferralReader& reader, const std::string& source, const ops::IntakeOptions& options,
               const std::string& at = late)
  {
    Recorded out;
    const auto result = ops::record_referrals(db, reader, source, options, test::actor(at, "refer"),
                                              [&](const ops::IntakeItem& item) { out.items.push_back(item); });
    out.count = result.recorded;
    out.skipped = result.skipped;
    out.skipped_voided = result.skipped_voided;
    out.warnings = result.warnings;
    CHECK(out.count == out.items.size());
    return out;
  }

  // Records one referral as typed on the command line.
  ops::IntakeItem refer(const Fields& fields, const ops::IntakeOptions& options = {})
  {
    auto reader = input::referral_from_fields(fields);
    const auto out = run(*reader, "", options);
    REQUIRE(out.items.size() == 1);
    return out.items.front();
  }

  // Records the referrals of a YAML file "r.yaml".
  Recorded refer_file(const std::string& yaml, const ops::IntakeOptions& options = {}, const std::string& at = late)
  {
    std::istringstream in(yaml);
    auto reader = input::referral_reader(in, "r.yaml", input::FileKind::yaml);
    return run(*reader, "r.yaml", options, at);
  }

  // The message of a refused file.
  std::string refused_file(const std::string& yaml, const ops::IntakeOptions& options = {})
  {
    const auto caught = catch_error([&] { refer_file(yaml, options); });
    REQUIRE(caught.thrown);
    CHECK(caught.code == Exit::refused);
    return caught.message;
  }

  core::RecordedReferral get(const std::string& reference)
  {
    const auto found = store::find_referral(db, reference);
    REQUIRE_MESSAGE(found, "no referral ", reference);
    return *found;
  }

  // Everything intake can change, for before/after comparisons.
  std::string state()
  {
    return test::raw_sql(path,
                         "SELECT (SELECT count(*) FROM referral) || '|' || (SELECT count(*) FROM person) || '|' || "
                         "(SELECT count(*) FROM referral_category) || '|' || (SELECT count(*) FROM other_party) || "
                         "'|' || (SELECT count(*) FROM possible_match) || '|' || (SELECT count(*) FROM decision) || "
                         "'|' || (SELECT count(*) FROM \"case\") || '|' || (SELECT count(*) FROM audit_log) || '|' || "
                         "coalesce((SELECT group_concat(kind || year || '=' || last) FROM reference_counter), '') || "
                         "'|' || coalesce((SELECT group_concat(reference || ':' || status || ':' || "
                         "coalesce(repeat_of, '') || ':' || criteria_met) FROM referral), '')")
        .first_value;
  }

  size_t persons() { return std::stoul(test::raw_sql(path, "SELECT count(*) FROM person").first_value); }

  std::string category;
  test::TempDir dir;
  std::string path;
  store::Db db;
};

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

} // namespace

TEST_CASE("intake: the first referral of a year is PREFIX-YEAR-0001")
{
  Panel ccm;
  CHECK(ccm.refer(ccm.referral("2017-09-01")).reference == "CCM-2017-0001");
  Panel marac("marac");
  CHECK(marac.refer(marac.referral("2017-09-01")).reference == "MARAC-2017-0001");
}

TEST_CASE("intake: references count up within a year")
{
  Panel panel;
  CHECK(panel.refer(panel.referral("2017-01-05", "A One")).reference == "CCM-2017-0001");
  CHECK(panel.refer(panel.referral("2017-03-05", "B Two")).reference == "CCM-2017-0002");
  CHECK(panel.refer(panel.referral("2017-02-05", "C Three")).reference == "CCM-2017-0003");
}

TEST_CASE("intake: each year received has its own sequence")
{
  Panel panel;
  CHECK(panel.refer(panel.referral("2017-01-05", "A One")).reference == "CCM-2017-0001");
  CHECK(panel.refer(panel.referral("2016-12-31", "B Two")).reference == "CCM-2016-0001");
  CHECK(panel.refer(panel.referral("2017-06-05", "C Three")).reference == "CCM-2017-0002");
  CHECK(panel.refer(panel.referral("2016-01-01", "D Four")).reference == "CCM-2016-0002");
  CHECK(panel.refer(panel.referral("2018-01-01", "E Five")).reference == "CCM-2018-0001");
}

TEST_CASE("intake: a reference number is never reused, even when the referral that had it is gone")
{
  Panel panel;
  panel.refer(panel.referral("2017-01-05", "A One"));
  panel.refer(panel.referral("2017-01-06", "B Two"));
  // Remove the last referral behind the library's back (as a future purge would).
  const auto removed = test::raw_sql(panel.path,
                                     "DELETE FROM referral_category WHERE referral_id = "
                                     "(SELECT id FROM referral WHERE reference = 'CCM-2017-0002'); "
                                     "DELETE FROM referral WHERE reference = 'CCM-2017-0002';");
  REQUIRE(removed.rc == SQLITE_OK);
  CHECK(panel.refer(panel.referral("2017-01-07", "C Three")).reference == "CCM-2017-0003");
}

TEST_CASE("intake: a refused file uses up no reference numbers")
{
  Panel panel;
  panel.refused_file("referrals:\n"
                     "  - {received: 2017-01-05, agency: POL, name: A One, categories: [assault], summary: s}\n"
                     "  - {received: 2017-01-06, agency: PLC, name: B Two, categories: [assault], summary: s}\n");
  CHECK(panel.refer(panel.referral("2017-01-07", "C Three")).reference == "CCM-2017-0001");
}

TEST_CASE("intake: the item says what was found")
{
  Panel panel;
  const auto item = panel.refer(panel.referral("2017-06-05") + Fields{{"risk_level", "high"}, {"incidents_12m", "3"}});
  CHECK(item.reference == "CCM-2017-0001");
  CHECK(item.received == *core::Date::parse("2017-06-05"));
  CHECK(item.agency == "POL");
  CHECK(item.person_id > 0);
  CHECK(item.repeat_of == "");
  CHECK(item.possible_matches.empty());
  CHECK(item.criteria_met == Strings{"high-risk", "persistent"});
  CHECK(item.meets_threshold);
}

TEST_CASE("intake: a referral meeting no criterion is recorded below threshold")
{
  Panel panel;
  const auto item = panel.refer(panel.referral("2017-06-05") + Fields{{"risk_level", "medium"}});
  CHECK(item.criteria_met.empty());
  CHECK_FALSE(item.meets_threshold);
  CHECK(panel.get(item.reference).status == "pending");
}

TEST_CASE("intake: every field of a referral from a file is stored")
{
  Panel panel;
  panel.refer_file("received: 2017-06-05\n"
                   "agency: POL\n"
                   "source_ref: CAD-1\n"
                   "referrer: {name: PC Amy Harris, email: amy.harris@example.org}\n"
                   "subject: {name: Daniel Okafor, dob: 1986-03-14, gender: male, postcode: EC2Y 8DS, resident: true}\n"
                   "role: victim\n"
                   "categories: [suicide, mental-health]\n"
                   "vulnerable: true\n"
                   "risk_level: high\n"
                   "risk_score: 12\n"
                   "incidents_12m: 4\n"
                   "agencies_involved: 3\n"
                   "children: 0\n"
                   "consent: refused\n"
                   "consent_rationale: Risk to life\n"
                   "other_parties:\n"
                   "  - {name: Sam Okafor, dob: 1985-01-01, role: perpetrator, relationship: brother}\n"
                   "summary: |\n"
                   "  Third attempt this year.\n"
                   "  Not engaging.\n");
  const auto rec = panel.get("CCM-2017-0001");
  const auto& r = rec.referral;
  CHECK(r.received == *core::Date::parse("2017-06-05"));
  CHECK(r.agency == "POL");
  CHECK(r.source_ref == "CAD-1");
  CHECK(r.referrer_name == "PC Amy Harris");
  CHECK(r.referrer_email == "amy.harris@example.org");
  CHECK(r.name == "Daniel Okafor");
  CHECK(r.dob == core::Date::parse("1986-03-14"));
  CHECK(r.gender == "male");
  CHECK(r.postcode == "EC2Y 8DS");
  CHECK(r.resident == true);
  CHECK(r.role == "victim");
  CHECK(r.categories == Strings{"suicide", "mental-health"});
  CHECK(r.vulnerable);
  CHECK(r.risk_level == "high");
  CHECK(r.risk_score == 12);
  CHECK(r.incidents_12m == 4);
  CHECK(r.agencies_involved == 3);
  CHECK(r.children == 0);
  CHECK(r.consent == "refused");
  CHECK(r.consent_rationale == "Risk to life");
  CHECK(r.summary == "Third attempt this year.\nNot engaging.");
  REQUIRE(r.other_parties.size() == 1);
  CHECK(r.other_parties[0].name == "Sam Okafor");
  CHECK(r.other_parties[0].relationship == "brother");
  CHECK(rec.criteria_met == Strings{"high-risk", "persistent", "vulnerable-complex"});
  CHECK(rec.meets_threshold);
  CHECK(rec.status == "pending");
  CHECK(rec.case_reference == "");
}

TEST_CASE("intake: each referral recorded is audited")
{
  Panel panel;
  const auto before = store::list_audit(panel.db, "").size();
  panel.refer_file("referrals:\n"
                   "  - {received: 2017-01-05, agency: POL, name: A One, categories: [assault], summary: s}\n"
                   "  - {received: 2017-01-06, agency: POL, name: B Two, categories: [assault], summary: s}\n");
  const auto audit = store::list_audit(panel.db, "");
  REQUIRE(audit.size() == before + 2);
  CHECK(audit[before].action == "create");
  CHECK(audit[before].entity == "referral");
  CHECK(audit[before].record == "CCM-2017-0001");
  CHECK(audit[before + 1].record == "CCM-2017-0002");
}

TEST_CASE("repeat: the same name and date of birth within 365 days is a repeat of the same person")
{
  Panel panel;
  const auto first = panel.refer(panel.referral("2017-01-05"));
  const auto second = panel.refer(panel.referral("2017-06-05"));
  CHECK(second.person_id == first.person_id);
  CHECK(second.repeat_of == first.reference);
  CHECK(second.possible_matches.empty());
  CHECK(panel.get(second.reference).repeat_of == first.reference);
  CHECK(panel.persons() == 1);
}

TEST_CASE("repeat: names that differ only in case, accents, spacing, hyphens and apostrophes are the same person")
{
  Panel panel;
  const auto first = panel.refer(panel.referral("2017-01-05", "Zoë O'Brien-Smith"));
  const auto second = panel.refer(panel.referral("2017-02-05", "  ZOE  obrien smith "));
  CHECK(second.person_id == first.person_id);
  CHECK(second.repeat_of == first.reference);
}

TEST_CASE("repeat: 365 days after the last referral is still a repeat, 366 is not")
{
  Panel panel;
  const auto first = panel.refer(panel.referral("2015-03-01"));
  const auto leap = panel.refer(panel.referral("2016-02-29"));  // 365 days, across 29 February
  CHECK(leap.repeat_of == first.reference);
  const auto later = panel.refer(panel.referral("2017-03-01"));  // 366 days
  CHECK(later.repeat_of == "");
  CHECK(later.person_id == first.person_id);
  const auto same_day = panel.refer(panel.referral("2017-03-01"));
  CHECK(same_day.repeat_of == later.reference);
}

TEST_CASE("repeat: a repeat is of the person's latest referral, not the first")
{
  Panel panel;
  panel.refer(panel.referral("2017-01-05"));
  const auto second = panel.refer(panel.referral("2017-03-05"));
  const auto third = panel.refer(panel.referral("2017-06-05"));
  CHECK(third.repeat_of == second.reference);
}

TEST_CASE("repeat: in the marac profile a repeat meets the repeat criterion")
{
  Panel panel("marac");
  const auto first = panel.refer(panel.referral("2017-01-05"));
  CHECK_FALSE(first.meets_threshold);
  const auto second = panel.refer(panel.referral("2017-06-05"));
  CHECK(second.criteria_met == Strings{"repeat"});
  CHECK(second.meets_threshold);
  const auto stored = panel.get(second.reference);
  CHECK(stored.criteria_met == Strings{"repeat"});
  CHECK(stored.meets_threshold);
}

TEST_CASE("repeat: in the ccm profile a repeat alone does not meet the threshold")
{
  Panel panel;
  panel.refer(panel.referral("2017-01-05"));
  const auto second = panel.refer(panel.referral("2017-06-05"));
  CHECK(second.repeat_of != "");
  CHECK_FALSE(second.meets_threshold);
}

TEST_CASE("repeat: the same name without a date of birth is only a possible match, never merged")
{
  Panel panel;
  const auto first = panel.refer(panel.referral("2017-01-05"));
  const auto second = panel.refer(panel.referral("2017-06-05", "Pat Kay", ""));
  CHECK(second.person_id != first.person_id);
  CHECK(second.repeat_of == "");
  CHECK(second.possible_matches == Strings{first.reference});
  const auto stored = panel.get(second.reference);
  CHECK(stored.possible_matches == Strings{first.reference});
  CHECK(stored.repeat_of == "");
  CHECK(panel.persons() == 2);
}

TEST_CASE("repeat: the same name with a different date of birth is only a possible match")
{
  Panel panel;
  const auto first = panel.refer(panel.referral("2017-01-05", "Pat Kay", "1970-01-01"));
  const auto second = panel.refer(panel.referral("2017-06-05", "Pat Kay", "1971-01-01"));
  CHECK(second.person_id != first.person_id);
  CHECK(second.repeat_of == "");
  CHECK(second.possible_matches == Strings{first.reference});
}

TEST_CASE("repeat: a date of birth given later does not merge with a referral that had none")
{
  Panel panel;
  const auto first = panel.refer(panel.referral("2017-01-05", "Pat Kay", ""));
  const auto second = panel.refer(panel.referral("2017-06-05", "Pat Kay", "1970-01-01"));
  CHECK(second.person_id != first.person_id);
  CHECK(second.repeat_of == "");
  CHECK(second.possible_matches == Strings{first.reference});
}

TEST_CASE("repeat: two referrals without a date of birth are never merged")
{
  Panel panel;
  const auto first = panel.refer(panel.referral("2017-01-05", "Pat Kay", ""));
  const auto second = panel.refer(panel.referral("2017-06-05", "Pat Kay", ""));
  CHECK(second.person_id != first.person_id);
  CHECK(second.repeat_of == "");
  CHECK(second.possible_matches == Strings{first.reference});
}

TEST_CASE("repeat: possible matches name each other person's latest referral, on repeats too")
{
  Panel panel;
  panel.refer(panel.referral("2017-01-05", "Pat Kay", ""));                      // 0001: person A
  panel.refer(panel.referral("2017-01-06", "Pat Kay", "1960-05-05"));            // 0002: person B
  const auto b_latest = panel.refer(panel.referral("2017-02-05", "Pat Kay", "1960-05-05"));  // 0003: B again
  CHECK(b_latest.repeat_of == "CCM-2017-0002");
  CHECK(b_latest.possible_matches == Strings{"CCM-2017-0001"});
  const auto first = panel.refer(panel.referral("2017-03-05", "Pat Kay", "1970-01-01"));  // 0004: person C
  CHECK(first.possible_matches == Strings{"CCM-2017-0001", "CCM-2017-0003"});
  const auto second = panel.refer(panel.referral("2017-04-05", "Pat Kay", "1970-01-01"));  // 0005: C again
  CHECK(second.person_id == first.person_id);
  CHECK(second.repeat_of == first.reference);
  CHECK(second.possible_matches == Strings{"CCM-2017-0001", "CCM-2017-0003"});
  CHECK(panel.persons() == 3);
}

TEST_CASE("repeat: a different name with the same date of birth is a different person")
{
  Panel panel;
  const auto first = panel.refer(panel.referral("2017-01-05", "Pat Kay"));
  const auto second = panel.refer(panel.referral("2017-06-05", "Pat Kaye"));
  CHECK(second.person_id != first.person_id);
  CHECK(second.repeat_of == "");
  // An alike name with the same date of birth is only a possible match (trial 2 N2).
  CHECK(second.possible_matches == std::vector<std::string>{first.reference});
  const auto third = panel.refer(panel.referral("2017-07-05", "Ann Lee"));
  CHECK(third.possible_matches.empty());
}

TEST_CASE("repeat: an explicit person id links referrals whatever the name")
{
  Panel panel;
  const auto first = panel.refer(panel.referral("2017-01-05", "Patricia Kay"));
  const auto second = panel.refer(panel.referral("2017-06-05", "P. Kay-Smith", "") +
                                  Fields{{"person", std::to_string(first.person_id)}});
  CHECK(second.person_id == first.person_id);
  CHECK(second.repeat_of == first.reference);
  CHECK(panel.persons() == 1);
}

TEST_CASE("repeat: an unknown person id is refused")
{
  Panel panel;
  const auto before = panel.state();
  const auto caught = catch_error([&] { panel.refer(panel.referral("2017-06-05") + Fields{{"person", "99"}}); });
  REQUIRE(caught.thrown);
  CHECK(caught.message == "--person: no person with id 99");
  CHECK(panel.state() == before);
}

TEST_CASE("repeat: a referral recorded out of order makes the next pending referral a repeat")
{
  Panel panel("marac");
  const auto later = panel.refer(panel.referral("2017-08-01"));
  CHECK(later.repeat_of == "");
  CHECK_FALSE(later.meets_threshold);
  const auto earlier = panel.refer(panel.referral("2017-06-01"));
  CHECK(earlier.repeat_of == "");
  const auto now = panel.get(later.reference);
  CHECK(now.repeat_of == earlier.reference);
  CHECK(now.criteria_met == Strings{"repeat"});
  CHECK(now.meets_threshold);
}

TEST_CASE("repeat: out-of-order recording in one file gives the same result as in date order")
{
  Panel panel("marac");
  panel.refer_file("referrals:\n"
                   "  - {received: 2017-08-01, agency: POL, name: Pat Kay, dob: 1970-01-01, categories: [fgm], "
                   "summary: later}\n"
                   "  - {received: 2017-06-01, agency: POL, name: Pat Kay, dob: 1970-01-01, categories: [fgm], "
                   "summary: earlier}\n");
  const auto later = panel.get("MARAC-2017-0001");
  CHECK(later.repeat_of == "MARAC-2017-0002");
  CHECK(later.criteria_met == Strings{"repeat"});
  CHECK(panel.get("MARAC-2017-0002").repeat_of == "");
}

TEST_CASE("repeat: re-evaluating the next referral keeps its other criteria")
{
  Panel panel("marac");
  const Fields strong = {{"risk_score", "15"}, {"incidents_12m", "3"}, {"professional_judgement", "yes"}};
  const auto later = panel.refer(panel.referral("2017-08-01") + strong);
  panel.refer(panel.referral("2017-06-01"));
  CHECK(panel.get(later.reference).criteria_met ==
        Strings{"visible-high-risk", "potential-escalation", "repeat", "professional-judgement"});
}

TEST_CASE("repeat: re-evaluating the next ccm referral keeps risk level and vulnerability criteria")
{
  Panel panel;
  const auto later = panel.refer(panel.referral("2017-08-01") +
                                 Fields{{"risk_level", "high"}, {"vulnerable", "yes"}, {"agencies_involved", "2"}});
  panel.refer(panel.referral("2017-06-01"));
  const auto now = panel.get(later.reference);
  CHECK(now.repeat_of != "");
  CHECK(now.criteria_met == Strings{"high-risk", "vulnerable-complex"});
}

TEST_CASE("repeat: an earlier referral more than 365 days before leaves the next one alone")
{
  Panel panel("marac");
  const auto later = panel.refer(panel.referral("2017-08-01"));
  panel.refer(panel.referral("2016-07-31"));  // 366 days before
  const auto now = panel.get(later.reference);
  CHECK(now.repeat_of == "");
  CHECK(now.criteria_met.empty());
  CHECK_FALSE(now.meets_threshold);
}

TEST_CASE("repeat: an out-of-order referral moves the next one's repeat to the closer referral")
{
  Panel panel;
  const auto first = panel.refer(panel.referral("2017-01-01"));
  const auto third = panel.refer(panel.referral("2017-08-01"));
  CHECK(third.repeat_of == first.reference);
  const auto second = panel.refer(panel.referral("2017-06-01"));
  CHECK(second.repeat_of == first.reference);
  CHECK(panel.get(third.reference).repeat_of == second.reference);
}

TEST_CASE("repeat: an out-of-order referral does not change a referral already decided")
{
  Panel panel("marac");
  const auto later = panel.refer(panel.referral("2017-08-01"));
  ops::TriageRequest decline;
  decline.decision = core::TriageDecision::decline;
  decline.reason = "below threshold";
  ops::decide(panel.db, later.reference, decline, test::actor(late, "triage"));
  panel.refer(panel.referral("2017-06-01"));
  const auto now = panel.get(later.reference);
  CHECK(now.status == "declined");
  CHECK(now.repeat_of == "");
  CHECK(now.criteria_met.empty());
}

TEST_CASE("repeat: an out-of-order referral re-evaluates the next referral awaiting information")
{
  // One returned for more information still awaits a decision, so it is worked out again too.
  Panel panel("marac");
  const auto later = panel.refer(panel.referral("2017-08-01"));
  ops::TriageRequest more;
  more.decision = core::TriageDecision::more_info;
  ops::decide(panel.db, later.reference, more, test::actor(late, "triage"));
  const auto earlier = panel.refer(panel.referral("2017-06-01"));
  const auto now = panel.get(later.reference);
  CHECK(now.status == "awaiting-information");
  CHECK(now.repeat_of == earlier.reference);
  CHECK(now.criteria_met == Strings{"repeat"});
  CHECK(now.meets_threshold);
}

TEST_CASE("intake: a name with no letters is refused, so such names are never matched to each other")
{
  // normalise_name("'") and normalise_name("-") are both "": accepting them would merge two people.
  Panel panel;
  for (const char* name : {"'", "-"}) {
    const auto caught = catch_error([&] { panel.refer(panel.referral("2017-01-01", name)); });
    CHECK(caught.thrown);
    CHECK(has(caught.message, "--name: has no letters"));
  }
}

TEST_CASE("intake: an agency's own reference recorded before is refused")
{
  Panel panel;
  panel.refer(panel.referral("2017-01-05") + Fields{{"source_ref", "CAD-1"}});
  const auto before = panel.state();
  const auto caught =
      catch_error([&] { panel.refer(panel.referral("2017-02-05", "Sam Lee") + Fields{{"source_ref", "CAD-1"}}); });
  REQUIRE(caught.thrown);
  CHECK(caught.code == Exit::refused);
  CHECK(caught.message == "--source-ref: 'CAD-1' from POL is already recorded as CCM-2017-0001 (use --skip-existing "
                          "to skip referrals already recorded)");
  CHECK(panel.state() == before);
}

TEST_CASE("intake: with skip_existing a referral recorded before is skipped and the rest recorded")
{
  Panel panel;
  panel.refer(panel.referral("2017-01-05") + Fields{{"source_ref", "CAD-1"}});
  const auto result = panel.refer_file(
      "referrals:\n"
      "  - {received: 2017-01-05, agency: POL, source_ref: CAD-1, name: Pat Kay, categories: [assault], summary: s}\n"
      "  - {received: 2017-02-05, agency: POL, source_ref: CAD-2, name: Sam Lee, categories: [assault], summary: s}\n",
      ops::IntakeOptions{true, std::nullopt, false, false});
  REQUIRE(result.items.size() == 1);
  CHECK(result.items[0].reference == "CCM-2017-0002");
  REQUIRE(result.skipped.size() == 1);
  CHECK(result.skipped[0] == "r.yaml:2: source_ref: 'CAD-1' from POL is already recorded as CCM-2017-0001; skipped");
  CHECK(store::list_referrals(panel.db, {}).size() == 2);
}

namespace {

// A cumulative export: the referral of CAD-1 (voided in the tests below) and a new one.
const std::string export_again =
    "referrals:\n"
    "  - {received: 2017-01-05, agency: POL, source_ref: CAD-1, name: Pat Kay, categories: [assault], summary: s}\n"
    "  - {received: 2017-02-05, agency: POL, source_ref: CAD-2, name: Sam Lee, categories: [assault], summary: s}\n";

} // namespace

TEST_CASE("intake: with skip_existing the agency reference of a voided referral is skipped, naming the void")
{
  Panel panel;
  panel.refer(panel.referral("2017-01-05") + Fields{{"source_ref", "CAD-1"}});
  ops::void_referral(panel.db, "CCM-2017-0001", "Wrong person", test::actor("2019-12-31T10:00:00Z", "referral void"));
  const auto result = panel.refer_file(export_again, ops::IntakeOptions{true, std::nullopt, false, false});
  REQUIRE(result.items.size() == 1);
  CHECK(result.items[0].name == "Sam Lee");
  REQUIRE(result.skipped.size() == 1);
  CHECK(result.skipped[0] == "r.yaml:2: source_ref: 'CAD-1' from POL was voided on 2019-12-31 (CCM-2017-0001: "
                             "Wrong person); skipped (to record it again, refer it without --skip-existing)");
  CHECK(result.skipped_voided == 1);
  CHECK(result.warnings.empty());
}

TEST_CASE("intake: without skip_existing the agency reference of a voided referral is recorded again, with a warning")
{
  Panel panel;
  panel.refer(panel.referral("2017-01-05") + Fields{{"source_ref", "CAD-1"}});
  ops::void_referral(panel.db, "CCM-2017-0001", "Wrong person", test::actor("2019-12-31T10:00:00Z", "referral void"));
  const auto result = panel.refer_file(export_again);
  REQUIRE(result.items.size() == 2);
  CHECK(result.skipped.empty());
  REQUIRE(result.warnings.size() == 1);
  CHECK(result.warnings[0] == "r.yaml:2: source_ref: 'CAD-1' from POL was voided on 2019-12-31 (CCM-2017-0001: "
                              "Wrong person); recorded again as CCM-2017-0002");
  CHECK(panel.get("CCM-2017-0002").referral.source_ref == "CAD-1");
}

TEST_CASE("intake: a referral voided, restored and voided again still holds back its agency reference")
{
  Panel panel;
  panel.refer(panel.referral("2017-01-05") + Fields{{"source_ref", "CAD-1"}});
  ops::void_referral(panel.db, "CCM-2017-0001", "First", test::actor("2019-12-30T10:00:00Z", "referral void"));
  ops::unvoid_referral(panel.db, "CCM-2017-0001", "Back", test::actor("2019-12-30T11:00:00Z", "referral unvoid"));
  ops::void_referral(panel.db, "CCM-2017-0001", "Second", test::actor("2019-12-31T10:00:00Z", "referral void"));
  const auto result = panel.refer_file(export_again, ops::IntakeOptions{true, std::nullopt, false, false});
  REQUIRE(result.skipped.size() == 1);
  CHECK(has(result.skipped[0], "was voided on 2019-12-31 (CCM-2017-0001: Second)"));
}

TEST_CASE("intake: a voided referral that gave up no agency reference holds nothing back")
{
  Panel panel;
  panel.refer(panel.referral("2017-01-05"));
  ops::void_referral(panel.db, "CCM-2017-0001", "Wrong person", test::actor("2019-12-31T10:00:00Z", "referral void"));
  const auto result = panel.refer_file(export_again, ops::IntakeOptions{true, std::nullopt, false, false});
  CHECK(result.items.size() == 2);
  CHECK(result.skipped.empty());
  CHECK(result.warnings.empty());
}

TEST_CASE("intake: the same agency reference twice in one file is refused")
{
  Panel panel;
  const auto before = panel.state();
  const auto message = panel.refused_file(
      "referrals:\n"
      "  - {received: 2017-01-05, agency: POL, source_ref: CAD-1, name: Pat Kay, categories: [assault], summary: s}\n"
      "  - {received: 2017-02-05, agency: POL, source_ref: CAD-1, name: Sam Lee, categories: [assault], summary: s}\n");
  CHECK(has(message, "r.yaml:3: source_ref: 'CAD-1' from POL "));
  CHECK(panel.state() == before);
}

TEST_CASE("intake: the same reference from two different agencies is two referrals")
{
  Panel panel;
  panel.refer(panel.referral("2017-01-05") + Fields{{"source_ref", "REF-1"}});
  const auto item = panel.refer(panel.referral("2017-01-06") + Fields{{"agency", "CST"}, {"source_ref", "REF-1"}});
  CHECK(item.reference == "CCM-2017-0002");
}

TEST_CASE("intake: a file with one bad referral writes nothing")
{
  Panel panel;
  panel.refer(panel.referral("2016-05-05"));
  const auto before = panel.state();
  const auto message = panel.refused_file(
      "referrals:\n"
      "  - {received: 2017-01-05, agency: POL, name: Pat Kay, dob: 1970-01-01, categories: [assault], summary: a}\n"
      "  - {received: 2017-01-06, agency: POL, name: Sam Lee, categories: [burglery], summary: b}\n"
      "  - {received: 2017-01-07, agency: POL, name: Al Roe, categories: [assault], summary: c}\n");
  CHECK(has(message, "r.yaml:3: category: unknown category 'burglery'"));
  CHECK(has(message, "\npanel: error: r.yaml: 1 problem; nothing was recorded"));
  CHECK(panel.state() == before);
  CHECK(store::list_referrals(panel.db, {}).size() == 1);
}

TEST_CASE("intake: a type error late in a file writes nothing")
{
  Panel panel;
  const auto before = panel.state();
  const auto message = panel.refused_file(
      "referrals:\n"
      "  - {received: 2017-01-05, agency: POL, name: Pat Kay, categories: [assault], summary: a}\n"
      "  - {received: 2017-01-06, agency: POL, name: Sam Lee, categories: [assault], summary: b}\n"
      "  - {received: 2017-01-07, agency: POL, name: Al Roe, risk_score: lots, categories: [assault], summary: c}\n");
  CHECK(message.starts_with("r.yaml:4: risk_score: expected a whole number, got 'lots'"));
  CHECK(has(message, "nothing was recorded"));
  CHECK(panel.state() == before);
}

TEST_CASE("intake: every problem in a file is reported with file, line and field, in file order")
{
  Panel panel;
  const auto message = panel.refused_file("referrals:\n"
                                          "  - received: 2017-09-01\n"
                                          "    agency: PLC\n"
                                          "    subject: {name: A One}\n"
                                          "    categories: [assault]\n"
                                          "    summary: unknown agency\n"
                                          "  - received: 2020-09-05\n"
                                          "    agency: POL\n"
                                          "    subject: {name: B Two}\n"
                                          "    categories: [assault]\n"
                                          "    risk_score: 99\n"
                                          "    summary: \"\"\n");
  const Strings expected = {
      "r.yaml:3: agency: unknown agency 'PLC'",
      "r.yaml:7: received: 2020-09-05 is in the future (today is 2019-12-31)",
      "r.yaml:11: risk_score: 99 is out of range (0 to 24)",
      "r.yaml:12: summary: is required",
      "r.yaml: 4 problems; nothing was recorded",
  };
  size_t at = 0;
  for (const auto& part : expected) {
    const auto found = message.find(part, at);
    CHECK_MESSAGE(found != std::string::npos, part, " not in order in:\n", message);
    if (found != std::string::npos)
      at = found;
  }
}

TEST_CASE("intake: a date in the future is judged against the actor's today")
{
  Panel panel;
  const auto before = panel.state();
  const auto caught = catch_error([&] {
    panel.refer_file("{received: 2017-09-05, agency: POL, name: Pat, categories: [assault], summary: s}\n", {},
                     "2017-09-04T10:00:00Z");
  });
  REQUIRE(caught.thrown);
  CHECK(has(caught.message, "r.yaml:1: received: 2017-09-05 is in the future (today is 2017-09-04)"));
  CHECK(panel.state() == before);
  CHECK(panel.refer_file("{received: 2017-09-05, agency: POL, name: Pat, categories: [assault], summary: s}\n", {},
                         "2017-09-05T10:00:00Z")
            .count == 1);
}

TEST_CASE("intake: a file with many bad referrals stops after 20 problems")
{
  Panel panel;
  std::string yaml = "referrals:\n";
  for (int i = 0; i < 30; ++i)
    yaml += "  - {received: 2017-01-05, agency: PLC, name: Pat Kay, categories: [assault], summary: s}\n";
  const auto message = panel.refused_file(yaml);
  size_t count = 0;
  for (size_t at = message.find("unknown agency"); at != std::string::npos; at = message.find("unknown agency", at + 1))
    ++count;
  CHECK(count == 20);
  CHECK(has(message, "r.yaml: stopped after 20 problems"));
}

TEST_CASE("intake: an empty file is refused")
{
  Panel panel;
  const auto before = panel.state();
  CHECK(panel.refused_file("") == "r.yaml: no referrals in the file\npanel: error: r.yaml: 1 problem; nothing was recorded");
  CHECK(panel.state() == before);
}

TEST_CASE("intake: problems with a referral typed on the command line name the flags")
{
  Panel panel;
  const auto before = panel.state();
  auto reader = input::referral_from_fields({{"received", "2017-01-05"}, {"agency", "PLC"}, {"name", "Pat"},
                                             {"category", "assault"}, {"summary", "s"}, {"referrer_email", "amy"}});
  const auto caught =
      catch_error([&] { panel.run(*reader, "", {}); });
  REQUIRE(caught.thrown);
  CHECK(has(caught.message, "--agency: unknown agency 'PLC'"));
  CHECK(has(caught.message, "--referrer-email: an email address"));
  CHECK_FALSE(has(caught.message, "nothing was recorded"));
  CHECK(panel.state() == before);
}

TEST_CASE("intake: a type error on the command line names the flag and writes nothing")
{
  Panel panel;
  const auto before = panel.state();
  const auto caught =
      catch_error([&] { panel.refer(panel.referral("2017-01-05") + Fields{{"dob", "14/03/86"}}); });
  REQUIRE(caught.thrown);
  CHECK(caught.message.starts_with("--dob: '14/03/86': write the year in full"));
  CHECK(panel.state() == before);
}


TEST_CASE("intake: a check records nothing, not even an audit row, and yields what would be recorded")
{
  Panel panel;
  panel.refer(panel.referral("2016-05-05") + Fields{{"source_ref", "S-0"}});
  const auto before = panel.state();
  ops::IntakeOptions check;
  check.check = true;
  const auto out = panel.refer_file("referrals:\n"
                                    "  - {received: 2017-01-05, agency: POL, name: Pat Kay, dob: 1970-01-01,"
                                    " categories: [assault], summary: a}\n",
                                    check);
  REQUIRE(out.items.size() == 1);
  CHECK(out.items[0].reference == "CCM-2017-0001");
  CHECK(out.items[0].repeat_of == "CCM-2016-0001");
  CHECK(panel.state() == before);
}

TEST_CASE("intake: a source_ref already recorded is reported with the file's other problems")
{
  Panel panel;
  panel.refer(panel.referral("2016-05-05") + Fields{{"source_ref", "S-0"}});
  const auto message = panel.refused_file(
      "referrals:\n"
      "  - {received: 2017-01-05, agency: POL, name: Pat Kay, categories: [burglery], summary: a}\n"
      "  - {received: 2017-01-06, agency: POL, name: Sam Lee, categories: [assault], summary: b, source_ref: S-0}\n");
  CHECK(message == "r.yaml:2: category: unknown category 'burglery' (known: suicide, rough-sleeping, mental-health, "
                   "dementia, burglary, assault, harassment, aggressive-behaviour, neighbour-dispute, hate-crime, "
                   "drunk-disorderly, sexual-assault, drug-use, drug-dealing); did you mean 'burglary'?\n"
                   "panel: error: r.yaml:3: source_ref: 'S-0' from POL is already recorded as CCM-2016-0001 (use "
                   "--skip-existing to skip referrals already recorded)\n"
                   "panel: error: r.yaml: 2 problems; nothing was recorded");
}

TEST_CASE("intake: a date that cannot be read is not also reported missing")
{
  Panel panel;
  const auto message = panel.refused_file("{received: 31/02/2017, agency: POL, name: Pat Kay, categories: [assault],"
                                          " summary: a}\n");
  CHECK(message == "r.yaml:1: received: '31/02/2017': February 2017 has 28 days\n"
                   "panel: error: r.yaml: 1 problem; nothing was recorded");
}

TEST_CASE("intake: the profile's date order is used unless the options give one")
{
  Panel panel;  // the shipped ccm profile reads dmy
  CHECK(panel.refer(panel.referral("05/02/2017")).received == *core::Date::parse("2017-02-05"));
  ops::IntakeOptions iso;
  iso.date_order = core::DateOrder::iso;
  const auto caught = catch_error([&] { panel.refer(panel.referral("05/02/2017"), iso); });
  REQUIRE(caught.thrown);
  CHECK(caught.message.starts_with("--received: '05/02/2017': dates must be yyyy-mm-dd"));
}

TEST_CASE("intake: a postcode that is not a UK postcode's shape is kept with a warning")
{
  Panel panel;
  auto reader = input::referral_from_fields(panel.referral("2017-01-05") + Fields{{"postcode", "NFA"}});
  const auto result = ops::record_referrals(panel.db, *reader, "", {}, test::actor(late, "refer"),
                                            [](const ops::IntakeItem&) {});
  CHECK(result.warnings == Strings{"--postcode: 'NFA' is not a UK postcode; kept as written"});
}
