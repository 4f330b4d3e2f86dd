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
std::optional<core::RecordedReferral> find_referral(Db& db, const std::string& reference);
// The referrals attached to a case, oldest first.
std::vector<core::RecordedReferral> case_referrals(Db& db, std::int64_t case_id);

// The names a person has been referred under, as first written, oldest first.
std::vector<std::string> person_names(Db& db, std::int64_t person_id);

void insert_decision(Db& db, std::int64_t referral_id, const core::Decision& decision);
std::vector<core::Decision> decisions_for(Db& db, std::int64_t referral_id);
// Sets a referral's status and, for accepted ones, its case and the meeting it is listed for.
void set_referral_outcome(Db& db, std::int64_t referral_id, core::ReferralStatus status,
                          std::optional<std::int64_t> case_id, std::optional<core::Date> meeting);

std::optional<core::Case> open_case_for_person(Db& db, std::int64_t person_id);
std::int64_t insert_case(Db& db, const core::Case& c);
// A case by its own reference or by the reference of any of its referrals.
std::optional<core::Case> find_case(Db& db, const std::string& reference);
// Cases with this status (all when empty), oldest first.
std::vector<core::Case> list_cases(Db& db, const std::string& status);
// Every open case with the meetings that will or did discuss it (attention left empty), oldest first.
std::vector<core::CaseNextStep> open_case_next_steps(Db& db);
// The dates of meetings not yet held or cancelled, in order.
std::vector<core::Date> open_meeting_dates(Db& db);

} // namespace panel::store
