#pragma once
#include "panel/core/profile.hpp"

#include <optional>
#include <string>
#include <vector>

namespace panel::rules {

// A referral's risk as the meeting pack states it, from what is recorded:
//   "high (DASH RIC 17)"             a risk level and a score
//   "high"                           a risk level alone
//   "visible high risk (DASH RIC 17)" no level, but a criterion on the score was met
//   "DASH RIC 9, no risk level recorded"
//   ""                               nothing known: the pack says "not yet assessed".
// `level` is the case's risk level (or the referral's); the instrument is the referral's, else
// the profile's first; `criteria_met` are the ids of the criteria the referral met.
std::string risk_summary(const core::Profile& profile, const std::string& level, std::optional<int> score,
                         const std::string& instrument, const std::vector<std::string>& criteria_met);

} // namespace panel::rules
