#include "cmd/cli.hpp"

#include "panel/core/error.hpp"
#include "panel/ops/agenda.hpp"
#include "panel/ops/documents.hpp"
#include "panel/ops/packs.hpp"
#include "panel/render/agenda.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>

namespace panel::cmd {
namespace {

struct AgendaOptions {
  std::string date, research, output;
  bool issue = false, pack = false, force = false;
};

// The pack or a research list: a document, in the formats documents have.
int run_document(const AgendaOptions& o, std::optional<core::Date> date, Context& ctx)
{
  const std::string format = ops::document_format(ctx.format, "a pack or research list has");
  auto db = ctx.open_db();
  const auto produced = ops::meeting_document(
      db, {date, o.research, {format, o.output, o.force, ctx.getenv("TMPDIR")}, ctx.templates}, ctx.actor());
  if (o.output.empty())
    ctx.out << produced.text;
  else
    ctx.note(fmt::format("wrote '{}' ({})", o.output, produced.subject));
  return 0;
}

int run_agenda(const AgendaOptions& o, Context& ctx)
{
  using render::Format;
  const auto date = optional_date_argument(o.date, "DATE");
  if (o.pack && !o.research.empty())
    throw usage_error("give --pack or --research, not both");
  if ((o.pack || !o.research.empty()) && o.issue)
    throw usage_error("--issue goes without --pack and --research: issue the agenda, then print the documents");
  if (o.pack || !o.research.empty())
    return run_document(o, date, ctx);
  if (!o.output.empty())
    throw usage_error("-o goes with --pack or --research");
  const auto format = ctx.format_or(Format::table, {Format::table, Format::csv, Format::json, Format::md});
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
  sub->add_flag("--pack", o->pack, "The meeting pack (template meeting-pack): formats md, txt, html, docx, pdf");
  sub->add_option("--research", o->research, "The research list for this agency (template research-list)")
      ->type_name("AGENCY");
  sub->add_option("-o,--output", o->output, "Write the pack or research list to this file")->type_name("FILE");
  sub->add_flag("--force", o->force, "Overwrite the output file if it exists");
  sub->footer(R"(Items: cases accepted for the meeting (new or repeat), open cases due for review by the meeting
date; outstanding actions; cases accepted after the cut-off that go to the next meeting; the
quorum. Formats: table (default), md, csv (the items), json. Reading it is audited.

Examples:
  panel agenda
  panel agenda 2017-09-12 --format json | jq '.items[] | select(.item == "repeat")'
  panel agenda 2017-09-12 --issue
  panel agenda 2017-09-12 --pack --format docx -o pack-2017-09-12.docx
  panel agenda 2017-09-12 --research HSG --format html -o research-HSG.html

Packs and research lists carry personal data: they are recorded as documents and audited.)");
  sub->callback([o, &ctx] { ctx.select("agenda", [o, &ctx] { return run_agenda(*o, ctx); }); });
}

} // namespace panel::cmd
