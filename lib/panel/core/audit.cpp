#include "panel/core/audit.hpp"

#include "panel/core/sha256.hpp"

namespace panel::core {

std::string audit_hash(const std::string& previous, const AuditEntry& e)
{
  std::string text;
  for (const std::string* field : {&previous, &e.at, &e.user, &e.command, &e.action, &e.entity, &e.record, &e.detail}) {
    text += *field;
    text += '\x1f';
  }
  return sha256_hex(text);
}

} // namespace panel::core
