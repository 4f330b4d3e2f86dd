#pragma once
#include "panel/core/profile.hpp"
#include "panel/profile/reader.hpp"

#include <yaml-cpp/yaml.h>

namespace panel::profile {

// Reads the profile's `retention:` map (absent: the defaults); Error(refused) naming the key.
core::RetentionSettings read_retention(const Reader& r, const YAML::Node& node);

// Writes `retention:` in canonical form.
void emit_retention(YAML::Emitter& out, const core::RetentionSettings& s);

} // namespace panel::profile
