#pragma once
#include "panel/core/meeting.hpp"
#include "panel/core/value.hpp"
#include "panel/rules/meetings.hpp"
#include "panel/store/db.hpp"

#include <vector>

namespace panel::ops {

// A meeting and where its minutes stand (rules/meetings.hpp).
using MeetingMinutes = rules::MeetingMinutes;

// Every meeting by date (with the referrals listed for it), and its minutes. Reads only, and
// opens no transaction of its own, so that reminders and check can call it inside theirs.
std::vector<MeetingMinutes> meetings_with_minutes(store::Db& db, core::Date today);

// The meetings whose minutes are overdue, oldest first.
std::vector<MeetingMinutes> minutes_overdue(store::Db& db, core::Date today);

// Meetings with overdue minutes as the reminder digest sees them: a list of {date, status, due
// (British dates), overdue_by ("2 working days")}.
core::Value overdue_minutes_list(const std::vector<MeetingMinutes>& meetings);

} // namespace panel::ops
