#include "panel/core/process.hpp"

#include <csignal>
#include <doctest/doctest.h>
#include <string>

using panel::core::run_process;

TEST_CASE("process: the exit code of the program is the status")
{
  CHECK(run_process({"true"}, "").status == 0);
  CHECK(run_process({"false"}, "").status == 1);
  CHECK(run_process({"sh", "-c", "exit 42"}, "").status == 42);
}

TEST_CASE("process: a program killed by a signal gives 128 plus the signal")
{
  CHECK(run_process({"sh", "-c", "kill -TERM $$"}, "").status == 128 + SIGTERM);
}

TEST_CASE("process: input is passed to the program's standard input")
{
  const auto result = run_process({"cat"}, "line one\nline two\n");
  CHECK(result.status == 0);
  CHECK(result.out == "line one\nline two\n");
  CHECK(result.err.empty());
}

TEST_CASE("process: empty input gives the program an empty standard input")
{
  const auto result = run_process({"cat"}, "");
  CHECK(result.status == 0);
  CHECK(result.out.empty());
}

TEST_CASE("process: standard output and standard error are collected separately")
{
  const auto result = run_process({"sh", "-c", "echo to-out; echo to-err >&2; echo more-out; exit 3"}, "");
  CHECK(result.status == 3);
  CHECK(result.out == "to-out\nmore-out\n");
  CHECK(result.err == "to-err\n");
}

TEST_CASE("process: arguments are passed as they are, never through a shell")
{
  const auto result = run_process({"printf", "%s", "a b; echo $HOME `id` | cat > x"}, "");
  CHECK(result.status == 0);
  CHECK(result.out == "a b; echo $HOME `id` | cat > x");
}

TEST_CASE("process: a program that does not exist gives 127")
{
  const auto result = run_process({"panel-no-such-program-xyz"}, "some input");
  CHECK(result.status == 127);
  CHECK(result.out.empty());
  CHECK(run_process({"/nonexistent/folder/program"}, "").status == 127);
}

TEST_CASE("process: input and output that fit the pipe buffers come back whole")
{
  const std::string input(32 * 1024, 'y');
  const auto result = run_process({"cat"}, input);
  CHECK(result.status == 0);
  CHECK(result.out == input);
}
// the remaining input is taken, while cat blocks on its full standard output: both wait forever.
// Skipped because it hangs the test run until run_process makes its input pipe non-blocking.
TEST_CASE("process: a megabyte through cat comes back whole without a deadlock")
{
  // Larger than any pipe buffer, so writing all input before reading any output would hang.
  std::string input;
  for (int i = 0; input.size() < 1024 * 1024; ++i)
    input += std::to_string(i) + " the quick brown fox\n";
  const auto result = run_process({"cat"}, input);
  CHECK(result.status == 0);
  CHECK(result.out.size() == input.size());
  CHECK(result.out == input);
}

TEST_CASE("process: a megabyte on each of standard output and standard error does not deadlock")
{
  const auto result =
      run_process({"sh", "-c", "head -c 1048576 /dev/zero; head -c 1048576 /dev/zero >&2; cat"}, "end\n");
  CHECK(result.status == 0);
  CHECK(result.out.size() == 1048576 + 4);
  CHECK(result.err.size() == 1048576);
}

TEST_CASE("process: a program that exits without reading its input does not kill the caller")
{
  // Writing to a pipe nobody reads raises SIGPIPE, whose default action would end the test run.
  const std::string input(1024 * 1024, 'x');
  const auto result = run_process({"true"}, input);
  CHECK(result.status == 0);
  const auto failed = run_process({"sh", "-c", "echo gone >&2; exit 5"}, input);
  CHECK(failed.status == 5);
  CHECK(failed.err == "gone\n");
}

TEST_CASE("process: the caller's SIGPIPE handling is restored afterwards")
{
  const auto before = std::signal(SIGPIPE, SIG_DFL);
  run_process({"true"}, std::string(256 * 1024, 'x'));
  const auto after = std::signal(SIGPIPE, before);
  const bool restored = after == SIG_DFL;
  CHECK(restored);
}

TEST_CASE("process: run_attached tells an exit code from a signal")
{
  using panel::core::run_attached;
  CHECK(run_attached({"true"}).ok());
  CHECK(run_attached({"sh", "-c", "exit 3"}).code == 3);
  const auto killed = run_attached({"sh", "-c", "kill -TERM $$"});
  CHECK(killed.signal == SIGTERM);
  CHECK_FALSE(killed.ok());
  const auto missing = run_attached({"no-such-editor-anywhere"});
  CHECK(missing.code == 127);
  // The reason is returned, not printed: the library writes to no stream (issue #19).
  CHECK(missing.not_started == "No such file or directory");
  CHECK(run_attached({"true"}).not_started.empty());
}

TEST_CASE("process: run_attached ignores SIGINT and SIGQUIT while the program runs, then restores them")
{
  using panel::core::run_attached;
  struct sigaction before_int {}, before_quit {}, after_int {}, after_quit {};
  ::sigaction(SIGINT, nullptr, &before_int);
  ::sigaction(SIGQUIT, nullptr, &before_quit);
  // The program signals this process (as Ctrl-C signals the whole process group): we live on.
  CHECK(run_attached({"sh", "-c", "kill -INT $PPID; kill -QUIT $PPID; exit 0"}).ok());
  // The program itself starts with the dispositions we had, so Ctrl-C still stops it (unless
  // these tests were started with SIGINT ignored, as a shell does for a background job).
  if (before_int.sa_handler != SIG_IGN)
    CHECK(run_attached({"sh", "-c", "kill -INT $$; sleep 5"}).signal == SIGINT);
  ::sigaction(SIGINT, nullptr, &after_int);
  ::sigaction(SIGQUIT, nullptr, &after_quit);
  CHECK((after_int.sa_handler == before_int.sa_handler));
  CHECK((after_quit.sa_handler == before_quit.sa_handler));
}
