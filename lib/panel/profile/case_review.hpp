#pragma once
#include "panel/core/case_review.hpp"
#include "panel/profile/reader.hpp"

#include <yaml-cpp/yaml.h>

namespace panel::profile {

// Reads the profile's `case_review:` map (absent: the defaults); Error(refused) naming the key.
core::CaseReviewSettings read_case_review(const Reader& r, const YAML::Node& node);

// Writes `case_review:` in canonical form.
void emit_case_review(YAML::Emitter& out, const core::CaseReviewSettings& s);

} // namespace panel::profile
