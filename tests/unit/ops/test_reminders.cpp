#include "panel/ops/reminders.hpp"

#include "panel/input/referrals.hpp"
#include "panel/input/templates.hpp"
#include "panel/documents/documents.hpp"
#include "panel/ops/actions.hpp"
#include "panel/ops/agencies.hpp"
#include "panel/ops/config.hpp"
#include "panel/ops/intake.hpp"
#include "panel/store/case_names.hpp"
#include "panel/ops/meetings.hpp"
#include "panel/ops/minutes.hpp"
#include "panel/ops/triage.hpp"
#include "panel/store/reminders.hpp"
#include "tests/unit/ops/panel_fixture.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace panel;
using test::catch_error;

namespace {

using Strings = std::vector<std::string>;
using Item = std::pair<std::string, std::string>;  // item, subject
using Items = std::vector<Item>;

core::Date day(const char* iso) { return *core::Date::parse(iso); }

const char* const police = "ccm.police@example.org";
const char* const social_care = "adultsocialcare@example.org";
const char* const coordinator = "communitysafety@example.org";

// A ccm panel (made on 1 September 2017) with helpers to open cases, add actions and plan. A
// meeting far ahead gives every case a next step and attention_after_days is off, so that the
// digest lists only what a test makes.
struct Reminders : test::CcmPanel {
  Reminders()
  {
    core::Meeting far_ahead;
    far_ahead.date = day("2018-06-12");
    ops::add_meeting(db, far_ahead, on("2017-09-01"));
    set("attention_after_days", "0");
  }
  core::Actor on(const std::string& today)
  {
    auto a = test::actor(today + "T09:00:00Z", "remind");
    a.today = day(today.c_str());
    return a;
  }
  // Records and accepts a referral about `name`; returns the case reference.
  std::string open_case(const std::string& name = "Zebedee Quintrell", const char* today = "2017-09-01")
  {
    auto reader = input::referral_from_fields({{"received", "2017-09-01"}, {"agency", "POL"}, {"name", name},
                                               {"dob", "1970-01-01"}, {"category", "assault"}, {"summary", "s"},
                                               {"risk_level", "high"}});
    std::string reference;
    ops::record_referrals(db, *reader, "", {}, on(today), [&](const ops::IntakeItem& i) { reference = i.reference; });
    REQUIRE_FALSE(reference.empty());
    ops::TriageRequest accept;
    accept.decision = core::TriageDecision::accept;
    const auto outcome = ops::decide(db, reference, accept, on(today));
    REQUIRE_FALSE(outcome.case_reference.empty());
    return outcome.case_reference;
  }
  // Adds an action between meetings on `today`; returns its id.
  std::string action(const std::string& kase, const char* owner, const char* due, const std::string& text = "Check in",
                     const char* today = "2017-09-01")
  {
    return ops::add_action(db, kase, owner, day(due), text, on(today)).id;
  }
  ops::ReminderPlan plan(const std::string& today) { return ops::plan_reminders(db, "", on(today)); }
  void set(const char* key, const char* value) { ops::config_set(db, key, value, on("2017-09-01")); }

