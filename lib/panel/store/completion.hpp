#pragma once
#include "panel/store/db.hpp"

#include <string>
#include <vector>

namespace panel::store {

// What tab completion can offer from the database: identifiers only, never names or other
// personal data.
enum class Identifier { referral_or_case, case_review, action, agency, meeting };

// The identifiers of a kind that start with `prefix`, in order, at most `limit` of them.
std::vector<std::string> identifiers(Db& db, Identifier kind, const std::string& prefix, int limit = 500);

} // namespace panel::store
