#include "cmd/cli.hpp"

#include "panel/core/files.hpp"
#include "panel/core/text.hpp"
#include "panel/ops/merges.hpp"
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
  std::string name, dob, id, output, keep, drop, reason;
  bool force = false, join_cases = false;
};

int run_find(const PersonOptions& o, Context& ctx)
{
  using render::Format;
  const auto format = ctx.format_or(Format::table, {Format::table, Format::csv, Format::json, Format::md});
  const auto dob = optional_date_argument(ctx, o.dob, "--dob");
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

int run_dupes(Context& ctx)
{
  using render::Format;
  const auto format = ctx.format_or(Format::table, {Format::table, Format::csv, Format::json, Format::md});
  auto db = ctx.open_db();
  const auto pairs = ops::person_dupes(db, ctx.actor());
  render::dupes_listing(ctx.out, pairs, format, ctx.style());
  if (pairs.empty())
    ctx.note("no two people on the register look like one person");
  return 0;
}

int run_merge(const PersonOptions& o, Context& ctx)
{
  auto db = ctx.open_db();
  const auto r = ops::merge_people(db, o.keep, o.drop, o.reason, o.join_cases, ctx.actor());
  ctx.out << r.merge_id << '\n';
  ctx.note(fmt::format("merged person {} into person {} (merge {}): {} referral{} and {} case{} moved{}", r.drop_id,
                       r.keep_id, r.merge_id, r.referrals_moved.size(), r.referrals_moved.size() == 1 ? "" : "s",
                       r.cases_moved.size(), r.cases_moved.size() == 1 ? "" : "s",
                       r.referrals_moved.empty() ? "" : " (" + core::join(r.referrals_moved, ", ") + ")"));
  if (!r.joined_case.empty())
    ctx.note(fmt::format("case {} closed: its referrals joined case {}", r.joined_case, r.into_case));
  for (const auto& c : r.repeat_changes)
    ctx.note(c);
  for (const auto& q : r.quarter_changes)
    ctx.note(q + " (returns for that quarter made before today will differ)");
  ctx.note(fmt::format("undo with: panel person unmerge {} --reason TEXT", r.merge_id));
  return 0;
}

int run_unmerge(const PersonOptions& o, Context& ctx)
{
  auto db = ctx.open_db();
  const auto r = ops::unmerge_people(db, o.id, o.reason, ctx.actor());
  ctx.note(fmt::format("merge {} undone: person {} stands on its own again ({} referral{}, {} case{} back)", r.merge_id,
                       r.drop_id, r.referrals, r.referrals == 1 ? "" : "s", r.cases, r.cases == 1 ? "" : "s"));
  return 0;
}

int run_alias_add(const PersonOptions& o, Context& ctx)
{
  const auto dob = optional_date_argument(ctx, o.dob, "--dob");
  auto db = ctx.open_db();
  const auto added = ops::add_alias(db, o.id, o.name, dob, ctx.actor());
  ctx.note(fmt::format("person {} ({}) is also known as '{}'{}", o.id, added.person_name, core::trim(o.name),
                       dob ? " (born " + dob->iso() + ")" : ""));
  return 0;
}

int run_alias_remove(const PersonOptions& o, Context& ctx)
{
  const auto dob = optional_date_argument(ctx, o.dob, "--dob");
  auto db = ctx.open_db();
  const auto removed = ops::remove_alias(db, o.id, o.name, dob, o.reason, ctx.actor());
  ctx.note(fmt::format("person {} is no longer known as '{}'{}", o.id, removed.name,
                       removed.dob ? " (born " + removed.dob->iso() + ")" : ""));
  return 0;
}

int run_alias_list(const PersonOptions& o, Context& ctx)
{
  using render::Format;
  const auto format = ctx.format_or(Format::table, {Format::table, Format::csv, Format::json, Format::md});
  auto db = ctx.open_db();
  const auto aliases = ops::list_aliases(db, o.id, ctx.actor());
  render::alias_listing(ctx.out, aliases, format, ctx.style());
  if (aliases.empty())
    ctx.note(fmt::format("person {} has no aliases", o.id));
  return 0;
}

} // namespace

