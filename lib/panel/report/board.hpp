#pragma once
#include "panel/core/case_review.hpp"
#include "panel/core/date.hpp"
#include "panel/report/case_reviews.hpp"
#include "panel/report/period.hpp"
#include "panel/rules/working_days.hpp"
#include "panel/store/board.hpp"
#include "panel/store/db.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace panel::report {

// What the board report covers and how it is published.
struct BoardOptions {
  Period period;
  std::optional<Period> compare;
  int suppress_below = 0;   // counts 1..N-1 shown as "<N"; 0 or 1: none
  std::string panel_name, marking;  // for the html and md headings
  core::CaseReviewSettings case_review;  // the profile's, for the case review time limits
  rules::Holidays holidays;              // the days those time limits skip
  bool charts = false;                   // read the monthly series the HTML charts draw
  std::map<std::string, std::string> names;  // category and intervention codes -> names (the profile's)
};

// The sections of the board report (docs/reports.md). Counts are the true counts: suppression
// is how they are shown (BoardReport::suppressed). A breakdown is largest first, a missing
// value under "(none)".
struct BoardDecisions {
  std::int64_t accepted = 0, declined = 0, redirected = 0, more_info = 0;
};
struct BoardReferrals {
  std::int64_t received = 0;
  store::Counts by_agency, by_category;
  std::int64_t residents = 0, vulnerable = 0, repeats = 0;
  std::optional<double> repeat_rate;  // repeats / received, 4 places; none when nothing to divide or suppressed
  std::int64_t meeting_threshold = 0;
  BoardDecisions decisions;  // decisions taken in the period
  std::int64_t pending_at_end = 0;
};
struct CancelledMeeting {
  core::Date date;
  std::string reason;
};
struct BoardMeetings {
  std::int64_t scheduled = 0, held = 0, cancelled = 0, inquorate = 0;
  std::vector<CancelledMeeting> cancel_reasons;
};
struct BoardCases {
  std::int64_t discussed = 0, new_discussed = 0, open_at_end = 0, closed = 0;
  store::Counts closed_by_reason;
  std::optional<double> median_days_to_first_discussion;
};
struct BoardActions {
  std::int64_t agreed = 0, completed = 0, completed_on_time = 0;
  std::optional<double> on_time_rate;  // completed_on_time / completed, as repeat_rate
  std::int64_t overdue_at_end = 0;
};
struct BoardInterventions {
  store::Counts by_type, by_tier;
};

// Every figure of one period.
struct BoardFigures {
  Period period;
  BoardReferrals referrals;
  BoardMeetings meetings;
  BoardCases cases;
  BoardActions actions;
  BoardInterventions interventions;
  CaseReviewFigures case_reviews;
};

// The figures compared between periods, in the order of the JSON contract.
enum class Headline {
  referrals_received, repeats, meeting_threshold, residents, vulnerable, meetings_held, cases_discussed,
  new_cases_discussed, cases_open_at_end, cases_closed, actions_agreed, actions_completed, actions_overdue_at_end
};
const std::vector<Headline>& board_headlines();
// Its key under "compare" ("referrals_received").
const char* headline_name(Headline headline);
std::int64_t headline_figure(const BoardFigures& figures, Headline headline);

struct HeadlineChange {
  Headline headline;
  std::int64_t previous = 0;     // the figure in the period compared with
  std::optional<double> change;  // (now - previous) / previous, 4 places; none from 0 or suppressed
};
struct BoardComparison {
  Period period;
  std::vector<HeadlineChange> headlines;  // one per board_headlines(), in that order
  const HeadlineChange& of(Headline headline) const;
};

// Monthly series for the HTML charts ("YYYY-MM" -> count); an empty series has no chart. Police
// months never imported have no count: a gap marked "no data", not a bar of 0.
struct BoardCharts {
  store::Counts referrals_per_month, cases_open;
  store::MonthlyCounts incidents_per_month;
};

// The board report, computed once and rendered by render/board in any format.
struct BoardReport {
  std::string panel_name, marking;
  int suppress_below = 0;
  BoardFigures figures;
  std::optional<BoardComparison> compare;
  BoardCharts charts;      // read only when BoardOptions::charts
  std::string audit_head;  // N:HASH of the audit log as the figures were read; "" for an empty log
  // Codes -> the names people read (agencies, categories, interventions): the table, md and html
  // show names, csv and json keep the codes.
  std::map<std::string, std::string> names;

  // A count from 1 to suppress_below-1, shown as "<N" for publication.
  bool suppressed(std::int64_t count) const { return suppress_below > 1 && count >= 1 && count < suppress_below; }
};

// The board report (docs/reports.md), read in one transaction.
BoardReport board_report(store::Db& db, const BoardOptions& options);

// Actions as they stood on each day, rebuilt from their history.
struct ActionFigures {
  std::int64_t agreed = 0, completed = 0, completed_on_time = 0, overdue_at_end = 0;
};
ActionFigures action_figures(const std::vector<store::ActionTimeline>& actions, core::Date from, core::Date to);

// The median of whole numbers (the mean of the middle two for an even count); none when empty.
std::optional<double> median(std::vector<int> values);

} // namespace panel::report
