#include "cmd/cli.hpp"

#include "panel/core/error.hpp"
#include "panel/core/text.hpp"
#include "panel/core/vocabulary.hpp"
#include "panel/ops/cases.hpp"
#include "panel/ops/triage.hpp"
#include "panel/render/listings.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>

namespace panel::cmd {
namespace {

struct TriageOptions {
  std::string reference, decision, meeting, lead, risk, reason, note, signpost, to;
  bool override_threshold = false, accept_eligible = false, dry_run = false, all = false;
};

int run_list(Context& ctx)
{
  using render::Format;
  const auto format = ctx.format_or(Format::table, {Format::table, Format::csv, Format::json, Format::md});
  auto db = ctx.open_db();
  render::triage_listing(ctx.out, ops::read_triage_queue(db, ctx.actor()), format, ctx.style());
  return 0;
}

std::string describe(const ops::TriageOutcome& o)
{
  if (o.decision != core::TriageDecision::accept)
    return fmt::format("{}: {}", o.reference, core::to_string(o.status));
  const std::string listed = o.meeting ? "listed for the meeting on " + o.meeting->iso() : "awaiting a meeting";
  const auto level = [](const std::string& risk) { return risk.empty() ? std::string("not set") : risk; };
  std::string risk;
  if (o.risk_raised)
    risk = fmt::format(", case risk raised from {} to {}", level(o.case_risk_was), o.risk_given);
  std::string kept;
  if (o.risk_kept)
    kept = fmt::format("; case {} stays at {} risk (to lower it: panel case update {} --risk {} --reason \"WHY\")",
                       o.case_reference, o.case_risk_was, o.case_reference, o.risk_given);
  if (!o.lead_given.empty())
    kept += fmt::format("; case {} keeps lead {} (to change it: panel case update {} --lead {} --reason \"WHY\")",
                        o.case_reference, o.lead_kept.empty() ? "not set" : o.lead_kept, o.case_reference, o.lead_given);
  return fmt::format("{}: accepted, {} case {}{}, {}{}", o.reference, o.new_case ? "opened" : "joined", o.case_reference,
                     risk, listed, kept);
}

// Which options each decision takes; anything else is a usage error rather than silently ignored.
std::vector<std::string> options_of(core::TriageDecision decision)
{
  using enum core::TriageDecision;
  switch (decision) {
  case accept: return {"--meeting", "--lead", "--risk", "--note", "--reason", "--override"};
  case decline: return {"--reason", "--signpost"};
  case redirect: return {"--to", "--reason"};
  case more_info: return {"--reason"};
  case reopen: return {"--reason", "--note"};
  }
  return {};
}

void check_options(const TriageOptions& o, const CLI::App& sub)
{
  using core::TriageDecision;
  const auto decision = core::parse_or_throw<TriageDecision>(o.decision, Exit::usage);
  const auto allowed = options_of(decision);
  for (const auto* option : {"--meeting", "--lead", "--risk", "--note", "--reason", "--override", "--signpost", "--to"})
    if (sub.count(option) && std::find(allowed.begin(), allowed.end(), option) == allowed.end())
      throw usage_error(fmt::format("'{}' does not take {}", o.decision, option));
  auto need = [&](const char* option, const std::string& value) {
    if (core::trim(value).empty())
      throw usage_error(fmt::format("'{}' needs {}", o.decision, option));
  };
  if (decision == TriageDecision::decline || decision == TriageDecision::more_info)
    need("--reason", o.reason);
  if (decision == TriageDecision::redirect) {
    need("--to", o.to);
    need("--reason", o.reason);
  }
  if (!o.note.empty() && !o.reason.empty())
    throw usage_error("give --note or --reason, not both");
  if (o.override_threshold)
    need("--reason", o.reason);
}

int run_decide(const TriageOptions& o, const CLI::App& sub, Context& ctx)
{
  check_options(o, sub);
  ops::TriageRequest q;
  q.decision = core::parse_or_throw<core::TriageDecision>(o.decision, Exit::usage);
  q.meeting = optional_date_argument(ctx, o.meeting, "--meeting");
  q.lead = o.lead;
  q.risk = o.risk;
  q.reason = o.reason.empty() ? o.note : o.reason;
  q.signpost = o.signpost;
  q.forum = o.to;
  q.override_threshold = o.override_threshold;
  auto db = ctx.open_db();
  const auto outcome = ops::decide(db, o.reference, q, ctx.actor());
  ctx.note(describe(outcome));
  for (const auto& kept : outcome.kept)
    ctx.warn(kept);
  return 0;
}

int run_accept_eligible(const TriageOptions& o, Context& ctx)
{
  auto db = ctx.open_db();
  const auto outcomes = ops::accept_eligible(db, o.dry_run, ctx.actor());
  for (const auto& outcome : outcomes) {
    ctx.out << (o.dry_run ? outcome.reference + ": would be accepted" : describe(outcome)) << '\n';
    for (const auto& kept : outcome.kept)
      ctx.warn(kept);
  }
  ctx.note(fmt::format("{} {} referral{} that meet the threshold", o.dry_run ? "would accept" : "accepted",
                       outcomes.size(), outcomes.size() == 1 ? "" : "s"));
  return 0;
}

int run_triage(const TriageOptions& o, const CLI::App& sub, Context& ctx)
{
  if (o.accept_eligible) {
    if (!o.reference.empty())
      throw usage_error("--accept-eligible takes no referral");
    return run_accept_eligible(o, ctx);
  }
  if (o.dry_run)
    throw usage_error("--dry-run goes with --accept-eligible");
  if (o.reference == "show") {
    if (o.decision.empty())
      throw usage_error("which referral? ('panel triage show REF')");
    return run_referral_show(o.decision, o.all, ctx);
  }
  if (o.all)
    throw usage_error("--all goes with 'triage show REF'");
  if (o.reference.empty() || o.reference == "list") {
    if (!o.decision.empty())
      throw usage_error("'triage list' takes no decision");
    return run_list(ctx);
  }
  if (o.decision.empty())
    throw usage_error(fmt::format("what is the decision on {}? ({})", o.reference, core::known_list<core::TriageDecision>()));
  return run_decide(o, sub, ctx);
}

} // namespace

void register_triage(CLI::App& app, Context& ctx)
{
  auto o = std::make_shared<TriageOptions>();
  auto* sub = app.add_subcommand("triage", "List referrals awaiting a decision, and decide: accept, decline, redirect");
  sub->add_option("REF", o->reference, "A referral reference, 'list' (the default), or 'show' and a reference");
  sub->add_option("DECISION", o->decision, "accept | decline | redirect | more-info | reopen");
  add_date_option(*sub, "--meeting", o->meeting, "accept: list for the meeting on this date");
  sub->add_option("--lead", o->lead, "accept: lead agency of a new case (default: the referring agency); a case joined keeps its own")->type_name("AGENCY");
  sub->add_option("--risk", o->risk, "accept: risk level of a new case")->type_name("LEVEL");
  sub->add_flag("--override", o->override_threshold, "accept: accept a referral below the threshold (needs --reason)");
  sub->add_option("--reason", o->reason, "Why: required to decline, redirect, ask for more information or override");
  sub->add_option("--note", o->note, "accept, reopen: a note kept with the decision");
  sub->add_option("--signpost", o->signpost, "decline: where the referrer was signposted");
  sub->add_option("--to", o->to, "redirect: the forum it goes to (e.g. \"Safeguarding Adults Board\")")->type_name("FORUM");
  sub->add_flag("--accept-eligible", o->accept_eligible, "Accept every pending referral that meets the threshold");
  sub->add_flag("--dry-run", o->dry_run, "With --accept-eligible: say what would be accepted, change nothing");
  sub->add_flag("--all", o->all, "show: show a referral even if it was voided");
  sub->footer(R"(Without a decision, lists pending referrals and those awaiting information with the criteria
they meet: MEETS or BELOW THRESHOLD, repeat and possible matches (formats: table, csv, json, md).
Accepting opens a case (or joins the person's open case) and lists it for the given meeting,
or leaves it awaiting a meeting. Every decision records who, when and why, and is audited.
'triage show REF' is 'referral show REF': everything about one referral.

Examples:
  panel triage
  panel triage show CCM-2017-0018
  panel triage CCM-2017-0018 accept --meeting 2017-09-12 --lead ASC --risk high
  panel triage CCM-2017-0019 decline --reason "Below threshold" --signpost "GP and Samaritans"
  panel triage CCM-2017-0020 redirect --to "Safeguarding Adults Board" --reason "Care and support needs"
  panel triage CCM-2017-0021 more-info --reason "No date of birth or address"
  panel triage CCM-2017-0021 reopen
  panel triage CCM-2017-0022 accept --override --reason "Escalating risk the criteria do not capture"
  panel triage --accept-eligible --dry-run)");
  sub->callback([o, sub, &ctx] { ctx.select("triage", [o, sub, &ctx] { return run_triage(*o, *sub, ctx); }); });
}

} // namespace panel::cmd
