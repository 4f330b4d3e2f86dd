#pragma once
#include "panel/core/case.hpp"
#include "panel/core/person.hpp"
#include "panel/render/table.hpp"

#include <ostream>

namespace panel::render {

// `case show`: a readable record (table), Markdown, or JSON with snake_case keys:
// {"case": {...}, "referrals": [{..., "decisions": [...]}]}.
void write_case(std::ostream& out, const core::CaseDetail& detail, Format format);

// `person export`: everything held about one person, as readable text, Markdown, or JSON
// {"person", "cases" [as case show], "referrals" [those in no case], "named_in_referrals_about_others"}.
void write_person(std::ostream& out, const core::PersonRecord& person, Format format);

} // namespace panel::render
