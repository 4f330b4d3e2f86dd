#pragma once
#include <string>

namespace panel::core {

// An agency that sits on the panel (police, social care, housing, ...).
struct Agency {
  std::string code;   // short upper-case code used everywhere: "POL"
  std::string name;   // "City of London Police"
  std::string email;  // where reminders and research lists go
  bool core = false;  // a core member of the panel

  bool operator==(const Agency&) const = default;
};

// Checks a code: 2-10 characters, A-Z, 0-9 and '-', starting with a letter; returns why not, or "".
std::string agency_code_problem(const std::string& code);
// Checks an email address loosely (one '@', a dot in the domain, no spaces); returns why not, or "".
std::string email_problem(const std::string& email);
// The address in a mailbox: "Name <a@b.org>" -> "a@b.org"; a bare address as it is.
std::string mailbox_address(const std::string& mailbox);

} // namespace panel::core
