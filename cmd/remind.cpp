#include "cmd/cli.hpp"

#include "panel/core/error.hpp"
#include "panel/mail/delivery.hpp"
#include "panel/ops/reminders.hpp"
#include "panel/ops/setup.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>

namespace panel::cmd {
namespace {

struct RemindOptions {
  std::string outbox;
  bool dry_run = false;
  bool verbose = false;
};

std::string what(const ops::Delivered& d)
{
  const char* noun = d.recipient == "coordinator" ? "digest item" : "action";
  return fmt::format("{} {}{}", d.items, noun, d.items == 1 ? "" : "s");
}

int run_remind(const RemindOptions& o, Context& ctx)
{
  auto db = ctx.open_db();
  const auto actor = ctx.actor();
  const auto plan = ops::plan_reminders(db, ctx.templates, actor);
  int status = 0;
  for (const auto& problem : plan.problems) {
    ctx.err << "panel: error: remind: " << problem << '\n';
    status = 1;
  }
  if (plan.messages.empty()) {
    if (o.verbose && plan.recently_reminded > 0)
      ctx.err << fmt::format("panel: remind: nothing to send ({} due item{} already reminded in the last {} days)\n",
                             plan.recently_reminded, plan.recently_reminded == 1 ? "" : "s",
                             ops::load_profile(db).remind_every_days);
    else if (o.verbose && status == 0)
      ctx.err << "panel: remind: nothing due\n";
    return status;
  }
  if (o.dry_run) {
    ctx.out << ops::reminders_mbox(db, plan, actor);
    if (o.verbose)
      ctx.err << fmt::format("panel: remind: dry run: {} message{} printed, none sent; reminders not recorded\n",
                             plan.messages.size(), plan.messages.size() == 1 ? "" : "s");
    return status;
  }
  ops::Delivery how;
  if (!o.outbox.empty()) {
    how.kind = ops::Delivery::Kind::outbox;
    how.outbox = o.outbox;
  } else {
    how.sendmail = ops::load_profile(db).mail.sendmail;
    if (const auto problem = mail::program_problem(how.sendmail); !problem.empty())
      throw refused(problem + " (nothing was sent; see docs/cron.md)");
  }
  for (const auto& d : ops::deliver_reminders(db, plan, how, actor)) {
    if (!d.error.empty() && d.error.starts_with("delivered")) {
      ctx.err << fmt::format("panel: error: remind: {} <{}>: {}\n", d.recipient, d.address, d.error);
      status = 1;
    } else if (!d.error.empty()) {
      ctx.err << fmt::format("panel: error: remind: {} <{}> not sent: {} (nothing recorded: the next run tries again)\n",
                             d.recipient, d.address, d.error);
      status = 1;
    } else if (o.verbose && d.path.empty()) {
      ctx.err << fmt::format("panel: remind: sent {} to {} <{}>\n", what(d), d.recipient, d.address);
    } else if (o.verbose) {
      ctx.err << fmt::format("panel: remind: wrote {} ({} to {} <{}>)\n", d.path, what(d), d.recipient, d.address);
    }
  }
  return status;
}

} // namespace

void register_remind(CLI::App& app, Context& ctx)
{
  auto o = std::make_shared<RemindOptions>();
  auto* sub = app.add_subcommand("remind", "Mail agencies their overdue and due actions, and the coordinator a digest");
  auto* outbox = sub->add_option("--outbox", o->outbox, "Write one .eml file per message into DIR instead of sending")
                     ->type_name("DIR");
  sub->add_flag("--dry-run", o->dry_run, "Print the messages (as an mbox) instead of sending; nothing is recorded")
      ->excludes(outbox);
  sub->add_flag("-v,--verbose", o->verbose, "Say on stderr what was sent, or why nothing was");
  sub->footer(R"(Made for cron: prints nothing and exits 0 when nothing is due.

Each owner agency gets one message listing its open actions that are overdue or due within the
profile's due_soon_days. The coordinator gets a digest of actions overdue by more than
escalate_after_days, cases past their review date, interventions past their review or expiry
date, and the actions of agencies with no email address. Messages carry references and action
text, never the names of the people concerned. An item is not sent again within
remind_every_days. Mail goes through the profile's mail.sendmail program (run directly, never
through a shell). A message that fails is reported, not recorded (the next run tries again),
and the exit code is 1; the other messages still go.

Examples:
  panel remind --dry-run
  panel remind --outbox /var/spool/panel/outbox -v
  panel config set mail.sendmail "[/usr/bin/msmtp, -t]"
  panel remind)");
  sub->callback([o, &ctx] { ctx.select("remind", [o, &ctx] { return run_remind(*o, ctx); }); });
}

} // namespace panel::cmd
