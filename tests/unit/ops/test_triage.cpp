#include "panel/ops/triage.hpp"

#include "panel/ops/cases.hpp"
#include "panel/ops/intake.hpp"
#include "panel/ops/meetings.hpp"
#include "panel/ops/setup.hpp"
#include "panel/store/audit.hpp"
#include "panel/store/cases.hpp"
#include "panel/store/referrals.hpp"
#include "tests/unit/support.hpp"

#include <doctest/doctest.h>

using namespace panel;
using test::catch_error;

namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;
using Strings = std::vector<std::string>;

// Referrals are received in 2017; decisions are taken on this day.
const std::string now = "2017-09-04T10:15:00Z";

core::Date day(const char* iso) { return *core::Date::parse(iso); }

// A ccm panel database in a temporary folder, with helpers to refer and decide.
struct Panel {
  Panel()
      : path(dir.file("panel.db")),
        db((ops::init(path, "ccm", test::actor("2017-01-01T09:00:00Z", "init")), store::Db::open(path)))
  {
  }

  // Records a referral about `name` (born 1970-01-01) received on `received`; `extra` fields
  // override. Returns its reference.
  std::string refer(const std::string& received, const Fields& extra = {}, const std::string& name = "Pat Kay")
  {
    Fields fields = {{"received", received}, {"agency", "POL"}, {"name", name}, {"dob", "1970-01-01"},
                     {"category", "assault"}, {"summary", "s"}};
    fields.insert(fields.end(), extra.begin(), extra.end());
    auto reader = input::referral_from_fields(fields);
    std::string reference;
    const auto result = ops::record_referrals(db, *reader, "", {}, test::actor(now, "refer"),
                                              [&](const ops::IntakeItem& item) { reference = item.reference; });
    REQUIRE(result.recorded == 1);
    return reference;
  }
  // A referral that meets the ccm threshold (risk level high).
  std::string refer_eligible(const std::string& received, const std::string& name = "Pat Kay")
  {
    return refer(received, {{"risk_level", "high"}}, name);
  }
  // A referral below the ccm threshold.
  std::string refer_below(const std::string& received, const std::string& name = "Pat Kay")
  {
    return refer(received, {{"risk_level", "medium"}}, name);
  }

  ops::TriageOutcome decide(const std::string& reference, const ops::TriageRequest& request)
  {
    return ops::decide(db, reference, request, test::actor(now, "triage"));
  }

  // The message of a refused decision; checks that nothing changed.
  std::string refused(const std::string& reference, const ops::TriageRequest& request)
  {
    const auto before = state();
    const auto caught = catch_error([&] { decide(reference, request); });
    REQUIRE(caught.thrown);
    CHECK(caught.code == Exit::refused);
    CHECK(state() == before);
    return caught.message;
  }

  core::RecordedReferral get(const std::string& reference)
  {
    const auto found = store::find_referral(db, reference);
    REQUIRE_MESSAGE(found, "no referral ", reference);
    return *found;
  }

  // Everything triage can change, for before/after comparisons.
  std::string state()
  {
    return test::raw_sql(path,
                         "SELECT (SELECT count(*) FROM decision) || '|' || (SELECT count(*) FROM \"case\") || '|' || "
                         "(SELECT count(*) FROM audit_log) || '|' || coalesce((SELECT group_concat(reference || ':' "
                         "|| status || ':' || coalesce(case_id, '') || ':' || coalesce(meeting_date, '')) FROM "
                         "referral), '')")
        .first_value;
  }

  test::TempDir dir;
  std::string path;
  store::Db db;
};

ops::TriageRequest request(const std::string& decision)
{
  ops::TriageRequest q;
  q.decision = core::parse_or_throw<core::TriageDecision>(decision);
  return q;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

} // namespace