  std::vector<core::AuditEntry> audit(const std::string& action, const std::string& entity)
  {
    std::vector<core::AuditEntry> rows;
    for (const auto& e : store::list_audit(db, ""))
      if (e.action == action && e.entity == entity)
        rows.push_back(e);
    return rows;
  }
  size_t reminders_recorded(const std::string& id) { return store::action_reminders(db, id).size(); }
};

Strings recipients(const ops::ReminderPlan& plan)
{
  Strings r;
  for (const auto& m : plan.messages)
    r.push_back(m.recipient);
  return r;
}

Items items_of(const ops::Reminder& r)
{
  Items items;
  for (const auto& i : r.items)
    items.emplace_back(i.item, i.subject);
  return items;
}

const ops::Reminder& message_for(const ops::ReminderPlan& plan, const std::string& recipient)
{
  for (const auto& m : plan.messages)
    if (m.recipient == recipient)
      return m;
  FAIL("no message for ", recipient);
  return plan.messages.front();
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The (item, subject) pairs of every message, in order.
Items all_items(const ops::ReminderPlan& plan)
{
  Items items;
  for (const auto& m : plan.messages)
    for (const auto& i : items_of(m))
      items.push_back(i);
  return items;
}

std::string read_text(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

ops::Delivery outbox_in(const std::string& folder)
{
  ops::Delivery how;
  how.kind = ops::Delivery::Kind::outbox;
  how.outbox = folder;
  return how;
}

ops::Delivery sendmail(const Strings& argv)
{
  ops::Delivery how;
  how.sendmail = argv;
  return how;
}

const std::string minutes_head = "held: true\nchair: Chair\nattendance: {POL: present, CST: present, ASC: present}\n";

} // namespace

TEST_CASE("reminders: nothing due plans no message and no problem")
{
  Reminders p;
  auto empty = p.plan("2017-09-04");
  CHECK(empty.messages.empty());
  CHECK(empty.problems.empty());

  const auto kase = p.open_case();
  p.action(kase, "POL", "2017-09-12");  // 8 days ahead: beyond due_soon_days (7)
  const auto before = p.audit_rows();
  empty = p.plan("2017-09-04");
  CHECK(empty.messages.empty());
  CHECK(empty.problems.empty());
  // A plan reads without a trace, and the mbox of nothing is nothing.
  CHECK(ops::reminders_mbox(p.db, empty, p.on("2017-09-04")) == "");
  CHECK(p.audit_rows() == before);
}

TEST_CASE("reminders: one message per owner agency with only its actions, overdue and due soon")
{
  Reminders p;
  const auto kase = p.open_case();
  const auto late = p.action(kase, "POL", "2017-09-03", "Check the address");
  const auto today = p.action(kase, "POL", "2017-09-04", "Arrange a joint visit");
  const auto edge = p.action(kase, "POL", "2017-09-11", "Share the report");
  const auto beyond = p.action(kase, "POL", "2017-09-12", "Review the tenancy");
  const auto care = p.action(kase, "ASC", "2017-09-05", "Offer an assessment");
  ops::update_action(p.db, p.action(kase, "ASC", "2017-09-02", "Already done"), {std::nullopt, "", "done", ""},
                     p.on("2017-09-01"));

  const auto plan = p.plan("2017-09-04");
  CHECK(plan.problems.empty());
  REQUIRE(recipients(plan) == Strings{"ASC", "POL"});  // no digest: nothing for the coordinator

  const auto& asc = message_for(plan, "ASC");
  CHECK(items_of(asc) == Items{{"action", care}});
  CHECK(asc.message.to == Strings{social_care});
  CHECK(asc.message.subject == "[OFFICIAL-SENSITIVE] CCM actions for Adult Social Care: 1 action due soon");

  const auto& pol = message_for(plan, "POL");
  CHECK(items_of(pol) == Items{{"action", late}, {"action", today}, {"action", edge}});
  CHECK(pol.message.to == Strings{police});
  CHECK(pol.message.from == "Community MARAC <communitysafety@example.org>");
  CHECK(pol.message.date == "Mon, 04 Sep 2017 09:00:00 +0000");
  CHECK(pol.message.message_id == mail::make_message_id("2017-09-04T09:00:00Z", pol.message));
  CHECK(pol.message.message_id != asc.message.message_id);
  CHECK(pol.message.subject ==
        "[OFFICIAL-SENSITIVE] CCM actions for City of London Police: 1 action overdue and 2 actions due soon");
  for (const auto& item : pol.items) {
    CHECK(item.recipient == "POL");
    CHECK(item.address == police);
    CHECK(item.message_id == pol.message.message_id);
    CHECK(item.delivery == "");
  }
  CHECK(pol.items[0].due == day("2017-09-03"));
  CHECK(pol.items[2].due == day("2017-09-11"));

  // Overdue before "DUE SOON", due today after it; the other agency's and later actions absent.
  const auto& body = pol.message.body;
  const auto overdue_at = body.find("\nOVERDUE\n");
  const auto soon_at = body.find("\nDUE SOON\n");
  REQUIRE(overdue_at != std::string::npos);
  REQUIRE(soon_at != std::string::npos);
  CHECK(overdue_at < body.find(late + "  case " + kase));
  CHECK(body.find(late + "  case " + kase) < soon_at);
  CHECK(soon_at < body.find(today + "  case " + kase));
  CHECK(soon_at < body.find(edge + "  case " + kase));
  CHECK(has(body, "    Check the address\n    Due 3 September 2017: 1 day overdue.\n"));
  CHECK(has(body, "    Arrange a joint visit\n    Due 4 September 2017 (today).\n"));
  CHECK(has(body, "    Share the report\n    Due 11 September 2017 (in 7 days).\n"));
  CHECK_FALSE(has(body, beyond));
  CHECK_FALSE(has(body, "Review the tenancy"));
  CHECK_FALSE(has(body, "Offer an assessment"));
  CHECK_FALSE(has(body, "Already done"));
  CHECK(has(body, "quoting the action number (such as\n" + late + ")"));
  CHECK(body.starts_with("OFFICIAL-SENSITIVE\n\nTo: City of London Police\n"));
  // ASC's only action is due soon: no OVERDUE section.
  CHECK_FALSE(has(asc.message.body, "OVERDUE"));
  CHECK(has(asc.message.body, "\nDUE SOON\n"));
}

TEST_CASE("reminders: due_soon_days decides the last day included")
{
  Reminders p;
  const auto kase = p.open_case();
  const auto in7 = p.action(kase, "POL", "2017-09-11");
  const auto in8 = p.action(kase, "POL", "2017-09-12");
  CHECK(all_items(p.plan("2017-09-04")) == Items{{"action", in7}});
  CHECK(all_items(p.plan("2017-09-05")) == Items{{"action", in7}, {"action", in8}});

  p.set("due_soon_days", "3");
  const auto in3 = p.action(kase, "ASC", "2017-09-07");
  p.action(kase, "ASC", "2017-09-08");
  CHECK(all_items(p.plan("2017-09-04")) == Items{{"action", in3}});

  p.set("due_soon_days", "0");
  const auto now = p.action(kase, "CST", "2017-09-04");
  CHECK(all_items(p.plan("2017-09-04")) == Items{{"action", now}});
}

TEST_CASE("reminders: an action is escalated only when overdue by more than escalate_after_days")
{
  Reminders p;
  const auto kase = p.open_case();
  const auto id = p.action(kase, "POL", "2017-09-01");

  auto plan = p.plan("2017-09-15");  // 14 days overdue
  CHECK(recipients(plan) == Strings{"POL"});
  CHECK(all_items(plan) == Items{{"action", id}});

  plan = p.plan("2017-09-16");  // 15 days overdue
  REQUIRE(recipients(plan) == Strings{"POL", "coordinator"});
  const auto& digest = message_for(plan, "coordinator");
  CHECK(items_of(digest) == Items{{"escalation", id}});
  CHECK(digest.message.to == Strings{coordinator});
  CHECK(digest.items[0].recipient == "coordinator");
  CHECK(digest.items[0].address == coordinator);
  CHECK(digest.message.subject == "[OFFICIAL-SENSITIVE] CCM reminders digest 16 September 2017: 1 escalation");
  CHECK(has(digest.message.body, "ACTIONS OVERDUE BY MORE THAN 14 DAYS\n\n" + id + "  case " + kase +
                                     "  owner POL (City of London Police)\n    Check in\n    Due 1 September 2017: 15 "
                                     "days overdue.\n"));

  p.set("escalate_after_days", "3");
  CHECK(recipients(p.plan("2017-09-04")) == Strings{"POL"});  // 3 days
  plan = p.plan("2017-09-05");                                   // 4 days
  CHECK(all_items(plan) == Items{{"action", id}, {"escalation", id}});
  CHECK(has(message_for(plan, "coordinator").message.body, "ACTIONS OVERDUE BY MORE THAN 3 DAYS"));
}

TEST_CASE("reminders: an action reminded is not reminded again within remind_every_days")
{
  Reminders p;
  test::TempDir out;
  const auto kase = p.open_case();
  const auto first = p.action(kase, "POL", "2017-09-05", "Visit");
  const auto second = p.action(kase, "POL", "2017-09-06", "Call");
  const auto plan = p.plan("2017-09-04");
  const auto delivered = ops::deliver_reminders(p.db, plan, outbox_in(out.file("outbox")), p.on("2017-09-04"));

  REQUIRE(delivered.size() == 1);
  CHECK(delivered[0].recipient == "POL");
  CHECK(delivered[0].address == police);
  CHECK(delivered[0].items == 2);
  CHECK(delivered[0].error == "");
  CHECK(delivered[0].path == out.file("outbox") + "/2017-09-04-pol.eml");
  CHECK(read_text(delivered[0].path) == mail::format_message(plan.messages[0].message, "\r\n"));

  const auto sent = store::action_reminders(p.db, first);
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].day == "2017-09-04");
  CHECK(sent[0].item == "action");
  CHECK(sent[0].recipient == "POL");
  CHECK(sent[0].address == police);
  CHECK(sent[0].delivery == "outbox");
  CHECK(p.reminders_recorded(second) == 1);

