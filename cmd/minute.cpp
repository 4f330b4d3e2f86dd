#include "cmd/cli.hpp"
#include "cmd/editing.hpp"

#include "panel/core/error.hpp"
#include "panel/core/text.hpp"
#include "panel/input/file.hpp"
#include "panel/ops/actions.hpp"
#include "panel/documents/documents.hpp"
#include "panel/ops/minutes.hpp"
#include "panel/ops/packs.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <fmt/format.h>
#include <memory>

namespace panel::cmd {
namespace {

struct MinuteOptions {
  std::string date, file, output;
  bool amend = false, render = false, force = false;
};

void report(const ops::MinutesResult& r, core::Date date, Context& ctx)
{
  if (!r.held) {
    ctx.note(fmt::format("the meeting on {} was not held: recorded as cancelled", date.iso()));
    return;
  }
  if (r.amended && r.changes.empty()) {
    ctx.note(fmt::format("the amended minutes of {} are the minutes as recorded: nothing changed", date.iso()));
    return;
  }
  if (r.amended) {
    ctx.note(fmt::format("amended the minutes of {}: {}", date.iso(),
                         core::plural(static_cast<long long>(r.changes.size()), "change", "changes")));
    for (const auto& change : r.changes)
      ctx.note("  " + change);
  } else
    ctx.note(fmt::format("minutes of {} recorded: {} case{} discussed, {} new action{}{}, {} action update{}", date.iso(),
                       r.discussions, r.discussions == 1 ? "" : "s", r.actions.size(), r.actions.size() == 1 ? "" : "s",
                       r.actions.empty() ? "" : " (" + core::join(r.actions, ", ") + ")", r.updates,
                       r.updates == 1 ? "" : "s"));
  if (!r.closed.empty())
    ctx.note("closed: " + core::join(r.closed, ", "));
  if (!r.referred.empty())
    ctx.note("closed, referred elsewhere: " + core::join(r.referred, ", "));
  if (!r.reviews_defaulted.empty() && r.next_meeting)
    ctx.note(fmt::format("no next review given: {} to be reviewed at the next meeting, {}",
                         core::join(r.reviews_defaulted, ", "), r.next_meeting->iso()));
  for (const auto& [reference, review] : r.reviews_unscheduled)
    ctx.warn(fmt::format("no meeting is scheduled on or after {}, the review date of {}: add one ('panel meeting add "
                         "DATE'), or the case waits unseen (it is listed by 'panel case list --attention')",
                         review.iso(), reference));
  for (const auto& [id, reference, words] : r.named)
    ctx.warn(ops::named_warning(id, reference, words));
  if (!r.late.empty())
    ctx.note("discussed with their case after the agenda cut-off: " + core::join(r.late, ", "));
  // Every item of the agenda not discussed, new or review: the minutes list the same under "Not reached".
  auto not_reached = r.carried;
  for (const auto& reference : r.reviews_carried)
    not_reached.push_back(reference + " (review)");
  if (!not_reached.empty()) {
    if (r.next_meeting)
      ctx.note(fmt::format("not discussed, moved to the meeting on {}: {}", r.next_meeting->iso(), core::join(not_reached, ", ")));
    else
      ctx.warn(fmt::format("not discussed, and no later meeting is scheduled: {} awaiting a meeting (see 'panel case "
                           "list --attention')",
                           core::join(not_reached, ", ")));
  }
  // An amendment warns of the quorum only when it changed it.
  const bool quorum_changed = std::any_of(r.changes.begin(), r.changes.end(),
                                          [](const auto& change) { return change.rfind("quorate:", 0) == 0; });
  if (!r.quorate && (!r.amended || quorum_changed))
    ctx.warn(fmt::format("the meeting was not quorate: {} not present; its decisions are recorded",
                         core::join(r.absent_quorum, ", ")));
}

int run_minute(const MinuteOptions& o, Context& ctx)
{
  const auto date = date_argument(ctx, o.date, "DATE");
  auto db = ctx.open_db();
  if (o.render) {
    if (!o.file.empty() || o.amend)
      throw usage_error("--render prints recorded minutes: it takes no --file or --amend");
    const std::string format = documents::document_format(ctx.format, "minutes have");
    const auto produced = ops::minutes_document(db, date, {format, o.output, o.force, ctx.getenv("TMPDIR")},
                                                ctx.templates, ctx.actor());
    if (o.output.empty())
      ctx.out << produced.text;
    else
      ctx.note(fmt::format("wrote '{}' ({})", o.output, produced.subject));
    return 0;
  }
  if (!o.output.empty())
    throw usage_error("-o goes with --render");
  if (!o.file.empty()) {
    const auto text = input::read_file(o.file, ctx.in);
    report(ops::record_minutes(db, date, text, o.file == "-" ? "<stdin>" : o.file, o.amend, ctx.actor()), date, ctx);
    // The file panel kept when these minutes were refused has done its work, and holds personal
    // data: it goes (trial F28). A file the user made, or moved, is theirs to keep.
    delete_kept_edit(ctx, o.file, text, "minutes", "the file panel kept for these minutes: they are recorded",
                     "the file panel kept for these minutes: delete it yourself, it holds personal data");
    return 0;
  }
  ops::refuse_before_meeting(date, ctx.today);  // before the editor opens, not after the typing
  // Taken before the skeleton is read: a change after it refuses the save (see ops::check_unchanged).
  const auto since = store::audit_mark(db);
  EditFlow flow{"minutes", ops::minutes_skeleton(db, date, ctx.actor(), o.amend), "your minutes are", "them",
                {"minute", date.iso(), "--file", "{file}"}, since};
  if (o.amend)
    flow.resume.push_back("--amend");
  const bool recorded = edit_and_apply(ctx, db, flow, [&](const std::string& text, const std::string& file) {
    report(ops::record_minutes(db, date, text, file, o.amend, ctx.actor(), &flow.since), date, ctx);
  });
  if (!recorded)
    ctx.note("the minutes were not changed: nothing recorded");
  return 0;
}

} // namespace

void register_minute(CLI::App& app, Context& ctx)
{
  auto o = std::make_shared<MinuteOptions>();
  auto* sub = app.add_subcommand("minute", "Record a meeting's minutes: attendance, cases, actions, interventions");
  add_date_option(*sub, "DATE", o->date, "The meeting")->required();
  sub->add_option("--file", o->file, "Minutes YAML (docs/formats/minutes.md); without it, $EDITOR opens a skeleton")
      ->type_name("FILE");
  sub->add_flag("--amend", o->amend, "Correct recorded minutes: the editor starts from them; only what changes is recorded");
  sub->add_flag("--render", o->render, "Print the recorded minutes (template minutes): md, txt, html, docx, pdf");
  sub->add_option("-o,--output", o->output, "With --render: write to this file")->type_name("FILE");
  sub->add_flag("--force", o->force, "With --render: overwrite the output file");
  sub->footer(R"(Minutes are recorded on or after the day of the meeting, never before it.
Without --file, $VISUAL or $EDITOR opens minutes to fill in, built from the agenda: one block
per case, however many of its referrals are listed. If what you save has a problem, or the editor
is stopped by a signal, nothing is recorded, the file is kept and the command that resumes from it
printed ('panel --db /abs/panel.db minute DATE --file PATH'); once --file records from that
kept file, panel deletes it (a file you wrote, copied or moved is never deleted). Ctrl-C in the
editor goes to the editor only. Saving the skeleton unchanged records nothing. A kept file names
its database on its first line; --file refuses it on another panel's database.

Items of the agenda not discussed, new or due for review, move to the next meeting (or await
one), and the minutes list them under "Not reached".

No open case leaves without a next step: keep-open with no next_review is reviewed at the next
meeting (refused when none is scheduled); refer-elsewhere closes the case, naming the forum in
referred_to, unless a next_review keeps it open.

Everything is recorded in one transaction: attendance and quorum (an absent quorum agency marks
the meeting inquorate, with a warning), discussions, new actions (A-<n>), action updates, case
risk, review dates and closures, interventions; the meeting becomes held.

--amend opens the minutes as recorded, actions with their ids; only what you change is recorded,
each change listed (saved unchanged: nothing changes). An action or case left out is refused:
to withdraw an action, set 'A-<n>: cancelled' under action_updates.

Examples:
  panel minute 2017-09-12
  panel minute 2017-09-12 --file minutes-2017-09-12.yaml
  panel minute 2017-09-12 --amend
  panel minute 2017-09-12 --file corrected.yaml --amend
  panel minute 2017-09-12 --render --format docx -o minutes-2017-09-12.docx)");
  sub->callback([o, &ctx] { ctx.select("minute", [o, &ctx] { return run_minute(*o, ctx); }); });
}

} // namespace panel::cmd
