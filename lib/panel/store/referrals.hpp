#pragma once
#include "panel/core/case.hpp"
#include "panel/core/vocabulary.hpp"
#include "panel/store/db.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace panel::store {

// Referrals with any of these statuses (all when empty), oldest received first.
std::vector<core::RecordedReferral> list_referrals(Db& db, const std::vector<core::ReferralStatus>& statuses);
// A live referral (voided ones are left out, as they are from every list and report).
std::optional<core::RecordedReferral> find_referral(Db& db, const std::string& reference);
// A referral, voided or not: for `referral show --all`, `unvoid` and subject access.
std::optional<core::RecordedReferral> find_referral_any(Db& db, const std::string& reference);
// The live referrals attached to a case, oldest first.
std::vector<core::RecordedReferral> case_referrals(Db& db, std::int64_t case_id);
// The live referrals of a case and of the earlier cases its live referrals repeat (repeat_of
// followed into the case of a live referral, and on from there), oldest first: the referrals a
// case's household is read from (docs/reports.md, "the latest known" facts; trial 2 N1).
std::vector<core::RecordedReferral> household_referrals(Db& db, std::int64_t case_id);

// The names a person has been referred under, as first written, oldest first.
std::vector<std::string> person_names(Db& db, std::int64_t person_id);

void insert_decision(Db& db, std::int64_t referral_id, const core::Decision& decision);
std::vector<core::Decision> decisions_for(Db& db, std::int64_t referral_id);
// Sets a referral's status and, for accepted ones, its case and the meeting it is listed for.
void set_referral_outcome(Db& db, std::int64_t referral_id, core::ReferralStatus status,
                          std::optional<std::int64_t> case_id, std::optional<core::Date> meeting);


// Rewrites a referral's own fields (not its reference, person, status or findings) with
// `referral`'s, and its categories and other parties when asked to.
void update_referral_fields(Db& db, std::int64_t referral_id, const core::Referral& referral, bool categories,
                            bool parties);

// Sets (a day) or clears (nullopt) a referral's `voided` mark.
void set_referral_voided(Db& db, std::int64_t referral_id, std::optional<core::Date> day);
// Sets (non-empty) or clears (NULL) a referral's agency reference: a voided referral gives its
// up, so that the agency's corrected record can be imported again under it.
void set_source_ref(Db& db, std::int64_t referral_id, const std::string& source_ref);


// A live referral of the person before (received earlier, or the same day and recorded earlier)
// or after another referral; `id` itself is never returned.
struct Neighbour {
  std::int64_t id = 0;
  std::string reference;
  core::Date received;
  std::string status;
};
std::optional<Neighbour> previous_live_referral(Db& db, std::int64_t person_id, core::Date received, std::int64_t id);
std::optional<Neighbour> next_live_referral(Db& db, std::int64_t person_id, core::Date received, std::int64_t id);
// The live referrals recorded as repeats of `id`.
std::vector<Neighbour> repeats_of(Db& db, std::int64_t id);

} // namespace panel::store
