#pragma once
#include "panel/core/actor.hpp"
#include "panel/core/audit.hpp"
#include "panel/store/db.hpp"

#include <string>
#include <vector>

namespace panel::store {

// Appends one audit row for the actor; call inside the transaction that made the change.
void append_audit(Db& db, const core::Actor& actor, const std::string& action, const std::string& entity,
                  const std::string& record, const std::string& detail = "");
// Audit rows at or after `since` (a date or timestamp prefix; "" for all), oldest first.
std::vector<core::AuditEntry> list_audit(Db& db, const std::string& since);

} // namespace panel::store
