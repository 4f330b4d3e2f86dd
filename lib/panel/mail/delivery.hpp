#pragma once
#include <string>
#include <vector>

namespace panel::mail {

// Pipes a formatted message to a sendmail-compatible program (argv[0] looked up on PATH, run with
// fork/exec, never through a shell). Returns "" when it exits 0, otherwise why it failed:
// "'/usr/sbin/sendmail' exited with 75: <its first line on stderr>".
std::string send_with(const std::vector<std::string>& argv, const std::string& message);

// Why the program `argv[0]` cannot be run (not found on `path`, the PATH list, or not
// executable), or "" when it can: checked once before sending, so a wrong mail.sendmail is one
// clear error rather than one failure per message.
std::string program_problem(const std::vector<std::string>& argv, const std::string& path);

// Writes a message as `<stem>.eml` (or `<stem>-2.eml` ... when taken) in `folder`, created 0700
// when missing; the file is 0600. Returns its path; Error(refused) when it cannot be written.
std::string write_eml(const std::string& folder, const std::string& stem, const std::string& message);

} // namespace panel::mail
