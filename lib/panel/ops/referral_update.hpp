#pragma once
#include "panel/core/actor.hpp"
#include "panel/store/db.hpp"

#include <string>
#include <utility>
#include <vector>

namespace panel::ops {

// What `referral update` is asked to change: fields as typed on the command line, and/or a YAML
// mapping of fields with the keys of a referral file (docs/formats/referral.md).
struct ReferralPatch {
  std::vector<std::pair<std::string, std::string>> fields;  // (field, text); categories and parties replace the lists
  std::string yaml, source;                                 // the YAML text, and its file name for messages
  std::string reason;                                       // required once the referral is decided
};

struct UpdateOutcome {
  std::string reference;
  std::vector<std::string> changes;  // "postcode: EC2Y 8DS -> EC2Y 8DT", "CCM-2017-0005: now a repeat of ..."
};

// Corrects a referral's fields in one transaction, checked as `refer` checks a new referral; each
// changed field keeps a history row and the change one audit row; repeat and criteria are worked
// out again. A pending or awaiting referral takes any change; a decided one only with a reason.
// Error(refused) for an unknown reference or field, a bad value, a voided or purged referral, an
// agency reference recorded for another referral, or a change of the linked person.
UpdateOutcome update_referral(store::Db& db, const std::string& reference, const ReferralPatch& patch,
                              const core::Actor& actor);

} // namespace panel::ops
