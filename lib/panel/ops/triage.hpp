#pragma once
#include "panel/core/actor.hpp"
#include "panel/core/case.hpp"
#include "panel/core/vocabulary.hpp"
#include "panel/store/db.hpp"

#include <optional>
#include <string>
#include <vector>

namespace panel::ops {

// A triage decision as the coordinator gives it.
struct TriageRequest {
  core::TriageDecision decision = core::TriageDecision::accept;
  std::optional<core::Date> meeting;
  std::string lead, risk, reason, signpost, forum;
  bool override_threshold = false;
};

// What a decision did.
struct TriageOutcome {
  std::string reference;
  core::TriageDecision decision;
  core::ReferralStatus status;  // the referral's status afterwards
  std::string case_reference;  // accepted: the case it opened or joined
  bool new_case = false;
  std::optional<core::Date> meeting;  // accepted: listed for; none = awaiting a meeting
  // Joined a case: the children, role or postcode it leaves blank that the case keeps from an
  // earlier referral, one warning each (rules::facts_kept), on a domestic-abuse profile.
  std::vector<std::string> kept;
  // Joined with --risk: the case's risk before ("" = not set) and the level given. The case's risk
  // is raised to a higher level (`risk_raised`); a lower one leaves it as it was (`risk_kept`).
  std::string case_risk_was, risk_given;
  bool risk_raised = false, risk_kept = false;
  // Joined with a --lead other than the case's: the case keeps its lead (`lead_kept`, the case's),
  // and the output says how to change it; `lead_given` is the agency typed. Empty otherwise.
  std::string lead_kept, lead_given;
};

// Records one decision on a referral, in one transaction with its audit row. Accepting opens a
// case, or attaches the referral to the person's open case; joining with a risk level above the
// case's raises the case's risk (with a history row), a lower one never lowers it. Error(refused) when the decision does
// not fit the referral's status, when a referral below threshold is accepted without an override
// and a reason, or when an agency, risk level or meeting date is not valid.
TriageOutcome decide(store::Db& db, const std::string& reference, const TriageRequest& request,
                     const core::Actor& actor);

// Accepts every pending referral that meets the threshold (in one transaction); with `dry_run`
// only says what it would do.
std::vector<TriageOutcome> accept_eligible(store::Db& db, bool dry_run, const core::Actor& actor);

} // namespace panel::ops
