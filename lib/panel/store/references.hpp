#pragma once
#include "panel/store/db.hpp"

#include <string>
#include <string_view>

namespace panel::store {

// The stored spelling of a reference typed in any case and with surrounding spaces
// (`ccm-2017-0001` -> `CCM-2017-0001`): a referral's, a case's or an ASB case review's, voided or
// not. The trimmed text unchanged when no record has it, so the caller's "no such" message names
// what was typed. Every find_* by reference goes through it (issue #21: case is ignored everywhere).
std::string stored_reference(Db& db, std::string_view typed);

} // namespace panel::store
