#include "cmd/context.hpp"

#include "panel/core/error.hpp"
#include "panel/core/text.hpp"
#include "panel/input/dates.hpp"
#include "panel/ops/setup.hpp"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fmt/format.h>
#include <pwd.h>
#include <sstream>
#include <unistd.h>

namespace panel::cmd {

std::istream& no_input()
{
  // Nothing is ever written to it, so every Context may share it.
  static std::istringstream empty;
  return empty;
}

std::string Context::getenv(const std::string& name) const
{
  const auto it = env.find(name);
  return it == env.end() ? "" : it->second;
}

void Context::resolve()
{
  auto pick = [&](const std::string& flag, const char* variable, const std::string& fallback) {
    if (!flag.empty())
      return flag;
    const auto value = getenv(variable);
    return value.empty() ? fallback : value;
  };
  db_path = pick(flags.db, "PANEL_DB", "panel.db");
  const std::string pinned = pick(flags.today, "PANEL_TODAY", "");
  if (pinned.empty()) {
    today = calendar();
  } else {
    const auto date = core::Date::parse(pinned);
    if (!date)
      throw usage_error(fmt::format("{}: '{}' is not a date (use YYYY-MM-DD)",
                                    flags.today.empty() ? "PANEL_TODAY" : "--today", pinned));
    // A pinned day drives every time limit and goes into the audit log: year 1 or 9999 is a typo.
    if (date->year() < 1970 || date->year() > 2199)
      throw usage_error(fmt::format("{}: '{}' is not a plausible date for today (years 1970 to 2199)",
                                    flags.today.empty() ? "PANEL_TODAY" : "--today", pinned));
    today = *date;
  }
  std::string login = getenv("USER");
  if (login.empty())
    if (const passwd* pw = ::getpwuid(::getuid()))
      login = pw->pw_name;
  user = pick(flags.as, "PANEL_USER", login.empty() ? "unknown" : login);
  // The name goes into the append-only audit log and onto minutes: one plain line, or nothing.
  if (!core::plain_line(user) || user.size() > 200 || core::trim(user).empty())
    throw usage_error(fmt::format("{}: the name must be one line of at most 200 characters, not blank, with no control characters",
                                  flags.as.empty() ? "PANEL_USER" : "--as"));
  format = flags.format;
  templates = pick(flags.templates, "PANEL_TEMPLATES", "");
  quiet = flags.quiet;
  // PANEL_NOW pins the audit clock, as GIT_COMMITTER_DATE does, for reproducible tests.
  if (const auto now = getenv("PANEL_NOW"); !now.empty()) {
    // It goes into the append-only audit log, so it must be a real timestamp.
    auto two = [&](size_t at, int max) {
      return now[at] >= '0' && now[at] <= '9' && now[at + 1] >= '0' && now[at + 1] <= '9' &&
             (now[at] - '0') * 10 + (now[at + 1] - '0') <= max;
    };
    if (now.size() != 20 || !core::Date::parse(now.substr(0, 10)) || now[10] != 'T' || now[13] != ':' ||
        now[16] != ':' || now[19] != 'Z' || !two(11, 23) || !two(14, 59) || !two(17, 59))
      throw usage_error(fmt::format("PANEL_NOW: '{}' is not a UTC timestamp (use YYYY-MM-DDTHH:MM:SSZ)", now));
    clock = [now] { return now; };
  }
  color = out_is_tty && !flags.no_color && getenv("NO_COLOR").empty() && getenv("TERM") != "dumb";
}

core::Actor Context::actor() const { return {user, command, clock(), today}; }

render::Format Context::format_or(render::Format fallback, const std::vector<render::Format>& allowed) const
{
  return format.empty() ? fallback : render::parse_format(format, allowed, command);
}

store::Db Context::open_db() const
{
  auto db = store::Db::open(db_path);
  if (flags.marking) {
    csv_marking = ops::load_profile(db).marking;
    if (csv_marking.empty())
      csv_marking = "no protective marking is set: panel config set marking OFFICIAL-SENSITIVE";
  }
  return db;
}

render::Style Context::style() const
{
  if (flags.marking && csv_marking.empty() && std::filesystem::exists(db_path))
    (void)open_db();
  return {color, flags.marking ? csv_marking : ""};
}

void Context::note(const std::string& message) const
{
  if (!quiet)
    err << message << '\n';
}

void Context::warn(const std::string& message) const { err << "panel: warning: " << message << '\n'; }

core::DateOrder Context::date_order() const
{
  if (!m_date_order) {
    m_date_order = core::DateOrder::iso;
    if (std::filesystem::exists(db_path)) {
      auto db = open_db();
      m_date_order = ops::load_profile(db).input.date_order;
    }
  }
  return *m_date_order;
}

core::Date date_argument(const Context& ctx, const std::string& text, const std::string& what)
{
  // An ISO date needs no profile: the register is opened only for a date written another way
  // (and for a mistake, whose advice depends on how the register reads dates).
  auto reading = input::read_date(text, core::DateOrder::iso);
  if (!reading.date)
    reading = input::read_date(text, ctx.date_order());
  if (!reading.date)
    throw usage_error(fmt::format("{}: {}", what,
                                  input::date_problem(text, reading.problem.empty() ? "is not a date" : reading.problem)));
  if (const auto problem = core::year_range_problem(*reading.date); !problem.empty())
    throw usage_error(fmt::format("{}: {}", what, problem));
  return *reading.date;
}

std::optional<core::Date> optional_date_argument(const Context& ctx, const std::string& text, const std::string& what)
{
  if (text.empty())
    return std::nullopt;
  return date_argument(ctx, text, what);
}

std::string iso_date_argument(const Context& ctx, const std::string& text, const std::string& what)
{
  return text.empty() ? "" : date_argument(ctx, text, what).iso();
}

CLI::Option* add_date_option(CLI::App& app, const std::string& name, std::string& into, const std::string& help)
{
  return app.add_option(name, into, help)->type_name("DATE");
}

} // namespace panel::cmd
