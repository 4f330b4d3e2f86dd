#pragma once
#include "panel/core/actor.hpp"
#include "panel/core/case.hpp"
#include "panel/core/profile.hpp"
#include "panel/store/db.hpp"

#include <string>
#include <vector>

namespace panel::ops {

// Cases with this status ("" for all); names are personal data, so the read is audited.
std::vector<core::Case> list_cases(store::Db& db, const std::string& status, const core::Actor& actor);

// Open cases without a next step, or not discussed for longer than the profile's
// attention_after_days, with the reasons (rules::attention_reasons). No transaction, no audit row.
std::vector<core::CaseNextStep> cases_needing_attention(store::Db& db, const core::Profile& profile, core::Date today);
// The same for `case list --attention`: names are read, so it is audited.
std::vector<core::CaseNextStep> list_cases_needing_attention(store::Db& db, const core::Actor& actor);

// One case by its reference or any of its referrals' references, with its referrals and
// decisions; audited. Error(refused) when there is no such case.
core::CaseDetail show_case(store::Db& db, const std::string& reference, const core::Actor& actor);

// The triage queue for display: referrals waiting for a decision (pending or awaiting
// information), oldest first; audited as a read of the referrals listed.
std::vector<core::RecordedReferral> read_triage_queue(store::Db& db, const core::Actor& actor);

// Everything recorded about a case (no transaction, no audit row: for callers that hold one).
core::CaseDetail case_detail(store::Db& db, const core::Case& found);

} // namespace panel::ops
