#include "panel/store/audit.hpp"

#include "panel/store/impl.hpp"

namespace panel::store {

void append_audit(Db& db, const core::Actor& actor, core::AuditAction action, const std::string& entity,
                  const std::string& record, const std::string& detail)
{
  AuditTrail(db).append(actor, action, entity, record, detail);
}

void AuditTrail::append(const core::Actor& actor, core::AuditAction action, const std::string& entity,
                        const std::string& record, const std::string& detail)
{
  // Callers hold a write transaction, so the last row cannot change between reading its hash and
  // inserting the next, nor between two rows written through this trail.
  if (!m_head) {
    auto& last = m_db.impl().cached("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1");
    m_head = last.executeStep() ? last.getColumn(0).getString() : "";
    last.reset();
  }
  const std::string word = core::to_string(action);  // the stored text, bound below without a copy
  core::AuditEntry row{0, actor.at, actor.user, actor.command, word, entity, record, detail, ""};
  std::string hash = core::audit_hash(*m_head, row);
  auto& s = m_db.impl().cached("INSERT INTO audit_log (at, user, command, action, entity, record, detail, hash) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  // Every value outlives the statement's run, so SQLite need not copy it.
  s.bindNoCopy(1, actor.at);
  s.bindNoCopy(2, actor.user);
  s.bindNoCopy(3, actor.command);
  s.bindNoCopy(4, word);
  s.bindNoCopy(5, entity);
  s.bindNoCopy(6, record);
  s.bindNoCopy(7, detail);
  s.bindNoCopy(8, hash);
  s.exec();
  s.clearBindings();  // the cached statement keeps no pointer to strings about to go away
  m_head = std::move(hash);
}

namespace {

// The rows of a statement that selects id, at, user, command, action, entity, record, detail, hash.
std::vector<core::AuditEntry> entries(SQLite::Statement& s)
{
  std::vector<core::AuditEntry> rows;
  while (s.executeStep())
    rows.push_back({s.getColumn(0).getInt64(), s.getColumn(1).getString(), s.getColumn(2).getString(),
                    s.getColumn(3).getString(), s.getColumn(4).getString(), s.getColumn(5).getString(),
                    s.getColumn(6).getString(), s.getColumn(7).getString(), s.getColumn(8).getString()});
  return rows;
}

} // namespace

std::vector<core::AuditEntry> list_audit(Db& db, const std::string& since)
{
  SQLite::Statement s(db.impl().sql,
                      "SELECT id, at, user, command, action, entity, record, detail, hash FROM audit_log "
                      "WHERE at >= ? ORDER BY id");
  s.bind(1, since);
  return entries(s);
}

AuditMark audit_mark(Db& db)
{
  SQLite::Statement s(db.impl().sql, "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1");
  if (!s.executeStep())
    return {};
  return {s.getColumn(0).getInt64(), s.getColumn(1).getString()};
}

std::vector<core::AuditEntry> changes_since(Db& db, const AuditMark& mark)
{
  if (mark.last_id > 0) {
    SQLite::Statement same(db.impl().sql, "SELECT hash FROM audit_log WHERE id = ?");
    same.bind(1, mark.last_id);
    if (!same.executeStep() || same.getColumn(0).getString() != mark.hash)
      return {core::AuditEntry{0, "", "", "", "update", "database", "", "replaced (restored?)", ""}};
  }
  SQLite::Statement s(db.impl().sql,
                      "SELECT id, at, user, command, action, entity, record, detail, hash FROM audit_log "
                      "WHERE id > ? AND action NOT IN ('read', 'export') ORDER BY id");
  s.bind(1, mark.last_id);
  return entries(s);
}

std::string register_id(Db& db)
{
  SQLite::Statement s(db.impl().sql, "SELECT hash FROM audit_log ORDER BY id LIMIT 1");
  return s.executeStep() ? s.getColumn(0).getString().substr(0, 16) : "";
}

AuditChain verify_audit_chain(Db& db)
{
  SQLite::Statement s(db.impl().sql,
                      "SELECT id, at, user, command, action, entity, record, detail, hash FROM audit_log ORDER BY id");
  AuditChain chain;
  while (s.executeStep()) {
    core::AuditEntry e{s.getColumn(0).getInt64(), s.getColumn(1).getString(), s.getColumn(2).getString(),
                       s.getColumn(3).getString(), s.getColumn(4).getString(), s.getColumn(5).getString(),
                       s.getColumn(6).getString(), s.getColumn(7).getString(), s.getColumn(8).getString()};
    ++chain.rows;
    if (!chain.first_broken && core::audit_hash(chain.head, e) != e.hash)
      chain.first_broken = e.id;
    chain.head = e.hash;
  }
  return chain;
}

core::AuditHead audit_head(Db& db)
{
  SQLite::Statement s(db.impl().sql, "SELECT count(*), coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') "
                                     "FROM audit_log");
  s.executeStep();
  return {s.getColumn(0).getInt64(), s.getColumn(1).getString()};
}

std::optional<std::string> audit_hash_at(Db& db, std::int64_t n)
{
  if (n < 1)
    return std::nullopt;
  SQLite::Statement s(db.impl().sql, "SELECT hash FROM audit_log ORDER BY id LIMIT 1 OFFSET ?");
  s.bind(1, n - 1);
  if (!s.executeStep())
    return std::nullopt;
  return s.getColumn(0).getString();
}

std::vector<core::AuditHead> rechained_heads(Db& db)
{
  SQLite::Statement s(db.impl().sql, "SELECT record FROM audit_log WHERE command = 'schema upgrade' AND entity = 'audit_log' "
                                     "ORDER BY id");
  std::vector<core::AuditHead> heads;
  while (s.executeStep())
    if (const auto head = core::parse_head(s.getColumn(0).getString()))
      heads.push_back(*head);
  return heads;
}

std::vector<std::string> missing_audit_triggers(Db& db)
{
  std::vector<std::string> missing;
  for (const auto& [name, event] : {std::pair{"audit_log_no_update", "UPDATE"}, std::pair{"audit_log_no_delete", "DELETE"}}) {
    SQLite::Statement s(db.impl().sql, "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ? AND tbl_name = 'audit_log'");
    s.bind(1, name);
    // The text panel wrote: before every UPDATE (or DELETE), unconditionally, abort.
    const std::string expected = std::string("BEFORE ") + event + " ON audit_log\nBEGIN SELECT RAISE(ABORT, ";
    if (!s.executeStep() || s.getColumn(0).getString().find(expected) == std::string::npos)
      missing.push_back(name);
  }
  return missing;
}

Unaudited records_without_audit(Db& db, size_t limit)
{
  // EXCEPT and GROUP BY sort once each, so this stays n log n on a large register.
  SQLite::Statement s(db.impl().sql, R"SQL(
SELECT 'referral ' || reference FROM (
  SELECT reference FROM referral WHERE voided IS NULL EXCEPT SELECT record FROM audit_log WHERE entity = 'referral' AND action = 'create')
UNION ALL
SELECT 'case ' || reference FROM (
  SELECT reference FROM "case" WHERE voided IS NULL EXCEPT SELECT record FROM audit_log WHERE entity = 'case' AND action = 'create')
UNION ALL
SELECT 'triage decision on ' || d.reference FROM
  (SELECT r.reference, count(*) AS n FROM decision x JOIN referral r ON r.id = x.referral_id
   WHERE r.voided IS NULL GROUP BY r.reference) d
  LEFT JOIN (SELECT record, count(*) AS n FROM audit_log WHERE entity = 'referral' AND action = 'update'
             AND command LIKE 'triage%' GROUP BY record) a ON a.record = d.reference
  WHERE coalesce(a.n, 0) < d.n
UNION ALL
SELECT 'minutes of ' || date FROM (
  SELECT date FROM meeting WHERE status = 'held'
  EXCEPT SELECT record FROM audit_log WHERE entity = 'minutes' AND action <> 'delete')
)SQL");
  Unaudited out;
  while (s.executeStep()) {
    if (out.examples.size() < limit)
      out.examples.push_back(s.getColumn(0).getString());
    ++out.count;
  }
  return out;
}

} // namespace panel::store
