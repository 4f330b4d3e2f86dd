#include "cmd/cli.hpp"

#include "panel/ops/setup.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>

namespace panel::cmd {
namespace {

struct InitOptions {
  std::string profile = "ccm";
  bool allow_mail_program = false;
};

int run_init(const InitOptions& options, Context& ctx)
{
  const auto result = ops::init(ctx.db_path, options.profile, ctx.actor(), options.allow_mail_program);
  ctx.note(fmt::format("created '{}' for {} ({}, {} agencies)", result.path, result.profile_name,
                       result.source, result.agencies));
  ctx.note("next: check 'panel agency list' and 'panel config show', then record referrals");
  return 0;
}

} // namespace

void register_init(CLI::App& app, Context& ctx)
{
  auto options = std::make_shared<InitOptions>();
  auto* sub = app.add_subcommand("init", "Create a new panel database from a profile");
  sub->add_option("--profile", options->profile,
                  "Built-in profile (ccm, marac, asbrac) or a profile YAML file (default ccm)")
      ->type_name("NAME|FILE");
  sub->add_flag("--allow-mail-program", options->allow_mail_program,
                "Allow a profile whose mail.sendmail (the program 'panel remind' runs) is not the default");
  sub->footer(R"(The database is created with mode 0600 (only you can read it); an existing file is
never overwritten. A profile file naming a mail.sendmail other than the default
[/usr/sbin/sendmail, -t, -i] is refused without --allow-mail-program.

Examples:
  panel init                                  community MARAC (CCM) profile, ./panel.db
  panel --db marac.db init --profile marac    domestic-abuse MARAC on the SafeLives model
  panel init --profile ./our-panel.yaml       your own profile (see docs/profile.md))");
  sub->callback([options, &ctx] {
    ctx.select("init", [options, &ctx] { return run_init(*options, ctx); });
  });
}

} // namespace panel::cmd
