#pragma once
#include "panel/core/date.hpp"
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

// Where a risk level stands in the profile's `risk_levels` (lowest first): 0, 1, 2 ... or -1 for
// "" (not set) and for a word the profile does not list, which is never above anything.
int risk_rank(const core::Profile& profile, const std::string& level);

// A referral of a case with the risk its referrer assessed.
struct AssessedRisk {
  std::string reference, level;
  std::optional<core::Date> received;
};

// The referrals assessed higher than the case's (panel's) risk, in the order given: a level the
// profile lists above `case_risk`, or any listed level when the case's risk is not set. With
// `risk_set` (the day the panel last set the case's risk: see store::case_risk_set), a referral
// received on or before that day does not count: the panel set the risk having seen it.
std::vector<std::string> assessed_higher(const core::Profile& profile, const std::string& case_risk,
                                         const std::vector<AssessedRisk>& referrals,
                                         std::optional<core::Date> risk_set = std::nullopt);

// The highest of the levels the referrals were assessed at ("" when none is a listed level).
std::string highest_assessed(const core::Profile& profile, const std::vector<AssessedRisk>& referrals);

} // namespace panel::rules
