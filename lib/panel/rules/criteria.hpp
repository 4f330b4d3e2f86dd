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

// True when this referral was received on or after the previous one about the same person and
// no later than the window's last day from it (SafeLives: "within twelve months from the date of
// the last referral"; with 12 months, 2019-06-15 -> 2020-06-15 is a repeat, 2020-06-16 is not).
bool within_repeat_window(core::Date previous, core::Date current, const core::DateSpan& window);

} // namespace panel::rules
