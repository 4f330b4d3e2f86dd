#pragma once
#include "panel/core/person.hpp"

#include <optional>
#include <string>
#include <vector>

namespace panel::rules {

// How two different folded names (normalise_name) may still be one person's, when the dates of
// birth are the same: `swapped` - the first and last words the other way round ("lewis sarah" /
// "sarah lewis"); `similar` - the same last word (surname) and one first name the start of the
// other ("sam" / "samantha"), or the whole names at most two letters apart (added, dropped,
// changed, or two neighbours the wrong way round), one letter when the shorter name has fewer
// than ten letters ("sara lewis" / "sarah lewis", "jon" / "john"; not "sam lewis" / "sara lewis").
enum class NameLikeness { similar, swapped };
std::optional<NameLikeness> name_likeness(const std::string& key_a, const std::string& key_b);

// Scores two identities of different people. Nothing unless the folded names are equal and the
// dates of birth are the same, have day and month swapped, differ in one digit, or one or both
// are missing; or the dates of birth are the same (both given) and the names alike
// (name_likeness): swapped scores 80, similar 70. A match on an alias scores 5 less and says so in
// the reason.
std::optional<core::DupeScore> dupe_score(const core::PersonIdentity& a, const core::PersonIdentity& b);

// Every pair of people with a score, each pair once (lower person id first) with its best
// score over all their identities; surest first, then by person ids.
std::vector<core::DupePair> dupe_pairs(const std::vector<core::PersonIdentity>& identities);

} // namespace panel::rules