  const auto exports = p.audit("export", "reminder");
  REQUIRE(exports.size() == 1);
  CHECK(exports[0].record == "POL");
  // No address and no path: the audit log holds codes only.
  CHECK(exports[0].detail == "2 items in message " + plan.messages[0].message.message_id + " to the outbox");

  CHECK(p.plan("2017-09-04").messages.empty());
  CHECK(p.plan("2017-09-10").messages.empty());  // day +6: both overdue, still quiet
  // Another action is not held back by the ones already reminded.
  const auto third = p.action(kase, "POL", "2017-09-12", "Write", "2017-09-10");
  CHECK(all_items(p.plan("2017-09-10")) == Items{{"action", third}});
  // Day +7 (remind_every_days 7): due again.
  CHECK(all_items(p.plan("2017-09-11")) == Items{{"action", first}, {"action", second}, {"action", third}});

  p.set("remind_every_days", "2");
  CHECK(all_items(p.plan("2017-09-05")) == Items{{"action", third}});
  CHECK(all_items(p.plan("2017-09-06")) == Items{{"action", first}, {"action", second}, {"action", third}});
}

TEST_CASE("reminders: a message that cannot be sent is not recorded, and the next plan has it again")
{
  Reminders p;
  const auto kase = p.open_case();
  const auto pol = p.action(kase, "POL", "2017-09-05");
  const auto asc = p.action(kase, "ASC", "2017-09-05");
  const auto plan = p.plan("2017-09-04");
  REQUIRE(plan.messages.size() == 2);
  const auto exports_before = p.audit("export", "reminder").size();

  SUBCASE("every message fails")
  {
    const auto delivered = ops::deliver_reminders(p.db, plan, sendmail({"/bin/sh", "-c", "exit 75"}), p.on("2017-09-04"));
    REQUIRE(delivered.size() == 2);
    for (const auto& d : delivered) {
      CHECK(d.error == "'/bin/sh' exited with 75");
      CHECK(d.path == "");
    }
    CHECK(delivered[0].recipient == "ASC");
    CHECK(delivered[0].address == social_care);
    CHECK(p.reminders_recorded(pol) == 0);
    CHECK(p.reminders_recorded(asc) == 0);
    CHECK(p.audit("export", "reminder").size() == exports_before);
    CHECK(all_items(p.plan("2017-09-04")) == Items{{"action", asc}, {"action", pol}});
  }
  SUBCASE("one message fails, the other goes and is recorded")
  {
    test::TempDir dir;
    const auto copy = dir.file("sent");
    const auto delivered = ops::deliver_reminders(
        p.db, plan,
        sendmail({"/bin/sh", "-c",
                  "cat > \"$1\"; if grep -q '^To: ccm.police@' \"$1\"; then echo 'no route to host' >&2; exit 75; fi",
                  "sh", copy}),
        p.on("2017-09-04"));
    REQUIRE(delivered.size() == 2);
    CHECK(delivered[0].recipient == "ASC");
    CHECK(delivered[0].error == "");
    CHECK(delivered[1].recipient == "POL");
    CHECK(delivered[1].error == "'/bin/sh' exited with 75: no route to host");
    CHECK(p.reminders_recorded(asc) == 1);
    CHECK(store::action_reminders(p.db, asc)[0].delivery == "sendmail");
    CHECK(p.reminders_recorded(pol) == 0);
    const auto exports = p.audit("export", "reminder");
    REQUIRE(exports.size() == exports_before + 1);
    CHECK(exports.back().record == "ASC");
    CHECK(exports.back().detail == "1 item in message " + plan.messages[0].message.message_id + " by mail");
    CHECK(all_items(p.plan("2017-09-04")) == Items{{"action", pol}});
  }
  SUBCASE("sent through sendmail with LF line ends")
  {
    test::TempDir dir;
    const auto copy = dir.file("sent");
    const auto delivered = ops::deliver_reminders(
        p.db, plan, sendmail({"/bin/sh", "-c", "cat >> \"$1\"", "sh", copy}), p.on("2017-09-04"));
    CHECK(delivered[0].error == "");
    CHECK(delivered[1].error == "");
    CHECK(read_text(copy) == mail::format_message(plan.messages[0].message) + mail::format_message(plan.messages[1].message));
    CHECK(p.audit("export", "reminder").size() == exports_before + 2);
    CHECK(p.plan("2017-09-04").messages.empty());
  }
}

