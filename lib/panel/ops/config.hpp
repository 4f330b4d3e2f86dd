#pragma once
#include "panel/core/actor.hpp"
#include "panel/store/db.hpp"

#include <string>
#include <vector>

namespace panel::ops {

// Sets one profile key (see profile::set_value) and records the change; returns the new value.
std::string config_set(store::Db& db, const std::string& key, const std::string& value, const core::Actor& actor);

// What an import changed.
struct ImportResult {
  bool settings_changed = false;
  std::vector<std::string> added, updated, removed;  // agency codes
};

// Replaces the profile with a YAML document. When it lists agencies, the agency table is brought
// in line: new ones added, changed ones updated, missing ones removed (refused if still used).
// All or nothing; `source` names the file in messages.
ImportResult config_import(store::Db& db, const std::string& text, const std::string& source,
                           const core::Actor& actor);

} // namespace panel::ops
