#pragma once
#include "panel/core/actor.hpp"
#include "panel/store/db.hpp"
#include "panel/store/purge.hpp"

#include <string>
#include <vector>

namespace panel::ops {

// What `panel purge` found, and did unless it was a dry run.
struct PurgeResult {
  std::vector<store::PurgeDue> records;  // past their retention period, oldest first by kind
  std::vector<int> years;                // the retention applied to each record
  std::int64_t people = 0;               // people whose name and date of birth went (0 in a dry run)
  bool checkpointed = true;              // false: another connection kept old pages in the -wal file
};

// Finds the records whose personal data is past the profile's retention (`retention:`; 0 years
// keeps for ever; cases on legal hold are kept) and, unless `dry_run`, removes it in one
// transaction with one audit row per record (docs/data-protection.md); then rebuilds the file and
// empties the write-ahead log, so that no purged value is left in free space or in the -wal file
// (`checkpointed` false when another open connection prevented it; even with nothing to purge).
PurgeResult purge(store::Db& db, bool dry_run, const core::Actor& actor);

// Puts a case on legal hold (its personal data is kept past retention) with a reason, or
// releases it (`reason` empty); audited.
void set_legal_hold(store::Db& db, const std::string& reference, const std::string& reason, const core::Actor& actor);

} // namespace panel::ops
