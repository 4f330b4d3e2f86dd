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
  std::string date, time, venue, chair, every, from, to, reason;
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
  m.date = date_argument(o.date, "DATE");
  auto db = ctx.open_db();
  const auto added = ops::add_meeting(db, m, ctx.actor());
  ctx.note(fmt::format("added the meeting on {}", m.date.iso()));
  say_listed(ctx, added);
  return 0;
}

int run_schedule(const MeetingOptions& o, Context& ctx)
{
  const auto from = date_argument(o.from, "--from");
  const auto to = date_argument(o.to, "--to");
  auto db = ctx.open_db();
  std::vector<std::string> skipped;
  const auto added = ops::schedule_meetings(db, o.every, from, to, details(o), skipped, ctx.actor());
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
  const auto date = date_argument(o.date, "DATE");
  auto db = ctx.open_db();
  const auto result = ops::cancel_meeting(db, date, o.reason, ctx.actor());
  ctx.note(fmt::format("cancelled the meeting on {}", date.iso()));
  const std::string cases = result.moved.size() == 1 ? "1 case" : std::to_string(result.moved.size()) + " cases";
  if (!result.moved.empty() && result.to)
    ctx.out << fmt::format("{} moved to the meeting on {}: {}\n", cases, result.to->iso(), core::join(result.moved, ", "));
  else if (!result.moved.empty())
    ctx.out << fmt::format("{} now awaiting a meeting (none is scheduled): {}\n", cases, core::join(result.moved, ", "));
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
  auto* meeting = app.add_subcommand("meeting", "Schedule, list and cancel panel meetings");
  meeting->require_subcommand(1);
  meeting->footer(R"(A referral accepted in triage is listed for the first meeting whose agenda cut-off (the meeting
date less the profile's agenda_lead_days) is today or later; cases waiting for a meeting are
listed when one is added.

Examples:
  panel meeting schedule --every "second tuesday" --from 2017-09-01 --to 2018-08-31 --time 14:00 --venue "Guildhall"
  panel meeting add 2017-09-12 --time 14:00 --venue "Committee Room 3" --chair "Supt. J Evans"
  panel meeting list
  panel meeting cancel 2017-10-10 --reason "Police unable to attend: not quorate")");

  auto* add = meeting->add_subcommand("add", "Add one meeting");
  add->add_option("DATE", o->date, "The meeting date, YYYY-MM-DD")->required();
  add_details(add, *o);
  add->footer("Example:\n  panel meeting add 2017-09-12 --time 14:00 --venue \"Guildhall\"");
  add->callback([o, &ctx] { ctx.select("meeting add", [o, &ctx] { return run_add(*o, ctx); }); });

  auto* schedule = meeting->add_subcommand("schedule", "Add a monthly series of meetings");
  schedule->add_option("--every", o->every, "\"first|second|third|fourth|last DAY\", e.g. \"second tuesday\"")->required();
  schedule->add_option("--from", o->from, "First possible date")->type_name("DATE")->required();
  schedule->add_option("--to", o->to, "Last possible date")->type_name("DATE")->required();
  add_details(schedule, *o);
  schedule->footer("Prints the dates added; dates that already have a meeting are skipped.\n\n"
                   "Example:\n  panel meeting schedule --every \"second tuesday\" --from 2017-09-01 --to 2017-12-31");
  schedule->callback([o, &ctx] { ctx.select("meeting schedule", [o, &ctx] { return run_schedule(*o, ctx); }); });

  auto* list = meeting->add_subcommand("list", "List meetings (formats: table, csv, json, md)");
  list->footer("MINUTES says where a meeting's minutes stand: \"due\" (from the meeting day until MINUTES DUE,\n"
               "minutes_due_working_days working days later), \"overdue\" (a working day after that), or\n"
               "\"recorded\" ('panel minute' marks the meeting held); empty for meetings to come and cancelled ones.\n\n"
               "Examples:\n  panel meeting list --format json | jq '.[] | select(.status == \"cancelled\")'\n"
               "  panel meeting list --format csv | grep ',overdue,'");
  list->callback([&ctx] { ctx.select("meeting list", [&ctx] { return run_list(ctx); }); });

  auto* cancel = meeting->add_subcommand("cancel", "Cancel a meeting; its cases move to the next one");
  cancel->add_option("DATE", o->date, "The meeting date")->required();
  cancel->add_option("--reason", o->reason, "Why (reported to the partnership board)")->required();
  cancel->footer("Prints where the listed cases went.\n\n"
                 "Example:\n  panel meeting cancel 2017-10-10 --reason \"Police unable to attend\"");
  cancel->callback([o, &ctx] { ctx.select("meeting cancel", [o, &ctx] { return run_cancel(*o, ctx); }); });
}

} // namespace panel::cmd
