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

namespace panel::cmd {
namespace {

struct CaseOptions {
  std::string status, reference, reason;
  bool attention = false;
};

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
  auto* cases = app.add_subcommand("case", "List cases and show everything recorded about one");
  cases->require_subcommand(1);
  cases->footer(R"(Examples:
  panel case list --status open
  panel case show CCM-2017-0018
  panel case show CCM-2017-0018 --format json | jq .referrals[].criteria_met)");

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
