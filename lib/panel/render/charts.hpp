#pragma once
// Private to lib/: small charts as inline SVG (one <figure> each, no scripts), for HTML reports.
#include "panel/core/counts.hpp"

#include <string>

namespace panel::render {

// Counts from 1 to suppress_below-1 are drawn at suppress_below-1, in grey, labelled "<N"
// (0 or 1: nothing suppressed). An empty series draws nothing.

// Vertical bars, one per month of a series keyed "YYYY-MM"; a month with no value (no data) is
// a gap labelled "no data".
std::string bar_chart(const std::string& caption, const core::MonthlyCounts& series, int suppress_below);
std::string bar_chart(const std::string& caption, const core::Counts& series, int suppress_below);
// Horizontal bars for a breakdown (referrals by category), in the order given.
std::string hbar_chart(const std::string& caption, const core::Counts& rows);
// A line through a monthly series (cases open over time).
std::string line_chart(const std::string& caption, const core::Counts& series, int suppress_below);

} // namespace panel::render
