#include "panel/core/agency.hpp"

#include "panel/core/text.hpp"

#include <algorithm>

namespace panel::core {

std::string agency_code_problem(const std::string& code)
{
  if (code.size() < 2 || code.size() > 10)
    return "an agency code has 2 to 10 characters";
  if (code[0] < 'A' || code[0] > 'Z')
    return "an agency code starts with a capital letter";
  const bool ok = std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  });
  return ok ? "" : "an agency code has only capital letters, digits and '-'";
}

std::string email_problem(const std::string& email)
{
  const auto at = email.find('@');
  if (at == std::string::npos || at == 0 || email.find('@', at + 1) != std::string::npos)
    return "an email address has one '@' with a name before it";
  const auto dot = email.find('.', at);
  if (dot == std::string::npos || dot == at + 1 || dot + 1 >= email.size())
    return "an email address has a domain with a dot after the '@'";
  const bool bad = std::any_of(email.begin(), email.end(),
                               [](unsigned char c) { return c <= ' ' || c == 0x7f; });
  return bad ? "an email address has no spaces or control characters" : "";
}

std::string mailbox_address(const std::string& text)
{
  const auto open = text.rfind('<');
  const auto close = text.rfind('>');
  if (open != std::string::npos && close != std::string::npos && close > open)
    return trim(text.substr(open + 1, close - open - 1));
  return trim(text);
}

} // namespace panel::core
