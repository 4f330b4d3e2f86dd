#pragma once
#include "panel/core/case_review.hpp"
#include "panel/core/profile.hpp"
#include "panel/core/value.hpp"
#include "panel/store/db.hpp"

namespace panel::documents {

// Adds what a case review letter can use (docs/templates.md): application, complaints (each with
// whether and why it counts), recommendations and the profile's case_review settings.
void add_case_review_context(core::Value& context, store::Db& db, const core::Profile& profile, const core::CaseReview& review,
                             core::Date today);

} // namespace panel::documents
