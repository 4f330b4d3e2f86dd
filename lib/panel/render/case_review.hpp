#pragma once
#include "panel/core/case_review.hpp"
#include "panel/render/table.hpp"
#include "panel/rules/case_review.hpp"

#include <ostream>
#include <string>

namespace panel::render {

// The threshold check as JSON (a contract, docs/case-review.md): {"reference", "threshold_met",
// "rule", "complaints": [{"incident_date", "reported_date", "agency", "complainant", "hate",
// "qualifies", "reason"}]}. `indent` < 0 gives one line (as stored with the decision).
std::string threshold_json(const core::CaseReview& review, const rules::ThresholdCheck& check, int indent = -1);

// The threshold check for people: each complaint with why it does or does not count, then the
// verdict, and the decision when one was recorded.
void write_threshold(std::ostream& out, const core::CaseReview& review, const rules::ThresholdCheck& check,
                     const Style& style);

} // namespace panel::render
