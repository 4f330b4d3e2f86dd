#pragma once
#include "panel/core/date.hpp"
#include "panel/store/db.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace panel::store {

// One case discussion at a held meeting, described by the referral that brought the case there:
// the latest referral of the case received on or before the meeting.
struct DiscussionFacts {
  core::Date meeting;
  std::string agency;  // referring agency
  bool repeat = false, bame = false, lgbt = false, disabled = false, male = false, aged_16_17 = false;
  bool perpetrator_under_18 = false;
  std::int64_t children = 0;
};
// Discussions at meetings held from `from` to `to`, by meeting date.
std::vector<DiscussionFacts> discussion_facts(Db& db, core::Date from, core::Date to);

} // namespace panel::store
