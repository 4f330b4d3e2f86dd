#pragma once
#include "panel/core/referral.hpp"

#include <string>
#include <vector>

namespace panel::rules {

// A referral joining a case, and what the case's earlier live referrals (in order) said: for each
// of the children in the household, the subject's role and postcode that the joining referral
// leaves blank while an earlier one gave it, one line saying the case keeps the latest value known
// (docs/reports.md: a blank is "not said", not "none"), and how to record a change.
std::vector<std::string> facts_kept(const std::string& reference, const std::string& case_reference,
                                    const std::vector<core::Referral>& earlier, const core::Referral& joining);

} // namespace panel::rules
