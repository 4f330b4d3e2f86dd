#include "panel/core/process.hpp"

#include "panel/core/error.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace panel::core {

namespace testing {

ProcessFaults& process_faults()
{
  static ProcessFaults faults;
  return faults;
}

} // namespace testing

namespace {

// True, with errno set, when a test has made this call fail (see testing::ProcessFaults).
bool injected(testing::Fault& fault)
{
  if (fault.times <= 0)
    return false;
  if (fault.after > 0) {
    --fault.after;
    return false;
  }
  --fault.times;
  errno = fault.error;
  return true;
}

std::string why(int error) { return std::strerror(error); }

// A descriptor, closed when it goes out of scope.
class Fd {
public:
  Fd() = default;
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { close(); }
  int get() const { return m_fd; }
  bool is_open() const { return m_fd >= 0; }
  void reset(int fd)
  {
    close();
    m_fd = fd;
  }
  void close()
  {
    if (m_fd >= 0)
      ::close(m_fd);
    m_fd = -1;
  }

private:
  int m_fd = -1;
};

struct Pipe {
  Fd read, write;
};

// Both ends close-on-exec: the child gets only the ends dup2'd onto its standard streams.
void open_pipe(Pipe& pipe, const std::string& program)
{
  int fds[2];
  if (injected(testing::process_faults().pipe) || ::pipe2(fds, O_CLOEXEC) != 0)
    throw refused(fmt::format("cannot run '{}': cannot create a pipe: {}", program, why(errno)));
  pipe.read.reset(fds[0]);
  pipe.write.reset(fds[1]);
}

// A signal's disposition set for as long as this lives, then put back as it was.
class SignalDisposition {
public:
  SignalDisposition(int signal, void (*handler)(int)) : m_signal(signal)
  {
    struct sigaction action {};
    action.sa_handler = handler;
    ::sigemptyset(&action.sa_mask);
    if (injected(testing::process_faults().sigaction) || ::sigaction(signal, &action, &m_old) != 0)
      throw refused(fmt::format("cannot set how signal {} is handled: {}", signal, why(errno)));
  }
  SignalDisposition(const SignalDisposition&) = delete;
  SignalDisposition& operator=(const SignalDisposition&) = delete;
  ~SignalDisposition() { ::sigaction(m_signal, &m_old, nullptr); }  // cannot fail: the action came from sigaction
  bool was_ignored() const { return !(m_old.sa_flags & SA_SIGINFO) && m_old.sa_handler == SIG_IGN; }

private:
  int m_signal;
  struct sigaction m_old {};
};

// posix_spawn's file actions, destroyed with this.
class FileActions {
public:
  explicit FileActions(const std::string& program) : m_program(program)
  {
    if (const int error = ::posix_spawn_file_actions_init(&m_actions))
      throw refused(fmt::format("cannot run '{}': {}", program, why(error)));
  }
  FileActions(const FileActions&) = delete;
  FileActions& operator=(const FileActions&) = delete;
  ~FileActions() { ::posix_spawn_file_actions_destroy(&m_actions); }
  void dup2(int fd, int target)
  {
    if (const int error = ::posix_spawn_file_actions_adddup2(&m_actions, fd, target))
      throw refused(fmt::format("cannot run '{}': {}", m_program, why(error)));
  }
  const posix_spawn_file_actions_t* get() const { return &m_actions; }

private:
  std::string m_program;
  posix_spawn_file_actions_t m_actions;
};

// posix_spawn's attributes, destroyed with this.
class SpawnAttributes {
public:
  SpawnAttributes() { check(::posix_spawnattr_init(&m_attributes)); }
  SpawnAttributes(const SpawnAttributes&) = delete;
  SpawnAttributes& operator=(const SpawnAttributes&) = delete;
  ~SpawnAttributes() { ::posix_spawnattr_destroy(&m_attributes); }
  // The child starts with these signals at their default action.
  void set_default(const sigset_t& signals)
  {
    check(::posix_spawnattr_setsigdefault(&m_attributes, &signals));
    check(::posix_spawnattr_setflags(&m_attributes, POSIX_SPAWN_SETSIGDEF));
  }
  const posix_spawnattr_t* get() const { return &m_attributes; }

private:
  static void check(int error)
  {
    if (error)
      throw refused(fmt::format("cannot prepare to start a program: {}", why(error)));
  }
  posix_spawnattr_t m_attributes;
};

// Starts argv (argv[0] looked up on PATH); returns 0 and sets `pid`, or the error number. No code
// of ours runs in the child (glibc reports an exec failure as the result), so nothing there needs
// to be async-signal-safe even when other threads hold locks.
int spawn(pid_t& pid, const std::vector<std::string>& argv, const posix_spawn_file_actions_t* actions,
          const posix_spawnattr_t* attributes)
{
  std::vector<char*> args;
  for (const auto& a : argv)
    args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  if (injected(testing::process_faults().spawn))
    return errno;
  return ::posix_spawnp(&pid, args[0], actions, attributes, args.data(), environ);
}

// Whether a spawn error is about the program itself (missing, not executable: exit status 127,
// as a shell says) rather than the system being unable to start any process (EAGAIN, ENOMEM).
bool not_runnable(int error)
{
  return error == ENOENT || error == EACCES || error == ENOEXEC || error == ENOTDIR || error == ELOOP ||
         error == ENAMETOOLONG || error == EISDIR || error == ETXTBSY || error == EPERM;
}

// A started program: waited for by wait(); killed and reaped if this goes out of scope first (an
// error while talking to it), so that no child is left behind unreaped.
class Child {
public:
  Child(pid_t pid, std::string program) : m_pid(pid), m_program(std::move(program)) {}
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;
  ~Child()
  {
    if (m_pid <= 0)
      return;
    ::kill(m_pid, SIGKILL);
    int status = 0;
    while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  // The raw wait status. A failed waitpid is an error, never status 0: a mail program whose end
  // is unknown must not be taken for one that delivered.
  int wait()
  {
    for (;;) {
      int status = 0;
      if (!injected(testing::process_faults().wait) && ::waitpid(m_pid, &status, 0) >= 0) {
        m_pid = -1;
        return status;
      }
      if (errno != EINTR)
        throw refused(fmt::format("cannot tell how '{}' ended: {}", m_program, why(errno)));
    }
  }

private:
  pid_t m_pid;
  std::string m_program;
};

int exit_status(int status)
{
  if (WIFEXITED(status))
    return WEXITSTATUS(status);
  return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : 128;
}

} // namespace

Ended run_attached(const std::vector<std::string>& argv)
{
  if (argv.empty() || argv.front().empty())
    throw refused("no program to run");
  const SignalDisposition ignore_int(SIGINT, SIG_IGN);
  const SignalDisposition ignore_quit(SIGQUIT, SIG_IGN);
  // The editor handles Ctrl-C its own way: it starts with the dispositions this process had
  // (a handler becomes the default across exec anyway; an ignored signal stays ignored).
  sigset_t defaults;
  ::sigemptyset(&defaults);
  if (!ignore_int.was_ignored())
    ::sigaddset(&defaults, SIGINT);
  if (!ignore_quit.was_ignored())
    ::sigaddset(&defaults, SIGQUIT);
  SpawnAttributes attributes;
  attributes.set_default(defaults);
  pid_t pid = 0;
  if (const int error = spawn(pid, argv, nullptr, attributes.get())) {
    if (!not_runnable(error))
      throw refused(fmt::format("cannot start '{}': {}", argv.front(), why(error)));
    return Ended{127, 0, why(error)};
  }
  Child child(pid, argv.front());
  const int status = child.wait();
  return WIFSIGNALED(status) ? Ended{0, WTERMSIG(status), ""} : Ended{WEXITSTATUS(status), 0, ""};
}

ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input)
{
  if (argv.empty() || argv.front().empty())
    throw refused("no program to run");
  const std::string& program = argv.front();
  Pipe in, out, err;
  open_pipe(in, program);
  open_pipe(out, program);
  open_pipe(err, program);
  FileActions actions(program);
  actions.dup2(in.read.get(), STDIN_FILENO);
  actions.dup2(out.write.get(), STDOUT_FILENO);
  actions.dup2(err.write.get(), STDERR_FILENO);
  pid_t pid = 0;
  if (const int error = spawn(pid, argv, actions.get(), nullptr)) {
    if (!not_runnable(error))
      throw refused(fmt::format("cannot start '{}': {}", program, why(error)));
    return ProcessResult{127, "", fmt::format("cannot run '{}': {}\n", program, why(error))};
  }
  Child child(pid, program);
  in.read.close();
  out.write.close();
  err.write.close();
  // Non-blocking, so that a program echoing its input (a filter) can never fill its output pipe
  // while we wait for it to take the rest of its input.
  const int flags = ::fcntl(in.write.get(), F_GETFL);
  if (flags < 0 || ::fcntl(in.write.get(), F_SETFL, flags | O_NONBLOCK) != 0)
    throw refused(fmt::format("cannot run '{}': {}", program, why(errno)));
  // A program that exits without reading its input must not kill us with SIGPIPE; set after the
  // spawn, since an ignored signal would stay ignored in the program.
  const SignalDisposition no_sigpipe(SIGPIPE, SIG_IGN);

  ProcessResult result;
  size_t written = 0;
  if (input.empty())
    in.write.close();
  char buffer[65536];
  std::vector<pollfd> fds;
  while (in.write.is_open() || out.read.is_open() || err.read.is_open()) {
    fds.clear();
    for (const Fd* fd : {&in.write, &out.read, &err.read})
      if (fd->is_open())
        fds.push_back({fd->get(), static_cast<short>(fd == &in.write ? POLLOUT : POLLIN), 0});
    if (injected(testing::process_faults().poll) || ::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR)
        continue;
      throw refused(fmt::format("cannot talk to '{}': {}", program, why(errno)));
    }
    for (const auto& p : fds) {
      if (!p.revents)
        continue;
      if (p.fd == in.write.get()) {
        const ssize_t n = ::write(p.fd, input.data() + written, input.size() - written);
        if (n > 0)
          written += static_cast<size_t>(n);
        else if (n < 0 && (errno == EAGAIN || errno == EINTR))
          continue;
        // Any other error (EPIPE: it stopped reading) ends the input; its exit status tells the rest.
        if (n < 0 || written == input.size())
          in.write.close();
      } else {
        Fd& source = p.fd == out.read.get() ? out.read : err.read;
        const ssize_t n = injected(testing::process_faults().read) ? -1 : ::read(p.fd, buffer, sizeof buffer);
        if (n > 0)
          (&source == &out.read ? result.out : result.err).append(buffer, static_cast<size_t>(n));
        else if (n == 0)
          source.close();
        else if (errno != EINTR && errno != EAGAIN)  // interrupted is not the end of its output
          throw refused(fmt::format("cannot read what '{}' printed: {}", program, why(errno)));
      }
    }
  }
  result.status = exit_status(child.wait());
  return result;
}

} // namespace panel::core
