#pragma once
#include "panel/core/actor.hpp"
#include "panel/core/case_review.hpp"
#include "panel/core/document.hpp"
#include "panel/core/profile.hpp"
#include "panel/rules/case_review.hpp"
#include "panel/store/case_reviews.hpp"
#include "panel/store/db.hpp"

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace panel::ops {

// Records an application with the complaints given and those read from `complaints_file` (""
// for none, "-" for standard input). Every problem (file, line, field) is reported at once as
// Error(refused) and nothing is written. Returns the application with its reference.
// `standard_input` is the command's Context::in, read for "-" (null: "-" is refused).
core::CaseReview apply_for_case_review(store::Db& db, const core::CaseReviewApplication& application,
                                       const std::string& complaints_file, const core::Actor& actor,
                                       std::istream* standard_input = nullptr);

// Adds a complaint to an application not yet decided; audited.
void add_complaint(store::Db& db, const std::string& reference, const core::Complaint& complaint, const core::Actor& actor);

// An application and the threshold test applied to it as it stands.
struct CheckedReview {
  core::CaseReview review;
  rules::ThresholdCheck check;
};
// Applies the threshold test (read-only; audited as a read).
CheckedReview check_case_review(store::Db& db, const std::string& reference, const core::Actor& actor);

// Records the acknowledgement, sent on `day`.
void acknowledge_case_review(store::Db& db, const std::string& reference, core::Date day, const core::Actor& actor);

// Records the threshold decision made on `day`: the check's verdict, or `override_met` with a
// reason (a discretionary decision the other way). The check result is stored with it.
CheckedReview decide_case_review(store::Db& db, const std::string& reference, std::optional<bool> override_met,
                                 const std::string& reason, core::Date day, const core::Actor& actor);

// Lists an application whose threshold is met for review at a meeting (a case-review agenda item).
void list_case_review(store::Db& db, const std::string& reference, core::Date meeting, const core::Actor& actor);

// Records the outcome from an outcome file; each recommendation becomes an action. Returns the
// new action ids.
std::vector<std::string> record_case_review_outcome(store::Db& db, const std::string& reference, const std::string& file,
                                                    const core::Actor& actor, std::istream* standard_input = nullptr);

// Records an appeal against the decision or the outcome, received on `day`.
void appeal_case_review(store::Db& db, const std::string& reference, const std::string& reason, core::Date day,
                        const core::Actor& actor);

// One application as `trigger list` shows it (rules/case_review.hpp).
using CaseReviewStatus = rules::CaseReviewStatus;
// Every application with its stage and due dates.
std::vector<CaseReviewStatus> case_review_statuses(store::Db& db, const core::Profile& profile, core::Date today);

// One application in full, with its history and recommendations (audited as a read).
struct CaseReviewDetail {
  CaseReviewStatus status;
  std::vector<store::CaseReviewStepRecord> history;
  std::vector<core::ActionRecord> recommendations;
  std::vector<core::DocumentRecord> letters;
};
CaseReviewDetail show_case_review(store::Db& db, const std::string& reference, const core::Actor& actor);

// The holidays the profile's case review time limits skip.
rules::Holidays case_review_holidays(const core::Profile& profile);

} // namespace panel::ops
