#pragma once
// The board report (report/board) as text, CSV, JSON, Markdown and HTML.
#include "panel/render/table.hpp"
#include "panel/report/board.hpp"

#include <string>

namespace panel::render {

enum class BoardFormat { table, csv, json, md, html };

// Parses a --format value for `panel report`; Error(usage) naming the five.
BoardFormat parse_board_format(const std::string& name);

// The JSON contract (docs/reports.md): period, the six sections, and compare with a comparison.
std::string board_json(const report::BoardReport& report);
// One row per figure: section, metric, key, value, previous, change (for Excel), after the
// marking line when `style` has one (--marking).
std::string board_csv(const report::BoardReport& report, const Style& style = {});
// For people: aligned text, and Markdown for a board paper.
std::string board_text(const report::BoardReport& report);
std::string board_markdown(const report::BoardReport& report);
// One self-contained HTML file (no scripts, no network): tables and inline SVG charts.
std::string board_html(const report::BoardReport& report);

// The report in `format`.
std::string board(const report::BoardReport& report, BoardFormat format, const Style& style);

} // namespace panel::render
