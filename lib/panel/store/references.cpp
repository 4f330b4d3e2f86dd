#include "panel/store/references.hpp"

#include "panel/core/text.hpp"
#include "panel/store/impl.hpp"

namespace panel::store {

std::string stored_reference(Db& db, std::string_view typed)
{
  const std::string reference = core::trim(typed);
  // The exact spelling is what is nearly always typed, and it can use the unique indexes; the
  // case-blind comparison, which cannot, runs only when that finds nothing.
  auto& exact = db.impl().cached(
      "SELECT 1 FROM referral WHERE reference = ?1 UNION ALL SELECT 1 FROM \"case\" WHERE reference = ?1 "
      "UNION ALL SELECT 1 FROM case_review WHERE reference = ?1 LIMIT 1");
  exact.bind(1, reference);
  const bool stored = exact.executeStep();
  exact.reset();
  if (stored)
    return reference;
  auto& any_case = db.impl().cached(
      "SELECT reference FROM referral WHERE reference = ?1 COLLATE NOCASE UNION ALL "
      "SELECT reference FROM \"case\" WHERE reference = ?1 COLLATE NOCASE UNION ALL "
      "SELECT reference FROM case_review WHERE reference = ?1 COLLATE NOCASE LIMIT 1");
  any_case.bind(1, reference);
  std::string found = any_case.executeStep() ? any_case.getColumn(0).getString() : reference;
  any_case.reset();
  return found;
}

} // namespace panel::store
