#pragma once
#include "panel/core/minutes.hpp"
#include "panel/core/profile.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace panel::input {

// Reads minutes YAML (docs/formats/minutes.md). Shape and type problems are added to `problems`
// as "<file>:<line>: <field>: <problem>" and reading goes on, so that all of them are reported.
// Dates are read in `order`, the profile's input.date_order.
core::Minutes read_minutes(std::string_view text, const std::string& file, std::vector<std::string>& problems,
                           core::DateOrder order = core::DateOrder::iso);

} // namespace panel::input
