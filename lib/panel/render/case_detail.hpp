#pragma once
#include "panel/core/case.hpp"
#include "panel/render/table.hpp"

#include <ostream>

namespace panel::render {

// `case show`: a readable record (table), Markdown, or JSON with snake_case keys:
// {"case": {...}, "referrals": [{..., "decisions": [...]}]}.
void write_case(std::ostream& out, const core::CaseDetail& detail, Format format);

} // namespace panel::render
