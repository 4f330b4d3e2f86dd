#include "panel/ops/referral_repeats.hpp"

#include "panel/core/text.hpp"
#include "panel/rules/criteria.hpp"
#include "panel/store/audit.hpp"
#include "panel/store/history.hpp"
#include "panel/store/referrals.hpp"

#include <fmt/format.h>

namespace panel::ops {

std::vector<std::string> work_out_repeat(store::Db& db, store::IntakeWriter& writer, const core::Profile& profile,
                                         const std::string& reference, const core::Actor& actor,
                                         const std::string& reason)
{
  const auto r = store::find_referral(db, reference);
  if (!r)
    return {};
  const auto previous = store::previous_live_referral(db, r->person_id, r->referral.received, r->id);
  const bool repeat = previous && rules::within_repeat_window(previous->received, r->referral.received, profile.repeat_window);
  const std::string repeat_of = repeat ? previous->reference : "";
  const auto criteria = rules::criteria_met(profile.criteria, writer.load_referral(r->id), repeat);

  std::vector<std::string> changes;
  std::vector<std::string> fields;
  if (repeat_of != r->repeat_of) {
    store::append_history(db, actor, core::HistoryEntity::referral, r->id, "repeat_of", r->repeat_of, repeat_of, reason);
    fields.push_back("repeat_of");
    changes.push_back(repeat ? fmt::format("{}: now a repeat of {}", r->reference, repeat_of)
                             : fmt::format("{}: no longer a repeat (of {})", r->reference, r->repeat_of));
  }
  if (criteria != r->criteria_met) {
    const auto was = core::join(r->criteria_met, ", "), now = core::join(criteria, ", ");
    store::append_history(db, actor, core::HistoryEntity::referral, r->id, "criteria_met", was, now, reason);
    fields.push_back("criteria_met");
    changes.push_back(fmt::format("{}: criteria: {} -> {}{}", r->reference, was.empty() ? "none" : was,
                                  now.empty() ? "none" : now,
                                  criteria.empty() != r->criteria_met.empty()
                                      ? (criteria.empty() ? " (now below threshold)" : " (now meets the threshold)")
                                      : ""));
  }
  if (fields.empty())
    return changes;
  writer.update_repeat(r->id, repeat ? std::optional<std::int64_t>(previous->id) : std::nullopt, core::join(criteria, ","),
                       !criteria.empty());
  store::append_audit(db, actor, core::AuditAction::update, "referral", r->reference,
                      "worked out again: " + core::join(fields, ","));
  return changes;
}

} // namespace panel::ops
