#include "cmd/cli.hpp"

#include "panel/core/error.hpp"
#include "panel/core/text.hpp"
#include "panel/store/db.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <fmt/format.h>
#include <set>

namespace panel::cmd {
namespace {

// Help for a subcommand also points to the global options, which are defined on the top level.
class PanelFormatter : public CLI::Formatter {
public:
  std::string make_footer(const CLI::App* app) const override
  {
    std::string footer = CLI::Formatter::make_footer(app);
    if (app->get_parent())
      footer += "\nGlobal options (--db, --today, --as, --format, --templates, -q, --no-color, --marking) work\n"
                "with every command: see 'panel --help'.\n";
    return footer;
  }
};

std::string version_text()
{
  return fmt::format("panel {}\nSQLite {}\nschema {}", PANEL_VERSION, store::sqlite_version(),
                     store::current_schema_version());
}

void add_global_options(CLI::App& app, GlobalFlags& flags)
{
  // "--db ''" (an unset variable in a script) must not quietly fall back to PANEL_DB or ./panel.db.
  const CLI::Validator given(
      [](std::string& value) {
        return value.empty() ? std::string("is empty (leave the option out to use the default)") : std::string();
      },
      "", "given");
  auto option = [&](const char* name, std::string& value, const char* help, const char* type) {
    return app.add_option(name, value, help)->type_name(type)->group("Global options");
  };
  option("--db", flags.db, "Database file (env PANEL_DB; default ./panel.db)", "FILE")->check(given);
  option("--today", flags.today, "Pin today's date, YYYY-MM-DD (env PANEL_TODAY)", "DATE")->check(given);
  option("--as", flags.as, "Who is acting, for the audit log (env PANEL_USER; default your login)", "NAME")->check(given);
  option("--format", flags.format, "Output format: table, csv, json or md (where offered)", "FORMAT");
  option("--templates", flags.templates, "Folder of templates overriding the built-ins (env PANEL_TEMPLATES)", "DIR")
      ->check(given);
  app.add_flag("-q,--quiet", flags.quiet, "Print no messages, only data and errors")->group("Global options");
  app.add_flag("--no-color", flags.no_color, "No colour, even on a terminal (or set NO_COLOR)")->group("Global options");
  app.add_flag("--marking", flags.marking, "CSV output starts with a line '# <protective marking>'")->group("Global options");
}

std::vector<std::string> subcommand_names(CLI::App& app)
{
  std::vector<std::string> names;
  for (auto* sub : app.get_subcommands({}))
    names.push_back(sub->get_name());
  return names;
}

// Walks the words before parsing so that a mistyped command gets "did you mean" (CLI11 would
// only say that an argument was not expected).
void check_command_words(CLI::App& app, const std::vector<std::string>& args)
{
  CLI::App* current = &app;
  for (size_t i = 0; i < args.size(); ++i) {
    const auto& word = args[i];
    if (word == "--")
      return;
    if (word.size() > 1 && word[0] == '-') {
      // Skip the value of an option that takes one ("--db FILE"), looking up through parents.
      if (word.find('=') != std::string::npos || (word[1] != '-' && word.size() > 2))
        continue;
      if (const auto* option = find_option(current, word); option && takes_value(*option))
        ++i;
      continue;
    }
    const auto subs = subcommand_names(*current);
    if (subs.empty())
      return;
    CLI::App* next = nullptr;
    for (auto* sub : current->get_subcommands({}))
      if (sub->check_name(word))
        next = sub;
    if (next) {
      current = next;
      continue;
    }
    const std::string parent = current == &app ? "panel" : "panel " + current->get_name();
    const auto hint = core::close_matches(word, subs);
    throw usage_error(hint.empty()
                          ? fmt::format("'{}' is not a {} command (see '{} --help')", word, parent, parent)
                          : fmt::format("'{}' is not a {} command; did you mean '{}'?", word, parent,
                                        core::join(hint, "' or '")));
  }
}

std::string lower_first(std::string text)
{
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z' && !(text.size() > 1 && text[1] >= 'A' && text[1] <= 'Z'))
    text[0] = static_cast<char>(text[0] - 'A' + 'a');
  return text;
}

// "panel agency add": the command line's words that CLI11 matched so far.
std::string selected_command(CLI::App& app)
{
  std::string command = "panel";
  for (CLI::App* level = &app; !level->get_subcommands().empty();) {
    level = level->get_subcommands().front();
    command += " " + level->get_name();
  }
  return command;
}

// Every command, in the order --help lists them; a file registering two commands appears twice.
struct Command {
  const char* name;
  void (*add)(CLI::App&, Context&);
};
constexpr Command commands[] = {
    {"init", register_init},         {"config", register_config},     {"agency", register_agency},
    {"refer", register_refer},       {"triage", register_triage},     {"referral", register_referral},
    {"case", register_case},         {"meeting", register_meeting},   {"agenda", register_agenda},
    {"minute", register_minute},     {"action", register_action},     {"remind", register_remind},
    {"letter", register_letter},     {"trigger", register_trigger},   {"report", register_report},
    {"incidents", register_incidents}, {"template", register_template}, {"audit", register_audit},
    {"person", register_person},     {"purge", register_purge},       {"check", register_check},
    {"backup", register_backup},     {"restore", register_backup},    {"completion", register_completion},
};

// The first word that is not an option or an option's value: the command ("" when none).
std::string command_word(const std::vector<std::string>& args)
{
  static const std::set<std::string> with_value = {"--db", "--today", "--as", "--format", "--templates"};
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--")
      return i + 1 < args.size() ? args[i + 1] : "";
    if (args[i].size() > 1 && args[i][0] == '-') {
      if (with_value.count(args[i]))
        ++i;
      continue;
    }
    return args[i];
  }
  return "";
}

int report(Context& ctx, Exit code, const std::string& message)
{
  ctx.err << "panel: error: " << message << '\n';
  return static_cast<int>(code);
}

} // namespace

