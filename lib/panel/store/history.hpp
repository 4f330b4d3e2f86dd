#pragma once
#include "panel/core/actor.hpp"
#include "panel/core/history.hpp"
#include "panel/core/vocabulary.hpp"
#include "panel/store/db.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace panel::store {

// Appends one history row for a change to `record_id` (the row id in the entity's table), stamped
// with the actor; call inside the transaction that made the change, beside its audit row.
void append_history(Db& db, const core::Actor& actor, core::HistoryEntity entity, std::int64_t record_id,
                    const std::string& field, const std::string& old_value, const std::string& new_value,
                    const std::string& reason = "");

// The history of one record, oldest first.
std::vector<core::HistoryRow> history_of(Db& db, core::HistoryEntity entity, std::int64_t record_id);

} // namespace panel::store
