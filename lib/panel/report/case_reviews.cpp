#include "panel/report/case_reviews.hpp"

#include "panel/report/board.hpp"
#include "panel/rules/case_review.hpp"

namespace panel::report {

CaseReviewFigures case_review_figures(const std::vector<core::CaseReview>& reviews, const core::CaseReviewSettings& settings,
                                      const rules::Holidays& holidays, core::Date from, core::Date to)
{
  CaseReviewFigures f;
  auto within = [&](const std::optional<core::Date>& d) { return d && *d >= from && *d <= to; };
  std::vector<int> to_decision;
  for (const auto& r : reviews) {
    f.received += within(r.application.received);
    f.reviews_completed += within(r.outcome);
    f.appeals += within(r.appealed);
    if (within(r.decided)) {
      (*r.threshold_met ? f.threshold_met : f.threshold_not_met) += 1;
      to_decision.push_back(rules::working_days_between(r.application.received, *r.decided, holidays));
    }
    for (const auto& step : rules::step_dues(r, settings, holidays))
      f.steps_late += within(step.done) && step.late();
  }
  f.median_working_days_to_decision = median(to_decision);
  return f;
}

} // namespace panel::report
