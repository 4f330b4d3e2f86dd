#include "panel/ops/triage.hpp"

#include "panel/core/text.hpp"
#include "panel/core/words.hpp"
#include "panel/core/vocabulary.hpp"
#include "panel/ops/agencies.hpp"
#include "panel/ops/meetings.hpp"
#include "panel/ops/setup.hpp"
#include "panel/rules/case_facts.hpp"
#include "panel/rules/risk.hpp"
#include "panel/store/agencies.hpp"
#include "panel/store/audit.hpp"
#include "panel/store/cases.hpp"
#include "panel/store/history.hpp"
#include "panel/store/referrals.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace panel::ops {
namespace {

using core::ReferralStatus;
using core::TriageDecision;

bool awaiting_decision(ReferralStatus status)
{
  return status == ReferralStatus::pending || status == ReferralStatus::awaiting_information;
}

// The referral's status after a decision.
ReferralStatus status_after(TriageDecision decision)
{
  switch (decision) {
  case TriageDecision::accept: return ReferralStatus::accepted;
  case TriageDecision::decline: return ReferralStatus::declined;
  case TriageDecision::redirect: return ReferralStatus::redirected;
  case TriageDecision::more_info: return ReferralStatus::awaiting_information;
  case TriageDecision::reopen: return ReferralStatus::pending;
  }
  return ReferralStatus::pending;
}

// What to do instead about an accepted referral: triage cannot decide it again, so the advice
// is the case's own commands, which work on an open case, and reopening a closed one (trial F7:
// the advice was 'triage reopen', which is refused for an accepted referral).
std::string accepted_advice(store::Db& db, const core::RecordedReferral& r, const TriageRequest& q)
{
  const auto kase = store::find_case(db, r.case_reference);
  if (kase && core::stored<core::CaseStatus>(kase->status) == core::CaseStatus::closed)
    return fmt::format("case {} is closed: to work on it again use 'panel case reopen {} --reason \"WHY\"'",
                       kase->reference, kase->reference);
  // The lead and risk just typed, when there were any: what the coordinator meant to record.
  std::string change = q.lead.empty() && q.risk.empty() ? " --lead CODE --risk LEVEL" : "";
  if (!q.lead.empty())
    change += " --lead " + q.lead;
  if (!q.risk.empty())
    change += " --risk " + q.risk;
  return fmt::format("to change the case's lead agency or risk use 'panel case update {}{}', or to end it 'panel "
                     "case close {} --reason REASON'",
                     r.case_reference, change, r.case_reference);
}

// Checks that a decision fits where the referral is in its life.
void check_status(store::Db& db, const core::RecordedReferral& r, const TriageRequest& q)
{
  const auto status = core::stored<ReferralStatus>(r.status);
  if (q.decision == TriageDecision::reopen) {
    if (status == ReferralStatus::pending)
      throw refused(fmt::format("{} is already pending", r.reference));
    if (status == ReferralStatus::accepted)
      throw refused(fmt::format("{} was accepted into case {}; it cannot be reopened: {}", r.reference, r.case_reference,
                                accepted_advice(db, r, q)));
    return;
  }
  if (status == ReferralStatus::accepted)
    throw refused(fmt::format("{} is already accepted, into case {}, and cannot be decided again: {}", r.reference,
                              r.case_reference, accepted_advice(db, r, q)));
  if (!awaiting_decision(status))
    throw refused(fmt::format("{} is already {}; use 'panel triage {} reopen' to decide again", r.reference,
                              r.status, r.reference));
}

// The request checked, with its lead agency and risk level as the register spells them (`pol`,
// `High` typed; `POL`, `high` recorded).
TriageRequest check_request(store::Db& db, const core::Profile& profile, TriageRequest q, const core::Actor& actor)
{
  if (!q.lead.empty())
    q.lead = agency_code(db, q.lead);
  if (!q.risk.empty())
    q.risk = core::canonical_word(q.risk, profile.risk_levels, "risk level");
  if (q.meeting && *q.meeting < actor.today)
    throw refused(fmt::format("meeting date {} is in the past (today is {})", q.meeting->iso(), actor.today.iso()));
  if (q.override_threshold && core::trim(q.reason).empty())
    throw refused("--override needs --reason: say why the referral is accepted below the threshold");
  for (const auto* text : {&q.reason, &q.signpost, &q.forum})
    if (!core::valid_utf8(*text) || core::strip_controls(*text) != *text)
      throw refused("the reason, signposting and forum must be plain text without control characters");
  return q;
}

// A referral accepted into an open case with --risk: the case's risk is the panel's, so a higher
// level raises it (kept in the case's history), and a lower one is not taken silently: the
// outcome says the case kept its level.
void join_at_risk(store::Db& db, const core::Profile& profile, const core::Case& kase, const std::string& referral,
                  const std::string& risk, const core::Actor& actor, TriageOutcome& out)
{
  out.case_risk_was = kase.risk_level;
  out.risk_given = risk;
  if (risk == kase.risk_level)
    return;
  if (rules::risk_rank(profile, risk) <= rules::risk_rank(profile, kase.risk_level)) {
    out.risk_kept = true;
    return;
  }
  store::set_case_risk(db, kase.id, risk);
  store::append_history(db, actor, core::HistoryEntity::case_, kase.id, "risk", kase.risk_level, risk,
                        fmt::format("referral {} accepted at {} risk", referral, risk));
  store::append_audit(db, actor, core::AuditAction::update, "case", kase.reference, "risk");
  out.risk_raised = true;
}

TriageOutcome apply(store::Db& db, const core::Profile& profile, const core::RecordedReferral& r,
                    const TriageRequest& q, const core::Actor& actor)
{
  const auto decision = q.decision;
  check_status(db, r, q);
  TriageOutcome out{r.reference, decision, status_after(decision), "", false, std::nullopt, {}, "", "", false, false, "", ""};
  core::Decision d{r.reference, core::to_string(decision), actor.today, actor.at, actor.user, q.reason, q.signpost, q.forum,
                   q.override_threshold, q.meeting, q.lead, q.risk};
  std::optional<std::int64_t> case_id;
  if (decision == TriageDecision::accept) {
    if (!r.meets_threshold && !q.override_threshold)
      throw refused(fmt::format("{} does not meet the threshold (criteria met: none); to accept it anyway use "
                                "--override --reason \"WHY\"",
                                r.reference));
    if (const auto open = store::open_case_for_person(db, r.person_id)) {
      // A repeat about someone the panel is already working with joins that case.
      case_id = open->id;
      out.case_reference = open->reference;
      // A MARAC's return and research lists read the household from the case (docs/reports.md).
      if (profile.kind == "domestic-abuse") {
        std::vector<core::Referral> earlier;
        for (const auto& joined : store::case_referrals(db, open->id))
          earlier.push_back(joined.referral);
        out.kept = rules::facts_kept(r.reference, open->reference, earlier, r.referral);
      }
      if (!q.risk.empty())
        join_at_risk(db, profile, *open, r.reference, q.risk, actor, out);
      // The lead agency is the case's, decided when it opened: a joining referral does not change it.
      if (!q.lead.empty() && q.lead != open->lead_agency) {
        out.lead_kept = open->lead_agency;
        out.lead_given = q.lead;
      }
    } else {
      core::Case c;
      c.reference = r.reference;
      c.person_id = r.person_id;
      c.opened = actor.today;
      c.lead_agency = q.lead.empty() ? r.referral.agency : q.lead;
      const auto& levels = profile.risk_levels;
      c.risk_level = !q.risk.empty() ? q.risk
                     : std::find(levels.begin(), levels.end(), r.referral.risk_level) != levels.end() ? r.referral.risk_level
                                                                                                       : "";
      case_id = store::insert_case(db, c);
      out.case_reference = c.reference;
      // A repeat of a referral of an earlier (closed) case keeps that case's household on a
      // MARAC's research lists and return (docs/reports.md; trial 2 N1).
      if (profile.kind == "domestic-abuse" && !r.repeat_of.empty())
        if (const auto repeated = store::find_referral(db, r.repeat_of); repeated && !repeated->case_reference.empty())
          if (const auto earlier_case = store::find_case(db, repeated->case_reference)) {
            std::vector<core::Referral> earlier;
            for (const auto& known : store::household_referrals(db, earlier_case->id))
              earlier.push_back(known.referral);
            out.kept = rules::repeat_facts_kept(r.reference, repeated->reference, earlier_case->reference,
                                                core::is(earlier_case->status, core::CaseStatus::closed), earlier, r.referral);
          }
      out.new_case = true;
      store::append_audit(db, actor, core::AuditAction::create, "case", c.reference, fmt::format("from referral {}", r.reference));
    }
    out.meeting = meeting_for_acceptance(db, q.meeting, profile.agenda_lead_days, actor.today);
    d.meeting_date = out.meeting;
  }
  store::insert_decision(db, r.id, d);
  store::set_referral_outcome(db, r.id, out.status, case_id, out.meeting);
  // Codes only: the reason, signposting and forum are free text that purge must be able to remove.
  store::append_audit(db, actor, core::AuditAction::update, "referral", r.reference,
                      fmt::format("{}{}{}", core::to_string(decision), q.override_threshold ? ", threshold overridden" : "",
                                  core::trim(q.reason).empty() ? "" : ", reason given"));
  return out;
}

} // namespace

