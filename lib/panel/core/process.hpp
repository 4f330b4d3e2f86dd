#pragma once
#include <string>
#include <vector>

namespace panel::core {

// What a program printed and how it ended.
struct ProcessResult {
  int status = 0;  // exit code; 127 when the program could not be started; 128+N for signal N
  std::string out, err;
};

// Runs a program (looked up on PATH) with posix_spawnp, never through a shell: `input` is written
// to its standard input, and what it prints is collected. A program that cannot be found or
// executed gives status 127 (and says why in `err`); when the system cannot start a process, or
// cannot tell how it ended, this throws Error(refused) rather than inventing a status. Every
// descriptor is closed, SIGPIPE's disposition restored and the child reaped on every path.
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input);

// How a program run on the terminal ended: its exit code, or the signal that killed it.
struct Ended {
  int code = 0;    // 127 when it could not be started
  int signal = 0;  // 0 when it exited
  std::string not_started;  // why it could not be started ("No such file or directory"), else ""
  bool ok() const { return code == 0 && signal == 0; }
};

// Runs a program on the user's terminal (an editor) with posix_spawnp and waits for it; when it
// cannot be started, says why in Ended::not_started (the library prints nothing). While it runs, this process ignores SIGINT
// and SIGQUIT, as git does, so that Ctrl-C in the editor (sent to the whole process group)
// reaches the editor only; the program itself starts with the dispositions this process had,
// and they are restored when it ends.
Ended run_attached(const std::vector<std::string>& argv);

namespace testing {

// One system call made to fail, for fault-injection tests: after `after` calls succeed, the next
// `times` calls fail with `error` (without being made).
struct Fault {
  int error = 0;
  int after = 0;
  int times = 0;
};

// The calls run_process and run_attached can be made to fail. All zero (no faults) unless a
// test sets them; tests reset them with `process_faults() = {}`.
struct ProcessFaults {
  Fault pipe, spawn, wait, poll, read, sigaction;
};
ProcessFaults& process_faults();

} // namespace testing

} // namespace panel::core
