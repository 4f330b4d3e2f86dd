#include "cmd/cli.hpp"

#include "panel/core/error.hpp"
#include "panel/core/minutes.hpp"
#include "panel/core/text.hpp"
#include "panel/core/vocabulary.hpp"
#include "panel/ops/actions.hpp"
#include "panel/render/listings.hpp"
#include "panel/store/reminders.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <fmt/format.h>
#include <memory>

namespace panel::cmd {
namespace {

struct ActionOptions {
  std::string id, reference, owner, due, text, status, note, agency, case_reference;
  bool overdue = false;
  int due_within = -1;
};

int run_list(const ActionOptions& o, Context& ctx)
{
  using render::Format;
  const auto format = ctx.format_or(Format::table, {Format::table, Format::csv, Format::json, Format::md});
  const auto status = o.status.empty()
                          ? std::string()
                          : core::to_string(core::parse_or_throw<core::ActionStatus>(o.status, Exit::usage, "--status: "));
  store::ActionFilter f{status, o.agency, o.case_reference, std::nullopt};
  if (o.overdue) {
    f.status = f.status.empty() ? core::to_string(core::ActionStatus::open) : f.status;
    f.due_by = ctx.today.plus_days(-1);
  } else if (o.due_within >= 0) {
    f.status = f.status.empty() ? core::to_string(core::ActionStatus::open) : f.status;
    f.due_by = ctx.today.plus_days(o.due_within);
  }
  auto db = ctx.open_db();
  render::action_listing(ctx.out, store::list_actions(db, f), ctx.today, format, ctx.style());
  return 0;
}

int run_show(const ActionOptions& o, Context& ctx)
{
  auto db = ctx.open_db();
  const auto [row, history] = ops::show_action(db, o.id);
  const auto& a = row.action;
  ctx.out << fmt::format("Action {} ({})\n", a.id, a.status);
  ctx.out << fmt::format("{:<14}{}\n{:<14}{}\n{:<14}{}\n{:<14}{}\n", "Case:", a.case_reference, "Owner:", a.owner,
                         "Due:", a.due.iso(), "Agreed:",
                         row.case_review       ? "in the outcome of ASB case review " + a.case_reference
                         : row.meeting.empty() ? "between meetings"
                                               : "meeting of " + row.meeting);
  ctx.out << fmt::format("{:<14}{}\n\nHistory:\n", "Description:", a.description);
  for (const auto& h : history)
    ctx.out << fmt::format("  {}  {}  {}{}\n", h.day, h.user, h.change, h.note.empty() ? "" : ": " + h.note);
  const auto reminders = store::action_reminders(db, a.id);
  if (!reminders.empty())
    ctx.out << "\nReminders:\n";
  for (const auto& r : reminders)
    ctx.out << fmt::format("  {}  {} to {} <{}>{}\n", r.day, core::is(r.item, core::ReminderItem::escalation) ? "escalated" : "reminded",
                           r.recipient, r.address, core::is(r.delivery, core::Delivery::outbox) ? " (outbox)" : "");
  return 0;
}

int run_add(const ActionOptions& o, Context& ctx)
{
  auto db = ctx.open_db();
  // Looked for first: if that fails (ICU missing for a non-ASCII text), nothing is recorded.
  const auto words = ops::names_in_action(db, o.reference, o.text);
  const auto due = date_argument(ctx, o.due, "--due");
  const auto added = ops::add_action(db, o.reference, o.owner, due, o.text, ctx.actor());
  ctx.out << added.id << '\n';
  ctx.note(fmt::format("added {} to {} for {}, due {}", added.id, added.case_reference, added.owner, due.iso()));
  if (!words.empty())
    ctx.warn(ops::named_warning(added.id, added.case_reference, words));
  return 0;
}

int run_update(const ActionOptions& o, Context& ctx, const std::string& status)
{
  ops::ActionChange change{optional_date_argument(ctx, o.due, "--due"), o.owner, status, o.note};
  if (!change.due && change.owner.empty() && change.status.empty() && change.note.empty())
    throw usage_error("nothing to change: give --due, --owner, --status or --note");
  auto db = ctx.open_db();
  const auto id = ops::update_action(db, o.id, change, ctx.actor());
  ctx.note(fmt::format("updated {}", id));
  return 0;
}

} // namespace

void register_action(CLI::App& app, Context& ctx)
{
  auto o = std::make_shared<ActionOptions>();
  auto* action = app.add_subcommand("action", "List, add and update the actions agencies agreed to");
  action->require_subcommand(1);
  action->footer(R"(Actions are agreed in minutes (panel minute) or added between meetings. Every change is kept in
the action's history (who, when, what), shown by 'action show'.

Examples:
  panel action list --overdue
  panel action list --agency HSG --due-within 7 --format csv
  panel action add CCM-2017-0001 --owner ASC --due 2017-09-30 --text "Carers assessment"
  panel action done A-4 --note "Visit on 18 September"
  panel action update A-5 --status not-possible --note "Moved out of the area")");

  auto* list = action->add_subcommand("list", "List actions (formats: table, csv, json, md)");
  list->add_flag("--overdue", o->overdue, "Only open actions past their due date");
  list->add_option("--due-within", o->due_within, "Only open actions due within DAYS")->type_name("DAYS");
  list->add_option("--agency", o->agency, "Only this owner agency")->type_name("CODE");
  list->add_option("--case", o->case_reference, "Only this case")->type_name("REF");
  list->add_option("--status", o->status, "open, done, not-possible, not-done or cancelled")->type_name("STATUS");
  list->footer("Example:\n  panel action list --overdue --format json | jq -r '.[] | \"\\(.owner) \\(.id)\"'");
  list->callback([o, &ctx] { ctx.select("action list", [o, &ctx] { return run_list(*o, ctx); }); });

  auto* show = action->add_subcommand("show", "Show an action and its history");
  show->add_option("ID", o->id, "Action id, e.g. A-4")->required();
  show->footer("Example:\n  panel action show A-4");
  show->callback([o, &ctx] { ctx.select("action show", [o, &ctx] { return run_show(*o, ctx); }); });

  auto* add = action->add_subcommand("add", "Add an action to a case between meetings");
  add->add_option("REF", o->reference, "The case (or any of its referrals)")->required();
  add->add_option("--owner", o->owner, "Owner agency")->type_name("CODE")->required();
  add_date_option(*add, "--due", o->due, "Due date")->required();
  add->add_option("--text", o->text, "What is to be done")->required();
  add->footer("Prints the new action's id.\n\nExample:\n  panel action add CCM-2017-0001 --owner ASC --due 2017-09-30 --text \"Carers assessment\"");
  add->callback([o, &ctx] { ctx.select("action add", [o, &ctx] { return run_add(*o, ctx); }); });

  auto* done = action->add_subcommand("done", "Mark an action done");
  done->add_option("ID", o->id, "Action id")->required();
  done->add_option("--note", o->note, "A note kept in the history");
  done->footer("Example:\n  panel action done A-4 --note \"Visit on 18 September\"");
  done->callback([o, &ctx] {
    ctx.select("action done", [o, &ctx] { return run_update(*o, ctx, core::to_string(core::ActionStatus::done)); });
  });

  auto* update = action->add_subcommand("update", "Change an action's due date, owner or status");
  update->add_option("ID", o->id, "Action id")->required();
  add_date_option(*update, "--due", o->due, "New due date");
  update->add_option("--owner", o->owner, "New owner agency")->type_name("CODE");
  update->add_option("--status", o->status, "not-possible, not-done, cancelled or open")->type_name("STATUS");
  update->add_option("--note", o->note, "A note kept in the history");
  update->footer("Example:\n  panel action update A-5 --due 2017-10-31 --note \"Waiting for the tenancy file\"");
  update->callback([o, &ctx] { ctx.select("action update", [o, &ctx] { return run_update(*o, ctx, o->status); }); });
}

} // namespace panel::cmd
