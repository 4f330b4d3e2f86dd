#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

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

// The audit log's head: how many rows it has and the last row's hash. Written down elsewhere
// (printed at the foot of board reports, recorded by every backup), it lets 'panel check --head'
// prove that those rows are still there, unchanged.
struct AuditHead {
  std::int64_t rows = 0;
  std::string hash;  // "" when there are no rows
};
// "N:HASH", the form 'panel audit head' prints and 'check --head' reads.
std::string format_head(const AuditHead& head);
// Reads "N:HASH" (N a positive count, HASH 64 lower-case hex digits; spaces around are ignored);
// nothing when the text is not one.
std::optional<AuditHead> parse_head(std::string_view text);

} // namespace panel::core
