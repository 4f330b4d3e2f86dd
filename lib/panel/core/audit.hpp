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
};

} // namespace panel::core
