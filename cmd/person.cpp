#include "cmd/cli.hpp"

#include "panel/core/files.hpp"
#include "panel/ops/people.hpp"
#include "panel/render/case_detail.hpp"
#include "panel/render/listings.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>
#include <sstream>

namespace panel::cmd {
namespace {

struct PersonOptions {
  std::string name, dob, id, output;
  bool force = false;
};

int run_find(const PersonOptions& o, Context& ctx)
{
  using render::Format;
  const auto format = ctx.format_or(Format::table, {Format::table, Format::csv, Format::json, Format::md});
  const auto dob = optional_date_argument(o.dob, "--dob");
  auto db = ctx.open_db();
  const auto matches = ops::find_people(db, o.name, dob, ctx.actor());
  render::person_listing(ctx.out, matches, format, ctx.style());
  if (matches.empty())
    ctx.note(fmt::format("nobody named '{}' is on the register", o.name));
  return 0;
}

int run_export(const PersonOptions& o, Context& ctx)
{
  using render::Format;
  const auto format = ctx.format_or(Format::json, {Format::json, Format::md, Format::table});
  auto db = ctx.open_db();
  if (o.output.empty()) {
    render::write_person(ctx.out, ops::export_person(db, o.id, ctx.actor()), format);
    return 0;
  }
  // The file is written inside the export's transaction: a refused file leaves no audit row.
  const auto record = ops::export_person(db, o.id, ctx.actor(), [&](const core::PersonRecord& r) {
    std::ostringstream text;
    render::write_person(text, r, format);
    core::write_file(o.output, text.str(), o.force);
  });
  ctx.note(fmt::format("wrote '{}': everything held about person {} ({} case{}, {} other referral{})", o.output, record.id,
                       record.cases.size(), record.cases.size() == 1 ? "" : "s", record.referrals.size(),
                       record.referrals.size() == 1 ? "" : "s"));
  return 0;
}

} // namespace

void register_person(CLI::App& app, Context& ctx)
{
  auto o = std::make_shared<PersonOptions>();
  auto* person = app.add_subcommand("person", "Find a person, and export everything held about them (subject access)");
  person->require_subcommand(1);
  person->footer(R"(For a subject access request (UK GDPR Article 15): find the person, then export what the
register holds about them. Both are recorded in the audit log. See docs/data-protection.md.

Examples:
  panel person find "Jo Smith" --dob 1990-02-14
  panel person export 12 --format md -o sar-12.md)");

  auto* find = person->add_subcommand("find", "Find everyone with a name, on the register or named in others' records");
  find->add_option("NAME", o->name, "The name, or part of it (every word must match)")->required();
  find->add_option("--dob", o->dob, "Leave out those with another known date of birth")->type_name("DATE");
  find->footer("Kinds: person (ID is the person's id, for 'person export'), other-party (named in the\n"
               "referral ID about someone else), case-review (named in the ASB case review ID).\n"
               "Formats: table, csv, json, md.\n\nExample:\n  panel person find \"jo smith\"");
  find->callback([o, &ctx] { ctx.select("person find", [o, &ctx] { return run_find(*o, ctx); }); });

  auto* exp = person->add_subcommand("export", "Everything held about one person: referrals, cases, actions, letters");
  exp->add_option("ID", o->id, "The person's id from 'person find'")->required();
  exp->add_option("-o,--output", o->output, "Write to FILE (mode 0600) instead of standard output")->type_name("FILE");
  exp->add_flag("--force", o->force, "Overwrite FILE");
  exp->footer("Formats: json (default), md, table (readable text). Other people's names in the person's own\n"
              "referrals are included, as they are part of the record; review them before disclosure.\n\n"
              "Example:\n  panel person export 12 --format md -o sar-12.md");
  exp->callback([o, &ctx] { ctx.select("person export", [o, &ctx] { return run_export(*o, ctx); }); });
}

} // namespace panel::cmd
