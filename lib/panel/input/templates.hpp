#pragma once
#include "panel/core/template.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace panel::input {

// Reads one template file. Error(refused) "<file>:<line>: <key>: <problem>" for a YAML syntax
// error, an unknown or missing key, an unknown `for:` or `format:`, or an unknown personal field.
core::Template parse_template(std::string_view text, const std::string& file, const std::string& source);

// The templates in use: the built-ins, overridden by name by the *.yaml files of `folder` (when
// not empty). A file that cannot be read is left out and its problem added to `problems`.
std::vector<core::Template> load_templates(const std::string& folder, std::vector<std::string>& problems);

} // namespace panel::input
