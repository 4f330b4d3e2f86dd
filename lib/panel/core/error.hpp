#pragma once
#include "panel/core/text.hpp"

#include <stdexcept>
#include <string>
#include <string_view>

namespace panel {

// Process exit codes, the contract in DESIGN §4.
enum class Exit : int {
  ok = 0,
  refused = 1,   // bad input, not found, threshold, refused operation
  usage = 2,     // bad command line
  database = 3,  // missing, locked, newer schema, corrupt
};

// The one exception the library throws on purpose: a user-facing message and an exit code.
class Error : public std::runtime_error {
public:
  Error(Exit code, const std::string& message) : std::runtime_error(message), m_code(code) {}
  Exit code() const { return m_code; }

private:
  Exit m_code;
};

// Shorthands for the common kinds of refusal.
inline Error refused(const std::string& message) { return Error(Exit::refused, message); }
inline Error usage_error(const std::string& message) { return Error(Exit::usage, message); }
inline Error database_error(const std::string& message) { return Error(Exit::database, message); }

// The --reason a correction must give, trimmed. Missing or blank is a usage error (exit 2), as a
// missing required option is, saying where the reason is kept: required_reason("", "case reopen",
// "case") throws "'case reopen' needs --reason: why (kept in the case's history)".
inline std::string required_reason(const std::string& reason, std::string_view command, std::string_view record)
{
  auto trimmed = core::trim(reason);
  if (trimmed.empty())
    throw usage_error("'" + std::string(command) + "' needs --reason: why (kept in the " + std::string(record) +
                      "'s history)");
  return trimmed;
}

} // namespace panel
