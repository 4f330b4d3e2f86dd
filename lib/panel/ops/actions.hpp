#pragma once
#include "panel/core/actor.hpp"
#include "panel/store/actions.hpp"
#include "panel/store/db.hpp"

#include <optional>
#include <string>
#include <vector>

namespace panel::ops {

// Adds an action to a case between meetings; returns its id. Error(refused) for an unknown case
// or agency, an empty description or a due date in the past.
std::string add_action(store::Db& db, const std::string& case_reference, const std::string& owner, core::Date due,
                       const std::string& text, const core::Actor& actor);

// What `action update` may change; unset fields stay.
struct ActionChange {
  std::optional<core::Date> due;
  std::string owner, status, note;
};
// Changes an action (status, due date, owner), keeping each change in its history; audited.
void update_action(store::Db& db, const std::string& id, const ActionChange& change, const core::Actor& actor);

// An action and its history; Error(refused) for an unknown id.
std::pair<store::ActionRow, std::vector<store::ActionChange>> show_action(store::Db& db, const std::string& id);

} // namespace panel::ops
