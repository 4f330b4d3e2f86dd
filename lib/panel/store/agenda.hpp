#pragma once
#include "panel/core/agenda.hpp"
#include "panel/store/db.hpp"

#include <string>
#include <utility>
#include <vector>

namespace panel::store {

// New and repeat items: accepted referrals listed for the meeting, oldest first.
std::vector<core::AgendaItem> listed_items(Db& db, core::Date meeting);
// Review items: open cases whose review date is on or before the meeting.
std::vector<core::AgendaItem> review_items(Db& db, core::Date meeting);
// Referrals accepted after `cutoff` and on or before `meeting` that are listed for a later meeting.
std::vector<std::string> accepted_too_late(Db& db, core::Date cutoff, core::Date meeting);
// A live (not voided) referral of a case, as the agenda reads it.
struct CaseReferral {
  std::string reference, risk_level;  // the level its referrer assessed
  std::optional<core::Date> received;
  std::vector<std::string> categories;
};
// The live referrals of the case `case_reference`, oldest first.
std::vector<CaseReferral> case_referrals(Db& db, const std::string& case_reference);
// The day the panel last set the case's risk, when it is set: the latest of the day the case was
// opened (the triage decision), a history row changing its risk (case update --risk, a joining
// referral accepted at a higher risk, amended minutes) and a meeting whose minutes gave its `risk:`.
std::optional<core::Date> case_risk_set(Db& db, const std::string& case_reference);
// The referral's changes of meeting as its history keeps them, newest first: (old date, reason).
std::vector<std::pair<std::string, std::string>> meeting_moves(Db& db, const std::string& referral_reference);
// The case's changes of meeting for a review as its history keeps them, newest first: (old date, reason).
std::vector<std::pair<std::string, std::string>> case_meeting_moves(Db& db, const std::string& case_reference);
void mark_agenda_issued(Db& db, std::int64_t meeting_id, core::Date day);

} // namespace panel::store
