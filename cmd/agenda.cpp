#include "cmd/cli.hpp"

#include "panel/core/error.hpp"
#include "panel/ops/agenda.hpp"
#include "panel/render/agenda.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>

namespace panel::cmd {
namespace {

struct AgendaOptions {
  std::string date;
  bool issue = false;
};

int run_agenda(const AgendaOptions& o, Context& ctx)
{
  using render::Format;
  const auto format = ctx.format_or(Format::table, {Format::table, Format::csv, Format::json, Format::md});
  std::optional<core::Date> date;
  if (!o.date.empty()) {
    date = core::Date::parse(o.date);
    if (!date)
      throw usage_error(fmt::format("DATE: '{}' is not a date (use YYYY-MM-DD)", o.date));
  }
  auto db = ctx.open_db();
  const auto agenda = ops::agenda(db, date, o.issue, ctx.actor());
  render::write_agenda(ctx.out, agenda, format, ctx.style());
  if (o.issue)
    ctx.note(fmt::format("agenda for {} marked issued", agenda.meeting.date.iso()));
  return 0;
}

} // namespace

void register_agenda(CLI::App& app, Context& ctx)
{
  auto o = std::make_shared<AgendaOptions>();
  auto* sub = app.add_subcommand("agenda", "The agenda of a meeting: new, repeat and review cases, outstanding actions");
  sub->add_option("DATE", o->date, "The meeting (default: the next one on or after today)");
  sub->add_flag("--issue", o->issue, "Mark the agenda issued (recorded with the date)");
  sub->footer(R"(Items: cases accepted for the meeting (new or repeat), open cases due for review by the meeting
date; outstanding actions; cases accepted after the cut-off that go to the next meeting; the
quorum. Formats: table (default), md, csv (the items), json. Reading it is audited.

Examples:
  panel agenda
  panel agenda 2017-09-12 --format json | jq '.items[] | select(.item == "repeat")'
  panel agenda 2017-09-12 --issue)");
  sub->callback([o, &ctx] { ctx.select("agenda", [o, &ctx] { return run_agenda(*o, ctx); }); });
}

} // namespace panel::cmd
