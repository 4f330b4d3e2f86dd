#pragma once
// The police incident counts (report/incidents) as a table, CSV, JSON or Markdown.
#include "panel/render/table.hpp"
#include "panel/report/incidents.hpp"

#include <string>

namespace panel::render {

// The JSON contract: {"by", "from", "to", "rows": [{"key", ["name"], "count", ["previous",
// "change"]}]}; months "" and a previous with no data are null.
std::string incidents_json(const report::IncidentReport& result);

// The rows under the key's heading (MONTH, LSOA, ...), with the LSOA's name for --by lsoa and
// the year before for a comparison. For people (`format` table or md) the change is a
// percentage rounded from the two counts and a year with no data reads "no data"; CSV keeps the
// fraction JSON has and leaves no data empty.
Table incidents_table(const report::IncidentReport& result, Format format);

// The report in `format`, with `style` (colour, and the CSV marking line).
std::string incidents(const report::IncidentReport& result, Format format, const Style& style);

} // namespace panel::render
