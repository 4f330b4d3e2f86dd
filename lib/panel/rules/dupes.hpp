#pragma once
#include "panel/core/person.hpp"

#include <optional>
#include <vector>

namespace panel::rules {

// Scores two identities of different people. Nothing unless the folded names are equal and the
// dates of birth are the same, have day and month swapped, differ in one digit, or one or both
// are missing; a match on an alias scores 5 less and says so in the reason.
std::optional<core::DupeScore> dupe_score(const core::PersonIdentity& a, const core::PersonIdentity& b);

// Every pair of people with a score, each pair once (lower person id first) with its best
// score over all their identities; surest first, then by person ids.
std::vector<core::DupePair> dupe_pairs(const std::vector<core::PersonIdentity>& identities);

} // namespace panel::rules
