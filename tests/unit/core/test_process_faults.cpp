#include "panel/core/error.hpp"
#include "panel/core/process.hpp"

#include <chrono>
#include <csignal>
#include <doctest/doctest.h>
#include <filesystem>
#include <string>
#include <sys/wait.h>

// Fault injection for core::run_process and run_attached (issue #18, item 13): each system call
// the process code makes can be made to fail, and every failure must be an error (never a
// made-up status), leave no descriptor open, restore SIGPIPE and leave no child unreaped.

using panel::core::run_attached;
using panel::core::run_process;
namespace testing = panel::core::testing;

namespace {

int open_descriptors()
{
  int n = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/fd"))
    ++n;
  return n;
}

// No child of this process is left, running or unreaped.
bool no_children()
{
  int status = 0;
  return ::waitpid(-1, &status, WNOHANG) < 0 && errno == ECHILD;
}

// Resets the faults however the test ends.
struct Faults {
  Faults() { testing::process_faults() = {}; }
  ~Faults() { testing::process_faults() = {}; }
  testing::ProcessFaults& operator*() { return testing::process_faults(); }
};

bool sigpipe_is_default()
{
  struct sigaction now {};
  ::sigaction(SIGPIPE, nullptr, &now);
  return now.sa_handler == SIG_DFL;
}

} // namespace

TEST_CASE("process: a program whose end cannot be learned is an error, never status 0")
{
  // Real, no seam: with SIGCHLD ignored the kernel reaps children itself and waitpid fails with
  // ECHILD. A status of 0 here would record a failed sendmail as delivered.
  struct sigaction ignore {}, before {};
  ignore.sa_handler = SIG_IGN;
  ::sigemptyset(&ignore.sa_mask);
  ::sigaction(SIGCHLD, &ignore, &before);
  bool threw = false;
  try {
    run_process({"false"}, "");
  } catch (const panel::Error& e) {
    threw = std::string(e.what()).find("cannot tell how 'false' ended") != std::string::npos;
  } catch (...) {
  }
  ::sigaction(SIGCHLD, &before, nullptr);
  CHECK(threw);
}

TEST_CASE("process: a failed waitpid is an error, and the child is still reaped")
{
  Faults faults;
  const int fds = open_descriptors();
  (*faults).wait = {ECHILD, 0, 1};
  CHECK_THROWS_WITH_AS(run_process({"false"}, ""), doctest::Contains("cannot tell how 'false' ended"), panel::Error);
  (*faults).wait = {ECHILD, 0, 1};
  CHECK_THROWS_AS(run_attached({"true"}), panel::Error);
  CHECK(open_descriptors() == fds);
  CHECK(no_children());
}

TEST_CASE("process: a read interrupted by a signal is not the end of the output")
{
  Faults faults;
  (*faults).read = {EINTR, 0, 3};
  const auto result = run_process({"sh", "-c", "echo out; echo err >&2"}, "");
  CHECK(result.status == 0);
  CHECK(result.out == "out\n");
  CHECK(result.err == "err\n");
}

TEST_CASE("process: a failed read is an error with no descriptor left open and the child reaped")
{
  Faults faults;
  const int fds = open_descriptors();
  (*faults).read = {EIO, 0, 1};
  CHECK_THROWS_WITH_AS(run_process({"cat"}, "some input\n"), doctest::Contains("cannot read what 'cat' printed"),
                       panel::Error);
  CHECK(open_descriptors() == fds);
  CHECK(no_children());
}

TEST_CASE("process: a poll error other than EINTR ends the run at once, closing and reaping everything")
{
  Faults faults;
  const auto before = std::signal(SIGPIPE, SIG_DFL);
  const int fds = open_descriptors();
  (*faults).poll = {EINTR, 0, 2};  // interrupted twice: carries on
  CHECK(run_process({"cat"}, "x").out == "x");
  (*faults).poll = {EIO, 1, 1};
  const auto start = std::chrono::steady_clock::now();
  // `sleep 30` would keep its pipes open for 30 seconds: the run must not wait for it.
  CHECK_THROWS_WITH_AS(run_process({"sh", "-c", "sleep 30"}, "input"), doctest::Contains("cannot talk to 'sh'"),
                       panel::Error);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
  CHECK(open_descriptors() == fds);
  CHECK(no_children());
  CHECK(sigpipe_is_default());
  std::signal(SIGPIPE, before);
}

TEST_CASE("process: when no process can be started the message says so instead of an internal error")
{
  Faults faults;
  const int fds = open_descriptors();
  (*faults).spawn = {EAGAIN, 0, 1};
  CHECK_THROWS_WITH_AS(run_process({"cat"}, "x"), doctest::Contains("cannot start 'cat': Resource temporarily"),
                       panel::Error);
  (*faults).spawn = {ENOMEM, 0, 1};
  CHECK_THROWS_WITH_AS(run_attached({"true"}), doctest::Contains("cannot start 'true'"), panel::Error);
  CHECK(open_descriptors() == fds);
  CHECK(no_children());
}

TEST_CASE("process: a pipe that cannot be made leaks none of the ones already made")
{
  Faults faults;
  const int fds = open_descriptors();
  for (int after = 0; after < 3; ++after) {
    (*faults).pipe = {EMFILE, after, 1};
    CHECK_THROWS_WITH_AS(run_process({"cat"}, "x"), doctest::Contains("cannot create a pipe"), panel::Error);
    CHECK(open_descriptors() == fds);
  }
  CHECK(no_children());
}

TEST_CASE("process: SIGPIPE that cannot be ignored is an error, with the child reaped and nothing open")
{
  Faults faults;
  const int fds = open_descriptors();
  (*faults).sigaction = {EINVAL, 0, 1};
  CHECK_THROWS_AS(run_process({"cat"}, "x"), panel::Error);
  CHECK(open_descriptors() == fds);
  CHECK(no_children());
}
