#pragma once
// Private to lib/: the board report's JSON (report/board.cpp) as text, CSV, Markdown and HTML.
#include "panel/store/board.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace panel::render {

struct BoardHeading {
  std::string panel_name, marking;
  int suppress_below = 0;
  std::string audit_head;  // N:HASH for the footer ('panel check --head'); "" prints none
};

// The headline figures compared between periods: the name under "compare", and the section
// and key of the figure.
struct Headline {
  const char* name;
  const char* section;
  const char* key;
};
const std::vector<Headline>& board_headlines();

// Monthly series for the HTML charts ("YYYY-MM" -> count); an empty series has no chart. Police
// months never imported have no count: a gap marked "no data", not a bar of 0.
struct BoardCharts {
  store::Counts referrals_per_month, cases_open;
  store::MonthlyCounts incidents_per_month;
};

std::string board_text(const nlohmann::ordered_json& report, const BoardHeading& heading);
std::string board_markdown(const nlohmann::ordered_json& report, const BoardHeading& heading);
// One row per figure: section, metric, key, value, previous, change (for Excel).
std::string board_csv(const nlohmann::ordered_json& report);
// One self-contained HTML file (no scripts, no network): tables and inline SVG charts.
std::string board_html(const nlohmann::ordered_json& report, const BoardHeading& heading, const BoardCharts& charts);

} // namespace panel::render
