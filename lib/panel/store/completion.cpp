#include "panel/store/completion.hpp"

#include "panel/store/impl.hpp"

namespace panel::store {
namespace {

const char* query(Identifier kind)
{
  switch (kind) {
  case Identifier::referral_or_case:
    // Cases first (the newest is usually wanted), then referrals.
    return "SELECT reference FROM (SELECT reference, 0 AS k, id FROM \"case\" WHERE voided IS NULL UNION ALL "
           "SELECT reference, 1, id FROM referral WHERE voided IS NULL) WHERE substr(reference, 1, length(?1)) = ?1 "
           "ORDER BY k, id DESC LIMIT ?2";
  case Identifier::case_review:
    return "SELECT reference FROM case_review WHERE substr(reference, 1, length(?1)) = ?1 ORDER BY id DESC LIMIT ?2";
  case Identifier::action:
    return "SELECT 'A-' || id FROM action WHERE substr('A-' || id, 1, length(?1)) = ?1 "
           "ORDER BY status = 'open' DESC, id DESC LIMIT ?2";
  case Identifier::agency:
    return "SELECT code FROM agency WHERE substr(code, 1, length(?1)) = ?1 ORDER BY position, code LIMIT ?2";
  case Identifier::meeting:
    return "SELECT date FROM meeting WHERE substr(date, 1, length(?1)) = ?1 ORDER BY date DESC LIMIT ?2";
  }
  return "";
}

} // namespace

std::vector<std::string> identifiers(Db& db, Identifier kind, const std::string& prefix, int limit)
{
  SQLite::Statement s(db.impl().sql, query(kind));
  s.bind(1, prefix);
  s.bind(2, limit);
  std::vector<std::string> words;
  while (s.executeStep())
    words.push_back(s.getColumn(0).getString());
  return words;
}

} // namespace panel::store
