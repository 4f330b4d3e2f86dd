#include "panel/core/audit.hpp"

#include "panel/core/sha256.hpp"

namespace panel::core {

std::string audit_hash(const std::string& previous, const AuditEntry& e)
{
  const auto fields = {&previous, &e.at, &e.user, &e.command, &e.action, &e.entity, &e.record, &e.detail};
  size_t size = 0;
  for (const std::string* field : fields)
    size += field->size() + 1;
  std::string text;
  text.reserve(size);  // one allocation: bulk intake hashes a row per referral
  for (const std::string* field : fields) {
    text += *field;
    text += '\x1f';
  }
  return sha256_hex(text);
}

std::string format_head(const AuditHead& head) { return std::to_string(head.rows) + ":" + head.hash; }

std::optional<AuditHead> parse_head(std::string_view text)
{
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && space(text.front()))
    text.remove_prefix(1);
  while (!text.empty() && space(text.back()))
    text.remove_suffix(1);
  const auto colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 18)
    return std::nullopt;
  AuditHead head;
  for (const char c : text.substr(0, colon)) {
    if (c < '0' || c > '9')
      return std::nullopt;
    head.rows = head.rows * 10 + (c - '0');
  }
  const auto hash = text.substr(colon + 1);
  if (head.rows <= 0 || hash.size() != 64)
    return std::nullopt;
  for (const char c : hash)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
      return std::nullopt;
  head.hash = std::string(hash);
  return head;
}

} // namespace panel::core
