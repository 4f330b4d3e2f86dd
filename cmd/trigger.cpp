#include "cmd/cli.hpp"

#include "panel/core/error.hpp"
#include "panel/ops/case_reviews.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>

namespace panel::cmd {
namespace {

struct TriggerOptions {
  std::string reference, received, applicant, on_behalf_of, contact, address, file;
  bool consent = false;
  // trigger complaint
  std::string incident_date, reported_date, agency, agency_reference, complainant, description;
  bool hate = false;
  // the steps
  std::string date, meeting, reason, override_verdict;
};

int run_apply(const TriggerOptions& o, Context& ctx)
{
  const auto format = ctx.format_or(render::Format::table, {render::Format::table, render::Format::json});
  core::CaseReviewApplication a;
  a.received = date_argument(ctx, o.received, "--received");
  a.applicant = o.applicant;
  a.on_behalf_of = o.on_behalf_of;
  a.consent = o.consent;
  a.contact = o.contact;
  a.address = o.address;
  // Typed on one line, an address marks its line breaks with \n.
  for (size_t at = 0; (at = a.address.find("\\n", at)) != std::string::npos;)
    a.address.replace(at, 2, "\n");
  auto db = ctx.open_db();
  const auto r = ops::apply_for_case_review(db, a, o.file, ctx.actor(), &ctx.in);
  if (format == render::Format::json)
    ctx.out << fmt::format("{{\"reference\": \"{}\"}}\n", r.reference);
  else
    ctx.out << r.reference << '\n';
  ctx.note(fmt::format("recorded {}: application received {} with {} complaint{}", r.reference, a.received.iso(),
                       r.application.complaints.size(), r.application.complaints.size() == 1 ? "" : "s"));
  return 0;
}

int run_complaint(const TriggerOptions& o, Context& ctx)
{
  core::Complaint c{date_argument(ctx, o.incident_date, "--incident-date"), date_argument(ctx, o.reported_date, "--reported-date"),
                    o.agency, o.agency_reference, o.complainant, o.hate, o.description};
  auto db = ctx.open_db();
  ops::add_complaint(db, o.reference, c, ctx.actor());
  ctx.note(fmt::format("added a complaint to {}", o.reference));
  return 0;
}

int run_acknowledge(const TriggerOptions& o, Context& ctx)
{
  const auto day = o.date.empty() ? ctx.today : date_argument(ctx, o.date, "--date");
  auto db = ctx.open_db();
  ops::acknowledge_case_review(db, o.reference, day, ctx.actor());
  ctx.note(fmt::format("{} acknowledged on {} (letter: panel letter case-review-acknowledgement {})", o.reference, day.iso(),
                       o.reference));
  return 0;
}

int run_decide(const TriggerOptions& o, Context& ctx)
{
  std::optional<bool> override_met;
  if (o.override_verdict == "met")
    override_met = true;
  else if (o.override_verdict == "not-met")
    override_met = false;
  else if (!o.override_verdict.empty())
    throw usage_error(fmt::format("--override: '{}' is not a verdict (use met or not-met)", o.override_verdict));
  if (!override_met && !o.reason.empty())
    throw usage_error("--reason: only with --override (the check's verdict needs no reason)");
  const auto day = o.date.empty() ? ctx.today : date_argument(ctx, o.date, "--date");
  auto db = ctx.open_db();
  const auto [review, check] = ops::decide_case_review(db, o.reference, override_met, o.reason, day, ctx.actor());
  const bool met = *review.threshold_met;
  ctx.out << fmt::format("{}: threshold {}{}\n", review.reference, met ? "met" : "not met",
                         override_met ? " (override: " + review.override_reason + ")" : "");
  ctx.out << (override_met ? "the check found: " : "") << check.verdict << '\n';
  ctx.note(fmt::format("letter: panel letter case-review-threshold-{} {}", met ? "met" : "not-met", review.reference));
  return 0;
}

int run_review(const TriggerOptions& o, Context& ctx)
{
  const auto meeting = date_argument(ctx, o.meeting, "--meeting");
  auto db = ctx.open_db();
  ops::list_case_review(db, o.reference, meeting, ctx.actor());
  ctx.note(fmt::format("{} listed for review at the meeting on {}", o.reference, meeting.iso()));
  return 0;
}

int run_outcome(const TriggerOptions& o, Context& ctx)
{
  auto db = ctx.open_db();
  const auto ids = ops::record_case_review_outcome(db, o.reference, o.file, ctx.actor(), &ctx.in);
  for (const auto& id : ids)
    ctx.out << id << '\n';
  ctx.note(fmt::format("recorded the outcome of {} with {} recommendation{} (letter: panel letter case-review-outcome {})",
                       o.reference, ids.size(), ids.size() == 1 ? "" : "s", o.reference));
  return 0;
}

int run_appeal(const TriggerOptions& o, Context& ctx)
{
  const auto day = o.date.empty() ? ctx.today : date_argument(ctx, o.date, "--date");
  auto db = ctx.open_db();
  ops::appeal_case_review(db, o.reference, o.reason, day, ctx.actor());
  ctx.note(fmt::format("recorded an appeal against {}", o.reference));
  return 0;
}

CLI::App* step(CLI::App& trigger, TriggerOptions& o, const char* name, const char* help)
{
  auto* sub = trigger.add_subcommand(name, help);
  sub->add_option("APP", o.reference, "The application, e.g. CT-2017-0001")->required();
  return sub;
}

} // namespace

void register_trigger(CLI::App& app, Context& ctx)
{
  auto o = std::make_shared<TriggerOptions>();
  auto* trigger = app.add_subcommand("trigger", "ASB case reviews (the Community Trigger): applications to outcomes");
  trigger->require_subcommand(1);
  trigger->footer(R"(An application is tested against the threshold in the profile (case_review:), and each step has a
time limit in working days. See docs/case-review.md.

Examples:
  panel trigger apply --received 2017-08-01 --applicant "Jo Bloggs" --file complaints.yaml
  panel trigger check CT-2017-0001
  panel trigger acknowledge CT-2017-0001
  panel trigger decide CT-2017-0001
  panel trigger review CT-2017-0001 --meeting 2017-09-12
  panel trigger outcome CT-2017-0001 --file outcome.yaml
  panel trigger list --overdue)");

  auto* apply = trigger->add_subcommand("apply", "Record an application for a case review; prints its reference");
  add_date_option(*apply, "--received", o->received, "The day it was received")->required();
  apply->add_option("--applicant", o->applicant, "Who applied")->type_name("NAME")->required();
  apply->add_option("--on-behalf-of", o->on_behalf_of, "The victim, when someone applied for them")->type_name("NAME");
  apply->add_flag("--consent", o->consent, "The victim consented to the application made for them");
  apply->add_option("--contact", o->contact, "Email address for letters")->type_name("EMAIL");
  apply->add_option("--address", o->address, "Postal address for letters (use \\n between lines)")->type_name("TEXT");
  apply->add_option("--file", o->file, "Complaints (YAML; - for standard input)")->type_name("FILE");
  apply->footer("Formats: table (the reference), json ({\"reference\": ...}).\n\nExample:\n"
                "  panel trigger apply --received 2017-08-01 --applicant \"Jo Bloggs\" --file complaints.yaml");
  apply->callback([o, &ctx] { ctx.select("trigger apply", [o, &ctx] { return run_apply(*o, ctx); }); });

  auto* complaint = step(*trigger, *o, "complaint", "Add a complaint to an application not yet decided");
  add_date_option(*complaint, "--incident-date", o->incident_date, "When the behaviour happened")->required();
  add_date_option(*complaint, "--reported-date", o->reported_date, "When it was reported")->required();
  complaint->add_option("--agency", o->agency, "The agency it was reported to")->type_name("CODE")->required();
  complaint->add_option("--reference", o->agency_reference, "The agency's reference (CAD number ...)")->type_name("REF");
  complaint->add_option("--complainant", o->complainant, "Who complained (default: the victim)")->type_name("NAME");
  complaint->add_flag("--hate", o->hate, "Perceived to be motivated by hate");
  complaint->add_option("--description", o->description, "What happened")->type_name("TEXT")->required();
  complaint->footer("Example:\n  panel trigger complaint CT-2017-0001 --incident-date 2017-07-20 --reported-date 2017-07-21 \\\n"
                    "    --agency HSG --description \"Loud music until 3am\"");
  complaint->callback([o, &ctx] { ctx.select("trigger complaint", [o, &ctx] { return run_complaint(*o, ctx); }); });

  auto* ack = step(*trigger, *o, "acknowledge", "Record that the application was acknowledged");
  add_date_option(*ack, "--date", o->date, "The day the acknowledgement was sent (default today)");
  ack->footer("Example:\n  panel trigger acknowledge CT-2017-0001 --date 2017-08-23\n"
              "  panel letter case-review-acknowledgement CT-2017-0001 --format docx -o ack.docx");
  ack->callback([o, &ctx] { ctx.select("trigger acknowledge", [o, &ctx] { return run_acknowledge(*o, ctx); }); });

  auto* decide = step(*trigger, *o, "decide", "Record the threshold decision, with the check it rests on");
  decide->add_option("--override", o->override_verdict, "A discretionary decision against the check: met or not-met")
      ->type_name("VERDICT");
  add_date_option(*decide, "--date", o->date, "The day of the decision (default today)");
  decide->add_option("--reason", o->reason, "Why the check is overridden (required with --override)")->type_name("TEXT");
  decide->footer("Examples:\n  panel trigger decide CT-2017-0001\n"
                 "  panel trigger decide CT-2017-0002 --override met --reason \"Repeated hate incidents at one address\"");
  decide->callback([o, &ctx] { ctx.select("trigger decide", [o, &ctx] { return run_decide(*o, ctx); }); });

  auto* review = step(*trigger, *o, "review", "List an application that meets the threshold for review at a meeting");
  add_date_option(*review, "--meeting", o->meeting, "The meeting's date")->required();
  review->footer("The application becomes a 'case-review' item on that meeting's agenda and pack. If the meeting\n"
                 "is cancelled, it moves with the cases to the next one.\n\nExample:\n"
                 "  panel trigger review CT-2017-0001 --meeting 2017-09-12");
  review->callback([o, &ctx] { ctx.select("trigger review", [o, &ctx] { return run_review(*o, ctx); }); });

  auto* outcome = step(*trigger, *o, "outcome", "Record the review's outcome; each recommendation becomes an action");
  outcome->add_option("--file", o->file, "The outcome (YAML: date, summary, recommendations)")->type_name("FILE")->required();
  outcome->footer("Prints the ids of the actions made from the recommendations.\n\nExample:\n"
                  "  panel trigger outcome CT-2017-0001 --file outcome.yaml");
  outcome->callback([o, &ctx] { ctx.select("trigger outcome", [o, &ctx] { return run_outcome(*o, ctx); }); });

  auto* appeal = step(*trigger, *o, "appeal", "Record an appeal against the decision or the outcome");
  appeal->add_option("--reason", o->reason, "What the applicant disagrees with")->type_name("TEXT")->required();
  add_date_option(*appeal, "--date", o->date, "The day the appeal was received (default today)");
  appeal->footer("Example:\n  panel trigger appeal CT-2017-0002 --reason \"Two incidents were not counted\" --date 2017-08-17");
  appeal->callback([o, &ctx] { ctx.select("trigger appeal", [o, &ctx] { return run_appeal(*o, ctx); }); });

  register_trigger_views(*trigger, ctx);
}

} // namespace panel::cmd
