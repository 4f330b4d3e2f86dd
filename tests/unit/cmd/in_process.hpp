#pragma once
// Whole command lines run in-process, as the golden tests run the binary: a pinned date and clock,
// a fixed user, the database in a temporary folder, and standard input from a string.
#include "cmd/cli.hpp"
#include "tests/unit/support.hpp"

#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace panel::test {

struct Outcome {
  int code = -1;
  std::string out, err;
};

class InProcess {
public:
  // `extra_env` adds to or replaces the pinned environment; `input` is the command's standard input.
  Outcome run_with(const std::vector<std::string>& args, const std::map<std::string, std::string>& extra_env,
                   const std::string& input)
  {
    std::ostringstream out, err;
    std::istringstream in(input);
    cmd::Context ctx(out, err, in);
    ctx.env = {{"PANEL_TODAY", "2017-09-04"}, {"PANEL_NOW", "2017-09-04T10:15:00Z"},
               {"PANEL_USER", "tester"}, {"PANEL_DB", db}, {"USER", "login"}};
    for (const auto& [name, value] : extra_env)
      ctx.env[name] = value;
    // A clock that must not be consulted while PANEL_TODAY pins the date.
    ctx.calendar = [] { return *core::Date::parse("1999-01-01"); };
    Outcome outcome;
    outcome.code = cmd::run(args, ctx);
    outcome.out = out.str();
    outcome.err = err.str();
    return outcome;
  }

  TempDir dir;
  std::string db = dir.file("panel.db");
};

} // namespace panel::test