TEST_CASE("triage: accepting a referral that meets the threshold opens a case named after it")
{
  Panel panel;
  const auto ref = panel.refer_eligible("2017-06-05");
  const auto out = panel.decide(ref, request("accept"));
  CHECK(out.reference == ref);
  CHECK(out.decision == core::TriageDecision::accept);
  CHECK(out.status == core::ReferralStatus::accepted);
  CHECK(out.new_case);
  CHECK(out.case_reference == ref);
  CHECK_FALSE(out.meeting.has_value());
  const auto stored = panel.get(ref);
  CHECK(stored.status == "accepted");
  CHECK(stored.case_reference == ref);
  const auto found = store::find_case(panel.db, ref);
  REQUIRE(found);
  CHECK(found->status == "open");
  CHECK(found->person_id == stored.person_id);
  CHECK(found->opened == day("2017-09-04"));
  CHECK(found->lead_agency == "POL");
  CHECK(found->risk_level == "high");
  CHECK(found->name == "Pat Kay");
}

TEST_CASE("triage: accepting with a lead agency, risk level and meeting sets them")
{
  Panel panel;
  const auto ref = panel.refer_eligible("2017-06-05");
  auto q = request("accept");
  q.lead = "ASC";
  q.risk = "medium";
  q.meeting = day("2017-09-20");
  core::Meeting meeting;
  meeting.date = day("2017-09-20");
  ops::add_meeting(panel.db, meeting, test::actor());
  const auto out = panel.decide(ref, q);
  CHECK(out.meeting == day("2017-09-20"));
  CHECK(panel.get(ref).meeting_date == day("2017-09-20"));
  const auto found = store::find_case(panel.db, ref);
  REQUIRE(found);
  CHECK(found->lead_agency == "ASC");
  CHECK(found->risk_level == "medium");
}

TEST_CASE("triage: a meeting today is not in the past")
{
  Panel panel;
  const auto ref = panel.refer_eligible("2017-06-05");
  auto q = request("accept");
  q.meeting = day("2017-09-04");
  core::Meeting meeting;
  meeting.date = day("2017-09-04");
  ops::add_meeting(panel.db, meeting, test::actor());
  CHECK(panel.decide(ref, q).status == core::ReferralStatus::accepted);
}

TEST_CASE("triage: a decision is recorded with who, when and why, and audited")
{
  Panel panel;
  const auto ref = panel.refer_eligible("2017-06-05");
  const auto rows = store::list_audit(panel.db, "").size();
  auto q = request("decline");
  q.reason = "Already supported by ASC";
  q.signpost = "GP and Samaritans";
  panel.decide(ref, q);
  const auto decisions = store::decisions_for(panel.db, panel.get(ref).id);
  REQUIRE(decisions.size() == 1);
  CHECK(decisions[0].referral == ref);
  CHECK(decisions[0].decision == "decline");
  CHECK(decisions[0].decided_on == day("2017-09-04"));
  CHECK(decisions[0].decided_at == now);
  CHECK(decisions[0].decided_by == "tester");
  CHECK(decisions[0].reason == "Already supported by ASC");
  CHECK(decisions[0].signpost == "GP and Samaritans");
  const auto audit = store::list_audit(panel.db, "");
  REQUIRE(audit.size() == rows + 1);
  CHECK(audit.back().action == "update");
  CHECK(audit.back().entity == "referral");
  CHECK(audit.back().record == ref);
  CHECK(audit.back().detail == "decline, reason given");  // the reason is free text (issue #18, item 1)
}

TEST_CASE("triage: accepting a referral below the threshold without an override is refused")
{
  Panel panel;
  const auto ref = panel.refer_below("2017-06-05");
  const auto message = panel.refused(ref, request("accept"));
  CHECK(message == "CCM-2017-0001 does not meet the threshold (criteria met: none); to accept it anyway use "
                   "--override --reason \"WHY\"");
  CHECK(panel.get(ref).status == "pending");
}

TEST_CASE("triage: an override needs a reason")
{
  Panel panel;
  const auto ref = panel.refer_below("2017-06-05");
  auto q = request("accept");
  q.override_threshold = true;
  CHECK(has(panel.refused(ref, q), "--override needs --reason"));
  q.reason = "   ";
  CHECK(has(panel.refused(ref, q), "--override needs --reason"));
}

