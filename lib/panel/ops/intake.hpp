#pragma once
#include "panel/core/actor.hpp"
#include "panel/core/referral.hpp"
#include "panel/input/referrals.hpp"
#include "panel/store/db.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace panel::ops {

struct IntakeOptions {
  bool skip_existing = false;  // skip referrals whose agency + source_ref are recorded already, or were voided
  std::optional<core::DateOrder> date_order;  // --date-order; otherwise the profile's input.date_order
  bool strict = false;         // a CSV column that names no field refuses the file
  bool check = false;          // check and show what would be recorded, then roll back: nothing is written
};

// What intake found for one referral (a plain result, in core/ so that render/ can list it).
using IntakeItem = core::IntakeItem;

struct IntakeResult {
  size_t recorded = 0;
  std::vector<std::string> skipped;   // messages about referrals skipped with --skip-existing
  size_t skipped_voided = 0;          // of those, the ones whose agency reference was voided
  std::vector<std::string> warnings;  // postcodes kept as written (the reader has its own: columns ignored)
};

// Receives each recorded referral as it is written (before the commit: a sink must not show
// anything to the user until record_referrals returns).
using IntakeSink = std::function<void(const IntakeItem&)>;

// Records every referral the reader yields, in one transaction: each is checked against the
// profile, matched to a person, tested for repeat and criteria, and given a reference. If any
// referral is wrong, nothing is written and Error(refused) lists the problems (file:line: field:
// problem) in file order, up to 20 of them, then how many. With `check`, the same is done and
// rolled back: the sink sees what would be recorded, and the database is left as it was.
IntakeResult record_referrals(store::Db& db, input::ReferralReader& reader, const std::string& source,
                              const IntakeOptions& options, const core::Actor& actor, const IntakeSink& sink);

} // namespace panel::ops
