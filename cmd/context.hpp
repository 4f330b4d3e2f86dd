#pragma once
#include "panel/core/actor.hpp"
#include "panel/core/date.hpp"
#include "panel/render/table.hpp"
#include "panel/core/profile.hpp"
#include "panel/store/db.hpp"

#include <functional>
#include <istream>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace CLI {
class App;
class Option;
} // namespace CLI

namespace panel::cmd {

// An input stream that is always empty: standard input for a Context given none.
std::istream& no_input();

// Global options as typed; resolved against the environment into Context after parsing.
struct GlobalFlags {
  std::string db, today, as, format, templates;
  bool quiet = false;
  bool no_color = false;
  bool marking = false;  // --marking: CSV output starts with the profile's protective marking
};

// Everything a command may touch from the outside world. Commands never use std::cout, getenv
// or the system clock directly, so whole commands run in-process in tests.
struct Context {
  // Without `in_stream`, standard input is empty (as with </dev/null): main gives std::cin.
  Context(std::ostream& out_stream, std::ostream& err_stream, std::istream& in_stream = no_input())
      : out(out_stream), err(err_stream), in(in_stream)
  {
  }

  std::ostream& out;  // data
  std::ostream& err;  // messages
  std::istream& in;   // standard input: what "--file -" reads
  std::map<std::string, std::string> env;
  bool out_is_tty = false;
  bool err_is_tty = false;  // messages go to a terminal (progress lines)
  std::function<std::string()> clock = core::system_timestamp;  // UTC timestamp for audit rows
  std::function<core::Date()> calendar = core::system_today;     // today, unless pinned

  GlobalFlags flags;
  // Resolved by resolve(): flags first, then PANEL_* variables, then defaults.
  std::string db_path;
  core::Date today;
  std::string user;
  std::string format;  // "" when not given: each command has its default
  std::string templates;
  bool quiet = false;
  bool color = false;
  mutable std::string csv_marking;  // the profile's marking, read by open_db() when --marking is given

  std::string command;          // "agency add", for messages and the audit log
  std::function<int()> action;  // the chosen command, set while parsing

  // Called by a subcommand's parse callback: names the command and what running it does.
  void select(std::string name, std::function<int()> run)
  {
    command = std::move(name);
    action = std::move(run);
  }
  // Applies flags, environment and defaults; Error(usage) for a bad --today.
  void resolve();
  std::string getenv(const std::string& name) const;
  core::Actor actor() const;
  // Colour, and for --marking the profile's protective marking: read when the database was
  // opened, or here if the command has not opened it (and there is one to read), so that the
  // marking does not depend on which the command does first.
  render::Style style() const;
  // The --format value checked against what the command offers, or its default.
  render::Format format_or(render::Format fallback, const std::vector<render::Format>& allowed) const;
  // Opens the database named by --db / PANEL_DB.
  store::Db open_db() const;
  // A message for people on stderr ("panel: ..."), unless --quiet.
  void note(const std::string& message) const;
  // A warning on stderr, even with --quiet.
  void warn(const std::string& message) const;
  // How the register's profile says people write dates (input.date_order); iso when there is
  // no register yet. Read once, when a typed date first needs it.
  core::DateOrder date_order() const;

private:
  mutable std::optional<core::DateOrder> m_date_order;
};

// A date typed on the command line (an option or argument named `what`), read as every date a
// user types is (input::read_date): yyyy-mm-dd, and dd/mm/yyyy when the profile's
// input.date_order is dmy. Error(usage) "<what>: '<text>': <why, and what to do>".
core::Date date_argument(const Context& ctx, const std::string& text, const std::string& what);
// The same for an optional one: nothing when `text` is empty.
std::optional<core::Date> optional_date_argument(const Context& ctx, const std::string& text, const std::string& what);
// The same as yyyy-mm-dd text, for a library call that takes the date as text ("" stays "").
std::string iso_date_argument(const Context& ctx, const std::string& text, const std::string& what);
// Adds an option (or, for a name without dashes, an argument) that takes a date, typed DATE, so
// that every date option can be found by walking the command tree.
CLI::Option* add_date_option(CLI::App& app, const std::string& name, std::string& into, const std::string& help);

} // namespace panel::cmd
