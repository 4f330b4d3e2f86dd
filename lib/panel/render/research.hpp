#pragma once
#include "panel/core/research.hpp"
#include "panel/render/table.hpp"

#include <string>
#include <vector>

namespace panel::render {

// The research list as rows (docs/cli/agenda.md, "Research list columns"): one row per person
// for each agency, for table, CSV and JSON.
Table research_table(const core::ResearchList& list, const std::vector<std::string>& agencies);

} // namespace panel::render
