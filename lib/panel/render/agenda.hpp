#pragma once
#include "panel/core/agenda.hpp"
#include "panel/render/table.hpp"

#include <ostream>

namespace panel::render {

// The agenda as people read it (table, md: the meeting, the items, outstanding actions, cases
// going to the next meeting), as CSV (the items), or as JSON (docs/cli/agenda.md).
void write_agenda(std::ostream& out, const core::Agenda& agenda, Format format, const Style& style);

} // namespace panel::render
