#include "panel/ops/cases.hpp"

#include "panel/ops/setup.hpp"
#include "panel/core/vocabulary.hpp"
#include "panel/rules/attention.hpp"
#include "panel/rules/meetings.hpp"
#include "panel/store/audit.hpp"
#include "panel/store/cases.hpp"
#include "panel/store/documents.hpp"
#include "panel/store/history.hpp"
#include "panel/store/minutes.hpp"
#include "panel/store/referrals.hpp"

#include <algorithm>

#include "panel/core/text.hpp"
#include "panel/core/vocabulary.hpp"

#include <fmt/format.h>

namespace panel::ops {

std::vector<core::ListedCase> list_cases(store::Db& db, const std::string& status, const core::Actor& actor)
{
  // `Open` is open: the stored word is what the query compares.
  const auto stored = status.empty()
                          ? std::string()
                          : core::to_string(core::parse_or_throw<core::CaseStatus>(status, Exit::usage, "--status: "));
  store::Transaction txn(db, store::Transaction::Kind::write);
  const auto meetings = store::open_meeting_dates(db);
  const auto next_steps = store::open_case_next_steps(db);
  std::vector<core::ListedCase> cases;
  std::vector<std::string> refs;
  for (auto& c : store::list_cases(db, stored)) {
    refs.push_back(c.reference);
    core::ListedCase listed{std::move(c), std::nullopt};
    if (core::is(listed.info.status, core::CaseStatus::open)) {
      // The date the case will come to, never a meeting cancelled since its review was set.
      const auto step = std::find_if(next_steps.begin(), next_steps.end(),
                                     [&](const auto& n) { return n.info.id == listed.info.id; });
      listed.coming_to = rules::coming_meeting(step == next_steps.end() ? std::nullopt : step->listed_for,
                                               listed.info.review_date, meetings);
    }
    cases.push_back(std::move(listed));
  }
  store::append_audit(db, actor, core::AuditAction::read, "case", core::join(refs, ","), "case list");
  txn.commit();
  return cases;
}

std::vector<core::CaseNextStep> cases_needing_attention(store::Db& db, const core::Profile& profile, core::Date today)
{
  const auto meetings = store::open_meeting_dates(db);
  std::vector<core::CaseNextStep> out;
  for (auto& c : store::open_case_next_steps(db)) {
    c.attention = rules::attention_reasons(c, meetings, today, profile.attention_after_days);
    if (!c.attention.empty())
      out.push_back(std::move(c));
  }
  return out;
}

std::vector<core::CaseNextStep> list_cases_needing_attention(store::Db& db, const core::Actor& actor)
{
  store::Transaction txn(db, store::Transaction::Kind::write);
  auto cases = cases_needing_attention(db, load_profile(db), actor.today);
  std::vector<std::string> refs;
  for (const auto& c : cases)
    refs.push_back(c.info.reference);
  store::append_audit(db, actor, core::AuditAction::read, "case", core::join(refs, ","), "case list --attention");
  txn.commit();
  return cases;
}

core::CaseDetail case_detail(store::Db& db, const core::Case& found)
{
  core::CaseDetail detail{found, {}, {}, {}, {}, {}, {}, {}};
  for (auto& r : store::case_referrals(db, found.id)) {
    auto decisions = store::decisions_for(db, r.id);
    detail.referrals.push_back({std::move(r), std::move(decisions)});
  }
  detail.documents = store::case_documents(db, found.id);
  detail.discussions = store::case_discussions(db, found.id);
  detail.actions = store::case_actions(db, found.id);
  detail.interventions = store::case_interventions(db, found.id);
  detail.notes = store::case_notes(db, found.id);
  detail.history = store::history_of(db, core::HistoryEntity::case_, found.id);
  return detail;
}

core::CaseDetail show_case(store::Db& db, const std::string& reference, const core::Actor& actor)
{
  store::Transaction txn(db, store::Transaction::Kind::write);
  const auto found = store::find_case(db, reference);
  if (!found) {
    const auto referral = store::find_referral_any(db, reference);
    if (referral && referral->voided)
      throw refused(fmt::format("{} was voided on {} (recorded in error): 'panel referral show {} --all' shows it",
                                reference, referral->voided->iso(), reference));
    if (referral)
      throw refused(fmt::format("referral {} is {}, not part of a case (see 'panel triage')", reference, referral->status));
    throw refused(fmt::format("no case or referral '{}' (see 'panel case list')", reference));
  }
  auto detail = case_detail(db, *found);
  store::append_audit(db, actor, core::AuditAction::read, "case", found->reference);
  txn.commit();
  return detail;
}

std::vector<core::RecordedReferral> read_triage_queue(store::Db& db, const core::Actor& actor)
{
  store::Transaction txn(db, store::Transaction::Kind::write);
  auto queue = store::list_referrals(db, {core::ReferralStatus::pending, core::ReferralStatus::awaiting_information});
  std::vector<std::string> refs;
  for (const auto& r : queue)
    refs.push_back(r.reference);
  store::append_audit(db, actor, core::AuditAction::read, "referral", core::join(refs, ","), "triage list");
  txn.commit();
  return queue;
}

} // namespace panel::ops
