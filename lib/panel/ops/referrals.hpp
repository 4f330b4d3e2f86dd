#pragma once
#include "panel/core/actor.hpp"
#include "panel/core/referral_detail.hpp"
#include "panel/store/db.hpp"

#include <string>
#include <vector>

namespace panel::ops {

// `referral show`: everything about one referral, pending or decided, as an audited read.
// Error(refused) when there is no such referral, or it is voided and `include_voided` is false.
core::ReferralDetail show_referral(store::Db& db, const std::string& reference, bool include_voided,
                                   const core::Actor& actor);

// What voiding or restoring a referral did, line by line for the coordinator
// ("case CCM-2017-0003 voided too", "CCM-2017-0007: now a repeat of CCM-2017-0001").
struct VoidOutcome {
  std::string reference;
  std::vector<std::string> changes;
};

// Marks a referral recorded in error as voided today, in one transaction with its history and
// audit rows: it leaves every list, count and report. The only live referral of a case voids the
// case too, but only when nothing is recorded on the case; otherwise Error(refused) says what is
// recorded and to close the case instead. Referrals that were repeats of it are worked out again.
VoidOutcome void_referral(store::Db& db, const std::string& reference, const std::string& reason,
                          const core::Actor& actor);

// Restores a voided referral (and its case, when voiding it voided the case) and works out its
// repeats again. Error(refused) when it is not voided.
VoidOutcome unvoid_referral(store::Db& db, const std::string& reference, const std::string& reason,
                            const core::Actor& actor);

} // namespace panel::ops
