#include "cmd/cli.hpp"

#include "panel/core/error.hpp"
#include "panel/core/text.hpp"
#include "panel/ops/agenda.hpp"
#include "panel/documents/documents.hpp"
#include "panel/ops/packs.hpp"
#include "panel/ops/research.hpp"
#include "panel/render/agenda.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <fmt/format.h>
#include <memory>

namespace panel::cmd {
namespace {

struct AgendaOptions {
  std::string date, research, output;
  bool issue = false, pack = false, force = false;
  bool researching = false;  // --research given, with an agency or without (every agency)
};

// The pack: a document, in the formats documents have.
int run_pack(const AgendaOptions& o, std::optional<core::Date> date, Context& ctx)
{
  const std::string format = documents::document_format(ctx.format, "a pack has");
  auto db = ctx.open_db();
  const auto produced =
      ops::meeting_document(db, {date, {format, o.output, o.force, ctx.getenv("TMPDIR")}, ctx.templates}, ctx.actor());
  if (o.output.empty())
    ctx.out << produced.text;
  else
    ctx.note(fmt::format("wrote '{}' ({})", o.output, produced.subject));
  return 0;
}

// Research lists: a document (md, txt, html, docx, pdf) or rows (table, csv, json).
int run_research(const AgendaOptions& o, std::optional<core::Date> date, Context& ctx)
{
  const std::string format = ctx.format.empty() ? "md" : ctx.format;
  const std::vector<std::string> known = {"md", "txt", "html", "docx", "pdf", "table", "csv", "json"};
  if (std::find(known.begin(), known.end(), format) == known.end())
    throw usage_error(fmt::format("a research list has no format '{}' (known: {})", format, core::join(known, ", ")));
  auto db = ctx.open_db();
  const auto result = ops::research_lists(
      db, {date, o.research, format, o.output, o.force, ctx.getenv("TMPDIR"), ctx.templates, ctx.style()}, ctx.actor());
  ctx.out << result.text;
  for (const auto& path : result.written)
    ctx.note(fmt::format("wrote '{}' ({} {})", path, result.people, result.people == 1 ? "person" : "people"));
  return 0;
}

int run_agenda(const AgendaOptions& o, Context& ctx)
{
  using render::Format;
  const auto date = optional_date_argument(ctx, o.date, "DATE");
  if (o.pack && o.researching)
    throw usage_error("give --pack or --research, not both");
  if ((o.pack || o.researching) && o.issue)
    throw usage_error("--issue goes without --pack and --research: issue the agenda, then print the documents");
  if (o.pack)
    return run_pack(o, date, ctx);
  if (o.researching)
    return run_research(o, date, ctx);
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
  add_date_option(*sub, "DATE", o->date, "The meeting (default: the next one on or after today)");
  sub->add_flag("--issue", o->issue, "Mark the agenda issued (recorded with the date)");
  sub->add_flag("--pack", o->pack, "The meeting pack (template meeting-pack): formats md, txt, html, docx, pdf");
  auto* research = sub->add_option("--research", o->research,
                                   "The research list for this agency; without one, every agency's (template research-list)")
                       ->type_name("[AGENCY]")
                       ->expected(0, 1);
  sub->add_option("-o,--output", o->output,
                  "Write the pack or research list to this file, or every agency's list into this folder")
      ->type_name("FILE|FOLDER");
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
  panel agenda 2017-09-12 --research -o research/
  panel agenda 2017-09-12 --research --format csv > research.csv

Research lists name every person of every case: the subject and each other party (perpetrator,
children...), one row per person, with role, relationship, date of birth and postcode; never
summaries. Formats: md (default), txt, html, docx, pdf (template research-list), or table, csv,
json (columns: docs/cli/agenda.md). Without AGENCY: every agency's list, one file each in the
folder -o names (PANEL-DATE-research-AGENCY.EXT, mode 0600), or one csv/json listing.
Packs show each case's role, risk (level, score and instrument), children and other parties.
Packs and research lists carry personal data: they are recorded as documents and audited.)");
  sub->callback([o, research, &ctx] {
    o->researching = research->count() > 0;
    // "--research 2017-09-12": an agency code starts with a letter, so that is the meeting.
    if (o->date.empty() && !o->research.empty() && o->research[0] >= '0' && o->research[0] <= '9') {
      o->date = o->research;
      o->research.clear();
    }
    ctx.select("agenda", [o, &ctx] { return run_agenda(*o, ctx); });
  });
}

} // namespace panel::cmd
