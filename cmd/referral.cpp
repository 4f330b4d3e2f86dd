#include "cmd/cli.hpp"

#include "panel/ops/referrals.hpp"
#include "panel/render/referral_detail.hpp"

#include <CLI/CLI.hpp>
#include <memory>

namespace panel::cmd {
namespace {

struct ReferralOptions {
  std::string reference, reason;
  bool all = false;
};

void print(const ops::VoidOutcome& outcome, const std::string& what, Context& ctx)
{
  ctx.note(outcome.reference + ": " + what);
  for (const auto& change : outcome.changes)
    ctx.note(change);
}

int run_void(const ReferralOptions& o, Context& ctx, bool voiding)
{
  auto db = ctx.open_db();
  if (voiding)
    print(ops::void_referral(db, o.reference, o.reason, ctx.actor()), "voided", ctx);
  else
    print(ops::unvoid_referral(db, o.reference, o.reason, ctx.actor()), "restored", ctx);
  return 0;
}

} // namespace

int run_referral_show(const std::string& reference, bool all, Context& ctx)
{
  using render::Format;
  const auto format = ctx.format_or(Format::table, {Format::table, Format::json, Format::md});
  auto db = ctx.open_db();
  render::write_referral(ctx.out, ops::show_referral(db, reference, all, ctx.actor()), format);
  return 0;
}

void register_referral(CLI::App& app, Context& ctx)
{
  auto o = std::make_shared<ReferralOptions>();
  auto* referral = app.add_subcommand("referral", "Show one referral with its history, correct it, or void one recorded in error");
  referral->require_subcommand(1);
  referral->footer(R"(Examples:
  panel referral show CCM-2017-0018
  panel referral update CCM-2017-0018 --postcode "EC2Y 8DT" --reason "Postcode typo"
  panel referral void CCM-2017-0019 --reason "Recorded twice from the CSV"
  panel referral unvoid CCM-2017-0019 --reason "Voided the wrong one")");

  auto* show = referral->add_subcommand("show", "Everything about one referral, pending or decided, with its history");
  show->add_option("REF", o->reference, "The referral reference")->required();
  show->add_flag("--all", o->all, "Show it even if it was voided");
  show->footer("A read of personal data: recorded in the audit log. Formats: table (default), json, md.\n\n"
               "Examples:\n  panel referral show CCM-2017-0018\n  panel referral show CCM-2017-0019 --all --format json");
  show->callback([o, &ctx] { ctx.select("referral show", [o, &ctx] { return run_referral_show(o->reference, o->all, ctx); }); });

  auto* voiding = referral->add_subcommand("void", "Void a referral recorded in error: it leaves every list and report");
  voiding->add_option("REF", o->reference, "The referral reference")->required();
  voiding->add_option("--reason", o->reason, "Why it was recorded in error (kept in its history)")->required();
  voiding->footer(R"(The referral stays in the audit log and in 'referral show REF --all', and 'referral unvoid'
restores it. The only referral of a case voids the case too, unless something is recorded on
the case (a discussion, action, intervention, note or letter): then close the case instead.
Referrals that were repeats of it are worked out again.

Example:
  panel referral void CCM-2017-0019 --reason "Recorded twice from the CSV")");
  voiding->callback([o, &ctx] { ctx.select("referral void", [o, &ctx] { return run_void(*o, ctx, true); }); });

  auto* unvoid = referral->add_subcommand("unvoid", "Restore a voided referral (and its case, if voided with it)");
  unvoid->add_option("REF", o->reference, "The referral reference")->required();
  unvoid->add_option("--reason", o->reason, "Why it is restored (kept in its history)")->required();
  unvoid->footer("Example:\n  panel referral unvoid CCM-2017-0019 --reason \"Voided the wrong one\"");
  unvoid->callback([o, &ctx] { ctx.select("referral unvoid", [o, &ctx] { return run_void(*o, ctx, false); }); });
  register_referral_update(*referral, ctx);
}

} // namespace panel::cmd
