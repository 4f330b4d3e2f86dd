#include "cmd/cli.hpp"

#include "panel/core/text.hpp"
#include "panel/ops/agencies.hpp"
#include "panel/render/listings.hpp"
#include "panel/store/agencies.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>

namespace panel::cmd {
namespace {

struct AgencyOptions {
  std::string code, name, email;
  bool core = false;
  bool no_core = false;
};

int run_list(Context& ctx)
{
  using render::Format;
  const auto format = ctx.format_or(Format::table, {Format::table, Format::csv, Format::json, Format::md});
  auto db = ctx.open_db();
  render::agency_listing(ctx.out, store::list_agencies(db), format, ctx.style());
  return 0;
}

int run_add(const AgencyOptions& o, Context& ctx)
{
  auto db = ctx.open_db();
  ops::add_agency(db, {o.code, o.name, o.email, o.core}, ctx.actor());
  ctx.note(fmt::format("added agency '{}' ({})", o.code, o.name));
  return 0;
}

int run_update(const AgencyOptions& o, const CLI::App& sub, Context& ctx)
{
  ops::AgencyChange change;
  if (sub.count("--name"))
    change.name = o.name;
  if (sub.count("--email"))
    change.email = o.email;
  if (o.core || o.no_core)
    change.core = o.core;
  auto db = ctx.open_db();
  const auto changed = ops::update_agency(db, o.code, change, ctx.actor());
  const auto code = ops::agency_code(db, o.code);  // echoed as recorded: `pol` updates POL
  if (changed.empty())
    ctx.note(fmt::format("agency '{}' unchanged", code));
  else
    ctx.note(fmt::format("updated agency '{}': {}", code, core::join(changed, ", ")));
  return 0;
}

int run_remove(const AgencyOptions& o, Context& ctx)
{
  auto db = ctx.open_db();
  const auto code = ops::remove_agency(db, o.code, ctx.actor());
  ctx.note(fmt::format("removed agency '{}'", code));
  return 0;
}

} // namespace

void register_agency(CLI::App& app, Context& ctx)
{
  auto o = std::make_shared<AgencyOptions>();
  auto* agency = app.add_subcommand("agency", "List, add, update and remove the agencies on the panel");
  agency->require_subcommand(1);
  agency->footer(R"(Examples:
  panel agency list --format json
  panel agency add PRB --name "Probation Service" --email probation@example.org --core
  panel agency update PRB --email npsreferrals@example.org
  panel agency remove PRB)");

  auto* list = agency->add_subcommand("list", "List the agencies (formats: table, csv, json, md)");
  list->footer("Example:\n  panel agency list --format json | jq -r '.[] | select(.core) | .code'");
  list->callback([&ctx] { ctx.select("agency list", [&ctx] { return run_list(ctx); }); });

  auto* add = agency->add_subcommand("add", "Add an agency");
  add->add_option("CODE", o->code, "Short code: 2-10 capital letters, digits or -, starting with a letter (POL, HOUSING)")->required();
  add->add_option("--name", o->name, "Full name")->required();
  add->add_option("--email", o->email, "Address for reminders and research lists");
  add->add_flag("--core", o->core, "A core member of the panel");
  add->footer("Example:\n  panel agency add PRB --name \"Probation Service\" --email probation@example.org --core");
  add->callback([o, &ctx] { ctx.select("agency add", [o, &ctx] { return run_add(*o, ctx); }); });

  auto* update = agency->add_subcommand("update", "Change an agency's name, email or core flag");
  update->add_option("CODE", o->code, "The agency's code")->required();
  update->add_option("--name", o->name, "New full name");
  update->add_option("--email", o->email, "New email address");
  auto* core_flag = update->add_flag("--core", o->core, "Make it a core member");
  update->add_flag("--no-core", o->no_core, "Make it a non-core member")->excludes(core_flag);
  update->footer("Example:\n  panel agency update HSG --email housing.asb@example.org --no-core");
  update->callback([o, update, &ctx] {
    ctx.select("agency update", [o, update, &ctx] { return run_update(*o, *update, ctx); });
  });

  auto* remove = agency->add_subcommand("remove", "Remove an agency no record refers to");
  remove->add_option("CODE", o->code, "The agency's code")->required();
  remove->footer("Refused while the agency is in the quorum or named on any record.\n\n"
                 "Example:\n  panel agency remove PRB");
  remove->callback([o, &ctx] { ctx.select("agency remove", [o, &ctx] { return run_remove(*o, ctx); }); });
}

} // namespace panel::cmd
