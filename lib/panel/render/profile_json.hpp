#pragma once
#include "panel/core/profile.hpp"

#include <string>

namespace panel::render {

// The profile as JSON text (snake_case keys, the same structure as the YAML).
std::string profile_json(const core::Profile& profile);

} // namespace panel::render