const CLI::Option* find_option(CLI::App* command, const std::string& word)
{
  for (CLI::App* level = command; level; level = level->get_parent())
    if (const auto* option = level->get_option_no_throw(word))
      return option;
  return nullptr;
}

bool takes_value(const CLI::Option& option)
{
  return option.get_type_size() != 0 && option.get_expected_min() > 0;
}

void add_all_commands(CLI::App& app, Context& ctx)
{
  for (auto c = std::begin(commands); c != std::end(commands); ++c)
    if (c == std::begin(commands) || c->add != (c - 1)->add)
      c->add(app, ctx);
}

int run(const std::vector<std::string>& args, Context& ctx)
{
  CLI::App app("panel: run a multi-agency risk panel (community MARAC, ASBRAC, domestic-abuse MARAC)\n"
               "from one SQLite file.",
               "panel");
  app.formatter(std::make_shared<PanelFormatter>());
  app.fallthrough();
  app.require_subcommand(1);
  app.set_version_flag("--version", version_text, "Print the panel, SQLite and schema versions");
  app.footer("Start with:\n  panel init --profile ccm        create ./panel.db for a community MARAC\n"
             "  panel agency list               see who sits on the panel\n"
             "Run 'panel COMMAND --help' for a command's options and examples.");
  add_global_options(app, ctx.flags);

  // Only the command being run is built: making all of them is most of panel's start-up time.
  // Help, completion, a mistyped command (for "did you mean") and no command at all get them all.
  const std::string word = command_word(args);
  const bool version_only = word.empty() && std::find(args.begin(), args.end(), "--version") != args.end() &&
                            std::find(args.begin(), args.end(), "--help") == args.end() &&
                            std::find(args.begin(), args.end(), "-h") == args.end();
  const auto one = std::find_if(std::begin(commands), std::end(commands),
                                [&](const Command& c) { return word == c.name; });
  if (one != std::end(commands)) {
    one->add(app, ctx);
  } else if (!version_only) {
    add_all_commands(app, ctx);
  }
  if (!args.empty() && args.front() == "__complete")
    return complete(app, ctx, std::vector<std::string>(args.begin() + 1, args.end()));

  try {
    try {
      if (args.empty()) {
        ctx.err << app.help();
        return static_cast<int>(Exit::usage);
      }
      check_command_words(app, args);
      std::vector<std::string> reversed(args.rbegin(), args.rend());
      app.parse(reversed);
    } catch (const CLI::CallForHelp&) {
      ctx.out << app.help();
      return 0;
    } catch (const CLI::CallForAllHelp&) {
      ctx.out << app.help("", CLI::AppFormatMode::All);
      return 0;
    } catch (const CLI::CallForVersion& e) {
      ctx.out << e.what() << '\n';
      return 0;
    } catch (const CLI::RequiredError& e) {
      // A command group without its subcommand ("panel agency"): show what it offers.
      CLI::App* level = &app;
      while (!level->get_subcommands().empty())
        level = level->get_subcommands().front();
      if (!level->get_subcommands({}).empty() && level->get_subcommands().empty()) {
        std::string parents;
        for (const CLI::App* up = level->get_parent(); up; up = up->get_parent())
          parents = parents.empty() ? up->get_name() : up->get_name() + " " + parents;
        ctx.err << level->help(parents);
        return static_cast<int>(Exit::usage);
      }
      return report(ctx, Exit::usage, fmt::format("{} (see '{} --help')", lower_first(e.what()), selected_command(app)));
    } catch (const CLI::ParseError& e) {
      return report(ctx, Exit::usage, fmt::format("{} (see '{} --help')", lower_first(e.what()), selected_command(app)));
    }
    ctx.resolve();
    if (!ctx.action)
      return report(ctx, Exit::usage, "no command given (see 'panel --help')");
    return ctx.action();
  } catch (const Error& e) {
    return report(ctx, e.code(), e.what());
  } catch (const std::exception& e) {
    if (const auto db_error = store::as_database_error(e, ctx.db_path))
      return report(ctx, db_error->code(), db_error->what());
    return report(ctx, Exit::refused, fmt::format("internal error: {}", e.what()));
  }
}

} // namespace panel::cmd
