#pragma once
#include "panel/core/profile.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace panel::profile {

// Names of the profiles shipped in templates/profiles ("ccm", "marac", "asbrac").
std::vector<std::string> builtin_names();
// The YAML text of a shipped profile; throws Error(refused) naming the known ones.
std::string builtin_text(const std::string& name);

// Parses and validates a profile. `source` names the file in messages ("ccm.yaml:14: ...");
// pass "" for text that has no file. When the text has no `agencies:` list, `live_agencies`
// (the database's) is used for the checks that refer to agencies. Throws Error(refused) with
// the file, line and key of the first problem: wrong type, unknown key, missing key, bad value.
// `stored`: the text is the profile kept in a register, read leniently (see profile::Reader).
core::Profile load(std::string_view text, const std::string& source,
                   const std::vector<core::Agency>& live_agencies = {}, bool stored = false);

// Canonical YAML for a profile; with `with_agencies` false the agency list is left out (the
// database holds the live list).
std::string to_yaml(const core::Profile& profile, bool with_agencies = true);

// True when the text has a top-level `agencies:` key.
bool has_agencies(std::string_view text);

// The value at a dotted key ("coordinator.email", "criteria.0.label") as text: a scalar as it
// is, a list of scalars one per line, anything else as YAML. Throws Error(refused) for an
// unknown key, listing the known keys at that level.
std::string get_value(const core::Profile& profile, const std::string& key);

// A copy of the profile with the dotted key set from `value` (a scalar, a comma list or YAML
// flow text for lists). Validated as a whole; throws Error(refused) naming the key.
core::Profile set_value(const core::Profile& profile, const std::string& key, const std::string& value);

} // namespace panel::profile
