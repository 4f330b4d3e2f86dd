#include "panel/rules/research.hpp"

#include "panel/rules/names.hpp"

#include <algorithm>

namespace panel::rules {
namespace {

// What tells people apart, worked out once per person (folding a name may call ICU).
struct Identity {
  std::string group, folded;
  std::optional<core::Date> dob;
  std::optional<std::int64_t> person_id;
};

Identity identity(const core::ResearchPerson& p)
{
  return {p.case_reference.empty() ? p.reference : p.case_reference, normalise_name(p.name), p.dob, p.person_id};
}

bool same(const Identity& a, const Identity& b)
{
  if (a.person_id && b.person_id)
    return *a.person_id == *b.person_id;
  return a.dob == b.dob && a.folded == b.folded;
}

} // namespace

bool same_person(const core::ResearchPerson& a, const core::ResearchPerson& b)
{
  return same(identity(a), identity(b));
}

std::vector<core::ResearchPerson> one_row_per_person(const std::vector<core::ResearchPerson>& people)
{
  std::vector<core::ResearchPerson> rows;
  std::vector<Identity> listed;
  for (const auto& p : people) {
    auto id = identity(p);
    if (std::none_of(listed.begin(), listed.end(), [&](const Identity& l) { return l.group == id.group && same(l, id); })) {
      listed.push_back(std::move(id));
      rows.push_back(p);
    }
  }
  return rows;
}

} // namespace panel::rules
