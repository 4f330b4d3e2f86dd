#include "panel/store/case_names.hpp"

#include "panel/store/impl.hpp"
#include "panel/store/references.hpp"

namespace panel::store {

std::vector<std::string> case_names(Db& db, const std::string& case_reference)
{
  auto& s = db.impl().cached(R"SQL(
SELECT p.name FROM "case" k JOIN person p ON p.id = k.person_id WHERE k.reference = ?1
UNION SELECT r.name FROM referral r JOIN "case" k ON k.person_id = r.person_id
  WHERE k.reference = ?1 AND r.voided IS NULL
UNION SELECT o.name FROM other_party o JOIN referral r ON r.id = o.referral_id JOIN "case" k ON k.id = r.case_id
  WHERE k.reference = ?1 AND r.voided IS NULL)SQL");
  s.bind(1, stored_reference(db, case_reference));
  std::vector<std::string> names;
  while (s.executeStep()) {
    auto name = s.getColumn(0).getString();
    if (!name.empty() && name.front() != '[')
      names.push_back(std::move(name));
  }
  return names;
}

} // namespace panel::store
