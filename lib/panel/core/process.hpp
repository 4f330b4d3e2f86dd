#pragma once
#include <string>
#include <vector>

namespace panel::core {

// What a program printed and how it ended.
struct ProcessResult {
  int status = 0;  // exit code; 127 when the program could not be started; 128+N for signal N
  std::string out, err;
};

// Runs a program (looked up on PATH) with fork/execvp, never through a shell: `input` is written
// to its standard input, and what it prints is collected.
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input);

// Runs a program on the user's terminal (an editor) with fork/execvp and waits for it; returns
// its exit code, 127 when it could not be started (after saying why on stderr).
int run_attached(const std::vector<std::string>& argv);

} // namespace panel::core
