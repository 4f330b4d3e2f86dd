#pragma once
#include <cstdint>
#include <string>

namespace panel::core {

// One row of the append-only audit log: who did what to which record, and when.
struct AuditEntry {
  std::int64_t id = 0;
  std::string at;       // UTC timestamp
  std::string user;
  std::string command;  // "agency add"
  std::string action;   // create | read | update | delete | export
  std::string entity;   // "agency", "profile", "referral" ...
  std::string record;   // the record's code or reference
  std::string detail;   // what changed, in a few words
  std::string hash;     // audit_hash of the row before and this one: the chain that shows tampering
};

// The hash that chains an audit row to the one before it: SHA-256 (hex) of the previous row's
// hash ("" for the first row) and this row's fields, each followed by a unit separator (0x1F), so
// that changing, inserting or deleting any earlier row breaks every hash after it.
std::string audit_hash(const std::string& previous, const AuditEntry& row);

} // namespace panel::core
