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

} // namespace panel::core
