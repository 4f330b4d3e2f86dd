#include "panel/core/text.hpp"
#include "panel/input/values.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace panel::input {
namespace {

std::vector<std::string> split(const std::string& text, char separator)
{
  std::vector<std::string> parts;
  size_t start = 0;
  for (;;) {
    const auto end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos)
      return parts;
    start = end + 1;
  }
}

} // namespace

void parse_parties(std::vector<core::OtherParty>& into, const std::string& text, const std::string& source, long line,
                   core::DateOrder order)
{
  for (const auto& entry : split(text, ';')) {
    if (core::trim(entry).empty())
      continue;
    const auto field = fmt::format("other_parties[{}]", into.size());
    const auto parts = split(entry, '|');
    if (parts.size() > 4)
      field_error(source, line, field,
                  fmt::format("has {} parts separated by '|'; write NAME|DOB|ROLE|RELATIONSHIP", parts.size()));
    core::OtherParty party;
    party.name = core::trim(parts[0]);
    if (parts.size() > 1)
      party.dob = parse_date(parts[1], source, line, field + ".dob", order);
    if (parts.size() > 2) {
      party.role = core::trim(parts[2]);
      std::transform(party.role.begin(), party.role.end(), party.role.begin(),
                     [](unsigned char c) { return std::tolower(c); });
    }
    if (parts.size() > 3)
      party.relationship = core::trim(parts[3]);
    into.push_back(std::move(party));
  }
}

} // namespace panel::input
