#pragma once
#include "panel/core/research.hpp"

#include <vector>

namespace panel::rules {

// Whether two people named for the same case are one person: the same person on the register,
// or the same folded name (rules::normalise_name) and the same date of birth, both missing
// included. A name alike with a date of birth missing on one side stays two people (a possible
// match is never merged).
bool same_person(const core::ResearchPerson& a, const core::ResearchPerson& b);

// The people in order, each listed once per case (the case's reference, or the item's when it
// has no case): a later mention of someone listed already is dropped, so a perpetrator named in
// a referral and in its repeat is searched once, under the first item that named them.
std::vector<core::ResearchPerson> one_row_per_person(const std::vector<core::ResearchPerson>& people);

} // namespace panel::rules
