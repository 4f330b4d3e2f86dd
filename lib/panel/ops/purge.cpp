#include "panel/ops/purge.hpp"

#include "panel/core/error.hpp"
#include "panel/core/text.hpp"
#include "panel/ops/setup.hpp"
#include "panel/store/audit.hpp"
#include "panel/store/cases.hpp"
#include "panel/store/people.hpp"

#include <fmt/format.h>
#include <optional>

namespace panel::ops {
namespace {

std::string kept(int years) { return years == 1 ? "1 year" : fmt::format("{} years", years); }

} // namespace

PurgeResult purge(store::Db& db, bool dry_run, const core::Actor& actor)
{
  if (!dry_run)
    store::zero_freed_space(db);
  std::optional<store::Transaction> txn(std::in_place, db, store::Transaction::Kind::write);
  const auto r = load_profile(db).retention;
  PurgeResult result;
  auto add = [&](std::vector<store::PurgeDue> found, int years) {
    for (auto& f : found) {
      result.records.push_back(std::move(f));
      result.years.push_back(years);
    }
  };
  // "More than N years ago": on the day N years after, the record is still kept.
  const auto cutoff = [&](int years) { return actor.today.plus_months(-12 * years); };
  if (r.closed_case_years > 0)
    add(store::closed_cases_before(db, cutoff(r.closed_case_years)), r.closed_case_years);
  if (r.declined_referral_years > 0)
    add(store::declined_referrals_before(db, cutoff(r.declined_referral_years)), r.declined_referral_years);
  if (r.case_review_years > 0)
    add(store::case_reviews_before(db, cutoff(r.case_review_years)), r.case_review_years);
  if (dry_run)
    return result;
  for (size_t i = 0; i < result.records.size(); ++i) {
    const auto& f = result.records[i];
    if (f.kind == "case")
      store::purge_case(db, f.id, actor.today);
    else if (f.kind == "referral")
      store::purge_referral(db, f.id, actor.today);
    else
      store::purge_case_review(db, f.id, actor.today);
    store::append_audit(db, actor, core::AuditAction::delete_, f.kind == "case-review" ? "case_review" : f.kind, f.reference,
                        fmt::format("personal data purged: {} {}, kept {}", f.kind == "case" ? "closed" : "last step",
                                    f.since.iso(), kept(result.years[i])));
  }
  result.people = store::purge_people(db);
  store::refresh_person_dobs(db);  // a purged referral gives no date of birth any more
  if (r.closed_case_years > 0)
    store::purge_meeting_documents(db, cutoff(r.closed_case_years));
  txn->commit();
  txn.reset();
  // Always, so that running purge again after closing the other connection finishes the job.
  const bool rebuilt = store::rebuild_file(db);
  result.checkpointed = store::checkpoint(db).complete && rebuilt;
  return result;
}

void set_legal_hold(store::Db& db, const std::string& reference, const std::string& reason, const core::Actor& actor)
{
  if (!core::plain_line(reason))
    throw refused("--reason: use plain text on one line");
  store::Transaction txn(db, store::Transaction::Kind::write);
  const auto kase = store::find_case(db, reference);
  if (!kase)
    throw refused(fmt::format("no case '{}' (see 'panel case list')", reference));
  if (kase->purged)
    throw refused(fmt::format("case {} was purged on {}; there is nothing left to hold", kase->reference, kase->purged->iso()));
  const auto held = core::trim(reason);
  if (held.empty() && kase->legal_hold.empty())
    throw refused(fmt::format("case {} is not on legal hold", kase->reference));
  store::set_legal_hold(db, kase->id, held);
  store::append_audit(db, actor, core::AuditAction::update, "case", kase->reference, held.empty() ? "legal hold released" : "legal hold, reason given");
  txn.commit();
}

} // namespace panel::ops
