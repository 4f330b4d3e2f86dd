#pragma once
#include <string>
#include <vector>

namespace panel::mail {

// Pipes a formatted message to a sendmail-compatible program (run with posix_spawnp, never
// through a shell), after checking it again with program_problem. Returns "" when it exits 0,
// otherwise why it failed: "'/usr/sbin/sendmail' exited with 75: <its first line on stderr>".
std::string send_with(const std::vector<std::string>& argv, const std::string& message);

// Why `argv[0]` may not be run as the mail program, or "" when it may: it must be an absolute
// path to an executable regular file that only root or this user can change, in a folder (both
// the named one and, through a symbolic link, the real file's) that only root or this user can
// change. Checked when the program is changed and again before every sending, since a register
// can come from elsewhere (a restored backup).
std::string program_problem(const std::vector<std::string>& argv);

// Writes a message as `<stem>.eml` (or `<stem>-2.eml` ... when taken) in `folder`, created 0700
// when missing; the file is 0600. Returns its path; Error(refused) when it cannot be written.
std::string write_eml(const std::string& folder, const std::string& stem, const std::string& message);

} // namespace panel::mail
