#include "panel/ops/referrals.hpp"

#include "panel/core/text.hpp"
#include "panel/core/vocabulary.hpp"
#include "panel/ops/referral_repeats.hpp"
#include "panel/ops/setup.hpp"
#include "panel/rules/minutes.hpp"
#include "panel/store/audit.hpp"
#include "panel/store/cases.hpp"
#include "panel/store/documents.hpp"
#include "panel/store/history.hpp"
#include "panel/store/intake.hpp"
#include "panel/store/meetings.hpp"
#include "panel/store/people.hpp"
#include "panel/store/referrals.hpp"

#include <fmt/format.h>

namespace panel::ops {
namespace {

using core::HistoryEntity;

core::RecordedReferral find_or_refuse(store::Db& db, const std::string& reference)
{
  auto found = store::find_referral_any(db, reference);
  if (!found)
    throw refused(fmt::format("no referral '{}' (see 'panel triage list' or 'panel case list')", reference));
  return std::move(*found);
}

// The reason given when the referral was last voided.
std::string void_reason(const std::vector<core::HistoryRow>& history)
{
  std::string reason;
  for (const auto& h : history)
    if (h.field == "voided" && !h.new_value.empty())
      reason = h.reason;
  return reason;
}

void record_voided(store::Db& db, const core::Actor& actor, HistoryEntity entity, std::int64_t id,
                   const std::string& reference, std::optional<core::Date> was, std::optional<core::Date> now,
                   const std::string& reason)
{
  store::append_history(db, actor, entity, id, "voided", was ? was->iso() : "", now ? now->iso() : "", reason);
  store::append_audit(db, actor, core::AuditAction::update, core::to_string(entity), reference,
                      now ? "voided" : "unvoided");
}

// The agency reference a voided referral gave up (kept in its history), to take back on unvoid.
std::string released_source_ref(store::Db& db, std::int64_t referral_id)
{
  std::string released;
  for (const auto& h : store::history_of(db, HistoryEntity::referral, referral_id))
    if (h.field == "source_ref" && (h.command == "referral void" || h.command == "referral unvoid"))
      released = h.command == "referral void" ? h.old_value : "";
  return released;
}

// "person 3: date of birth 1944-06-01 -> (none)", when the person's date of birth followed.
void note_person_dob(const store::PersonDob& dob, std::int64_t person_id, VoidOutcome& out)
{
  if (dob.now != dob.was)
    out.changes.push_back(fmt::format("person {}: date of birth {} -> {}", person_id,
                                      dob.was ? dob.was->iso() : "(none)", dob.now ? dob.now->iso() : "(none)"));
}

} // namespace

core::ReferralDetail show_referral(store::Db& db, const std::string& reference, bool include_voided,
                                   const core::Actor& actor)
{
  store::Transaction txn(db, store::Transaction::Kind::write);
  auto r = find_or_refuse(db, reference);
  if (r.voided && !include_voided)
    throw refused(fmt::format("{} was voided on {}; 'panel referral show {} --all' shows it", r.reference,
                              r.voided->iso(), r.reference));
  core::ReferralDetail detail;
  detail.documents = store::referral_documents(db, r.id);
  detail.history = store::history_of(db, HistoryEntity::referral, r.id);
  if (r.voided)
    detail.void_reason = void_reason(detail.history);
  auto decisions = store::decisions_for(db, r.id);
  detail.item = {std::move(r), std::move(decisions)};
  store::append_audit(db, actor, core::AuditAction::read, "referral", detail.item.referral.reference);
  txn.commit();
  return detail;
}

VoidOutcome void_referral(store::Db& db, const std::string& reference, const std::string& reason_given,
                          const core::Actor& actor)
{
  const auto reason = required_reason(reason_given, "referral void", "referral");
  store::Transaction txn(db, store::Transaction::Kind::write);
  const auto profile = load_profile(db);
  const auto r = find_or_refuse(db, reference);
  if (r.voided)
    throw refused(fmt::format("{} was voided on {} already ('panel referral unvoid {} --reason \"WHY\"' restores it)",
                              r.reference, r.voided->iso(), r.reference));
  VoidOutcome out{r.reference, {}};
  if (!r.case_reference.empty()) {
    const auto kase = store::find_case_any(db, r.case_reference);
    bool others = false;
    for (const auto& other : store::case_referrals(db, kase->id))
      others = others || other.id != r.id;
    if (others) {
      out.changes.push_back(fmt::format("case {} keeps its other referrals", kase->reference));
    } else {
      const auto records = store::case_records(db, kase->id);
      if (!records.empty())
        throw refused(fmt::format("{} is the only referral of case {}, which has {} recorded; a case that was worked "
                                  "cannot be voided: close it instead ('panel case close {} --reason \"REASON\"', REASON one of: {})",
                                  r.reference, kase->reference, core::join(records, ", "), kase->reference,
                                  core::join(rules::close_reasons(), ", ")));
      store::set_case_voided(db, kase->id, actor.today);
      record_voided(db, actor, HistoryEntity::case_, kase->id, kase->reference, std::nullopt, actor.today, reason);
      out.changes.push_back(fmt::format("case {} voided too (nothing was recorded on it)", kase->reference));
    }
  }
  store::set_referral_voided(db, r.id, actor.today);
  record_voided(db, actor, HistoryEntity::referral, r.id, r.reference, std::nullopt, actor.today, reason);
  note_person_dob(store::refresh_person_dob(db, r.person_id), r.person_id, out);  // an error's dob goes with it
  // The agency's reference is given up, so that a corrected import of the same record is taken.
  if (!r.referral.source_ref.empty()) {
    store::set_source_ref(db, r.id, "");
    store::append_history(db, actor, HistoryEntity::referral, r.id, "source_ref", r.referral.source_ref, "", reason);
    out.changes.push_back(fmt::format("agency reference {} {} released", r.referral.agency, r.referral.source_ref));
  }
  store::IntakeWriter writer(db);
  for (const auto& next : store::repeats_of(db, r.id))
    for (auto& line : work_out_repeat(db, writer, profile, next.reference, actor, reason))
      out.changes.push_back(std::move(line));
  txn.commit();
  return out;
}

VoidOutcome unvoid_referral(store::Db& db, const std::string& reference, const std::string& reason_given,
                            const core::Actor& actor)
{
  const auto reason = required_reason(reason_given, "referral unvoid", "referral");
  store::Transaction txn(db, store::Transaction::Kind::write);
  const auto profile = load_profile(db);
  const auto r = find_or_refuse(db, reference);
  if (!r.voided)
    throw refused(fmt::format("{} is not voided (nothing to restore)", r.reference));
  store::IntakeWriter writer(db);
  VoidOutcome out{r.reference, {}};
  if (const auto source_ref = released_source_ref(db, r.id); !source_ref.empty()) {
    if (const auto taken = writer.reference_for_source(r.referral.agency, source_ref))
      throw refused(fmt::format("{}'s agency reference {} {} is now recorded on {}: void {} first, or leave {} voided",
                                r.reference, r.referral.agency, source_ref, *taken, *taken, r.reference));
    store::set_source_ref(db, r.id, source_ref);
    store::append_history(db, actor, HistoryEntity::referral, r.id, "source_ref", "", source_ref, reason);
  }
  store::set_referral_voided(db, r.id, std::nullopt);
  record_voided(db, actor, HistoryEntity::referral, r.id, r.reference, r.voided, std::nullopt, reason);
  note_person_dob(store::refresh_person_dob(db, r.person_id), r.person_id, out);
  if (!r.case_reference.empty()) {
    const auto kase = store::find_case_any(db, r.case_reference);
    if (const auto voided = store::case_voided(db, kase->id)) {
      // A person has one open case at a time: triage, reopen and merge keep to it, and so does this.
      if (core::is(kase->status, core::CaseStatus::open))
        if (const auto other = store::open_case_for_person(db, r.person_id))
          throw refused(fmt::format("restoring {} would restore case {} beside {}'s open case {}: a person has one "
                                    "open case at a time; close or void {} first, or leave {} voided",
                                    r.reference, kase->reference, r.referral.name, other->reference, other->reference,
                                    r.reference));
      store::set_case_voided(db, kase->id, std::nullopt);
      record_voided(db, actor, HistoryEntity::case_, kase->id, kase->reference, voided, std::nullopt, reason);
      out.changes.push_back(fmt::format("case {} restored too", kase->reference));
      // Its meeting may have been held or cancelled meanwhile: the case restored goes to the next
      // one, or it would have no next step.
      const auto listed = r.meeting_date ? store::find_meeting(db, *r.meeting_date) : std::nullopt;
      const bool listed_ahead = listed && !core::is(listed->status, core::MeetingStatus::held) &&
                                !core::is(listed->status, core::MeetingStatus::cancelled);
      if (core::is(kase->status, core::CaseStatus::open) && !kase->review_date && !listed_ahead) {
        const auto next = store::next_open_meeting(db, actor.today);
        if (!next)
          throw refused(fmt::format("restoring {} would restore case {} with no next step: its meeting{} has passed "
                                    "and no meeting is scheduled; add one first ('panel meeting add DATE')",
                                    r.reference, kase->reference, r.meeting_date ? " on " + r.meeting_date->iso() : ""));
        store::relist_referral(db, r.reference, next->date);
        store::append_history(db, actor, HistoryEntity::referral, r.id, "meeting_date",
                              r.meeting_date ? r.meeting_date->iso() : "", next->date.iso(), reason);
        out.changes.push_back(fmt::format("{} listed for the meeting on {}{}", r.reference, next->date.iso(),
                                          r.meeting_date ? " (the meeting on " + r.meeting_date->iso() + " has passed)" : ""));
      }
    }
  }
  // It may be a repeat again, and the person's next referral a repeat of it.
  for (auto& line : work_out_repeat(db, writer, profile, r.reference, actor, reason))
    out.changes.push_back(std::move(line));
  if (const auto next = store::next_live_referral(db, r.person_id, r.referral.received, r.id))
    for (auto& line : work_out_repeat(db, writer, profile, next->reference, actor, reason))
      out.changes.push_back(std::move(line));
  txn.commit();
  return out;
}

} // namespace panel::ops