TEST_CASE("triage: a referral below the threshold is accepted with an override and a reason")
{
  Panel panel;
  const auto ref = panel.refer_below("2017-06-05");
  auto q = request("accept");
  q.override_threshold = true;
  q.reason = "Escalating quickly";
  const auto out = panel.decide(ref, q);
  CHECK(out.status == core::ReferralStatus::accepted);
  CHECK(out.new_case);
  const auto decisions = store::decisions_for(panel.db, panel.get(ref).id);
  REQUIRE(decisions.size() == 1);
  CHECK(decisions[0].override_threshold);
  CHECK(decisions[0].reason == "Escalating quickly");
}

TEST_CASE("triage: accepting a repeat about a person with an open case joins that case")
{
  Panel panel;
  const auto first = panel.refer_eligible("2017-03-05");
  panel.decide(first, request("accept"));
  const auto second = panel.refer_eligible("2017-06-05");
  REQUIRE(panel.get(second).repeat_of == first);
  const auto out = panel.decide(second, request("accept"));
  CHECK_FALSE(out.new_case);
  CHECK(out.case_reference == first);
  CHECK(panel.get(second).case_reference == first);
  CHECK(store::list_cases(panel.db, "").size() == 1);
  const auto referrals = store::case_referrals(panel.db, store::find_case(panel.db, first)->id);
  REQUIRE(referrals.size() == 2);
  CHECK(referrals[0].reference == first);
  CHECK(referrals[1].reference == second);
}

TEST_CASE("triage: a case can be found by the reference of any of its referrals")
{
  Panel panel;
  const auto first = panel.refer_eligible("2017-03-05");
  panel.decide(first, request("accept"));
  const auto second = panel.refer_eligible("2017-06-05");
  panel.decide(second, request("accept"));
  const auto detail = ops::show_case(panel.db, second, test::actor(now, "case show"));
  CHECK(detail.info.reference == first);
  REQUIRE(detail.referrals.size() == 2);
  CHECK(detail.referrals[1].referral.reference == second);
  REQUIRE(detail.referrals[1].decisions.size() == 1);
  CHECK(detail.referrals[1].decisions[0].decision == "accept");
}

TEST_CASE("triage: a person whose case is closed gets a new case")
{
  Panel panel;
  const auto first = panel.refer_eligible("2017-03-05");
  panel.decide(first, request("accept"));
  REQUIRE(test::raw_sql(panel.path, "UPDATE \"case\" SET status = 'closed', closed = '2017-05-01', "
                                    "close_reason = 'risk reduced'")
              .rc == SQLITE_OK);
  const auto second = panel.refer_eligible("2017-06-05");
  const auto out = panel.decide(second, request("accept"));
  CHECK(out.new_case);
  CHECK(out.case_reference == second);
  CHECK(store::list_cases(panel.db, "open").size() == 1);
}

TEST_CASE("triage: a different person's open case is not joined")
{
  Panel panel;
  const auto first = panel.refer_eligible("2017-03-05", "Pat Kay");
  panel.decide(first, request("accept"));
  const auto other = panel.refer_eligible("2017-06-05", "Sam Lee");
  const auto out = panel.decide(other, request("accept"));
  CHECK(out.new_case);
  CHECK(out.case_reference == other);
}

TEST_CASE("triage: decline marks the referral declined")
{
  Panel panel;
  const auto ref = panel.refer_below("2017-06-05");
  auto q = request("decline");
  q.reason = "Below threshold";
  const auto out = panel.decide(ref, q);
  CHECK(out.status == core::ReferralStatus::declined);
  CHECK(out.case_reference == "");
  CHECK(panel.get(ref).status == "declined");
  CHECK(store::list_cases(panel.db, "").empty());
}

