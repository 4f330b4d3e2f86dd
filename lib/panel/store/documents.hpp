#pragma once
#include "panel/core/document.hpp"
#include "panel/store/db.hpp"

#include <vector>

namespace panel::store {

void insert_document(Db& db, const core::DocumentRecord& d);
// Documents about a case or any of its referrals, oldest first.
std::vector<core::DocumentRecord> case_documents(Db& db, std::int64_t case_id);
// The documents made for one referral (its letters), oldest first.
std::vector<core::DocumentRecord> referral_documents(Db& db, std::int64_t referral_id);
// Letters about an ASB case review, oldest first.
std::vector<core::DocumentRecord> case_review_documents(Db& db, std::int64_t case_review_id);

} // namespace panel::store
