#include "cmd/cli.hpp"

#include <iostream>
#include <unistd.h>

extern char** environ;

int main(int argc, char** argv)
{
  panel::cmd::Context ctx(std::cout, std::cerr);
  for (char** entry = environ; *entry; ++entry) {
    const std::string text(*entry);
    const auto eq = text.find('=');
    if (eq != std::string::npos)
      ctx.env.emplace(text.substr(0, eq), text.substr(eq + 1));
  }
  ctx.out_is_tty = ::isatty(STDOUT_FILENO) != 0;
  ctx.err_is_tty = ::isatty(STDERR_FILENO) != 0;
  return panel::cmd::run(std::vector<std::string>(argv + 1, argv + argc), ctx);
}