TEST_CASE("reminders: the actions of an agency with no email go to the coordinator's digest")
{
  Reminders p;
  const auto kase = p.open_case();
  const auto pol = p.action(kase, "POL", "2017-09-05", "Visit");
  const auto asc = p.action(kase, "ASC", "2017-09-02", "Assess");
  ops::AgencyChange no_email;
  no_email.email = "";
  ops::update_agency(p.db, "ASC", no_email, p.on("2017-09-01"));

  const auto plan = p.plan("2017-09-04");
  CHECK(plan.problems.empty());
  REQUIRE(recipients(plan) == Strings{"POL", "coordinator"});
  const auto& digest = message_for(plan, "coordinator");
  CHECK(items_of(digest) == Items{{"action", asc}});
  CHECK(digest.items[0].recipient == "coordinator");
  CHECK(digest.items[0].address == coordinator);
  CHECK(digest.message.subject == "[OFFICIAL-SENSITIVE] CCM reminders digest 4 September 2017: 1 action to send by hand");
  CHECK(has(digest.message.body, "ACTIONS OF AGENCIES WITH NO EMAIL ADDRESS"));
  CHECK(has(digest.message.body, "\nASC (Adult Social Care)\n  " + asc + "  case " + kase +
                                     ": Assess (due 2 September 2017, 2 days overdue)\n"));
  CHECK_FALSE(has(digest.message.body, "Visit"));
  CHECK(items_of(message_for(plan, "POL")) == Items{{"action", pol}});

  // Delivered, the digest's items count as reminded.
  test::TempDir out;
  ops::deliver_reminders(p.db, plan, outbox_in(out.file("o")), p.on("2017-09-04"));
  const auto sent = store::action_reminders(p.db, asc);
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].recipient == "coordinator");
  CHECK(sent[0].address == coordinator);
  CHECK(p.plan("2017-09-05").messages.empty());
  CHECK(std::filesystem::exists(out.file("o/2017-09-04-coordinator.eml")));
}