void register_person(CLI::App& app, Context& ctx)
{
  auto o = std::make_shared<PersonOptions>();
  auto* person = app.add_subcommand("person", "Find a person, export everything held about them, and join two records of one person");
  person->require_subcommand(1);
  person->footer(R"(For a subject access request (UK GDPR Article 15): find the person, then export what the
register holds about them. Two records of one person ('person dupes' lists candidates) are joined
with 'person merge' and separated again with 'person unmerge'. Every command is recorded in the
audit log. See docs/data-protection.md.

Examples:
  panel person find "Jo Smith" --dob 1990-02-14
  panel person export 12 --format md -o sar-12.md
  panel person dupes
  panel person merge 3 7 --reason "same person: dob typed day first"
  panel person alias add 3 --name "Jo Bloggs")");

  auto* find = person->add_subcommand("find", "Find everyone with a name, on the register or named in others' records");
  find->add_option("NAME", o->name, "The name, or part of it (every word must match)")->required();
  add_date_option(*find, "--dob", o->dob, "Leave out those with another known date of birth");
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

  auto* dupes = person->add_subcommand("dupes", "List pairs of person records that may be one person, with a score and why");
  dupes->footer("Pairs share a name (folded: case, accents, punctuation) and dates of birth that are the same,\n"
                "have day and month swapped, differ in one digit, or are missing; or the same date of birth and\n"
                "an alike name (Sara / Sarah Lewis, Carter Anne / Anne Carter). A match on an alias counts.\n"
                "Score 95 (surest) to 45. People merged into another are left out. Formats: table, csv, json, md.\n\n"
                "Example:\n  panel person dupes --format csv");
  dupes->callback([&ctx] { ctx.select("person dupes", [&ctx] { return run_dupes(ctx); }); });

  auto* merge = person->add_subcommand("merge", "Join two records of one person: DROP's referrals and cases move to KEEP");
  merge->add_option("KEEP", o->keep, "The person's id to keep")->required();
  merge->add_option("DROP", o->drop, "The person's id to merge into KEEP")->required();
  merge->add_option("--reason", o->reason, "Why they are one person (kept in the history)")->required()->type_name("TEXT");
  merge->add_flag("--join-cases", o->join_cases, "When both have an open case: move DROP's case's referrals into KEEP's and close DROP's");
  merge->footer("Prints the merge id (for 'person unmerge'). DROP's name and date of birth become an alias of\n"
                "KEEP; repeats are worked out again and the output says which referrals and which quarters'\n"
                "repeat counts changed. Refused when both have an open case, unless --join-cases.\n\n"
                "Examples:\n  panel person merge 3 7 --reason \"same person: dob typed day first\"\n"
                "  panel person merge 3 7 --reason \"same person, a case open on each\" --join-cases");
  merge->callback([o, &ctx] { ctx.select("person merge", [o, &ctx] { return run_merge(*o, ctx); }); });

  auto* unmerge = person->add_subcommand("unmerge", "Undo a merge exactly, while nothing recorded since depends on it");
  unmerge->add_option("MERGE-ID", o->id, "The number 'person merge' printed")->required();
  unmerge->add_option("--reason", o->reason, "Why the merge is undone (kept in the history)")->type_name("TEXT");
  unmerge->footer("Refused, naming what depends on the merge, when since the merge a referral or case was recorded\n"
                  "for either person, a referral it moved or re-evaluated was decided or corrected, a case it\n"
                  "joined was minuted, noted or given an action or intervention, or either person was merged again.\n\n"
                  "Example:\n  panel person unmerge 1 --reason \"two different people after all\"");
  unmerge->callback([o, &ctx] { ctx.select("person unmerge", [o, &ctx] { return run_unmerge(*o, ctx); }); });

  auto* alias = person->add_subcommand("alias", "Other names a person is known by: intake matches referrals by them");
  alias->require_subcommand(1);
  alias->footer("Examples:\n  panel person alias add 3 --name \"Jo Bloggs\" --dob 1990-02-14\n  panel person alias list 3\n"
                "  panel person alias remove 3 --name \"Jo Bloggs\" --reason \"added to the wrong person\"");
  auto* alias_add = alias->add_subcommand("add", "Record another name (and date of birth) a person is known by");
  alias_add->add_option("ID", o->id, "The person's id from 'person find'")->required();
  alias_add->add_option("--name", o->name, "The other name")->required()->type_name("TEXT");
  add_date_option(*alias_add, "--dob", o->dob, "The date of birth given with that name");
  alias_add->footer("A referral with this name (and date of birth) is then about this person; 'person find',\n"
                    "'person dupes' and research lists consider it.\n\n"
                    "Example:\n  panel person alias add 3 --name \"Jo Bloggs\" --dob 1990-02-14");
  alias_add->callback([o, &ctx] { ctx.select("person alias add", [o, &ctx] { return run_alias_add(*o, ctx); }); });
  auto* alias_list = alias->add_subcommand("list", "List the other names a person is known by");
  alias_list->add_option("ID", o->id, "The person's id from 'person find'")->required();
  alias_list->footer("Formats: table, csv, json, md.\n\nExample:\n  panel person alias list 3");
  alias_list->callback([o, &ctx] { ctx.select("person alias list", [o, &ctx] { return run_alias_list(*o, ctx); }); });
  auto* alias_remove = alias->add_subcommand("remove", "Remove an alias recorded in error (kept in the person's history)");
  alias_remove->add_option("ID", o->id, "The person's id from 'person find'")->required();
  alias_remove->add_option("--name", o->name, "The alias to remove")->required()->type_name("TEXT");
  add_date_option(*alias_remove, "--dob", o->dob, "Its date of birth, when the person has that name twice");
  alias_remove->add_option("--reason", o->reason, "Why (kept in the person's history)")->required()->type_name("TEXT");
  alias_remove->footer("Refused for an alias a merge still standing made or moved: undo the merge instead.\n\n"
                       "Example:\n  panel person alias remove 3 --name \"Jo Bloggs\" --reason \"added to the wrong person\"");
  alias_remove->callback(
      [o, &ctx] { ctx.select("person alias remove", [o, &ctx] { return run_alias_remove(*o, ctx); }); });
}

} // namespace panel::cmd
