#pragma once
#include "panel/core/actor.hpp"
#include "panel/core/meeting.hpp"
#include "panel/store/db.hpp"

#include <optional>
#include <string>
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

} // namespace panel::store
