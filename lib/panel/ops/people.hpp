#pragma once
#include "panel/core/actor.hpp"
#include "panel/core/person.hpp"
#include "panel/store/db.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace panel::ops {

// Everyone whose name contains every word of `name` (names compared as rules::normalise_name
// folds them: case, accents, punctuation), as a person on the register, another party in a
// referral, or someone in an ASB case review. With `dob`, those with another known date of birth
// are left out (an unknown one is kept). Audited as a read of what was found.
std::vector<core::PersonMatch> find_people(store::Db& db, const std::string& name, std::optional<core::Date> dob,
                                           const core::Actor& actor);

// Everything held about one person (their referrals, cases, discussions, actions, interventions
// and letters) and where they are named in referrals about others, for a subject access request.
// Error(refused) for an unknown id. Audited as an export. `deliver` (writing the export to a
// file) runs before the commit, so an export refused there (the file exists) is not audited.
core::PersonRecord export_person(store::Db& db, const std::string& id, const core::Actor& actor,
                                 const std::function<void(const core::PersonRecord&)>& deliver = {});

} // namespace panel::ops
