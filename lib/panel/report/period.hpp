#pragma once
#include "panel/core/date.hpp"

#include <optional>
#include <string>

namespace panel::report {

// A reporting period, inclusive at both ends, and what it is called.
struct Period {
  core::Date from, to;
  std::string label;  // "2017-Q3", "2017/18-Q1", "2017", "2017/18", "2017-09-01 to 2017-09-30"
  // What kind of period it is, for the one before: quarter | fy-quarter | year | fy | days.
  std::string kind;
};

// How a period was asked for; exactly one of the five.
struct PeriodRequest {
  std::string quarter;     // 2017-Q3 (calendar)
  std::string fy_quarter;  // 2017/18-Q1 (UK financial year from 1 April)
  std::string year;        // 2017
  std::string fy;          // 2017/18
  std::string from, to;    // YYYY-MM-DD, both
};

// The period asked for; Error(usage) naming the option for a malformed value, none or several.
Period parse_period(const PeriodRequest& request);

// The period to compare with: "previous" (the quarter, year ... before; for --from/--to the
// same number of days just before), "year" (the same dates a year earlier) or "none".
// Error(usage) for another word.
std::optional<Period> comparison_period(const Period& period, const std::string& compare);

// The calendar quarter "2017-Q3" and UK financial-year quarter "2017/18-Q2" a date is in.
std::string quarter_of(core::Date d);
std::string fy_quarter_of(core::Date d);

} // namespace panel::report