TEST_CASE("reminders: with no coordinator.email the digest is a problem, not a message")
{
  Reminders p;
  const auto kase = p.open_case();
  const auto id = p.action(kase, "POL", "2017-09-01");
  p.set("coordinator.email", "");
  const auto plan = p.plan("2017-09-20");
  CHECK(recipients(plan) == Strings{"POL"});
  CHECK(all_items(plan) == Items{{"action", id}});
  CHECK(plan.problems == Strings{"the coordinator's digest (1 escalation) cannot be sent: the profile has no "
                                 "coordinator.email (panel config set coordinator.email ADDRESS)"});
  // Nothing for the digest: no problem.
  CHECK(p.plan("2017-09-04").problems.empty());
}

TEST_CASE("reminders: without mail.from the sender is the coordinator, and without either it is an error")
{
  Reminders p;
  const auto kase = p.open_case();
  p.action(kase, "POL", "2017-09-05");
  p.set("mail.from", "");
  auto plan = p.plan("2017-09-04");
  REQUIRE(plan.messages.size() == 1);
  CHECK(plan.messages[0].message.from == coordinator);
  CHECK(plan.messages[0].message.message_id.ends_with("@example.org>"));

  p.set("coordinator.email", "");
  const auto caught = catch_error([&] { p.plan("2017-09-04"); });
  CHECK(caught.thrown);
  CHECK(caught.code == Exit::refused);
  CHECK(caught.message == "reminders need a sender: set mail.from (or coordinator.email) in the profile, e.g. panel "
                          "config set mail.from \"Community MARAC <panel@example.org>\"");
  // With nothing due, no sender is needed.
  CHECK(p.plan("2017-08-01").messages.empty());
}

TEST_CASE("reminders: case reviews and intervention steps past their date are in the digest until discussed")
{
  Reminders p;
  const auto kase = p.open_case();
  core::Meeting first, second;
  first.date = day("2017-09-12");
  second.date = day("2017-09-26");
  ops::add_meeting(p.db, first, p.on("2017-09-01"));
  ops::add_meeting(p.db, second, p.on("2017-09-01"));
  ops::record_minutes(p.db, day("2017-09-12"),
                      minutes_head + "cases:\n  " + kase +
                          ":\n    summary: Discussed\n    outcome: keep-open\n    next_review: 2017-10-10\n"
                          "    interventions:\n"
                          "      - {type: warning-letter, agency: POL, date: 2017-09-12, review: 2017-09-26}\n"
                          "      - {type: home-visit, agency: HSG, date: 2017-09-12, expiry: 2017-09-20}\n",
                      "m1.yaml", false, p.on("2017-09-12"));

  CHECK(p.plan("2017-09-20").messages.empty());  // the expiry is today: not yet past
  auto plan = p.plan("2017-09-21");
  REQUIRE(recipients(plan) == Strings{"coordinator"});
  const auto expiry = message_for(plan, "coordinator").items;
  REQUIRE(expiry.size() == 1);
  CHECK(expiry[0].item == "intervention-expiry");
  CHECK(expiry[0].due == day("2017-09-20"));
  const auto home_visit = expiry[0].subject;
  CHECK(home_visit.starts_with("I-"));
  CHECK(has(plan.messages[0].message.body, "INTERVENTIONS PAST THEIR REVIEW OR EXPIRY DATE\n\n" + kase +
                                               "  Home visit (tier 1) by HSG, made 12 September 2017\n"
                                               "    Expiry was due 20 September 2017 (1 day ago)"));

  plan = p.plan("2017-09-27");
  const auto& items = message_for(plan, "coordinator").items;
  REQUIRE(items.size() == 2);
  CHECK(items[0].item == "intervention-expiry");
  CHECK(items[1].item == "intervention-review");
  CHECK(items[1].due == day("2017-09-26"));
  const auto warning = items[1].subject;
  CHECK(warning != home_visit);
  CHECK(plan.messages[0].message.subject ==
        "[OFFICIAL-SENSITIVE] CCM reminders digest 27 September 2017: 2 intervention steps overdue");

  // The case review, the day after it. By then the minutes of 26 September are overdue too (due
  // 29 September).
  CHECK(all_items(p.plan("2017-10-10")) ==
        Items{{"intervention-expiry", home_visit}, {"intervention-review", warning}, {"minutes-overdue", "2017-09-26"}});
  plan = p.plan("2017-10-11");
  CHECK(all_items(plan) == Items{{"case-review", kase}, {"intervention-expiry", home_visit}, {"intervention-review", warning},
                                 {"minutes-overdue", "2017-09-26"}});
  CHECK(has(plan.messages[0].message.body, "CASES PAST THEIR REVIEW DATE\n\n" + kase +
                                               "  review due 10 October 2017 (1 day ago), lead agency POL, risk high"));

  // Discussed on the day the review fell due: both steps (due on or before it) are answered.
  ops::record_minutes(p.db, day("2017-09-26"),
                      minutes_head + "cases:\n  " + kase +
                          ":\n    summary: Reviewed\n    outcome: keep-open\n    next_review: 2017-10-24\n",
                      "m2.yaml", false, p.on("2017-09-26"));
  CHECK(p.plan("2017-09-27").messages.empty());
  CHECK(p.plan("2017-10-24").messages.empty());
  CHECK(all_items(p.plan("2017-10-25")) == Items{{"case-review", kase}});
}

