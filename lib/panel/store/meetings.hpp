#pragma once
#include "panel/core/actor.hpp"
#include "panel/core/meeting.hpp"
#include "panel/store/db.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace panel::store {

void insert_meeting(Db& db, const core::Meeting& m, const core::Actor& actor);
std::optional<core::Meeting> find_meeting(Db& db, core::Date date);
// Every meeting by date, with the number of accepted referrals listed for each.
std::vector<core::Meeting> list_meetings(Db& db);
// The first meeting not held or cancelled on or after `day`.
std::optional<core::Meeting> next_open_meeting(Db& db, core::Date day);
void cancel_meeting(Db& db, std::int64_t id, const std::string& reason);
// References of accepted referrals listed for a date (or awaiting a meeting, when none), in order.
std::vector<std::string> listed_referrals(Db& db, std::optional<core::Date> date);
// Lists the accepted referrals now listed for `from` (or awaiting, when none) for `to` (or
// awaiting, when none).
void relist(Db& db, std::optional<core::Date> from, std::optional<core::Date> to);
// Lists one referral for a meeting (or awaiting, when none).
void relist_referral(Db& db, const std::string& reference, std::optional<core::Date> to);

// Corrections (meeting update, meeting delete).
void set_meeting_details(Db& db, std::int64_t id, const std::string& time, const std::string& venue, const std::string& chair);
// Moves a meeting to another date with everything that names it by date: the referrals listed for
// it and the triage decisions that listed them.
void move_meeting(Db& db, std::int64_t id, core::Date from, core::Date to);
// Open cases whose review date is `day`: id, reference.
std::vector<std::pair<std::int64_t, std::string>> reviews_on(Db& db, core::Date day);
void set_review_date(Db& db, std::int64_t case_id, core::Date day);
// What ties a meeting to the register beyond its own row: referrals listed for it (any status),
// ASB case reviews listed for it, documents made for it (packs, minutes).
struct MeetingTies {
  std::vector<std::string> listed;
  std::vector<std::string> case_reviews;
  std::int64_t documents = 0;
};
MeetingTies meeting_ties(Db& db, std::int64_t id, core::Date date);
void delete_meeting(Db& db, std::int64_t id);

} // namespace panel::store
