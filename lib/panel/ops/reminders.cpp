#include "panel/ops/reminders.hpp"

#include "panel/core/error.hpp"
#include "panel/core/text.hpp"
#include "panel/core/vocabulary.hpp"
#include "panel/documents/documents.hpp"
#include "panel/documents/reminders.hpp"
#include "panel/input/templates.hpp"
#include "panel/mail/delivery.hpp"
#include "panel/ops/case_reviews.hpp"
#include "panel/ops/cases.hpp"
#include "panel/ops/minutes_due.hpp"
#include "panel/ops/setup.hpp"
#include "panel/store/actions.hpp"
#include "panel/store/agencies.hpp"
#include "panel/store/audit.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <map>
#include <set>

namespace panel::ops {
namespace {

using core::Value;

void stamp(Reminder& r)
{
  const auto address = r.message.to.empty() ? std::string() : r.message.to.front();
  for (auto& item : r.items) {
    item.recipient = r.recipient;
    item.address = address;
    item.message_id = r.message.message_id;
  }
}

// "Mon Sep  4 09:00:00 2017" for an mbox From_ line.
std::string asctime_of(const std::string& at)
{
  const auto rfc = mail::rfc5322_date(at);  // "Mon, 04 Sep 2017 09:00:00 +0000"
  const int day = std::stoi(rfc.substr(5, 2));
  return fmt::format("{} {} {:>2} {} {}", rfc.substr(0, 3), rfc.substr(8, 3), day, rfc.substr(17, 8), rfc.substr(12, 4));
}

std::vector<documents::TriggerStepDue> trigger_steps_due(store::Db& db, const core::Profile& profile, core::Date today)
{
  std::vector<documents::TriggerStepDue> out;
  const auto holidays = case_review_holidays(profile);
  for (const auto& s : case_review_statuses(db, profile, today))
    for (const auto& step : s.steps) {
      const bool acknowledge = core::is(step.step, core::CaseReviewStep::acknowledge);
      if (!step.done && !s.review.appealed && !(acknowledge && s.review.decided) &&
          step.due <= today.plus_days(profile.due_soon_days))
        out.push_back({s.review.reference, step.step, step.due, rules::working_days_between(step.due, today, holidays)});
    }
  return out;
}

} // namespace

bool DueReminders::digest_empty() const
{
  return escalations.empty() && reviews.empty() && interventions.empty() && trigger_steps.empty() && attention.empty() &&
         minutes.empty();
}

DueReminders due_reminders(store::Db& db, const core::Profile& profile, core::Date today)
{
  const auto seen = store::reminded_since(db, today.plus_days(1 - profile.remind_every_days));
  DueReminders due;
  auto fresh = [&](const std::string& item, const std::string& subject) {
    const bool again = seen.contains({item, subject});
    due.recently_reminded += again;
    return !again;
  };

  // Open actions due by the end of the due-soon window, by owner; and the long overdue.
  for (const auto& r : store::list_actions(db, {core::to_string(core::ActionStatus::open), "", "", today.plus_days(profile.due_soon_days)})) {
    if (fresh("action", r.action.id))
      due.by_owner[r.action.owner].push_back(r);
    if (r.action.due.days_until(today) > profile.escalate_after_days && fresh("escalation", r.action.id))
      due.escalations.push_back(r);
  }
  for (const auto& r : store::reviews_due(db, today))
    if (fresh(core::to_string(core::ReminderItem::case_review), r.reference))
      due.reviews.push_back(r);
  for (const auto& i : store::interventions_due(db, today))
    if (fresh("intervention-" + i.step, fmt::format("I-{}", i.id)))
      due.interventions.push_back(i);

  for (auto& t : trigger_steps_due(db, profile, today))
    if (fresh("trigger-step", t.reference + " " + t.step))
      due.trigger_steps.push_back(std::move(t));
  for (auto& c : cases_needing_attention(db, profile, today))
    if (fresh("case-attention", c.info.reference))
      due.attention.push_back(std::move(c));

  for (auto& m : minutes_overdue(db, today))
    if (fresh("minutes-overdue", m.meeting.date.iso()))
      due.minutes.push_back(std::move(m));
  return due;
}

std::vector<Reminder> agency_reminders(store::Db& db, const core::Profile& profile,
                                       const std::map<std::string, std::vector<store::ActionRow>>& by_owner,
                                       const core::Template& t, const std::string& from, const core::Actor& actor,
                                       UnsentActions& unsent)
{
  const core::Date today = actor.today;
  std::vector<Reminder> messages;
  for (const auto& [code, rows] : by_owner) {
    const auto agency = store::find_agency(db, code);
    Value overdue = Value::list({}), due_soon = Value::list({}), all = Value::list({});
    std::vector<store::ReminderRecord> items;
    for (const auto& r : rows) {
      const auto v = documents::reminded_action(db, r, today);
      all.items.push_back(v);
      (r.action.due < today ? overdue : due_soon).items.push_back(v);
      items.push_back({"action", r.action.id, r.action.due, "", "", "", ""});
    }
    if (!agency || agency->email.empty()) {
      Value entry = Value::object();
      entry.set("agency", documents::agency_value(db, code)).set("actions", all);
      unsent.agencies.items.push_back(entry);
      unsent.items.insert(unsent.items.end(), items.begin(), items.end());
      continue;
    }
    std::vector<std::string> parts;
    if (!overdue.items.empty())
      parts.push_back(core::plural(overdue.items.size(), "action overdue", "actions overdue"));
    if (!due_soon.items.empty())
      parts.push_back(core::plural(due_soon.items.size(), "action due soon", "actions due soon"));
    Value context = documents::base_context(profile, today, agency->name);
    context.set("agency", documents::agency_value(db, code)).set("actions", all).set("overdue", overdue).set("due_soon", due_soon)
        .set("has_overdue", Value::yes_no(!overdue.items.empty())).set("has_due_soon", Value::yes_no(!due_soon.items.empty()))
        .set("summary", core::join(parts, " and ")).set("first_id", rows.front().action.id);
    Reminder reminder{code, documents::compose(t, context, from, agency->email, actor.at), std::move(items)};
    stamp(reminder);
    messages.push_back(std::move(reminder));
  }
  return messages;
}

std::string digest_summary(const DueReminders& due, const UnsentActions& unsent)
{
  std::vector<std::string> parts;
  if (!due.attention.empty())
    parts.push_back(core::plural(due.attention.size(), "open case needing attention", "open cases needing attention"));
  if (!due.escalations.empty())
    parts.push_back(core::plural(due.escalations.size(), "escalation", "escalations"));
  if (!due.reviews.empty())
    parts.push_back(core::plural(due.reviews.size(), "case review overdue", "case reviews overdue"));
  if (!due.interventions.empty())
    parts.push_back(core::plural(due.interventions.size(), "intervention step overdue", "intervention steps overdue"));
  if (!due.trigger_steps.empty())
    parts.push_back(core::plural(due.trigger_steps.size(), "ASB case review step due", "ASB case review steps due"));
  if (!due.minutes.empty())
    parts.push_back(core::plural(due.minutes.size(), "meeting's minutes overdue", "meetings' minutes overdue"));
  if (!unsent.agencies.items.empty())
    parts.push_back(core::plural(unsent.items.size(), "action to send by hand", "actions to send by hand"));
  return core::join(parts, ", ");
}

Reminder coordinator_digest(store::Db& db, const core::Profile& profile, const DueReminders& due,
                            const UnsentActions& unsent, const core::Template& t, const std::string& from,
                            const core::Actor& actor)
{
  const core::Date today = actor.today;
  Reminder digest{"coordinator", {}, unsent.items};
  Value escalated = Value::list({});
  for (const auto& r : due.escalations) {
    escalated.items.push_back(documents::reminded_action(db, r, today));
    digest.items.push_back({"escalation", r.action.id, r.action.due, "", "", "", ""});
  }
  Value review_list = Value::list({});
  for (const auto& r : due.reviews) {
    review_list.items.push_back(documents::review_value(db, r, today));
    digest.items.push_back({core::to_string(core::ReminderItem::case_review), r.reference, r.review, "", "", "", ""});
  }
  Value steps = Value::list({});
  for (const auto& i : due.interventions) {
    steps.items.push_back(documents::intervention_value(db, profile, i, today));
    digest.items.push_back({"intervention-" + i.step, fmt::format("I-{}", i.id), i.due, "", "", "", ""});
  }
  for (const auto& m : due.minutes)
    digest.items.push_back({"minutes-overdue", m.meeting.date.iso(), *m.minutes.due, "", "", "", ""});
  Value triggers = Value::list({});
  for (const auto& s : due.trigger_steps) {
    triggers.items.push_back(documents::trigger_step_value(s, today));
    digest.items.push_back({"trigger-step", s.reference + " " + s.step, s.due, "", "", "", ""});
  }
  Value attention_list = Value::list({});
  for (const auto& c : due.attention) {
    attention_list.items.push_back(documents::attention_value(db, c));
    digest.items.push_back({"case-attention", c.info.reference, today, "", "", "", ""});
  }
  Value context = documents::base_context(profile, today, profile.coordinator.name);
  context.set("escalations", escalated).set("reviews", review_list).set("interventions", steps).set("unsent", unsent.agencies)
      .set("has_escalations", Value::yes_no(!due.escalations.empty())).set("has_reviews", Value::yes_no(!due.reviews.empty()))
      .set("has_interventions", Value::yes_no(!due.interventions.empty()))
      .set("has_unsent", Value::yes_no(!unsent.agencies.items.empty()))
      .set("case_reviews", triggers).set("has_case_reviews", Value::yes_no(!due.trigger_steps.empty()))
      .set("attention", attention_list).set("has_attention", Value::yes_no(!due.attention.empty()))
      .set("minutes", overdue_minutes_list(due.minutes)).set("has_minutes", Value::yes_no(!due.minutes.empty()))
      .set("summary", digest_summary(due, unsent)).set("escalate_after_days", std::to_string(profile.escalate_after_days))
      .set("remind_every_days", std::to_string(profile.remind_every_days));
  digest.message = documents::compose(t, context, from, profile.coordinator.email, actor.at);
  stamp(digest);
  return digest;
}

ReminderPlan plan_reminders(store::Db& db, const std::string& templates_flag, const core::Actor& actor)
{
  store::Transaction txn(db, store::Transaction::Kind::read);
  const auto profile = load_profile(db);
  const auto due = due_reminders(db, profile, actor.today);
  ReminderPlan plan;
  plan.recently_reminded = due.recently_reminded;
  if (due.by_owner.empty() && due.digest_empty())
    return plan;

  std::vector<std::string> problems;
  const auto templates = input::load_templates(documents::templates_folder(templates_flag, &profile), problems);
  const std::string from = !profile.mail.from.empty() ? profile.mail.from : profile.coordinator.email;
  if (from.empty())
    throw refused("reminders need a sender: set mail.from (or coordinator.email) in the profile, "
                  "e.g. panel config set mail.from \"Community MARAC <panel@example.org>\"");

  // One message per agency with an address; the actions of agencies without one go in the digest.
  UnsentActions unsent;
  plan.messages = agency_reminders(db, profile, due.by_owner,
                                   documents::mail_template(templates, "action-reminder", "action-reminder", problems), from, actor,
                                   unsent);
  if (due.digest_empty() && unsent.items.empty()) {
    txn.commit();
    return plan;
  }
  if (profile.coordinator.email.empty())
    plan.problems.push_back(fmt::format("the coordinator's digest ({}) cannot be sent: the profile has no coordinator.email "
                                        "(panel config set coordinator.email ADDRESS)",
                                        digest_summary(due, unsent)));
  else
    plan.messages.push_back(coordinator_digest(db, profile, due, unsent,
                                               documents::mail_template(templates, "reminder-digest", "reminder-digest", problems),
                                               from, actor));
  txn.commit();
  return plan;
}

std::vector<Delivered> deliver_reminders(store::Db& db, const ReminderPlan& plan, const Delivery& how,
                                         const core::Actor& actor)
{
  std::vector<Delivered> results;
  const bool outbox = how.kind == Delivery::Kind::outbox;
  for (const auto& r : plan.messages) {
    Delivered d{r.recipient, r.message.to.front(), r.items.size(), "", ""};
    const auto text = mail::format_message(r.message, outbox ? "\r\n" : "\n");
    try {
      if (outbox) {
        std::string stem = actor.today.iso() + "-" + r.recipient;
        std::transform(stem.begin(), stem.end(), stem.begin(), [](unsigned char c) { return std::tolower(c); });
        d.path = mail::write_eml(how.outbox, stem, text);
      } else {
        d.error = mail::send_with(how.sendmail, text);
      }
    } catch (const Error& e) {
      d.error = e.what();
    }
    if (d.error.empty()) {
      // Delivered: record it. Should that fail (the database locked past the busy timeout), the
      // message has still gone: say so, and carry on with the others.
      try {
        store::Transaction txn(db, store::Transaction::Kind::write);
        for (auto item : r.items) {
          item.delivery = core::to_string(outbox ? core::Delivery::outbox : core::Delivery::sendmail);
          store::record_reminder(db, item, actor);
        }
        store::append_audit(db, actor, core::AuditAction::export_, "reminder", r.recipient,
                            fmt::format("{} in message {}{}", core::plural(r.items.size(), "item", "items"), r.message.message_id,
                                        outbox ? " to the outbox" : " by mail"));
        txn.commit();
      } catch (const std::exception& e) {
        const auto reason = store::as_database_error(e, db.path());
        d.error = fmt::format("delivered, but not recorded ({}): the next run will send it again",
                              reason ? reason->what() : e.what());
      }
    }
    results.push_back(std::move(d));
  }
  return results;
}

std::string reminders_mbox(store::Db& db, const ReminderPlan& plan, const core::Actor& actor)
{
  std::string out;
  for (const auto& r : plan.messages) {
    out += "From panel " + asctime_of(actor.at) + "\n";
    const auto text = mail::format_message(r.message, "\n");
    size_t start = 0;
    bool body = false;
    while (start < text.size()) {
      const auto end = text.find('\n', start);
      std::string line = text.substr(start, end - start);
      if (line.empty())
        body = true;
      // mboxrd: a body line that looks like a From_ line, quoted or not, gets one more '>'.
      if (body && line.find_first_not_of('>') != std::string::npos && line.substr(line.find_first_not_of('>')).starts_with("From "))
        line = ">" + line;
      out += line + "\n";
      start = end + 1;
    }
    out += "\n";
  }
  if (!plan.messages.empty()) {
    store::Transaction txn(db, store::Transaction::Kind::write);
    store::append_audit(db, actor, core::AuditAction::read, "reminder", "dry-run", core::plural(plan.messages.size(), "message", "messages"));
    txn.commit();
  }
  return out;
}

} // namespace panel::ops
