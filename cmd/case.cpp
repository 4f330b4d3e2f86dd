#include "cmd/cli.hpp"

#include "panel/core/error.hpp"
#include "panel/core/text.hpp"
#include "panel/core/vocabulary.hpp"
#include "panel/ops/cases.hpp"
#include "panel/ops/purge.hpp"
#include "panel/render/case_detail.hpp"
#include "panel/render/listings.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>
#include <optional>

namespace panel::cmd {
namespace {

struct CaseOptions {
  std::string status, reference, reason;
  bool attention = false;
  std::string lead, risk, review, note, text, date;
  bool cancel_actions = false;
  std::string type, agency, expiry;
  std::optional<int> tier;
};

// "lead: POL -> ASC", one line a changed field, on stdout: what the command did.
void print_changes(Context& ctx, const ops::CaseChange& change)
{
  for (const auto& c : change.changes)
    ctx.out << fmt::format("{}: {} -> {}\n", c.field, c.old_value.empty() ? "none" : c.old_value,
                           c.new_value.empty() ? "none" : c.new_value);
}

int run_update(const CaseOptions& o, Context& ctx)
{
  if (o.lead.empty() && o.risk.empty() && o.review.empty() && o.note.empty())
    throw usage_error("say what to change: --lead, --risk, --review or --note");
  ops::CaseUpdate update{o.lead, o.risk, optional_date_argument(ctx, o.review, "--review"), o.note, o.reason};
  auto db = ctx.open_db();
  const auto change = ops::update_case(db, o.reference, update, ctx.actor());
  print_changes(ctx, change);
  if (change.noted)
    ctx.note(fmt::format("note added to {}", change.reference));
  if (change.changes.empty() && !change.noted)
    ctx.note(fmt::format("nothing changed: {} already has those values", change.reference));
  return 0;
}

int run_close(const CaseOptions& o, Context& ctx)
{
  auto db = ctx.open_db();
  const auto change = ops::close_case(db, o.reference, o.reason, o.cancel_actions, ctx.actor());
  print_changes(ctx, change);
  if (!change.cancelled.empty())
    ctx.note(fmt::format("cancelled {}: {}", core::plural(static_cast<long long>(change.cancelled.size()), "action", "actions"),
                         core::join(change.cancelled, ", ")));
  ctx.note(fmt::format("{} is closed", change.reference));
  for (const auto& date : change.still_listed)
    ctx.warn(fmt::format("{} is still on the agenda of the meeting on {}: its minutes can record the closure",
                         change.reference, date.iso()));
  return 0;
}

int run_reopen(const CaseOptions& o, Context& ctx)
{
  const auto review = optional_date_argument(ctx, o.review, "--review");
  auto db = ctx.open_db();
  const auto change = ops::reopen_case(db, o.reference, o.reason, review, ctx.actor());
  print_changes(ctx, change);
  const auto& date = change.changes.back().new_value;
  ctx.note(change.review_defaulted
               ? fmt::format("{} is open again, for review at the next meeting ({})", change.reference, date)
               : fmt::format("{} is open again, for review on {}", change.reference, date));
  return 0;
}

int run_note(const CaseOptions& o, Context& ctx)
{
  const auto day = optional_date_argument(ctx, o.date, "--date");
  auto db = ctx.open_db();
  const auto reference = ops::add_case_note(db, o.reference, o.text, day, ctx.actor());
  ctx.note(fmt::format("note added to {}", reference));
  return 0;
}

int run_intervention(const CaseOptions& o, Context& ctx)
{
  core::NewIntervention i{o.type, o.agency, o.note, date_argument(ctx, o.date, "--date"),
                          optional_date_argument(ctx, o.review, "--review"), optional_date_argument(ctx, o.expiry, "--expiry"), 0};
  auto db = ctx.open_db();
  const auto added = ops::add_case_intervention(db, o.reference, i, o.tier, ctx.actor());
  ctx.out << fmt::format("{} (tier {}) by {} on {}{}{}\n", added.type, added.tier, added.agency, added.date.iso(),
                         added.review ? ", review " + added.review->iso() : "",
                         added.expiry ? ", expires " + added.expiry->iso() : "");
  return 0;
}

// Open cases with no next step or not discussed for too long, and why.
int run_attention(const CaseOptions& o, Context& ctx, render::Format format)
{
  if (!o.status.empty() && !core::is(o.status, core::CaseStatus::open))
    throw usage_error("--attention lists open cases: it takes no --status " + o.status);
  auto db = ctx.open_db();
  const auto cases = ops::list_cases_needing_attention(db, ctx.actor());
  // An empty table for people is this sentence; csv and json keep their header and [].
  render::attention_listing(ctx.out, cases, format, ctx.style());
  if (cases.empty())
    ctx.note("every open case has a next step and was discussed within attention_after_days");
  return 0;
}

int run_list(const CaseOptions& o, Context& ctx)
{
  using render::Format;
  const auto format = ctx.format_or(Format::table, {Format::table, Format::csv, Format::json, Format::md});
  if (o.attention)
    return run_attention(o, ctx, format);
  auto db = ctx.open_db();
  render::case_listing(ctx.out, ops::list_cases(db, o.status, ctx.actor()), format, ctx.style());
  return 0;
}

int run_show(const CaseOptions& o, Context& ctx)
{
  using render::Format;
  const auto format = ctx.format_or(Format::table, {Format::table, Format::json, Format::md});
  auto db = ctx.open_db();
  render::write_case(ctx.out, ops::show_case(db, o.reference, ctx.actor()), format);
  return 0;
}

int run_hold(const CaseOptions& o, Context& ctx, bool hold)
{
  if (hold && core::trim(o.reason).empty())
    throw usage_error("--reason: say why the case's personal data must be kept (a claim, an inquiry, a court order)");
  auto db = ctx.open_db();
  ops::set_legal_hold(db, o.reference, hold ? o.reason : "", ctx.actor());
  ctx.note(hold ? fmt::format("{} is on legal hold: 'panel purge' keeps its personal data", o.reference)
                : fmt::format("{} is no longer on legal hold", o.reference));
  return 0;
}

} // namespace

void register_case(CLI::App& app, Context& ctx)
{
  auto o = std::make_shared<CaseOptions>();
  auto* cases = app.add_subcommand("case", "List cases, show everything recorded about one, and correct them between meetings");
  cases->require_subcommand(1);
  cases->footer(R"(Examples:
  panel case list --status open
  panel case show CCM-2017-0018
  panel case show CCM-2017-0018 --format json | jq .referrals[].criteria_met
  panel case update CCM-2017-0018 --lead ASC --reason "Housing hands over to adult social care"
  panel case note CCM-2017-0018 "Tenant moved to temporary accommodation")");

  auto* list = cases->add_subcommand("list", "List cases (formats: table, csv, json, md)");
  list->add_option("--status", o->status, "open or closed (default: all)")->type_name("STATUS");
  list->add_flag("--attention", o->attention,
                 "Only open cases with no next step, or not discussed for longer than attention_after_days");
  list->footer("An open case always has a next step: a review date that a scheduled meeting will take it to,\n"
               "or a place on a coming meeting's agenda. --attention lists those that have slipped (no review\n"
               "date and no meeting; no meeting scheduled on or after its review date; not discussed for more\n"
               "than the profile's attention_after_days), with the reason. The coordinator's digest and 'panel\n"
               "check' list the same cases.\n\n"
               "Reading names from the register is recorded in the audit log.\n\n"
               "Examples:\n  panel case list --status open --format csv > open-cases.csv\n"
               "  panel case list --attention");
  list->callback([o, &ctx] { ctx.select("case list", [o, &ctx] { return run_list(*o, ctx); }); });

  auto* show = cases->add_subcommand("show", "Show a case: referrals, decisions and what the panel did");
  show->add_option("REF", o->reference, "The case reference, or the reference of any of its referrals")->required();
  show->footer("A read of personal data: recorded in the audit log. Formats: table (default), json, md.\n\n"
               "Example:\n  panel case show CCM-2017-0018");
  show->callback([o, &ctx] { ctx.select("case show", [o, &ctx] { return run_show(*o, ctx); }); });

  auto* update = cases->add_subcommand("update", "Correct a case's lead agency, risk level or review date between meetings");
  update->add_option("REF", o->reference, "The case (or any of its referrals)")->required();
  update->add_option("--lead", o->lead, "Lead agency")->type_name("AGENCY");
  update->add_option("--risk", o->risk, "Risk level, from the profile's levels")->type_name("LEVEL");
  update->add_option("--review", o->review, "Next review date (today or later, with a meeting scheduled on or after it)")
      ->type_name("DATE");
  update->add_option("--note", o->note, "A case note, dated today, added with the change")->type_name("TEXT");
  update->add_option("--reason", o->reason, "Why: kept in the case's history")->type_name("TEXT");
  update->footer("Prints each changed field as 'lead: POL -> ASC'; values already recorded change nothing. Every change\n"
                 "is kept in the case's history (shown by 'case show') and the audit log. A closed case takes a\n"
                 "corrected lead or risk level and notes; to give it a review date, reopen it.\n\n"
                 "Examples:\n  panel case update CCM-2017-0018 --lead ASC --reason \"Adult social care takes the lead\"\n"
                 "  panel case update CCM-2017-0018 --risk high --review 2017-10-10 --note \"Threats to neighbour\"");
  update->callback([o, &ctx] { ctx.select("case update", [o, &ctx] { return run_update(*o, ctx); }); });

  auto* close = cases->add_subcommand("close", "Close a case between meetings");
  close->add_option("REF", o->reference, "The case (or any of its referrals)")->required();
  close->add_option("--reason", o->reason, "risk reduced, moved away, referred elsewhere, no engagement, deceased or other")
      ->type_name("REASON")->required();
  close->add_flag("--cancel-actions", o->cancel_actions, "Cancel the case's open actions (otherwise they refuse the close)");
  close->footer("Closes the case today. A case with open actions is not closed until each is done, not possible or\n"
                "cancelled: record what became of them, or give --cancel-actions.\n\n"
                "Example:\n  panel case close CCM-2017-0018 --reason \"moved away\"");
  close->callback([o, &ctx] { ctx.select("case close", [o, &ctx] { return run_close(*o, ctx); }); });

  auto* reopen = cases->add_subcommand("reopen", "Reopen a closed case, with a next step");
  reopen->add_option("REF", o->reference, "The case (or any of its referrals)")->required();
  reopen->add_option("--reason", o->reason, "Why it is reopened: kept in the case's history")->type_name("TEXT")->required();
  add_date_option(*reopen, "--review", o->review, "Review date (default: the next scheduled meeting)");
  reopen->footer("An open case always has a next step: without --review the case is reviewed at the next scheduled\n"
                 "meeting; with no meeting scheduled, add one first.\n\n"
                 "Examples:\n  panel case reopen CCM-2017-0018 --reason \"Back in the borough, new incidents\"\n"
                 "  panel case reopen CCM-2017-0018 --reason \"Renewed threats\" --review 2017-11-14");
  reopen->callback([o, &ctx] { ctx.select("case reopen", [o, &ctx] { return run_reopen(*o, ctx); }); });

  auto* note = cases->add_subcommand("note", "Add a dated note to a case between meetings");
  note->add_option("REF", o->reference, "The case (or any of its referrals)")->required();
  note->add_option("TEXT", o->text, "The note, one line")->required();
  add_date_option(*note, "--date", o->date, "The day it is about (default today; not in the future)");
  note->footer("Notes are shown by 'case show', in 'person export', and in the meeting pack (those since the case\n"
               "was last discussed). 'panel purge' clears them with the case's other personal data.\n\n"
               "Example:\n  panel case note CCM-2017-0018 \"Moved to temporary accommodation\" --date 2017-09-02");
  note->callback([o, &ctx] { ctx.select("case note", [o, &ctx] { return run_note(*o, ctx); }); });

  auto* intervention = cases->add_subcommand("intervention", "Record tools and powers used between meetings");
  intervention->require_subcommand(1);
  auto* add = intervention->add_subcommand("add", "Record an intervention (warning, ABC, CPW, injunction...) on a case");
  add->add_option("REF", o->reference, "The case (or any of its referrals)")->required();
  add->add_option("--type", o->type, "The intervention, from the profile (e.g. abc, cpw)")->type_name("TYPE")->required();
  add->add_option("--agency", o->agency, "The agency that used it")->type_name("CODE")->required();
  add_date_option(*add, "--date", o->date, "The day it was used")->required();
  add->add_option("--tier", o->tier, "Its tier: must agree with the profile")->type_name("N");
  add_date_option(*add, "--review", o->review, "Review date (default from the profile, e.g. 3 months for an ABC)");
  add_date_option(*add, "--expiry", o->expiry, "End date (default from the profile, e.g. 6 months for an ABC)");
  add->add_option("--note", o->note, "A note")->type_name("TEXT");
  add->footer("The same fields and checks as an intervention in the minutes, with no meeting. It counts in the board\n"
              "report by its date, and 'panel remind' prompts for its review and expiry.\n\n"
              "Example:\n  panel case intervention add CCM-2017-0018 --type abc --agency HSG --date 2017-09-01");
  add->callback([o, &ctx] { ctx.select("case intervention add", [o, &ctx] { return run_intervention(*o, ctx); }); });

  auto* hold = cases->add_subcommand("hold", "Keep a case's personal data past its retention period (legal hold)");
  hold->add_option("REF", o->reference, "The case")->required();
  hold->add_option("--reason", o->reason, "Why: a claim, an inquiry, a court order")->type_name("TEXT")->required();
  hold->footer("'panel purge' leaves a case on legal hold alone until it is released. Audited.\n\nExample:\n"
               "  panel case hold CCM-2011-0042 --reason \"Civil claim 2017/HC/118: keep until the claim is settled\"");
  hold->callback([o, &ctx] { ctx.select("case hold", [o, &ctx] { return run_hold(*o, ctx, true); }); });

  auto* release = cases->add_subcommand("release", "Release a case from legal hold");
  release->add_option("REF", o->reference, "The case")->required();
  release->footer("Example:\n  panel case release CCM-2011-0042");
  release->callback([o, &ctx] { ctx.select("case release", [o, &ctx] { return run_hold(*o, ctx, false); }); });
}

} // namespace panel::cmd
