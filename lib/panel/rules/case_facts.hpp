#pragma once
#include "panel/core/referral.hpp"

#include <optional>
#include <string>
#include <vector>

namespace panel::rules {

// The facts of a case's subject that a later referral may leave blank: each the latest value
// *known* across the case's live referrals, oldest first (docs/reports.md: a blank is "not said",
// not "none"; an explicit 0 children is a value). The research lists, the meeting pack and the
// check on a joining referral all read them so.
struct KnownFacts {
  std::string role, postcode;
  std::optional<core::Date> dob;
  std::optional<int> children;
};
// Learns what one more (later) referral says: a value it gives replaces the one known.
void learn(KnownFacts& known, const core::Referral& referral);

// A referral joining a case, and what the case's earlier live referrals (in order) said: for each
// of the children in the household, the subject's role and postcode that the joining referral
// leaves blank while an earlier one gave it, one line saying the case keeps the latest value known
// (docs/reports.md: a blank is "not said", not "none"), and how to record a change.
std::vector<std::string> facts_kept(const std::string& reference, const std::string& case_reference,
                                    const std::vector<core::Referral>& earlier, const core::Referral& joining);

// A referral opening a new case as a repeat of `repeated`, a referral of the earlier case
// `earlier_case` (`closed` when that case is closed), whose live referrals (and those they repeat,
// in order) are `earlier`: one line naming the people the new case's research lists keep from them
// that the repeat does not name (other parties, by name), the children, role and postcode it keeps
// where the repeat leaves them blank, and how to record a change; nothing when it keeps nothing
// (trial 2 N1).
std::vector<std::string> repeat_facts_kept(const std::string& reference, const std::string& repeated,
                                           const std::string& earlier_case, bool closed,
                                           const std::vector<core::Referral>& earlier, const core::Referral& repeat);

} // namespace panel::rules