TEST_CASE("triage: redirect marks the referral redirected and keeps the forum")
{
  Panel panel;
  const auto ref = panel.refer_eligible("2017-06-05");
  auto q = request("redirect");
  q.forum = "Safeguarding Adults Board";
  q.reason = "Section 42 enquiry";
  CHECK(panel.decide(ref, q).status == core::ReferralStatus::redirected);
  CHECK(panel.get(ref).status == "redirected");
  const auto decisions = store::decisions_for(panel.db, panel.get(ref).id);
  REQUIRE(decisions.size() == 1);
  CHECK(decisions[0].forum == "Safeguarding Adults Board");
}

TEST_CASE("triage: more-info leaves the referral awaiting information, still in the queue")
{
  Panel panel;
  const auto ref = panel.refer_eligible("2017-06-05");
  auto q = request("more-info");
  q.reason = "No date of incident";
  CHECK(panel.decide(ref, q).status == core::ReferralStatus::awaiting_information);
  const auto queue =
      store::list_referrals(panel.db, {core::ReferralStatus::pending, core::ReferralStatus::awaiting_information});
  REQUIRE(queue.size() == 1);
  CHECK(queue[0].status == "awaiting-information");
}

TEST_CASE("triage: a referral awaiting information can be accepted or declined")
{
  Panel panel;
  const auto a = panel.refer_eligible("2017-06-05", "A One");
  const auto b = panel.refer_eligible("2017-06-06", "B Two");
  panel.decide(a, request("more-info"));
  panel.decide(b, request("more-info"));
  CHECK(panel.decide(a, request("accept")).status == core::ReferralStatus::accepted);
  CHECK(panel.decide(b, request("decline")).status == core::ReferralStatus::declined);
}

TEST_CASE("triage: a referral already decided cannot be decided again without reopening")
{
  Panel panel;
  const auto ref = panel.refer_below("2017-06-05");
  panel.decide(ref, request("decline"));
  CHECK(panel.refused(ref, request("decline")) ==
        "CCM-2017-0001 is already declined; use 'panel triage CCM-2017-0001 reopen' to decide again");
  CHECK(has(panel.refused(ref, request("redirect")), "is already declined"));
  CHECK(has(panel.refused(ref, request("more-info")), "is already declined"));
  auto q = request("accept");
  q.override_threshold = true;
  q.reason = "Changed my mind";
  CHECK(has(panel.refused(ref, q), "is already declined"));
}

TEST_CASE("triage: an accepted referral cannot be declined")
{
  Panel panel;
  const auto ref = panel.refer_eligible("2017-06-05");
  panel.decide(ref, request("accept"));
  CHECK(has(panel.refused(ref, request("decline")), "CCM-2017-0001 is already accepted"));
  CHECK(has(panel.refused(ref, request("accept")), "is already accepted"));
}

TEST_CASE("triage: reopen puts a declined, redirected or awaiting referral back to pending")
{
  Panel panel;
  const auto a = panel.refer_below("2017-06-05", "A One");
  const auto b = panel.refer_below("2017-06-06", "B Two");
  const auto c = panel.refer_below("2017-06-07", "C Three");
  panel.decide(a, request("decline"));
  panel.decide(b, request("redirect"));
  panel.decide(c, request("more-info"));
  for (const auto& ref : {a, b, c}) {
    const auto out = panel.decide(ref, request("reopen"));
    CHECK(out.status == core::ReferralStatus::pending);
    CHECK(panel.get(ref).status == "pending");
  }
  CHECK(panel.decide(a, request("decline")).status == core::ReferralStatus::declined);
}

TEST_CASE("triage: a pending referral cannot be reopened")
{
  Panel panel;
  const auto ref = panel.refer_below("2017-06-05");
  CHECK(panel.refused(ref, request("reopen")) == "CCM-2017-0001 is already pending");
}

TEST_CASE("triage: an accepted referral cannot be reopened")
{
  Panel panel;
  const auto ref = panel.refer_eligible("2017-06-05");
  panel.decide(ref, request("accept"));
  CHECK(panel.refused(ref, request("reopen")) ==
        "CCM-2017-0001 was accepted into case CCM-2017-0001; it cannot be reopened: to change the case's lead agency "
        "or risk use 'panel case update CCM-2017-0001 --lead CODE --risk LEVEL', or to end it 'panel case close "
        "CCM-2017-0001 --reason REASON'");
}

