#include "cmd/cli.hpp"

#include "panel/core/error.hpp"
#include "panel/core/text.hpp"
#include "panel/ops/meetings.hpp"
#include "panel/ops/minutes_due.hpp"
#include "panel/render/listings.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>

namespace panel::cmd {
namespace {

struct MeetingOptions {
  std::string date, time, venue, chair, every, from, to, reason, new_date;
};

void say_listed(Context& ctx, const ops::AddedMeeting& added)
{
  if (!added.listed.empty())
    ctx.note(fmt::format("listed for it {} case{} awaiting a meeting: {}", added.listed.size(),
                         added.listed.size() == 1 ? "" : "s", core::join(added.listed, ", ")));
}

core::Meeting details(const MeetingOptions& o)
{
  core::Meeting m;
  m.time = o.time;
  m.venue = o.venue;
  m.chair = o.chair;
  return m;
}

int run_add(const MeetingOptions& o, Context& ctx)
{
  auto m = details(o);
  m.date = date_argument(ctx, o.date, "DATE");
  auto db = ctx.open_db();
  const auto added = ops::add_meeting(db, m, ctx.actor());
  ctx.note(fmt::format("added the meeting on {}", m.date.iso()));
  say_listed(ctx, added);
  return 0;
}

int run_schedule(const MeetingOptions& o, Context& ctx)
{
  const auto from = date_argument(ctx, o.from, "--from");
  const auto to = date_argument(ctx, o.to, "--to");
  auto db = ctx.open_db();
  std::vector<std::string> skipped, past;
  const auto added = ops::schedule_meetings(db, o.every, from, to, details(o), skipped, past, ctx.actor());
  if (!past.empty())
    ctx.warn(fmt::format("{} already past (today is {}), not scheduled: {}",
                         core::plural(static_cast<long long>(past.size()), "date is", "dates are"), ctx.today.iso(),
                         core::join(past, ", ")));
  for (const auto& a : added) {
    ctx.out << a.meeting.date.iso() << '\n';
    say_listed(ctx, a);
  }
  for (const auto& date : skipped)
    ctx.note(fmt::format("{}: there is already a meeting; skipped", date));
  ctx.note(fmt::format("added {} meeting{}", added.size(), added.size() == 1 ? "" : "s"));
  return 0;
}

int run_list(Context& ctx)
{
  using render::Format;
  const auto format = ctx.format_or(Format::table, {Format::table, Format::csv, Format::json, Format::md});
  auto db = ctx.open_db();
  render::meeting_listing(ctx.out, ops::meetings_with_minutes(db, ctx.today), format, ctx.style());
  return 0;
}

int run_cancel(const MeetingOptions& o, Context& ctx)
{
  const auto date = date_argument(ctx, o.date, "DATE");
  auto db = ctx.open_db();
  const auto result = ops::cancel_meeting(db, date, o.reason, ctx.actor());
  ctx.note(fmt::format("cancelled the meeting on {}", date.iso()));
  // Cases, each once, with the repeats that joined them: a count of referrals would count a case twice.
  const auto& moved = result.moved_cases;
  std::vector<std::string> named;
  for (const auto& c : moved)
    named.push_back(ops::moved_case_text(c));
  const std::string cases = core::plural(static_cast<long long>(moved.size()), "case", "cases");
  if (!moved.empty() && result.to)
    ctx.out << fmt::format("{} moved to the meeting on {}: {}\n", cases, result.to->iso(), core::join(named, ", "));
  else if (!moved.empty())
    ctx.out << fmt::format("{} now awaiting a meeting (none is scheduled): {}\n", cases, core::join(named, ", "));
  const std::string due = result.reviews.size() == 1 ? "1 case" : std::to_string(result.reviews.size()) + " cases";
  if (!result.reviews.empty() && result.to)
    ctx.out << fmt::format("{} due for review {} to the meeting on {}: {}\n", due,
                           result.reviews.size() == 1 ? "goes" : "go", result.to->iso(), core::join(result.reviews, ", "));
  else if (!result.reviews.empty())
    ctx.out << fmt::format("{} due for review now {} no meeting (see 'panel case list --attention'): {}\n", due,
                           result.reviews.size() == 1 ? "has" : "have", core::join(result.reviews, ", "));
  const auto& reviews = result.case_reviews;
  const std::string listed = reviews.size() == 1 ? "1 ASB case review" : std::to_string(reviews.size()) + " ASB case reviews";
  if (!reviews.empty() && result.to)
    ctx.out << fmt::format("{} moved to the meeting on {}: {}\n", listed, result.to->iso(), core::join(reviews, ", "));
  else if (!reviews.empty())
    ctx.out << fmt::format("{} now awaiting a meeting (list again with 'panel trigger review'): {}\n", listed,
                           core::join(reviews, ", "));
  return 0;
}

int run_update(const MeetingOptions& o, const CLI::App& sub, Context& ctx)
{
  const auto date = date_argument(ctx, o.date, "DATE");
  ops::MeetingChange change;
  if (sub.count("--date"))
    change.date = date_argument(ctx, o.new_date, "--date");
  if (sub.count("--time"))
    change.time = o.time;
  if (sub.count("--venue"))
    change.venue = o.venue;
  if (sub.count("--chair"))
    change.chair = o.chair;
  auto db = ctx.open_db();
  const auto result = ops::update_meeting(db, date, change, ctx.actor());
  if (result.changes.empty()) {
    ctx.note(fmt::format("the meeting on {} is already so: nothing changed", date.iso()));
    return 0;
  }
  const auto now = change.date.value_or(date);
  ctx.note(fmt::format("updated the meeting on {}: {}", now.iso(), core::join(result.changes, "; ")));
  if (!result.moved_cases.empty()) {
    std::vector<std::string> named;
    for (const auto& c : result.moved_cases)
      named.push_back(ops::moved_case_text(c));
    ctx.out << fmt::format("moved {} from {} to {}: {}\n",
                           core::plural(static_cast<long long>(result.moved_cases.size()), "case", "cases"), date.iso(),
                           now.iso(), core::join(named, ", "));
  }
  if (!result.reviews.empty())
    ctx.out << fmt::format("{} due for review on {} now reviewed on {}: {}\n",
                           core::plural(static_cast<long long>(result.reviews.size()), "case", "cases"), date.iso(),
                           now.iso(), core::join(result.reviews, ", "));
  if (result.past)
    ctx.warn(fmt::format("{} is before today ({}): the meeting is now in the past; record its minutes with 'panel "
                         "minute {}' once it is held",
                         now.iso(), ctx.today.iso(), now.iso()));
  if (result.agenda_issued)
    ctx.warn(fmt::format("the agenda issued for this meeting gave {}: issue it again ('panel agenda {} --issue')",
                         date.iso(), now.iso()));
  return 0;
}

int run_delete(const MeetingOptions& o, Context& ctx)
{
  const auto date = date_argument(ctx, o.date, "DATE");
  auto db = ctx.open_db();
  const auto result = ops::delete_meeting(db, date, ctx.actor());
  ctx.note(fmt::format("deleted the meeting on {}", date.iso()));
  if (!result.reviews.empty())
    ctx.out << fmt::format("{} due for review {} to the meeting on {}: {}\n",
                           core::plural(static_cast<long long>(result.reviews.size()), "case", "cases"),
                           result.reviews.size() == 1 ? "goes" : "go", result.to->iso(), core::join(result.reviews, ", "));
  return 0;
}

void add_details(CLI::App* sub, MeetingOptions& o)
{
  sub->add_option("--time", o.time, "Start time, HH:MM")->type_name("HH:MM");
  sub->add_option("--venue", o.venue, "Where it is held");
  sub->add_option("--chair", o.chair, "Who chairs it");
}

} // namespace

void register_meeting(CLI::App& app, Context& ctx)
{
  auto o = std::make_shared<MeetingOptions>();
  auto* meeting = app.add_subcommand("meeting", "Schedule, list, correct and cancel panel meetings");
  meeting->require_subcommand(1);
  meeting->footer(R"(A referral accepted in triage is listed for the first meeting whose agenda cut-off (the meeting
date less the profile's agenda_lead_days) is today or later; cases waiting for a meeting are
listed when one is added.

Examples:
  panel meeting schedule --every "second tuesday" --from 2017-09-01 --to 2018-08-31 --time 14:00 --venue "Guildhall"
  panel meeting add 2017-09-12 --time 14:00 --venue "Committee Room 3" --chair "Supt. J Evans"
  panel meeting list
  panel meeting update 2017-09-12 --date 2017-09-19
  panel meeting delete 2017-09-19
  panel meeting cancel 2017-10-10 --reason "Police unable to attend: not quorate")");

  auto* add = meeting->add_subcommand("add", "Add one meeting");
  add_date_option(*add, "DATE", o->date, "The meeting date")->required();
  add_details(add, *o);
  add->footer("Example:\n  panel meeting add 2017-09-12 --time 14:00 --venue \"Guildhall\"");
  add->callback([o, &ctx] { ctx.select("meeting add", [o, &ctx] { return run_add(*o, ctx); }); });

  auto* schedule = meeting->add_subcommand("schedule", "Add a monthly series of meetings");
  schedule->add_option("--every", o->every, "\"first|second|third|fourth|last DAY\", e.g. \"second tuesday\"")->required();
  add_date_option(*schedule, "--from", o->from, "First possible date")->required();
  add_date_option(*schedule, "--to", o->to, "Last possible date")->required();
  add_details(schedule, *o);
  schedule->footer("Prints the dates added; dates that already have a meeting are skipped, and dates before today\n"
                   "are skipped with a warning (add a past meeting with 'meeting add' if you must record one).\n\n"
                   "Example:\n  panel meeting schedule --every \"second tuesday\" --from 2017-09-01 --to 2017-12-31");
  schedule->callback([o, &ctx] { ctx.select("meeting schedule", [o, &ctx] { return run_schedule(*o, ctx); }); });

  auto* list = meeting->add_subcommand("list", "List meetings (formats: table, csv, json, md)");
  list->footer("MINUTES says where a meeting's minutes stand: \"due\" (from the meeting day until MINUTES DUE,\n"
               "minutes_due_working_days working days later), \"overdue\" (a working day after that), or\n"
               "\"recorded\" ('panel minute' marks the meeting held); empty for meetings to come and cancelled ones.\n\n"
               "Examples:\n  panel meeting list --format json | jq '.[] | select(.status == \"cancelled\")'\n"
               "  panel meeting list --format csv | grep ',overdue,'");
  list->callback([&ctx] { ctx.select("meeting list", [&ctx] { return run_list(ctx); }); });

  auto* update = meeting->add_subcommand("update", "Correct a scheduled meeting: move it, or change its time, venue or chair");
  add_date_option(*update, "DATE", o->date, "The meeting date")->required();
  add_date_option(*update, "--date", o->new_date, "Move it to this date; what is listed for it moves too");
  add_details(update, *o);
  update->footer("Moving a meeting moves the referrals listed for it and the review dates of open cases that were\n"
                 "to be reviewed at it, and prints them. Refused once minutes are recorded (use 'panel minute DATE\n"
                 "--amend'), for a cancelled meeting, and onto another meeting's date. A date before today is\n"
                 "allowed (a typo fixed) with a warning. Every change is kept in the history and the audit log.\n\n"
                 "Examples:\n  panel meeting update 2017-09-12 --date 2017-09-19\n"
                 "  panel meeting update 2017-09-12 --time 10:00 --venue \"Committee Room 3\"");
  update->callback([o, update, &ctx] {
    ctx.select("meeting update", [o, update, &ctx] { return run_update(*o, *update, ctx); });
  });

  auto* remove = meeting->add_subcommand("delete", "Delete a meeting booked by mistake (nothing listed or recorded)");
  add_date_option(*remove, "DATE", o->date, "The meeting date")->required();
  remove->footer("Only a scheduled meeting whose agenda was not issued, with nothing listed for it and no pack or\n"
                 "minutes made; otherwise the message says to move it ('meeting update --date') or cancel it.\n\n"
                 "Example:\n  panel meeting delete 2017-09-19");
  remove->callback([o, &ctx] { ctx.select("meeting delete", [o, &ctx] { return run_delete(*o, ctx); }); });

  auto* cancel = meeting->add_subcommand("cancel", "Cancel a meeting; its cases move to the next one");
  add_date_option(*cancel, "DATE", o->date, "The meeting date")->required();
  cancel->add_option("--reason", o->reason, "Why (reported to the partnership board)")->required();
  cancel->footer("Prints where the listed cases went.\n\n"
                 "Example:\n  panel meeting cancel 2017-10-10 --reason \"Police unable to attend\"");
  cancel->callback([o, &ctx] { ctx.select("meeting cancel", [o, &ctx] { return run_cancel(*o, ctx); }); });
}

} // namespace panel::cmd
