#pragma once
// The SafeLives MARAC return (report/safelives) as a table, CSV, JSON or Markdown.
#include "panel/render/table.hpp"
#include "panel/report/safelives.hpp"

#include <string>

namespace panel::render {

// The JSON contract: period, meetings (one object per meeting), totals, percentages (4-place
// fractions of cases discussed, null when none were), twelve_months, the population and cases
// per 10,000 adult females (null without a population).
std::string safelives_json(const report::SafeLivesReturn& r);

// One row per meeting, then "total", then "percent" (for people: "6.3%", "-" when no cases).
Table safelives_table(const report::SafeLivesReturn& r);

// The return in `format`; the aligned table ends with the twelve-month lines. `style` gives the
// colour of the table and, for CSV, the marking line (--marking).
std::string safelives(const report::SafeLivesReturn& r, Format format, const Style& style);

} // namespace panel::render
