#include "cmd/cli.hpp"

#include "panel/core/error.hpp"
#include "panel/core/text.hpp"
#include "panel/ops/case_reviews.hpp"
#include "panel/ops/setup.hpp"
#include "panel/render/case_review.hpp"
#include "panel/render/listings.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>
#include <sstream>

namespace panel::cmd {
namespace {

struct ViewOptions {
  std::string reference;
  bool overdue = false;
};

int run_list(const ViewOptions& o, Context& ctx)
{
  using render::Format;
  const auto format = ctx.format_or(Format::table, {Format::table, Format::csv, Format::json, Format::md});
  auto db = ctx.open_db();
  auto reviews = ops::case_review_statuses(db, ops::load_profile(db), ctx.today);
  if (o.overdue)
    std::erase_if(reviews, [](const ops::CaseReviewStatus& s) { return s.working_days_overdue == 0; });
  render::case_review_listing(ctx.out, reviews, format, ctx.style());
  return 0;
}

int run_check(const ViewOptions& o, Context& ctx)
{
  const auto format = ctx.format_or(render::Format::table, {render::Format::table, render::Format::json});
  auto db = ctx.open_db();
  const auto [review, check] = ops::check_case_review(db, o.reference, ctx.actor());
  if (format == render::Format::json)
    ctx.out << render::threshold_json(review, check, 2);
  else
    render::write_threshold(ctx.out, review, check, ctx.style());
  return 0;
}

std::string line(const char* label, const std::string& value) { return fmt::format("{:<15}{}\n", label, value); }

int run_show(const ViewOptions& o, Context& ctx)
{
  auto db = ctx.open_db();
  const auto d = ops::show_case_review(db, o.reference, ctx.actor());
  const auto& r = d.status.review;
  const auto& a = r.application;
  ctx.out << fmt::format("Case review {} ({})\n", r.reference, d.status.stage);
  ctx.out << line("Received:", a.received.iso()) << line("Applicant:", a.applicant);
  if (!a.on_behalf_of.empty())
    ctx.out << line("On behalf of:", a.on_behalf_of + (a.consent ? " (consent given)" : ""));
  if (!a.contact.empty())
    ctx.out << line("Contact:", a.contact);
  ctx.out << line("Complaints:", std::to_string(a.complaints.size()));
  if (r.decided)
    ctx.out << line("Decision:", fmt::format("{}: threshold {}{}", r.decided->iso(), *r.threshold_met ? "met" : "not met",
                                             r.override_reason.empty() ? (r.rule.empty() ? "" : " (rule: " + r.rule + ")")
                                                                       : " (override: " + r.override_reason + ")"));
  if (r.meeting)
    ctx.out << line("Meeting:", r.meeting->iso());
  if (r.outcome) {
    ctx.out << line("Outcome:", r.outcome->iso());
    std::istringstream summary(core::trim(r.outcome_summary));
    for (std::string text; std::getline(summary, text);)
      ctx.out << line("", text);
  }
  if (r.appealed)
    ctx.out << line("Appealed:", r.appealed->iso() + ": " + r.appeal_reason);
  ctx.out << "\nTime limits:\n";
  for (const auto& s : d.status.steps)
    ctx.out << fmt::format("  {:<12} due {}  {}\n", s.step, s.due.iso(),
                           s.done ? fmt::format("done {}{}", s.done->iso(), s.late() ? " (late)" : "") : "not done");
  ctx.out << "\nHistory:\n";
  for (const auto& h : d.history)
    ctx.out << fmt::format("  {}  {}  {}{}\n", h.day, h.user, h.step, h.detail.empty() ? "" : ": " + h.detail);
  if (!d.recommendations.empty())
    ctx.out << "\nRecommendations:\n";
  for (const auto& x : d.recommendations)
    ctx.out << fmt::format("  {}  {}  due {}  {}  {}\n", x.id, x.owner, x.due.iso(), x.status, x.description);
  if (!d.letters.empty())
    ctx.out << "\nLetters:\n";
  for (const auto& l : d.letters)
    ctx.out << fmt::format("  {}  {}  {}{}  sha256 {}\n", l.created_at.substr(0, 10), l.template_name, l.format,
                           l.path.empty() ? "" : " " + l.path, l.output_sha256.substr(0, 12));
  return 0;
}

} // namespace

void register_trigger_views(CLI::App& trigger, Context& ctx)
{
  auto o = std::make_shared<ViewOptions>();
  auto* check = trigger.add_subcommand("check", "Test an application against the threshold, complaint by complaint");
  check->add_option("APP", o->reference, "The application, e.g. CT-2017-0001")->required();
  check->footer("Formats: table, json.\n\nExample:\n  panel trigger check CT-2017-0001 --format json | jq .threshold_met");
  check->callback([o, &ctx] { ctx.select("trigger check", [o, &ctx] { return run_check(*o, ctx); }); });

  auto* list = trigger.add_subcommand("list", "List applications with their stage and the days each step is due");
  list->add_flag("--overdue", o->overdue, "Only those whose next step is past its due date");
  list->footer("Formats: table, csv, json, md. Due dates count working days (weekends and the profile's bank\n"
               "holidays skipped); a step is overdue once a working day has passed since its due day.\n\n"
               "Example:\n  panel trigger list --overdue");
  list->callback([o, &ctx] { ctx.select("trigger list", [o, &ctx] { return run_list(*o, ctx); }); });

  auto* show = trigger.add_subcommand("show", "Show an application, its time limits, history and recommendations");
  show->add_option("APP", o->reference, "The application")->required();
  show->footer("Shows the applicant and contact details (personal data; the read is audited).\n\nExample:\n"
               "  panel trigger show CT-2017-0001");
  show->callback([o, &ctx] { ctx.select("trigger show", [o, &ctx] { return run_show(*o, ctx); }); });
}

} // namespace panel::cmd
