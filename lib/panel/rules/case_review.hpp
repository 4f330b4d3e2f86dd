#pragma once
#include "panel/core/case_review.hpp"
#include "panel/rules/working_days.hpp"

#include <optional>
#include <string>
#include <vector>

namespace panel::rules {

// One complaint as the threshold test sees it.
struct ComplaintCheck {
  std::string complainant;  // as given, or the victim's name when the complaint names nobody
  bool qualifies = false;   // counts towards the threshold
  std::string reason;       // why it does or does not count, one line
};

// The threshold test applied to an application (docs/case-review.md).
struct ThresholdCheck {
  std::vector<ComplaintCheck> complaints;  // in the application's order
  int incidents = 0;                       // qualifying incidents, each counted once
  int hate_incidents = 0;
  int complainants = 0;                    // most different complainants within the window
  bool met = false;
  std::string rule;                        // "complaints", "hate" or "complainants"; "" when not met
  std::string grounds;                     // why it is or is not met: "2 qualifying incidents (3 needed), ..."
  std::string verdict;                     // "threshold met: " or "threshold not met: " and the grounds
};

// Applies the threshold test. A complaint qualifies when it was reported within
// `reported_within_months` calendar months of the incident (on or before the same day that many
// months later), on or before the day the application was received, and the application came
// within `applied_within_months` of it. The same incident (incident date and complainant, names
// compared without case or extra spaces) reported to several agencies counts once. The rules are
// tried in order complaints, hate, complainants; the first met names the verdict.
ThresholdCheck check_threshold(const core::CaseReviewApplication& application, const core::CaseReviewSettings& settings);

// The rule names, for the profile and the docs.
const std::vector<std::string>& threshold_rules();

// The days a case review's steps are due, and whether each was done late.
struct StepDue {
  std::string step;              // acknowledge | decide | outcome
  core::Date due;
  std::optional<core::Date> done;
  bool late() const { return done && *done > due; }
};

// The time-limited steps of a review so far: acknowledge and decide always; outcome once the
// threshold is met. `received + N working days` (start not counted).
std::vector<StepDue> step_dues(const core::CaseReview& review, const core::CaseReviewSettings& settings,
                               const Holidays& holidays);

// The review's stage: received, acknowledged, threshold-not-met, threshold-met, review-listed,
// outcome-sent or appealed.
std::string stage_of(const core::CaseReview& review);
// Every stage, in order.
const std::vector<std::string>& case_review_stages();
// The stages a review has reached, whatever came after ("threshold-not-met" stays reached when
// the decision is appealed): what a letter's `when:` is matched against.
std::vector<std::string> stages_reached(const core::CaseReview& review);

// One application as `trigger list` shows it.
struct CaseReviewStatus {
  core::CaseReview review;
  std::string stage;
  std::vector<StepDue> steps;
  std::optional<StepDue> next;  // the first step not done
  int working_days_overdue = 0;        // of the next step
};

} // namespace panel::rules
