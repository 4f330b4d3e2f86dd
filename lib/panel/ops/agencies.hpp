#pragma once
#include "panel/core/actor.hpp"
#include "panel/core/agency.hpp"
#include "panel/store/db.hpp"

#include <optional>
#include <string>
#include <vector>

namespace panel::ops {

// Adds an agency; Error(refused) for a bad or taken code or a bad email address.
void add_agency(store::Db& db, const core::Agency& agency, const core::Actor& actor);

// The fields `agency update` may change; unset ones stay as they are.
struct AgencyChange {
  std::optional<std::string> name, email;
  std::optional<bool> core;
};
// Updates an agency; returns the names of the fields that changed (none when the values were the
// same). Error(refused) for an unknown code or a bad email.
std::vector<std::string> update_agency(store::Db& db, const std::string& code, const AgencyChange& change,
                           const core::Actor& actor);

// Removes an agency (its code in any case); refused while the profile's quorum or any record
// refers to it. Returns the code as it was recorded.
std::string remove_agency(store::Db& db, const std::string& code, const core::Actor& actor);

// Error(refused) "unknown agency 'X' (known: ...); did you mean 'Y'?" (core::unknown_word_message).
[[noreturn]] void unknown_agency(store::Db& db, const std::string& code);
// The code of an agency as recorded, typed in any case (`pol` -> `POL`); Error(refused) with the
// unknown_agency message when there is none. Every command that takes an agency code uses it.
std::string agency_code(store::Db& db, const std::string& typed);
// The codes of the known agencies, in listing order.
std::vector<std::string> agency_codes(store::Db& db);

} // namespace panel::ops