TEST_CASE("reminders: an intervention step after the last discussion still comes up")
{
  Reminders p;
  const auto kase = p.open_case();
  core::Meeting first;
  first.date = day("2017-09-12");
  ops::add_meeting(p.db, first, p.on("2017-09-01"));
  ops::record_minutes(p.db, day("2017-09-12"),
                      minutes_head + "cases:\n  " + kase +
                          ":\n    summary: Discussed\n    outcome: keep-open\n"
                          "    interventions:\n      - {type: abc, agency: HSG, date: 2017-09-12}\n",
                      "m1.yaml", false, p.on("2017-09-12"));
  // An ABC: review after 3 months, expiry after 6.
  CHECK(p.plan("2017-12-12").messages.empty());
  const auto plan = p.plan("2017-12-13");
  REQUIRE(plan.messages.size() == 1);
  REQUIRE(plan.messages[0].items.size() == 1);
  CHECK(plan.messages[0].items[0].item == "intervention-review");
  CHECK(plan.messages[0].items[0].due == day("2017-12-12"));
  CHECK(has(plan.messages[0].message.body, "  Acceptable Behaviour Contract (tier 2) by HSG, made 12 September 2017\n"
                                           "    Review was due 12 December 2017 (1 day ago)"));
  CHECK(all_items(p.plan("2018-03-13")).size() == 2);
}

TEST_CASE("reminders: no message names the person")
{
  Reminders p;
  const auto kase = p.open_case("Zebedee Quintrell");
  core::Meeting first;
  first.date = day("2017-09-12");
  ops::add_meeting(p.db, first, p.on("2017-09-01"));
  ops::record_minutes(p.db, day("2017-09-12"),
                      minutes_head + "cases:\n  " + kase +
                          ":\n    summary: Discussed\n    outcome: keep-open\n    next_review: 2017-09-20\n"
                          "    interventions:\n      - {type: warning-letter, agency: POL, date: 2017-09-12, "
                          "review: 2017-09-19}\n"
                          "    actions:\n      - {owner: ASC, description: Assess, due: 2017-09-13}\n",
                      "m1.yaml", false, p.on("2017-09-12"));
  p.action(kase, "POL", "2017-09-01", "Visit");
  p.action(kase, "CSC", "2017-09-22", "Check the school");
  ops::AgencyChange no_email;
  no_email.email = "";
  ops::update_agency(p.db, "CSC", no_email, p.on("2017-09-01"));

  const auto plan = p.plan("2017-09-21");
  REQUIRE(recipients(plan) == Strings{"ASC", "POL", "coordinator"});
  Strings kinds;
  for (const auto& i : message_for(plan, "coordinator").items)
    kinds.push_back(i.item);
  CHECK(kinds == Strings{"action", "escalation", "case-review", "intervention-review"});
  const auto mbox = ops::reminders_mbox(p.db, plan, p.on("2017-09-21"));
  for (const auto& m : plan.messages) {
    for (const std::string part : {"Zebedee", "Quintrell", "ZEBEDEE", "QUINTRELL", "1970"}) {
      CAPTURE(part);
      CHECK_FALSE(has(m.message.subject, part));
      CHECK_FALSE(has(m.message.body, part));
    }
  }
  CHECK_FALSE(has(mbox, "Zebedee"));
  CHECK_FALSE(has(mbox, "Quintrell"));
  CHECK(has(mbox, kase));
}