TriageOutcome decide(store::Db& db, const std::string& reference, const TriageRequest& request,
                     const core::Actor& actor)
{
  store::Transaction txn(db, store::Transaction::Kind::write);
  const auto profile = load_profile(db);
  const auto checked = check_request(db, profile, request, actor);
  const auto referral = store::find_referral(db, reference);
  if (!referral) {
    if (const auto voided = store::find_referral_any(db, reference))
      throw refused(fmt::format("{} was voided on {}: it cannot be decided ('panel referral unvoid {} --reason ...' "
                                "restores it)",
                                reference, voided->voided->iso(), reference));
    throw refused(fmt::format("no referral '{}' (see 'panel triage list' or 'panel case list')", reference));
  }
  auto outcome = apply(db, profile, *referral, checked, actor);
  txn.commit();
  return outcome;
}

std::vector<TriageOutcome> accept_eligible(store::Db& db, bool dry_run, const core::Actor& actor)
{
  store::Transaction txn(db, store::Transaction::Kind::write);
  const auto profile = load_profile(db);
  std::vector<TriageOutcome> outcomes;
  TriageRequest accept;
  accept.decision = TriageDecision::accept;
  for (const auto& r : store::list_referrals(db, {ReferralStatus::pending})) {
    if (!r.meets_threshold)
      continue;
    if (dry_run)
      outcomes.push_back(
          {r.reference, TriageDecision::accept, ReferralStatus::accepted, "", false, std::nullopt, {}, "", "", false, false, "", ""});
    else
      outcomes.push_back(apply(db, profile, r, accept, actor));
  }
  if (!dry_run)
    txn.commit();
  return outcomes;
}

} // namespace panel::ops
