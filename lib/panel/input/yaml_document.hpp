#pragma once
#include <string>
#include <string_view>
#include <yaml-cpp/yaml.h>

namespace panel::input {

// Parses a YAML file a user handed panel (referrals, minutes, complaints, a profile, a template,
// a calendar) as exactly one document. Error(refused) "<file>:<line>: ..." when it is not UTF-8,
// not YAML, holds a second document after '---' (whose content would otherwise be dropped without
// a word) or uses a YAML tag such as '!!python/object' (panel reads plain data only).
YAML::Node load_document(std::string_view text, const std::string& file);

} // namespace panel::input
