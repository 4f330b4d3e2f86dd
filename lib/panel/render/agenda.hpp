#pragma once
#include "panel/core/agenda.hpp"
#include "panel/render/table.hpp"

#include <ostream>
#include <string>

namespace panel::render {

// The pack's note on an item, "" for nothing: "ASBRAC-2026-0028 assessed
// high: review the risk" (a live referral of the case assessed above the panel's risk), "carried
// over from 2026-12-08" (listed for that meeting and not reached).
std::string agenda_note(const core::AgendaItem& item);

// The agenda as people read it (table, md: the meeting, the items, outstanding actions, cases
// going to the next meeting), as CSV (the items), or as JSON (docs/cli/agenda.md).
void write_agenda(std::ostream& out, const core::Agenda& agenda, Format format, const Style& style);

} // namespace panel::render
