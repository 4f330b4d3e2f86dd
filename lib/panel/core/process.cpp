#include "panel/core/process.hpp"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace panel::core {

namespace {

// execvp's argument vector; the strings must outlive it.
std::vector<char*> c_args(const std::vector<std::string>& argv)
{
  std::vector<char*> args;
  for (const auto& a : argv)
    args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  return args;
}

int wait_for(pid_t pid)
{
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

} // namespace

Ended run_attached(const std::vector<std::string>& argv)
{
  auto args = c_args(argv);
  struct sigaction ignore {}, old_int {}, old_quit {};
  ignore.sa_handler = SIG_IGN;
  ::sigemptyset(&ignore.sa_mask);
  ::sigaction(SIGINT, &ignore, &old_int);
  ::sigaction(SIGQUIT, &ignore, &old_quit);
  const auto restore = [&] {
    ::sigaction(SIGINT, &old_int, nullptr);
    ::sigaction(SIGQUIT, &old_quit, nullptr);
  };
  const pid_t pid = ::fork();
  if (pid < 0) {
    const int error = errno;
    restore();
    throw std::runtime_error(std::string("cannot start a process: ") + std::strerror(error));
  }
  if (pid == 0) {
    restore();  // the editor handles Ctrl-C its own way
    ::execvp(args[0], args.data());
    std::fprintf(stderr, "panel: error: cannot run '%s': %s\n", args[0], std::strerror(errno));
    ::_exit(127);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  restore();
  return WIFSIGNALED(status) ? Ended{0, WTERMSIG(status)} : Ended{WEXITSTATUS(status), 0};
}

ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input)
{
  int in[2], out[2], err[2];
  if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0)
    throw std::runtime_error(std::string("cannot create a pipe: ") + std::strerror(errno));
  auto args = c_args(argv);
  const pid_t pid = ::fork();
  if (pid < 0)
    throw std::runtime_error(std::string("cannot start a process: ") + std::strerror(errno));
  if (pid == 0) {
    ::dup2(in[0], STDIN_FILENO);
    ::dup2(out[1], STDOUT_FILENO);
    ::dup2(err[1], STDERR_FILENO);
    ::execvp(args[0], args.data());
    ::dprintf(STDERR_FILENO, "cannot run '%s': %s\n", args[0], std::strerror(errno));
    ::_exit(127);
  }
  ::close(in[0]);
  ::close(out[1]);
  ::close(err[1]);
  // Non-blocking, so that a program echoing its input (a filter) can never fill its output pipe
  // while we wait for it to take the rest of its input.
  ::fcntl(in[1], F_SETFL, ::fcntl(in[1], F_GETFL) | O_NONBLOCK);
  // A program that exits without reading its input must not kill us with SIGPIPE.
  const auto old_pipe = std::signal(SIGPIPE, SIG_IGN);
  ProcessResult result;
  size_t written = 0;
  int in_fd = in[1];
  if (input.empty()) {
    ::close(in_fd);
    in_fd = -1;
  }
  bool out_open = true, err_open = true;
  char buffer[65536];
  while (out_open || err_open || in_fd >= 0) {
    std::vector<pollfd> fds;
    if (in_fd >= 0)
      fds.push_back({in_fd, POLLOUT, 0});
    if (out_open)
      fds.push_back({out[0], POLLIN, 0});
    if (err_open)
      fds.push_back({err[0], POLLIN, 0});
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR)
        continue;
      break;
    }
    for (const auto& p : fds) {
      if (p.fd == in_fd && (p.revents & (POLLOUT | POLLERR | POLLHUP))) {
        const ssize_t n = ::write(in_fd, input.data() + written, input.size() - written);
        if (n > 0)
          written += static_cast<size_t>(n);
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
          continue;
        if (n < 0 || written == input.size()) {
          ::close(in_fd);
          in_fd = -1;
        }
      } else if ((p.fd == out[0] || p.fd == err[0]) && (p.revents & (POLLIN | POLLHUP | POLLERR))) {
        const ssize_t n = ::read(p.fd, buffer, sizeof buffer);
        if (n > 0) {
          (p.fd == out[0] ? result.out : result.err).append(buffer, static_cast<size_t>(n));
        } else {
          (p.fd == out[0] ? out_open : err_open) = false;
        }
      }
    }
  }
  ::close(out[0]);
  ::close(err[0]);
  result.status = wait_for(pid);
  std::signal(SIGPIPE, old_pipe);
  return result;
}

} // namespace panel::core
