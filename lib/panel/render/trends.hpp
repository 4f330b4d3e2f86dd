#pragma once
// The incident trends report (report/trends) as a table, CSV, JSON or Markdown.
#include "panel/render/table.hpp"
#include "panel/report/trends.hpp"

#include <string>

namespace panel::render {

// A p- or q-value for people: 3 decimals, or 3 significant digits in scientific when below 0.001.
std::string format_probability(double p);

// The JSON contract (docs/reports.md): what was tested (type, force, months, settings, areas
// tested, incidents with no location) and the rows with their raw numbers. Only the areas
// flagged, unless `all`.
std::string trends_json(const report::TrendReport& r, bool all);

// The rows with rounded numbers (2 places; p and q as format_probability); for the aligned
// table (`format` table) those text cells are padded on the left, as numbers are.
Table trends_table(const report::TrendReport& r, bool all, Format format);

// The line for people on stderr: how many areas were flagged, over which months, and the
// incidents left out for having no location.
std::string trends_summary(const report::TrendReport& r);

// The report in `format`, with `style` (colour, and the CSV marking line).
std::string trends(const report::TrendReport& r, bool all, Format format, const Style& style);

} // namespace panel::render
