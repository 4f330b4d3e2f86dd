#include "panel/rules/meetings.hpp"

#include "panel/core/text.hpp"
#include "panel/core/vocabulary.hpp"

#include <algorithm>
#include <array>
#include <sstream>

namespace panel::rules {

core::Date agenda_cutoff(core::Date meeting, int agenda_lead_days) { return meeting.plus_days(-agenda_lead_days); }

bool before_cutoff(core::Date today, core::Date meeting, int agenda_lead_days)
{
  return today <= agenda_cutoff(meeting, agenda_lead_days);
}

std::vector<core::Date> monthly_dates(const std::string& rule, core::Date from, core::Date to, std::string& problem)
{
  static const std::array<const char*, 5> ordinals = {"first", "second", "third", "fourth", "last"};
  static const std::array<const char*, 7> days = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  std::istringstream words(rule);
  std::string ordinal, day, extra;
  words >> ordinal >> day >> extra;
  std::transform(ordinal.begin(), ordinal.end(), ordinal.begin(), [](unsigned char c) { return std::tolower(c); });
  std::transform(day.begin(), day.end(), day.begin(), [](unsigned char c) { return std::tolower(c); });
  if (!day.empty() && day.back() == 's')
    day.pop_back();  // "tuesdays"
  const auto o = std::find(ordinals.begin(), ordinals.end(), ordinal);
  const auto d = std::find(days.begin(), days.end(), day);
  if (o == ordinals.end() || d == days.end() || !extra.empty()) {
    problem = "use 'first|second|third|fourth|last' and a day, e.g. \"second tuesday\"";
    return {};
  }
  const auto which = static_cast<int>(o - ordinals.begin());
  const auto weekday = static_cast<unsigned>(d - days.begin());
  std::vector<core::Date> dates;
  for (int year = from.year(), month = static_cast<int>(from.month());
       core::Date::from_ymd(year, static_cast<unsigned>(month), 1).value() <= to;) {
    std::vector<core::Date> matching;
    for (unsigned dd = 1; dd <= 31; ++dd)
      if (const auto date = core::Date::from_ymd(year, static_cast<unsigned>(month), dd); date && date->weekday() == weekday)
        matching.push_back(*date);
    const auto chosen = which == 4 ? matching.back() : matching.at(static_cast<size_t>(which));
    if (chosen >= from && chosen <= to)
      dates.push_back(chosen);
    if (++month > 12) {
      month = 1;
      ++year;
    }
  }
  return dates;
}

bool valid_time(const std::string& t)
{
  return t.size() == 5 && t[2] == ':' && std::isdigit(static_cast<unsigned char>(t[0])) &&
         std::isdigit(static_cast<unsigned char>(t[1])) && std::isdigit(static_cast<unsigned char>(t[3])) &&
         std::isdigit(static_cast<unsigned char>(t[4])) && (t[0] - '0') * 10 + (t[1] - '0') < 24 &&
         (t[3] - '0') * 10 + (t[4] - '0') < 60;
}

MinutesDue minutes_due(core::Date meeting, core::MeetingStatus status, int working_days, const Holidays& holidays,
                       core::Date today)
{
  if (status == core::MeetingStatus::held)
    return {MinutesDue::State::recorded, std::nullopt, 0};
  if (status == core::MeetingStatus::cancelled || today < meeting)
    return {};
  const auto due = add_working_days(meeting, working_days, holidays);
  const int late = working_days_between(due, today, holidays);
  return {late > 0 ? MinutesDue::State::overdue : MinutesDue::State::due, due, late};
}

std::string minutes_state_name(MinutesDue::State state)
{
  switch (state) {
  case MinutesDue::State::recorded:
    return "recorded";
  case MinutesDue::State::due:
    return "due";
  case MinutesDue::State::overdue:
    return "overdue";
  case MinutesDue::State::none:
    break;
  }
  return "";
}

std::optional<core::Date> coming_meeting(std::optional<core::Date> listed_for, std::optional<core::Date> review,
                                         const std::vector<core::Date>& open_meetings)
{
  std::optional<core::Date> out = listed_for;
  if (review) {
    // As the agenda lists reviews: on every open meeting from the review date, so the first one.
    const auto it = std::find_if(open_meetings.begin(), open_meetings.end(), [&](core::Date d) { return d >= *review; });
    if (it != open_meetings.end() && (!out || *it < *out))
      out = *it;
  }
  return out;
}

} // namespace panel::rules
