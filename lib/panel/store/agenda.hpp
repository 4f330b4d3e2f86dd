#pragma once
#include "panel/core/agenda.hpp"
#include "panel/store/db.hpp"

#include <vector>

namespace panel::store {

// New and repeat items: accepted referrals listed for the meeting, oldest first.
std::vector<core::AgendaItem> listed_items(Db& db, core::Date meeting);
// Review items: open cases whose review date is on or before the meeting.
std::vector<core::AgendaItem> review_items(Db& db, core::Date meeting);
// Referrals accepted after `cutoff` and on or before `meeting` that are listed for a later meeting.
std::vector<std::string> accepted_too_late(Db& db, core::Date cutoff, core::Date meeting);
void mark_agenda_issued(Db& db, std::int64_t meeting_id, core::Date day);

} // namespace panel::store
