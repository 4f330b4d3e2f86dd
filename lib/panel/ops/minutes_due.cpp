#include "panel/ops/minutes_due.hpp"

#include "panel/ops/case_reviews.hpp"
#include "panel/ops/setup.hpp"
#include "panel/store/meetings.hpp"

#include <fmt/format.h>

namespace panel::ops {

std::vector<MeetingMinutes> meetings_with_minutes(store::Db& db, core::Date today)
{
  const auto profile = load_profile(db);
  const auto holidays = case_review_holidays(profile);
  std::vector<MeetingMinutes> out;
  for (auto& m : store::list_meetings(db)) {
    const auto status = core::stored<core::MeetingStatus>(m.status);
    const auto minutes = rules::minutes_due(m.date, status, profile.minutes_due_working_days, holidays, today);
    out.push_back({std::move(m), minutes});
  }
  return out;
}

std::vector<MeetingMinutes> minutes_overdue(store::Db& db, core::Date today)
{
  auto all = meetings_with_minutes(db, today);
  std::erase_if(all, [](const MeetingMinutes& m) { return m.minutes.state != rules::MinutesDue::State::overdue; });
  return all;
}

core::Value overdue_minutes_list(const std::vector<MeetingMinutes>& meetings)
{
  core::Value list = core::Value::list({});
  for (const auto& m : meetings) {
    const int late = m.minutes.working_days_late;
    core::Value v = core::Value::object();
    v.set("date", m.meeting.date.british()).set("status", m.meeting.status)
        .set("due", m.minutes.due ? m.minutes.due->british() : "")
        .set("overdue_by", fmt::format("{} working day{}", late, late == 1 ? "" : "s"));
    list.items.push_back(v);
  }
  return list;
}

} // namespace panel::ops
