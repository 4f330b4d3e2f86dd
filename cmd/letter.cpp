#include "cmd/cli.hpp"

#include "panel/core/error.hpp"
#include "panel/documents/documents.hpp"
#include "panel/ops/letters.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>

namespace panel::cmd {
namespace {

struct LetterOptions {
  std::string template_name, reference, format = "md", output, to, address;
  bool force = false;
  std::optional<std::int64_t> intervention;
};

int run_letter(const LetterOptions& o, Context& ctx)
{
  // --format is a global option too; a letter's formats are its own.
  const std::string format = documents::document_format(ctx.format.empty() ? o.format : ctx.format, "'letter' has");
  ops::LetterRequest q{o.template_name, o.reference, format, o.output, o.to, o.address, ctx.templates,
                       ctx.getenv("TMPDIR"), o.force, o.intervention};
  auto db = ctx.open_db();
  const auto result = ops::write_letter(db, q, ctx.actor());
  for (const auto& w : result.warnings)
    ctx.warn(w);
  if (o.output.empty())
    ctx.out << result.text;
  else
    ctx.note(fmt::format("wrote '{}' ({})", o.output, result.subject.empty() ? o.template_name : result.subject));
  return 0;
}

} // namespace

void register_letter(CLI::App& app, Context& ctx)
{
  auto o = std::make_shared<LetterOptions>();
  auto* sub = app.add_subcommand("letter", "Write a letter for a referral, case or ASB case review from a template");
  sub->add_option("TEMPLATE", o->template_name, "Template name (see 'panel template list')")->required();
  sub->add_option("REF", o->reference, "Referral or case reference")->required();
  sub->add_option("-o,--output", o->output, "Write to this file (needed for docx and pdf)")->type_name("FILE");
  sub->add_option("--to", o->to, "Who the letter is addressed to (default: the referrer, or the person a warning, CPW or ABC is for)")
      ->type_name("NAME");
  sub->add_option("--address", o->address,
                  "The recipient's address, lines separated by commas (\"Flat 2, 14 Mill Lane, Skegness PE25 1AB\")")
      ->type_name("TEXT");
  sub->add_option("--intervention", o->intervention,
                  "The intervention a CPW, ABC or warning letter is about (its id in 'panel case show')")
      ->type_name("ID");
  sub->add_flag("--force", o->force, "Overwrite the output file if it exists");
  sub->footer(R"(Formats (--format): md (default), txt, html; docx and pdf through pandoc. Every letter is
recorded (template, a hash of the template, reference, who, when, a hash of the output) and
audited; 'panel case show' lists them. Output files are created with mode 0600.

A letter to the person (a warning, a CPW, an ABC) has the address of the case's latest referral
that has one; with none it has no address block, and a warning says so. A letter --to someone
else never has the person's address: give the recipient's with --address, or it has no address
block (and a warning says so). A letter about an
intervention (CPW, ABC, warning letter) is issued in the name of the agency that used it: the
case's only intervention of that kind, or the one --intervention names.

Examples:
  panel letter referral-acknowledgement CCM-2017-0018
  panel letter referral-declined CCM-2017-0019 --format html -o decline.html
  panel letter warning-letter CCM-2017-0018 --to "Mr K Marsh" --address "4 Mill Lane, Leeds LS1 4AB" --format docx -o warning.docx
  panel letter community-protection-warning CCM-2017-0018 --intervention 4 --format pdf -o cpw.pdf)");
  sub->callback([o, &ctx] { ctx.select("letter", [o, &ctx] { return run_letter(*o, ctx); }); });
}

} // namespace panel::cmd
