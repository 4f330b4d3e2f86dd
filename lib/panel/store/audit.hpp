#pragma once
#include "panel/core/actor.hpp"
#include "panel/core/audit.hpp"
#include "panel/core/vocabulary.hpp"
#include "panel/store/db.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace panel::store {

// Appends one audit row for the actor; call inside the transaction that made the change.
void append_audit(Db& db, const core::Actor& actor, core::AuditAction action, const std::string& entity,
                  const std::string& record, const std::string& detail = "");

// Appends the audit rows of one write transaction, reading the chain's last hash once and then
// keeping it, instead of reading it back before every row (bulk intake writes one per referral).
// Create it inside the transaction, and write every audit row of that transaction through it.
class AuditTrail {
public:
  explicit AuditTrail(Db& db) : m_db(db) {}
  void append(const core::Actor& actor, core::AuditAction action, const std::string& entity,
              const std::string& record, const std::string& detail = "");

private:
  Db& m_db;
  std::optional<std::string> m_head;  // the last row's hash, once read or written
};

// Audit rows at or after `since` (a date or timestamp prefix; "" for all), oldest first.
std::vector<core::AuditEntry> list_audit(Db& db, const std::string& since);

// The audit log's hash chain as found: how many rows, the first row whose hash does not follow
// from the rows before it (changed, inserted or after a deleted row), and the last row's hash
// (write it down elsewhere to notice rows deleted from the end).
struct AuditChain {
  std::int64_t rows = 0;
  std::optional<std::int64_t> first_broken;
  std::string head;
};
AuditChain verify_audit_chain(Db& db);

// Where the audit log ends: every write to the register appends a row, so the mark taken before
// an edit session moves if anything was written meanwhile (a cheap version of the register).
struct AuditMark {
  std::int64_t last_id = 0;  // 0 when the log is empty
  std::string hash;          // that row's hash
};
AuditMark audit_mark(Db& db);

// The rows after `mark` that record a change (every action but read and export), oldest first;
// nothing when the log still ends at `mark`. When the row at `mark` is gone or different (the
// file was restored or replaced), a single row with entity "database" says so.
std::vector<core::AuditEntry> changes_since(Db& db, const AuditMark& mark);

// The number of rows and the last row's hash.
core::AuditHead audit_head(Db& db);
// The hash of the `n`th row (1 = the first) in id order; nothing when there are fewer rows.
std::optional<std::string> audit_hash_at(Db& db, std::int64_t n);
// The heads recorded when the chain was worked out again (schema 11 redacting old details): the
// head as it was before, which a copy written down then will show.
std::vector<core::AuditHead> rechained_heads(Db& db);

// The triggers that keep audit_log append-only (refusing UPDATE and DELETE) that are missing or
// no longer refuse: dropped or replaced outside panel.
std::vector<std::string> missing_audit_triggers(Db& db);

// Records that panel always audits when it makes them, but that have no audit row: referrals
// ("referral CCM-2017-0001"), cases, triage decisions and minutes. At most `limit`, and the
// total count.
struct Unaudited {
  std::vector<std::string> examples;
  std::int64_t count = 0;
};
Unaudited records_without_audit(Db& db, size_t limit = 10);

// What tells this register from any other: the first 16 hex digits of the first audit row's hash
// (written by 'panel init'), which survives renaming or copying the file. "" for a database
// without audit rows. Two registers made by the same user in the same second with the same
// profile would share it; a random id stored at init would not (a schema change).
std::string register_id(Db& db);

} // namespace panel::store
