#pragma once
#include "panel/core/actor.hpp"
#include "panel/core/purge.hpp"
#include "panel/store/db.hpp"
#include "panel/store/purge.hpp"

#include <string>
#include <vector>

namespace panel::ops {

// What `panel purge` found, and did unless it was a dry run (core/purge.hpp).
using PurgeResult = core::PurgeResult;

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
