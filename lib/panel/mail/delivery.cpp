#include "panel/mail/delivery.hpp"

#include "panel/core/error.hpp"
#include "panel/core/files.hpp"
#include "panel/core/process.hpp"
#include "panel/core/text.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

namespace panel::mail {

std::string send_with(const std::vector<std::string>& argv, const std::string& message)
{
  if (argv.empty() || argv.front().empty())
    return "no mail program: set mail.sendmail in the profile";
  core::ProcessResult r;
  try {
    r = core::run_process(argv, message);
  } catch (const std::exception& e) {
    return e.what();
  }
  if (r.status == 0)
    return "";
  const std::string said = core::trim(core::strip_controls(r.err.substr(0, r.err.find('\n'))));
  const std::string how = r.status > 128 && r.status < 160 ? fmt::format("was killed by signal {}", r.status - 128)
                                                             : fmt::format("exited with {}", r.status);
  return fmt::format("'{}' {}{}", argv.front(), how, said.empty() ? "" : ": " + said);
}

std::string program_problem(const std::vector<std::string>& argv, const std::string& path)
{
  if (argv.empty() || argv.front().empty())
    return "mail.sendmail is empty: give the program and its arguments, e.g. [/usr/sbin/sendmail, -t, -i]";
  const std::string& program = argv.front();
  auto runnable = [](const std::string& file) {
    std::error_code ec;
    return std::filesystem::is_regular_file(file, ec) && ::access(file.c_str(), X_OK) == 0;
  };
  if (program.find('/') != std::string::npos) {
    if (runnable(program))
      return "";
    std::error_code ec;
    return std::filesystem::exists(program, ec)
               ? fmt::format("mail.sendmail: '{}' is not an executable program", program)
               : fmt::format("mail.sendmail: '{}' does not exist", program);
  }
  size_t start = 0;
  while (start <= path.size()) {
    auto end = path.find(':', start);
    if (end == std::string::npos)
      end = path.size();
    const std::string dir = end > start ? path.substr(start, end - start) : ".";
    if (runnable(dir + "/" + program))
      return "";
    start = end + 1;
  }
  return fmt::format("mail.sendmail: no program '{}' on the PATH", program);
}

std::string write_eml(const std::string& folder, const std::string& stem, const std::string& message)
{
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec)) {
    if (::mkdir(folder.c_str(), 0700) != 0 && errno != EEXIST)
      throw refused(fmt::format("cannot create the outbox '{}': {}", folder, std::strerror(errno)));
  }
  for (int n = 1;; ++n) {
    const auto path = (std::filesystem::path(folder) / (n == 1 ? stem + ".eml" : fmt::format("{}-{}.eml", stem, n))).string();
    struct stat st {};
    if (::lstat(path.c_str(), &st) == 0)
      continue;
    core::write_file(path, message, false);
    return path;
  }
}

} // namespace panel::mail
