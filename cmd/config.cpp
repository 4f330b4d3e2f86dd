#include "cmd/cli.hpp"
#include "cmd/editing.hpp"

#include "panel/core/error.hpp"
#include "panel/input/file.hpp"
#include "panel/ops/config.hpp"
#include "panel/ops/setup.hpp"
#include "panel/profile/profile.hpp"
#include "panel/render/profile_json.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>

namespace panel::cmd {
namespace {

struct ConfigOptions {
  std::string key, value, file;
  bool allow_mail_program = false;
};

// The option every command that can change mail.sendmail takes.
void add_allow_mail_program(CLI::App* sub, ConfigOptions& o)
{
  sub->add_flag("--allow-mail-program", o.allow_mail_program,
                "Allow a change of mail.sendmail, the program 'panel remind' runs (an absolute path that only root or "
                "you can change)");
}

int run_show(Context& ctx)
{
  if (!ctx.format.empty() && ctx.format != "yaml" && ctx.format != "json")
    throw usage_error(fmt::format("'config show' has no format '{}' (known: yaml, json)", ctx.format));
  auto db = ctx.open_db();
  const auto profile = ops::load_profile(db);
  ctx.out << (ctx.format == "json" ? render::profile_json(profile) : profile::to_yaml(profile));
  return 0;
}

int run_get(const ConfigOptions& o, Context& ctx)
{
  auto db = ctx.open_db();
  ctx.out << profile::get_value(ops::load_profile(db), o.key);
  return 0;
}

int run_set(const ConfigOptions& o, Context& ctx)
{
  auto db = ctx.open_db();
  const auto value = ops::config_set(db, o.key, o.value, ctx.actor(), o.allow_mail_program);
  ctx.note(value.empty() ? fmt::format("{} cleared", o.key) : fmt::format("{} = {}", o.key, value));
  return 0;
}

void describe(const ops::ImportResult& result, Context& ctx)
{
  if (!result.settings_changed && result.added.empty() && result.updated.empty() && result.removed.empty()) {
    ctx.note("no changes");
    return;
  }
  if (result.settings_changed)
    ctx.note("profile settings updated");
  for (const auto& [verb, codes] : {std::pair{"added", &result.added}, std::pair{"updated", &result.updated},
                                    std::pair{"removed", &result.removed}})
    for (const auto& code : *codes)
      ctx.note(fmt::format("{} agency '{}'", verb, code));
}

int run_import(const ConfigOptions& o, Context& ctx)
{
  const auto text = input::read_file(o.file, ctx.in);
  auto db = ctx.open_db();
  describe(ops::config_import(db, text, o.file == "-" ? "<stdin>" : o.file, ctx.actor(), o.allow_mail_program), ctx);
  // The file 'config edit' kept when the edit was refused has done its work: it goes, as the
  // minutes' does (trial F28). A file the user made, copied or moved is theirs to keep.
  delete_kept_edit(ctx, o.file, text, "config", "the file panel kept for this edit: it is imported",
                   "the file panel kept for this edit: delete it yourself");
  return 0;
}

int run_edit(const ConfigOptions& o, Context& ctx)
{
  auto db = ctx.open_db();
  std::vector<std::string> resume = {"config", "import", "{file}"};
  if (o.allow_mail_program)
    resume.push_back("--allow-mail-program");
  // Taken before the profile is read: a change after it refuses the save (see ops::check_unchanged).
  const auto since = store::audit_mark(db);
  const EditFlow flow{"config", profile::to_yaml(ops::load_profile(db)), "your edit is", "it", resume, since};
  if (!edit_and_apply(ctx, db, flow, [&](const std::string& text, const std::string& file) {
        describe(ops::config_import(db, text, file, ctx.actor(), o.allow_mail_program, &flow.since), ctx);
      }))
    ctx.note("no changes");
  return 0;
}

} // namespace

void register_config(CLI::App& app, Context& ctx)
{
  auto o = std::make_shared<ConfigOptions>();
  auto* config = app.add_subcommand("config", "Show and change the panel's profile");
  config->require_subcommand(1);
  config->footer(R"(Keys are dotted paths into the profile (see docs/profile.md); agencies are
changed with 'panel agency'.

Examples:
  panel config show --format json | jq .quorum
  panel config get coordinator.email
  panel config set quorum POL,CST,ASC
  panel config set agenda_lead_days 7
  panel config import our-panel.yaml
  EDITOR=nano panel config edit)");

  auto* show = config->add_subcommand("show", "Print the whole profile (formats: yaml, json)");
  show->footer("Examples:\n  panel config show > profile.yaml\n  panel config show --format json | jq .criteria");
  show->callback([&ctx] { ctx.select("config show", [&ctx] { return run_show(ctx); }); });

  auto* get = config->add_subcommand("get", "Print one setting");
  get->add_option("KEY", o->key, "Dotted key, e.g. repeat_window or coordinator.email")->required();
  get->footer("Example:\n  panel config get marking");
  get->callback([o, &ctx] { ctx.select("config get", [o, &ctx] { return run_get(*o, ctx); }); });

  auto* set = config->add_subcommand("set", "Change one setting");
  set->add_option("KEY", o->key, "Dotted key")->required();
  set->add_option("VALUE", o->value, "New value; lists as A,B,C or [A, B, C]")->required();
  add_allow_mail_program(set, *o);
  set->footer("An empty VALUE, ~ or null clears an optional setting (a required one is refused).\n"
              "mail.sendmail is the program 'panel remind' runs, often from cron: changing it needs\n"
              "--allow-mail-program, and it must be an absolute path that only root or you can change.\n\n"
              "Examples:\n  panel config set marking \"OFFICIAL-SENSITIVE [PERSONAL]\"\n"
              "  panel config set repeat_window \"12 months\"\n"
              "  panel config set population.adult_female ''\n"
              "  panel config set mail.sendmail \"[/usr/bin/msmtp, -t]\" --allow-mail-program");
  set->callback([o, &ctx] { ctx.select("config set", [o, &ctx] { return run_set(*o, ctx); }); });

  auto* import = config->add_subcommand("import", "Replace the profile with a YAML file");
  import->add_option("FILE", o->file, "Profile YAML file, or - for standard input")->required();
  add_allow_mail_program(import, *o);
  import->footer("If the file lists agencies, the panel's agencies are made to match it. A file that\n"
                 "changes mail.sendmail is refused without --allow-mail-program. A file kept by\n"
                 "'config edit' (first line '# panel: database PATH ID') is refused by another panel's database,\n"
                 "and deleted once it is imported.\n\n"
                 "Example:\n  panel config show > profile.yaml && nano profile.yaml && panel config import profile.yaml");
  import->callback([o, &ctx] { ctx.select("config import", [o, &ctx] { return run_import(*o, ctx); }); });

  auto* edit = config->add_subcommand("edit", "Edit the profile in $VISUAL or $EDITOR");
  edit->footer("If the edited text is not a valid profile, or the editor is stopped by a signal,\n"
               "nothing changes and the file with your text is kept: the command that imports it\n"
               "('panel --db /abs/panel.db config import PATH') is printed, and that import deletes\n"
               "the file once it succeeds (a copy you make is yours to delete). Its first line names the database, and importing it\n"
               "into another panel's database is refused. Ctrl-C in the editor goes to the editor.\n"
               "An edit that changes mail.sendmail is refused without --allow-mail-program.\n\n"
               "Example:\n  EDITOR=nano panel config edit");
  add_allow_mail_program(edit, *o);
  edit->callback([o, &ctx] { ctx.select("config edit", [o, &ctx] { return run_edit(*o, ctx); }); });
}

} // namespace panel::cmd