TEST_CASE("reminders: the mbox quotes From_ lines in bodies and records nothing but a read")
{
  Reminders p;
  const auto kase = p.open_case();
  const auto pol = p.action(kase, "POL", "2017-09-01");
  const auto asc = p.action(kase, "ASC", "2017-09-05");
  p.set("coordinator.name", "From the coordinator");  // the signature line of each message
  const auto actor = p.on("2017-09-20");
  const auto plan = p.plan("2017-09-20");
  REQUIRE(recipients(plan) == Strings{"ASC", "POL", "coordinator"});
  const auto before = p.audit_rows();
  const auto mbox = ops::reminders_mbox(p.db, plan, actor);

  CHECK(mbox.starts_with("From panel Wed Sep 20 09:00:00 2017\nDate: Wed, 20 Sep 2017 09:00:00 +0000\n"));
  size_t separators = 0;
  for (size_t at = 0; (at = mbox.find("From panel Wed Sep 20 09:00:00 2017\n", at)) != std::string::npos; ++at) {
    CHECK((at == 0 || mbox.compare(at - 2, 2, "\n\n") == 0));
    ++separators;
  }
  CHECK(separators == 3);
  // The signature "From the coordinator" is quoted; "From: ..." lines in the body and header are not.
  CHECK(has(mbox, "\n>From the coordinator\nCity of London Community MARAC\n"));
  CHECK_FALSE(has(mbox, "\nFrom the coordinator\n"));
  CHECK(has(mbox, "\nFrom: From the coordinator, City of London Community MARAC\n"));
  CHECK(has(mbox, "\nFrom: Community MARAC <communitysafety@example.org>\n"));
  // Each message as format_message writes it, From_ lines quoted.
  std::string expected;
  for (const auto& m : plan.messages) {
    auto text = mail::format_message(m.message);
    for (size_t at; (at = text.find("\nFrom the coordinator\n")) != std::string::npos;)
      text.replace(at, 1, "\n>");
    expected += "From panel Wed Sep 20 09:00:00 2017\n" + text + "\n";
  }
  CHECK(mbox == expected);

  // Nothing recorded: the next plan is the same, and the only trace is one read.
  CHECK(p.reminders_recorded(pol) == 0);
  CHECK(p.reminders_recorded(asc) == 0);
  CHECK(all_items(p.plan("2017-09-20")) == all_items(plan));
  REQUIRE(p.audit_rows() == before + 1);
  const auto last = store::list_audit(p.db, "").back();
  CHECK(last.action == "read");
  CHECK(last.entity == "reminder");
  CHECK(last.record == "dry-run");
  CHECK(last.detail == "3 messages");
}

TEST_CASE("reminders: the mbox quotes a body line already quoted once more")
{
  Reminders p;
  const auto kase = p.open_case();
  p.action(kase, "POL", "2017-09-05");
  p.set("coordinator.name", ">From the coordinator");
  const auto mbox = ops::reminders_mbox(p.db, p.plan("2017-09-04"), p.on("2017-09-04"));
  CHECK(mbox.starts_with("From panel Mon Sep  4 09:00:00 2017\n"));
  CHECK(has(mbox, "\n>>From the coordinator\nCity of London Community MARAC\n"));
  CHECK(has(mbox, "\nFrom: >From the coordinator, City of London Community MARAC\n"));
}

TEST_CASE("reminders: open cases with no next step are in the digest, by reference, every remind_every_days")
{
  Reminders p;
  const auto listed = p.open_case("Ann One");  // listed for the meeting far ahead
  core::Meeting soon;
  soon.date = day("2017-09-12");
  ops::add_meeting(p.db, soon, p.on("2017-09-01"));
  ops::cancel_meeting(p.db, day("2018-06-12"), "moved", p.on("2017-09-01"));
  const auto plan = p.plan("2017-09-04");  // its meeting cancelled, with none after it
  REQUIRE(recipients(plan) == Strings{"coordinator"});
  CHECK(items_of(plan.messages[0]) == Items{{"case-attention", listed}});
  CHECK(has(plan.messages[0].message.subject, "1 open case needing attention"));
  CHECK(has(plan.messages[0].message.body, listed + "  accepted but listed for no meeting"));
  CHECK_FALSE(has(plan.messages[0].message.body, "Ann One"));
  REQUIRE(ops::deliver_reminders(p.db, plan, outbox_in(p.dir.file("out")), p.on("2017-09-04")).size() == 1);
  CHECK(p.plan("2017-09-10").messages.empty());                // reminded within remind_every_days
  CHECK(recipients(p.plan("2017-09-11")) == Strings{"coordinator"});
  core::Meeting later;
  later.date = day("2017-10-10");
  ops::add_meeting(p.db, later, p.on("2017-09-11"));  // the case is listed for it
  CHECK(p.plan("2017-09-11").messages.empty());
}


TEST_CASE("reminders: a name of the case's people in an action's text reaches the mail as the case reference")
{
  Reminders panel;
  const auto kase = panel.open_case("Zoë O'Brien");
  // The same person referred again under another spelling: that name is theirs too.
  auto reader = input::referral_from_fields({{"received", "2017-09-01"}, {"agency", "CST"}, {"name", "ZOE O’BRIEN"},
                                             {"dob", "1970-01-01"}, {"category", "assault"}, {"summary", "s"}});
  ops::record_referrals(panel.db, *reader, "", {}, panel.on("2017-09-01"), [](const ops::IntakeItem&) {});
  const auto other = panel.open_case("Ann Lee");
  panel.action(kase, "ASC", "2017-09-05", "Call zoe o'brien’s sister");
  panel.action(kase, "ASC", "2017-09-06", "Visit O’BRIEN at home");
  panel.action(other, "ASC", "2017-09-07", "Ask Ann about O'Brien");  // not a person of this case
  const auto plan = panel.plan("2017-09-04");
  const auto asc = std::find_if(plan.messages.begin(), plan.messages.end(),
                                [](const ops::Reminder& r) { return r.recipient == "ASC"; });
  REQUIRE(asc != plan.messages.end());
  const auto& body = asc->message.body;
  CHECK(body.find("Call " + kase + " sister") != std::string::npos);
  CHECK(body.find("Visit " + kase + " at home") != std::string::npos);
  CHECK(body.find("Ask " + other + " about O'Brien") != std::string::npos);
  CHECK(body.find("zoe") == std::string::npos);
  CHECK(body.find("Zoë") == std::string::npos);
  CHECK(store::case_names(panel.db, kase).size() >= 2);
}