TEST_CASE("triage: no decision on an accepted referral is advised to 'triage reopen', which it refuses (trial F7)")
{
  Panel panel;
  const auto ref = panel.refer_eligible("2017-06-05");
  panel.decide(ref, request("accept"));
  for (const auto* decision : {"accept", "decline", "redirect", "more-info", "reopen"}) {
    CAPTURE(decision);
    const auto message = panel.refused(ref, request(decision));
    CHECK_FALSE(has(message, "triage CCM-2017-0001 reopen"));
    CHECK(has(message, "'panel case update CCM-2017-0001 --lead CODE --risk LEVEL'"));
  }
}

TEST_CASE("triage: accepting an accepted referral again advises the case update with the lead and risk typed")
{
  Panel panel;
  const auto ref = panel.refer_eligible("2017-06-05");
  panel.decide(ref, request("accept"));
  auto q = request("accept");
  q.lead = "asc";
  q.risk = "High";
  CHECK(has(panel.refused(ref, q), "'panel case update CCM-2017-0001 --lead ASC --risk high'"));
  q.risk.clear();
  CHECK(has(panel.refused(ref, q), "'panel case update CCM-2017-0001 --lead ASC'"));
}

TEST_CASE("triage: a decision on an unknown referral is refused")
{
  Panel panel;
  panel.refer_eligible("2017-06-05");
  CHECK(has(panel.refused("CCM-2017-0099", request("accept")), "no referral 'CCM-2017-0099'"));
}

TEST_CASE("triage: an unknown lead agency or risk level is refused")
{
  Panel panel;
  const auto ref = panel.refer_eligible("2017-06-05");
  auto q = request("accept");
  q.lead = "PRB";
  CHECK(has(panel.refused(ref, q), "unknown agency 'PRB'"));
  q.lead = "";
  q.risk = "very-high";
  CHECK(panel.refused(ref, q) == "unknown risk level 'very-high' (known: standard, medium, high)");
}

TEST_CASE("triage: a meeting date in the past is refused")
{
  Panel panel;
  const auto ref = panel.refer_eligible("2017-06-05");
  auto q = request("accept");
  q.meeting = day("2017-09-03");
  CHECK(panel.refused(ref, q) == "meeting date 2017-09-03 is in the past (today is 2017-09-04)");
}

TEST_CASE("triage: control characters in a reason, signposting or forum are refused")
{
  Panel panel;
  const auto ref = panel.refer_below("2017-06-05");
  auto q = request("decline");
  q.reason = "Below\x1b[2J threshold";
  CHECK(has(panel.refused(ref, q), "without control characters"));
  q.reason = "ok";
  q.signpost = "GP\x07";
  CHECK(has(panel.refused(ref, q), "without control characters"));
  q = request("redirect");
  q.forum = "Channel\xff";
  CHECK(has(panel.refused(ref, q), "without control characters"));
}

TEST_CASE("triage: the queue lists pending and awaiting referrals, not decided ones")
{
  Panel panel;
  const auto a = panel.refer_eligible("2017-06-05", "A One");
  const auto b = panel.refer_below("2017-06-06", "B Two");
  const auto c = panel.refer_below("2017-06-07", "C Three");
  const auto d = panel.refer_eligible("2017-06-08", "D Four");
  panel.decide(a, request("accept"));
  panel.decide(b, request("decline"));
  panel.decide(c, request("more-info"));
  Strings queued;
  for (const auto& r : store::list_referrals(panel.db, {core::ReferralStatus::pending, core::ReferralStatus::awaiting_information}))
    queued.push_back(r.reference);
  CHECK(queued == Strings{c, d});
}

