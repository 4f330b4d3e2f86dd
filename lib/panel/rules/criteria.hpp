#pragma once
#include "panel/core/profile.hpp"
#include "panel/core/referral.hpp"

#include <string>
#include <vector>

namespace panel::rules {

// The ids of the profile's criteria that a referral meets, in profile order. A criterion is met
// when all its conditions hold; a number condition on a missing value does not hold. `repeat` is
// whether the referral is a repeat (which the caller has worked out).
std::vector<std::string> criteria_met(const std::vector<core::Criterion>& criteria, const core::Referral& referral,
                                      bool repeat);

// True when the previous referral about the same person was received at most `window_days`
// days before this one (SafeLives: "within twelve months from the date of the last referral").
bool within_repeat_window(core::Date previous, core::Date current, int window_days);

} // namespace panel::rules
