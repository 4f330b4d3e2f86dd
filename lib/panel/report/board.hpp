#pragma once
#include "panel/core/case_review.hpp"
#include "panel/core/date.hpp"
#include "panel/report/period.hpp"
#include "panel/rules/working_days.hpp"
#include "panel/store/board.hpp"
#include "panel/store/db.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace panel::report {

// What the board report covers and how it is published.
struct BoardOptions {
  Period period;
  std::optional<Period> compare;
  int suppress_below = 0;   // counts 1..N-1 shown as "<N"; 0 or 1: none
  std::string format = "table";  // table | csv | json | md | html
  std::string panel_name, marking;  // for the html and md headings
  core::CaseReviewSettings case_review;  // the profile's, for the case review time limits
  rules::Holidays holidays;              // the days those time limits skip
};

// The board report (docs/reports.md), rendered in the format asked for, read in one transaction.
std::string board_report(store::Db& db, const BoardOptions& options);

// Actions as they stood on each day, rebuilt from their history.
struct ActionFigures {
  std::int64_t agreed = 0, completed = 0, completed_on_time = 0, overdue_at_end = 0;
};
ActionFigures action_figures(const std::vector<store::ActionTimeline>& actions, core::Date from, core::Date to);

// The median of whole numbers (the mean of the middle two for an even count); none when empty.
std::optional<double> median(std::vector<int> values);

} // namespace panel::report
