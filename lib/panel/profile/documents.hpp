#pragma once
#include "panel/core/profile.hpp"
#include "panel/profile/reader.hpp"

#include <string>
#include <yaml-cpp/yaml.h>

namespace panel::profile {

// Reads the profile's optional `documents:` map: reference_docx, letterhead {logo, address},
// font. Relative paths are taken from the folder of the profile file `source` and kept absolute;
// a file that does not exist is refused naming it (not for a `stored` profile, whose files are
// checked when a document is made). Error(refused) naming the key and line.
core::DocumentSettings read_documents(const Reader& r, const YAML::Node& node, const std::string& source, bool stored);

// Writes `documents:` when any of it is set.
void emit_documents(YAML::Emitter& out, const core::DocumentSettings& s);

} // namespace panel::profile
