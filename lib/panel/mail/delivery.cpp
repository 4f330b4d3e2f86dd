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
  // Again at each sending: the register may not be the one the program was allowed in.
  if (auto problem = program_problem(argv); !problem.empty())
    return problem;
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

namespace {

// Whether someone other than root and this user could change the file or folder `st` describes.
bool others_can_change(const struct stat& st)
{
  return (st.st_mode & (S_IWGRP | S_IWOTH)) != 0 || (st.st_uid != 0 && st.st_uid != ::geteuid());
}

std::string folder_problem(const std::string& program, const std::filesystem::path& folder)
{
  struct stat st {};
  if (::stat(folder.c_str(), &st) != 0)
    return fmt::format("mail.sendmail: cannot inspect the folder '{}': {}", folder.string(), std::strerror(errno));
  if (others_can_change(st))
    return fmt::format("mail.sendmail: '{}' is in '{}', a folder users other than root and you can change (mode {:o}): "
                       "panel runs the mail program, so it must live where only they can write",
                       program, folder.string(), st.st_mode & 07777);
  return "";
}

} // namespace

std::string program_problem(const std::vector<std::string>& argv)
{
  if (argv.empty() || argv.front().empty())
    return "mail.sendmail is empty: give the program and its arguments, e.g. [/usr/sbin/sendmail, -t, -i]";
  const std::string& program = argv.front();
  if (program.front() != '/')
    return fmt::format("mail.sendmail: '{}' is not an absolute path: name the program in full, e.g. "
                       "[/usr/sbin/sendmail, -t, -i]",
                       program);
  struct stat st {};
  if (::stat(program.c_str(), &st) != 0)
    return errno == ENOENT || errno == ENOTDIR
               ? fmt::format("mail.sendmail: '{}' does not exist", program)
               : fmt::format("mail.sendmail: cannot inspect '{}': {}", program, std::strerror(errno));
  if (!S_ISREG(st.st_mode) || ::access(program.c_str(), X_OK) != 0)
    return fmt::format("mail.sendmail: '{}' is not an executable program", program);
  if (others_can_change(st))
    return fmt::format("mail.sendmail: '{}' can be changed by users other than root and you (mode {:o}): panel runs "
                       "it to send mail, so only root or you may write it",
                       program, st.st_mode & 07777);
  // The folder of the name given and, through a symbolic link, of the file it leads to: whoever
  // can write either can put another program in its place.
  std::error_code ec;
  const auto real = std::filesystem::canonical(program, ec);
  for (const auto& folder : {std::filesystem::path(program).parent_path(), real.parent_path()})
    if (!folder.empty())
      if (auto problem = folder_problem(program, folder); !problem.empty())
        return problem;
  return "";
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