TEST_CASE("triage: accept_eligible accepts every pending referral that meets the threshold")
{
  Panel panel;
  const auto a = panel.refer_eligible("2017-06-05", "A One");
  const auto b = panel.refer_below("2017-06-06", "B Two");
  const auto c = panel.refer_eligible("2017-06-07", "C Three");
  const auto d = panel.refer_eligible("2017-06-08", "D Four");
  panel.decide(d, request("more-info"));
  const auto outcomes = ops::accept_eligible(panel.db, false, test::actor(now, "triage"));
  REQUIRE(outcomes.size() == 2);
  CHECK(outcomes[0].reference == a);
  CHECK(outcomes[0].status == core::ReferralStatus::accepted);
  CHECK(outcomes[0].new_case);
  CHECK(outcomes[1].reference == c);
  CHECK(panel.get(a).status == "accepted");
  CHECK(panel.get(b).status == "pending");
  CHECK(panel.get(c).status == "accepted");
  CHECK(panel.get(d).status == "awaiting-information");
  CHECK(store::list_cases(panel.db, "").size() == 2);
}

TEST_CASE("triage: accept_eligible puts two referrals about one person in one case")
{
  Panel panel;
  const auto first = panel.refer_eligible("2017-03-05");
  const auto second = panel.refer_eligible("2017-06-05");
  const auto outcomes = ops::accept_eligible(panel.db, false, test::actor(now, "triage"));
  REQUIRE(outcomes.size() == 2);
  CHECK(outcomes[0].new_case);
  CHECK_FALSE(outcomes[1].new_case);
  CHECK(outcomes[1].case_reference == first);
  CHECK(panel.get(second).case_reference == first);
  CHECK(store::list_cases(panel.db, "").size() == 1);
}

TEST_CASE("triage: accept_eligible dry run says what it would do and changes nothing")
{
  Panel panel;
  const auto a = panel.refer_eligible("2017-06-05", "A One");
  panel.refer_below("2017-06-06", "B Two");
  const auto c = panel.refer_eligible("2017-06-07", "C Three");
  const auto before = panel.state();
  const auto outcomes = ops::accept_eligible(panel.db, true, test::actor(now, "triage"));
  REQUIRE(outcomes.size() == 2);
  CHECK(outcomes[0].reference == a);
  CHECK(outcomes[0].status == core::ReferralStatus::accepted);
  CHECK(outcomes[1].reference == c);
  CHECK(panel.state() == before);
  CHECK(store::list_cases(panel.db, "").empty());
  CHECK(panel.get(a).status == "pending");
}

TEST_CASE("triage: accept_eligible with nothing eligible changes nothing")
{
  Panel panel;
  panel.refer_below("2017-06-05");
  const auto before = panel.state();
  CHECK(ops::accept_eligible(panel.db, false, test::actor(now, "triage")).empty());
  CHECK(panel.state() == before);
}

TEST_CASE("triage: a marac repeat meets the threshold and can be accepted")
{
  test::TempDir dir;
  const auto path = dir.file("marac.db");
  ops::init(path, "marac", test::actor("2017-01-01T09:00:00Z", "init"));
  auto db = store::Db::open(path);
  auto reader = input::referral_from_fields({{"received", "2017-03-05"}, {"agency", "IDVA"}, {"name", "Pat Kay"},
                                             {"dob", "1970-01-01"}, {"category", "coercive-control"},
                                             {"summary", "s"}});
  ops::record_referrals(db, *reader, "", {}, test::actor(now, "refer"), [](const ops::IntakeItem&) {});
  reader = input::referral_from_fields({{"received", "2017-06-05"}, {"agency", "POL"}, {"name", "Pat Kay"},
                                        {"dob", "1970-01-01"}, {"category", "physical-abuse"}, {"summary", "s"}});
  ops::record_referrals(db, *reader, "", {}, test::actor(now, "refer"), [](const ops::IntakeItem&) {});
  const auto refused = catch_error([&] { ops::decide(db, "MARAC-2017-0001", request("accept"), test::actor(now)); });
  CHECK(has(refused.message, "does not meet the threshold"));
  const auto out = ops::decide(db, "MARAC-2017-0002", request("accept"), test::actor(now));
  CHECK(out.status == core::ReferralStatus::accepted);
  CHECK(out.case_reference == "MARAC-2017-0002");
}
