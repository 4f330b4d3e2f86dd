#pragma once
#include "panel/core/case_review.hpp"
#include "panel/rules/working_days.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace panel::report {

// The ASB case review figures of a period (docs/reports.md, section case_reviews).
struct CaseReviewFigures {
  std::int64_t received = 0;           // applications received in the period
  std::int64_t threshold_met = 0;      // threshold decisions in the period: met ...
  std::int64_t threshold_not_met = 0;  // ... and not met
  std::int64_t reviews_completed = 0;  // outcomes sent in the period
  std::int64_t appeals = 0;            // appeals received in the period
  std::optional<double> median_working_days_to_decision;  // of the decisions in the period
  std::int64_t steps_late = 0;         // steps done in the period after their due date
};

CaseReviewFigures case_review_figures(const std::vector<core::CaseReview>& reviews, const core::CaseReviewSettings& settings,
                                      const rules::Holidays& holidays, core::Date from, core::Date to);

} // namespace panel::report
