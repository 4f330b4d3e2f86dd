#pragma once
#include "panel/core/profile.hpp"
#include "panel/profile/reader.hpp"

#include <yaml-cpp/yaml.h>

namespace panel::profile {

// Reads the profile's `input:` map (absent: ISO dates only); Error(refused) naming the key.
core::InputSettings read_input(const Reader& r, const YAML::Node& node);

// Writes `input:` in canonical form (always, so that `config set input.date_order` finds it).
void emit_input(YAML::Emitter& out, const core::InputSettings& s);

} // namespace panel::profile
