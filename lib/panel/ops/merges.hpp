#pragma once
#include "panel/core/actor.hpp"
#include "panel/store/db.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace panel::ops {

// What `person merge` did, for the coordinator and the analyst.
struct MergeResult {
  std::int64_t merge_id = 0, keep_id = 0, drop_id = 0;
  std::vector<std::string> referrals_moved, cases_moved;  // references
  size_t aliases_moved = 0;
  std::string joined_case, into_case;                     // --join-cases: the case closed, the one kept
  std::vector<std::string> repeat_changes;                // "CCM-2017-0007: now a repeat of CCM-2017-0002"
  std::vector<std::string> quarter_changes;               // "2017-Q3 repeats: 3 -> 4"
};

// Joins DROP's record into KEEP's in one transaction: DROP's referrals, cases and aliases move to
// KEEP, DROP's name and date of birth become an alias of KEEP, DROP is marked merged into KEEP.
// When both have an open case it is refused unless `join_cases`: then DROP's open case's
// referrals join KEEP's newest open case and DROP's case is closed ("other", "merged into C-..").
// Repeats are worked out again for the referrals whose previous referral changed (criteria too
// while they await a decision). What changed is kept (ids and codes only) in person_merge.changes.
// Refused (Error, nothing written): a blank reason, KEEP = DROP, an unknown, merged-away or
// purged person.
MergeResult merge_people(store::Db& db, const std::string& keep, const std::string& drop, const std::string& reason,
                         bool join_cases, const core::Actor& actor);

// What `person unmerge` put back.
struct UnmergeResult {
  std::int64_t merge_id = 0, keep_id = 0, drop_id = 0;
  size_t referrals = 0, cases = 0;
};

// Puts back exactly what merge MERGE-ID changed. Refused (naming each) when anything recorded
// since depends on the merge: a referral or case recorded for either person, a decision on any
// referral of the person kept, a correction to one it moved or re-evaluated, minutes, notes,
// actions or interventions on a case it joined, a later merge of either person; and when it was
// already undone.
UnmergeResult unmerge_people(store::Db& db, const std::string& merge_id, const std::string& reason,
                             const core::Actor& actor);

} // namespace panel::ops
