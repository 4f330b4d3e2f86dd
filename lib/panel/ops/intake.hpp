#pragma once
#include "panel/core/actor.hpp"
#include "panel/input/referrals.hpp"
#include "panel/store/db.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace panel::ops {

struct IntakeOptions {
  bool skip_existing = false;  // skip referrals whose agency + source_ref are recorded already
};

// What intake found for one referral.
struct IntakeItem {
  std::string reference;
  core::Date received;
  std::string agency;
  std::int64_t person_id = 0;
  std::string repeat_of;                      // reference or ""
  std::vector<std::string> possible_matches;  // references
  std::vector<std::string> criteria_met;
  bool meets_threshold = false;
};

struct IntakeResult {
  std::vector<IntakeItem> recorded;
  std::vector<std::string> skipped;  // messages about referrals skipped with --skip-existing
};

// Records every referral the reader yields, in one transaction: each is checked against the
// profile, matched to a person, tested for repeat and criteria, and given a reference. If any
// referral is wrong, nothing is written and Error(refused) lists the problems (file:line: field:
// problem), up to 20 of them.
IntakeResult record_referrals(store::Db& db, input::ReferralReader& reader, const std::string& source,
                              const IntakeOptions& options, const core::Actor& actor);

} // namespace panel::ops
