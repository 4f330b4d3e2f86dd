#pragma once
#include "panel/core/actor.hpp"
#include "panel/store/db.hpp"

#include <optional>
#include <string>

namespace panel::store {

// The stored profile YAML (without agencies), or nothing in a database not yet initialised.
std::optional<std::string> load_profile_yaml(Db& db);
// Stores the profile YAML, stamped with who and when.
void save_profile_yaml(Db& db, const std::string& yaml, const core::Actor& actor);

} // namespace panel::store