TEST_CASE("reminders, selection: actions by owner, escalations, and what was reminded recently")
{
  Reminders p;
  const auto kase = p.open_case();
  const auto late = p.action(kase, "POL", "2017-09-01", "Visit");
  const auto soon = p.action(kase, "ASC", "2017-09-22", "Assess");
  p.action(kase, "CST", "2017-12-01", "Later");  // beyond the due-soon window
  p.set("escalate_after_days", "14");
  auto due = ops::due_reminders(p.db, ops::load_profile(p.db), day("2017-09-20"));
  REQUIRE(due.by_owner.size() == 2);
  CHECK(due.by_owner.at("POL").at(0).action.id == late);
  CHECK(due.by_owner.at("ASC").at(0).action.id == soon);
  REQUIRE(due.escalations.size() == 1);
  CHECK(due.escalations[0].action.id == late);
  CHECK_FALSE(due.digest_empty());
  CHECK(due.recently_reminded == 0);

  // Once delivered, the same day's selection finds them reminded and selects nothing.
  test::TempDir out;
  ops::deliver_reminders(p.db, p.plan("2017-09-20"), outbox_in(out.file("o")), p.on("2017-09-20"));
  due = ops::due_reminders(p.db, ops::load_profile(p.db), day("2017-09-20"));
  CHECK(due.by_owner.empty());
  CHECK(due.digest_empty());
  CHECK(due.recently_reminded == 3);
}

TEST_CASE("reminders, agency messages: one per agency with an address, the others left for the digest")
{
  Reminders p;
  const auto kase = p.open_case();
  const auto pol = p.action(kase, "POL", "2017-09-01", "Visit");
  const auto asc = p.action(kase, "ASC", "2017-09-06", "Assess");
  ops::AgencyChange no_email;
  no_email.email = "";
  ops::update_agency(p.db, "ASC", no_email, p.on("2017-09-01"));
  const auto profile = ops::load_profile(p.db);
  const auto due = ops::due_reminders(p.db, profile, day("2017-09-04"));
  Strings problems;
  const auto t = documents::find_template(input::load_templates("", problems), "action-reminder");
  ops::UnsentActions unsent;
  const auto messages = ops::agency_reminders(p.db, profile, due.by_owner, t, "panel@example.org", p.on("2017-09-04"), unsent);
  REQUIRE(messages.size() == 1);
  CHECK(messages[0].recipient == "POL");
  CHECK(messages[0].message.to == Strings{police});
  CHECK(messages[0].message.from == "panel@example.org");
  CHECK(has(messages[0].message.subject, "1 action overdue"));
  CHECK(items_of(messages[0]) == Items{{"action", pol}});
  CHECK(messages[0].items[0].message_id == messages[0].message.message_id);
  REQUIRE(unsent.items.size() == 1);
  CHECK(unsent.items[0].subject == asc);
  REQUIRE(unsent.agencies.items.size() == 1);
}

TEST_CASE("reminders, digest: its summary in words and its items in the order of the mail")
{
  Reminders p;
  const auto kase = p.open_case();
  const auto a = p.action(kase, "POL", "2017-09-01", "Visit");
  const auto b = p.action(kase, "CST", "2017-09-02", "Call");
  const auto profile = ops::load_profile(p.db);
  const auto due = ops::due_reminders(p.db, profile, day("2017-10-01"));
  ops::UnsentActions unsent;
  CHECK(ops::digest_summary(due, unsent) == "2 escalations");
  unsent.agencies.items.push_back(core::Value::object());
  unsent.items.push_back({"action", "A-99", day("2017-09-03"), "", "", "", ""});
  CHECK(ops::digest_summary(due, unsent) == "2 escalations, 1 action to send by hand");

  Strings problems;
  const auto t = documents::find_template(input::load_templates("", problems), "reminder-digest");
  const auto digest = ops::coordinator_digest(p.db, profile, due, unsent, t, "panel@example.org", p.on("2017-10-01"));
  CHECK(digest.recipient == "coordinator");
  CHECK(digest.message.to == Strings{coordinator});
  CHECK(items_of(digest) == Items{{"action", "A-99"}, {"escalation", a}, {"escalation", b}});
  CHECK(has(digest.message.subject, "2 escalations, 1 action to send by hand"));
}
