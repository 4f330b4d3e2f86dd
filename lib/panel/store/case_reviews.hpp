#pragma once
#include "panel/core/actor.hpp"
#include "panel/core/case_review.hpp"
#include "panel/core/minutes.hpp"
#include "panel/core/vocabulary.hpp"
#include "panel/store/db.hpp"

#include <optional>
#include <string>
#include <vector>

namespace panel::store {

// Records a new application (without its complaints) as CT-<year received>-<NNNN>; returns it
// with id and reference set.
core::CaseReview insert_case_review(Db& db, const core::CaseReviewApplication& application, const core::Actor& actor);
// Adds a complaint at the end of an application's list.
void insert_complaint(Db& db, std::int64_t case_review_id, const core::Complaint& complaint);

// An application with its complaints, by reference (any case of letters); nothing when unknown.
std::optional<core::CaseReview> find_case_review(Db& db, const std::string& reference);
// Every application, oldest reference first, with its complaints.
std::vector<core::CaseReview> list_case_reviews(Db& db);

// Keeps a step in the application's history (who, when, what).
void record_case_review_step(Db& db, std::int64_t case_review_id, core::CaseReviewStep step, core::Date day,
                             const std::string& detail, const core::Actor& actor);
struct CaseReviewStepRecord {
  std::string step, day, at, user, detail;
};
std::vector<CaseReviewStepRecord> case_review_steps(Db& db, std::int64_t case_review_id);

void set_acknowledged(Db& db, std::int64_t case_review_id, core::Date day);
// Records the threshold decision with the check it rested on.
void set_decision(Db& db, std::int64_t case_review_id, core::Date day, bool met, const std::string& rule,
                  const std::string& override_reason, const std::string& check_json);
void set_review_meeting(Db& db, std::int64_t case_review_id, std::int64_t meeting_id);
void set_outcome(Db& db, std::int64_t case_review_id, core::Date day, const std::string& summary);
void set_appeal(Db& db, std::int64_t case_review_id, core::Date day, const std::string& reason);

// Adds a recommendation of a review as an action owned by an agency; returns its id ("A-12").
std::string insert_review_action(Db& db, std::int64_t case_review_id, const core::NewAction& action,
                                 const core::Actor& actor);
// The actions that came from a review, in the order they were added.
std::vector<core::ActionRecord> review_actions(Db& db, std::int64_t case_review_id);

// Case reviews listed for a meeting (`trigger review --meeting`), as agenda items.
struct ListedCaseReview {
  std::string reference;
  std::string victim;
};
std::vector<ListedCaseReview> case_reviews_for_meeting(Db& db, core::Date meeting);
// Moves the case reviews listed for a cancelled meeting to another (none: no meeting); returns
// their ids and references.
std::vector<std::pair<std::int64_t, std::string>> move_case_reviews(Db& db, std::int64_t from_meeting,
                                                                    std::optional<std::int64_t> to_meeting);

} // namespace panel::store
