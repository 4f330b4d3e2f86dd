#pragma once
#include "panel/core/minutes.hpp"
#include "panel/core/profile.hpp"
#include "panel/core/case.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace panel::rules {

// The address a letter about a case goes to: that of the case's latest live referral (by date
// received) that has one, or "" when none has. `referrals` are the case's live referrals.
std::string letter_address(const std::vector<core::RecordedReferral>& referrals);

// An address as a coordinator types it after --address: lines separated by commas, semicolons,
// new lines or a typed "\n" ("Flat 2, 14 Mill Lane\nSkegness"); each line trimmed, blank ones
// left out, one line per line of the result.
std::string typed_address(const std::string& text);

// The intervention a letter about one (a CPW, an ABC) is about: the one with `requested` id, or
// else the case's only intervention of the template's `types`. Error(refused) when the id is not
// one of the case's interventions of those types, when there is none (saying how to record it),
// or when there are several and no id (listing them with their ids).
core::InterventionRecord letter_intervention(const std::vector<core::InterventionRecord>& interventions,
                                             const std::vector<std::string>& types, std::optional<std::int64_t> requested,
                                             const std::string& case_reference, const std::string& template_name,
                                             const core::Profile& profile);

} // namespace panel::rules
