#pragma once
#include "panel/core/date.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace panel::core {

// A record whose personal data has outlived its retention period.
struct PurgeDue {
  std::string kind;       // case | referral | case-review
  std::int64_t id = 0;
  std::string reference;
  Date since;       // closed, decided, or the review's last step
};

// What `panel purge` found, and did unless it was a dry run.
struct PurgeResult {
  std::vector<PurgeDue> records;  // past their retention period, oldest first by kind
  std::vector<int> years;                // the retention applied to each record
  std::int64_t people = 0;               // people whose name and date of birth went (0 in a dry run)
  bool checkpointed = true;              // false: another connection kept old pages in the -wal file
};

} // namespace panel::core
