#include "cmd/cli.hpp"

#include <csignal>
#include <iostream>
#include <unistd.h>

extern char** environ;

namespace {

// SQLite maps its -shm file into memory; it extends the file sparsely, so on a full disk with
// blocks smaller than a memory page (ext4 with 1 KiB blocks) touching the mapping raises SIGBUS
// (issue #18, item 10). Committed data is safe in the WAL; say so and exit 3 instead of dying
// with no message. Only async-signal-safe calls here.
void on_sigbus(int)
{
  static const char message[] =
      "panel: error: SQLite could not use its shared-memory (-shm) file beside the register (SIGBUS), "
      "most likely because the disk is full; free some space, then run 'panel check' (what this command "
      "had not committed is not in the register)\n";
  [[maybe_unused]] const auto written = ::write(STDERR_FILENO, message, sizeof message - 1);
  ::_exit(3);
}

} // namespace

int main(int argc, char** argv)
{
  struct sigaction bus {};
  bus.sa_handler = on_sigbus;
  ::sigaction(SIGBUS, &bus, nullptr);
  panel::cmd::Context ctx(std::cout, std::cerr, std::cin);
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
