#pragma once
#include "cmd/context.hpp"

#include <string>
#include <vector>

namespace CLI {
class App;
class Option;
}

namespace panel::cmd {

// Runs one panel command line (args without the program name) and returns the exit code. Every
// error ends here as "panel: error: ..." on ctx.err and an exit code from DESIGN §4.
int run(const std::vector<std::string>& args, Context& ctx);
// Adds every command to `app`, in the order --help shows them (tests walk the tree).
void add_all_commands(CLI::App& app, Context& ctx);

// Each subcommand registers itself; the order here is the order --help shows.
void register_init(CLI::App& app, Context& ctx);
void register_config(CLI::App& app, Context& ctx);
void register_agency(CLI::App& app, Context& ctx);
void register_refer(CLI::App& app, Context& ctx);
void register_triage(CLI::App& app, Context& ctx);
void register_referral(CLI::App& app, Context& ctx);
// `referral show`, shared with `triage show`; `referral update` in its own file.
int run_referral_show(const std::string& reference, bool all, Context& ctx);
void register_referral_update(CLI::App& referral, Context& ctx);
void register_case(CLI::App& app, Context& ctx);
void register_meeting(CLI::App& app, Context& ctx);
void register_agenda(CLI::App& app, Context& ctx);
void register_minute(CLI::App& app, Context& ctx);
void register_action(CLI::App& app, Context& ctx);
void register_remind(CLI::App& app, Context& ctx);
void register_letter(CLI::App& app, Context& ctx);
void register_trigger(CLI::App& app, Context& ctx);
// `trigger` check, list and show, in their own file.
void register_trigger_views(CLI::App& trigger, Context& ctx);
void register_report(CLI::App& app, Context& ctx);
void register_incidents(CLI::App& app, Context& ctx);
// `report` subcommands, each in its own file.
void register_report_incidents(CLI::App& report, Context& ctx);
void register_report_trends(CLI::App& report, Context& ctx);
void register_template(CLI::App& app, Context& ctx);
void register_audit(CLI::App& app, Context& ctx);
void register_person(CLI::App& app, Context& ctx);
void register_purge(CLI::App& app, Context& ctx);
void register_check(CLI::App& app, Context& ctx);
// `backup` and `restore`, in one file.
void register_backup(CLI::App& app, Context& ctx);
// The option `word` names on `command` or a level above it (global options live on the top),
// or null; and whether it takes a value ("--db FILE"). Shared by parsing and completion.
const CLI::Option* find_option(CLI::App* command, const std::string& word);
bool takes_value(const CLI::Option& option);

// `completion bash`, and the hidden `__complete WORD...` that the script calls.
void register_completion(CLI::App& app, Context& ctx);
int complete(CLI::App& app, Context& ctx, const std::vector<std::string>& words);

} // namespace panel::cmd
