#pragma once
#include "panel/core/date.hpp"
#include "panel/store/db.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace panel::store {

// One case discussion at a held meeting. The referral that brought the case there (the latest
// live referral of the case received on or before the meeting) gives the referring agency and
// whether it is a repeat; the case's facts are each the latest value *known* across the case's
// live referrals received by then: a referral that leaves a field blank has not said it, so it
// does not wipe what an earlier referral said (an explicit 0 children is a value).
struct DiscussionFacts {
  core::Date meeting;
  std::string agency;  // the referring agency of the referral that brought the case
  bool repeat = false;
  std::string role;    // the subject's role: victim, perpetrator, both, unclear; "" never said
  std::string gender;  // as written; "" never said
  std::optional<bool> bame, lgbt, disabled;
  std::optional<std::int64_t> age;  // the subject's age at referral
  std::optional<std::int64_t> children;
  // Another party with the role perpetrator or both, named in any of those referrals, under 18 on
  // the day the bringing referral was received (or, with the date of birth purged, when named).
  bool perpetrator_under_18 = false;
};
// Discussions at meetings held from `from` to `to`, by meeting date.
std::vector<DiscussionFacts> discussion_facts(Db& db, core::Date from, core::Date to);

} // namespace panel::store
