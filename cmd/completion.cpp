#include "cmd/cli.hpp"

#include "panel/core/vocabulary.hpp"
#include "panel/documents/documents.hpp"
#include "panel/input/templates.hpp"
#include "panel/ops/setup.hpp"
#include "panel/profile/profile.hpp"
#include "panel/store/completion.hpp"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <set>

namespace panel::cmd {
namespace {

// What the words typed so far say: the command reached, the option waiting for its value, how
// many positional arguments the command has, and the global options that change where the
// database and templates are.
struct Line {
  CLI::App* command = nullptr;
  const CLI::Option* pending = nullptr;
  size_t positionals = 0;
  std::string db, templates;
};

void note_global(Line& line, const CLI::Option& option, const std::string& value)
{
  if (option.check_lname("db"))
    line.db = value;
  else if (option.check_lname("templates"))
    line.templates = value;
}

Line read_line(CLI::App& app, const std::vector<std::string>& typed)
{
  Line line;
  line.command = &app;
  bool options_end = false;
  for (const auto& word : typed) {
    if (line.pending) {
      // Bash splits "--db=x" into "--db", "=", "x".
      if (word == "=")
        continue;
      note_global(line, *line.pending, word);
      line.pending = nullptr;
      continue;
    }
    if (!options_end && word == "--") {
      options_end = true;
      continue;
    }
    if (!options_end && word.size() > 1 && word[0] == '-') {
      const auto eq = word.find('=');
      const auto* option = find_option(line.command, word.substr(0, eq));
      if (option && eq != std::string::npos)
        note_global(line, *option, word.substr(eq + 1));
      else if (option && takes_value(*option) && !(word[1] != '-' && word.size() > 2))
        line.pending = option;
      continue;
    }
    CLI::App* next = nullptr;
    if (line.positionals == 0)
      for (auto* sub : line.command->get_subcommands({}))
        if (sub->check_name(word))
          next = sub;
    if (next) {
      line.command = next;
      line.positionals = 0;
    } else {
      ++line.positionals;
    }
  }
  return line;
}

// "panel report incidents" -> "report": the top-level command the line is in.
std::string top_command(const CLI::App* command)
{
  std::string name;
  for (; command && command->get_parent(); command = command->get_parent())
    name = command->get_name();
  return name;
}

// The database, if the line or the environment names one that exists: opened read-only, never
// created or migrated.
std::optional<store::Db> database(const Line& line, const Context& ctx)
{
  std::string path = line.db.empty() ? ctx.getenv("PANEL_DB") : line.db;
  if (path.empty())
    path = "panel.db";
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    return std::nullopt;
  try {
    return store::Db::inspect(path);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::vector<std::string> from_database(const Line& line, const Context& ctx, store::Identifier kind,
                                       const std::string& prefix)
{
  try {
    if (auto db = database(line, ctx))
      return store::identifiers(*db, kind, prefix);
  } catch (const std::exception&) {
    // A database of another schema, or locked: complete nothing rather than print an error.
  }
  return {};
}

std::vector<std::string> template_names(const Line& line, const Context& ctx)
{
  std::vector<std::string> names;
  try {
    const std::string flag = line.templates.empty() ? ctx.getenv("PANEL_TEMPLATES") : line.templates;
    auto db = database(line, ctx);
    std::vector<std::string> problems;
    const auto profile = db ? std::optional(ops::load_profile(*db)) : std::nullopt;
    for (const auto& t : input::load_templates(documents::templates_folder(flag, profile ? &*profile : nullptr), problems))
      names.push_back(t.name);
  } catch (const std::exception&) {
  }
  return names;
}

std::vector<std::string> formats(const std::string& top)
{
  if (top == "letter" || top == "agenda" || top == "minute")
    return top == "letter" ? std::vector<std::string>{"md", "txt", "html", "docx", "pdf"}
                           : std::vector<std::string>{"table", "csv", "json", "md", "txt", "html", "docx", "pdf"};
  if (top == "report")
    return {"table", "csv", "json", "md", "html"};
  return {"table", "csv", "json", "md"};
}

// The values an option or positional argument can take, by what it is called ("REF") or, for an
// option, the name of its value ("--agency CODE"). "@files" and "@dirs" ask the shell for paths.
std::vector<std::string> values(const CLI::Option& option, const Line& line, const Context& ctx,
                                const std::string& prefix)
{
  const bool positional = option.get_lnames().empty() && option.get_snames().empty();
  const std::string what = positional ? option.get_name() : option.get_type_name();
  const std::string top = top_command(line.command);
  const std::string here = line.command->get_name();
  if (option.check_lname("format"))
    return formats(top);
  if (what == "REF")
    return from_database(line, ctx, store::Identifier::referral_or_case, prefix);
  if (what == "APP")
    return from_database(line, ctx, store::Identifier::case_review, prefix);
  if (what == "ID" && top == "action")
    return from_database(line, ctx, store::Identifier::action, prefix);
  if (what == "CODE" || what == "AGENCY" || option.check_lname("agency") || option.check_lname("owner") ||
      option.check_lname("research"))
    return from_database(line, ctx, store::Identifier::agency, prefix);
  if (what == "DATE" && positional && (here == "cancel" || here == "update" || here == "delete" || here == "minute" || here == "agenda"))
    return from_database(line, ctx, store::Identifier::meeting, prefix);
  if (what == "TEMPLATE" || (what == "NAME" && top == "template"))
    return template_names(line, ctx);
  if (what == "SHELL")
    return {"bash"};
  if (what == "DECISION")
    return core::known_values<core::TriageDecision>();
  if (what == "NAME|FILE") {
    auto names = profile::builtin_names();
    names.push_back("@files");
    return names;
  }
  if (what == "FILE" || what == "PATH")
    return {"@files"};
  if (what == "DIR")
    return {"@dirs"};
  return {};
}

std::vector<std::string> option_names(CLI::App* command)
{
  std::vector<std::string> names;
  for (CLI::App* level = command; level; level = level->get_parent())
    for (const auto* option : level->get_options()) {
      for (const auto& name : option->get_lnames())
        names.push_back("--" + name);
      for (const auto& name : option->get_snames())
        names.push_back("-" + name);
    }
  return names;
}

const CLI::Option* positional_at(CLI::App* command, size_t index)
{
  const CLI::Option* last = nullptr;
  for (const auto* option : command->get_options()) {
    if (!option->get_lnames().empty() || !option->get_snames().empty() || option->get_name().empty())
      continue;
    if (index == 0)
      return option;
    last = option;
    --index;
  }
  // A positional that takes many values ("incidents import FILE...") goes on taking them.
  return last && last->get_expected_max() > 1 ? last : nullptr;
}

// Sourced by bash. The words typed so far go to the hidden `panel __complete`, which answers
// one candidate a line; "@files" and "@dirs" hand over to the shell's own path completion.
constexpr const char* bash_script = R"(# bash completion for panel: commands, options, agency codes, template names, and
# references, action ids and meeting dates read from the database named by --db or PANEL_DB.
_panel()
{
    local cur=${COMP_WORDS[COMP_CWORD]} word
    local IFS=$'\n'
    local -a found
    found=($(command "${COMP_WORDS[0]}" __complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
    COMPREPLY=()
    for word in "${found[@]}"; do
        case $word in
            @files) compopt -o filenames 2>/dev/null; COMPREPLY+=($(compgen -f -- "$cur")) ;;
            @dirs) compopt -o filenames 2>/dev/null; COMPREPLY+=($(compgen -d -- "$cur")) ;;
            *) COMPREPLY+=("$word") ;;
        esac
    done
}
complete -F _panel panel
)";

} // namespace

void register_completion(CLI::App& app, Context& ctx)
{
  auto* sub = app.add_subcommand("completion", "Print the shell script for tab completion (bash)");
  auto shell = std::make_shared<std::string>();
  sub->add_option("SHELL", *shell, "The shell: bash")->required()->check(CLI::IsMember({"bash"}));
  sub->footer(R"(The Debian package installs the script for you. Without it, add to ~/.bashrc:
  source <(panel completion bash)

Completion offers commands, options, agency codes, template names, and the references, action
ids and meeting dates in the database named by --db or PANEL_DB (read-only; nothing is written,
not even an audit row, and no names are ever offered).)");
  // The callback owns the option's string: CLI11 writes into it while parsing, after this returns.
  sub->callback([&ctx, shell] {
    ctx.select("completion", [&ctx] {
      ctx.out << bash_script;
      return 0;
    });
  });
}

int complete(CLI::App& app, Context& ctx, const std::vector<std::string>& words)
{
  const std::vector<std::string> typed(words.begin(), words.empty() ? words.end() : words.end() - 1);
  const std::string prefix = words.empty() ? "" : words.back();
  const Line line = read_line(app, typed);

  std::vector<std::string> candidates;
  if (line.pending) {
    candidates = values(*line.pending, line, ctx, prefix);
  } else if (!prefix.empty() && prefix[0] == '-') {
    candidates = option_names(line.command);
  } else {
    if (line.positionals == 0)
      for (auto* sub : line.command->get_subcommands({}))
        if (!sub->get_group().empty())
          candidates.push_back(sub->get_name());
    if (const auto* option = positional_at(line.command, line.positionals))
      for (auto& value : values(*option, line, ctx, prefix))
        candidates.push_back(std::move(value));
  }
  std::set<std::string> seen;
  for (const auto& candidate : candidates)
    if (!candidate.empty() && (candidate[0] == '@' || candidate.rfind(prefix, 0) == 0) && seen.insert(candidate).second)
      ctx.out << candidate << '\n';
  return 0;
}

} // namespace panel::cmd
