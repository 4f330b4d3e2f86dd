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

// Candidate pairs of records of one person (rules::dupe_pairs over everyone standing on their
// own and their aliases), surest first. Audited as a read of the people listed.
std::vector<core::DupePair> person_dupes(store::Db& db, const core::Actor& actor);

// Records another name (and date of birth) a person is known by: intake then matches referrals
// by it, and `person find`, `person dupes` and research lists consider it. Refused for an unknown,
// merged-away or purged person, a blank name, their own name (with no other date of birth), or an
// alias the person already has. Returns the alias's id and the person's name, to say whose it is.
struct AliasAdded {
  std::int64_t alias_id = 0;
  std::string person_name;  // as first recorded, for the output to name whom the alias went to
};
AliasAdded add_alias(store::Db& db, const std::string& id, const std::string& name, std::optional<core::Date> dob,
                     const core::Actor& actor);

// Removes an alias recorded in error (`dob` picks one of several with that name). Refused for an
// unknown person or alias, and for an alias a merge still standing made or moved (unmerge it).
// The history keeps what was removed, with the reason.
core::PersonAlias remove_alias(store::Db& db, const std::string& id, const std::string& name,
                               std::optional<core::Date> dob, const std::string& reason, const core::Actor& actor);

// A person's aliases (an audited read). Refused for an unknown id.
std::vector<core::PersonAlias> list_aliases(store::Db& db, const std::string& id, const core::Actor& actor);

} // namespace panel::ops
