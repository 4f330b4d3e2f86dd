#pragma once
#include "panel/core/date.hpp"
#include "panel/core/purge.hpp"
#include "panel/store/db.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace panel::store {

// A record whose personal data has outlived its retention period (core/purge.hpp).
using PurgeDue = core::PurgeDue;

// Closed cases, not on legal hold nor purged, closed before `cutoff`.
std::vector<PurgeDue> closed_cases_before(Db& db, core::Date cutoff);
// Referrals not taken on (declined or redirected, no case), not purged, last decided before `cutoff`.
std::vector<PurgeDue> declined_referrals_before(Db& db, core::Date cutoff);
// ASB case reviews, not purged, whose last step was before `cutoff`.
std::vector<PurgeDue> case_reviews_before(Db& db, core::Date cutoff);

// Removes the personal data of a case and everything under it: names, dates of birth, postcodes,
// the referrer's details, summaries and other free text of its referrals, their other parties and
// decisions (reasons, signposting, forums), its discussions, actions, interventions and documents' file names. Counts and codes
// the reports use stay. Marks the case and its referrals purged on `day`.
void purge_case(Db& db, std::int64_t case_id, core::Date day);
// The same for one referral that has no case.
void purge_referral(Db& db, std::int64_t referral_id, core::Date day);
// The applicant's details, complaints' complainants, descriptions and references, and the free
// text of an ASB case review's steps.
void purge_case_review(Db& db, std::int64_t case_review_id, core::Date day);
// Names and dates of birth of people none of whose referrals still holds personal data; returns
// how many.
std::int64_t purge_people(Db& db);

// Forgets the file names of meeting documents (packs, research lists, minutes) of meetings before
// `cutoff`: a name typed into one would otherwise outlive every case it was about.
void purge_meeting_documents(Db& db, core::Date cutoff);

// Makes SQLite overwrite with zeros whatever this connection deletes or overwrites from now on
// (PRAGMA secure_delete), so purged values do not survive in free space inside the file.
void zero_freed_space(Db& db);
// Rebuilds the file (VACUUM) after a purge: free space left by earlier changes (amended minutes,
// deleted rows) written before secure_delete was on goes too. Outside any transaction. False
// when another connection's write kept it from running.
bool rebuild_file(Db& db);

// Puts a case on legal hold with a reason ("" releases it).
void set_legal_hold(Db& db, std::int64_t case_id, const std::string& reason);

} // namespace panel::store
