#include "panel/render/research.hpp"

namespace panel::render {

Table research_table(const core::ResearchList& list, const std::vector<std::string>& agencies)
{
  Table t{{{"agency", "AGENCY"}, {"meeting", "MEETING"}, {"reference", "REFERENCE"}, {"case", "CASE"},
           {"item", "ITEM"}, {"person", "PERSON"}, {"role", "ROLE"}, {"relationship", "RELATIONSHIP"},
           {"name", "NAME"}, {"also_known_as", "ALSO KNOWN AS"}, {"dob", "DOB"}, {"postcode", "POSTCODE"}},
          {}};
  for (const auto& agency : agencies)
    for (const auto& p : list.people)
      t.rows.push_back({agency, list.meeting.iso(), p.reference, text_cell(p.case_reference), p.item, p.person,
                        text_cell(p.role), text_cell(p.relationship), p.name, p.aliases,
                        p.dob ? Cell{p.dob->iso()} : Cell{}, text_cell(p.postcode)});
  return t;
}

} // namespace panel::render
