#include "panel/rules/meetings.hpp"

#include <doctest/doctest.h>

using panel::core::Date;
using panel::core::MeetingStatus;
using namespace panel::rules;

namespace {

Date day(const char* text) { return *Date::parse(text); }

std::vector<Date> dates(const char* rule, const char* from, const char* to)
{
  std::string problem;
  auto out = monthly_dates(rule, day(from), day(to), problem);
  CHECK(problem.empty());
  return out;
}

} // namespace

TEST_CASE("meetings: the agenda cut-off is the meeting date less the lead days")
{
  CHECK(agenda_cutoff(day("2017-09-12"), 5) == day("2017-09-07"));
  CHECK(agenda_cutoff(day("2017-03-02"), 5) == day("2017-02-25"));
}

TEST_CASE("meetings: accepted on the cut-off day still makes the meeting, the day after does not")
{
  CHECK(before_cutoff(day("2017-09-07"), day("2017-09-12"), 5));
  CHECK_FALSE(before_cutoff(day("2017-09-08"), day("2017-09-12"), 5));
  CHECK(before_cutoff(day("2017-09-12"), day("2017-09-12"), 0));
}

TEST_CASE("meetings: second tuesday of each month")
{
  CHECK(dates("second tuesday", "2017-09-01", "2017-12-31") ==
        std::vector<Date>{day("2017-09-12"), day("2017-10-10"), day("2017-11-14"), day("2017-12-12")});
}

TEST_CASE("meetings: last friday, including a month with five fridays")
{
  CHECK(dates("last friday", "2017-09-01", "2017-10-31") == std::vector<Date>{day("2017-09-29"), day("2017-10-27")});
  CHECK(dates("Last Fridays", "2017-12-01", "2017-12-31") == std::vector<Date>{day("2017-12-29")});
}

TEST_CASE("meetings: a series keeps only dates inside the range")
{
  CHECK(dates("first monday", "2017-09-05", "2017-10-01").empty());
  CHECK(dates("first monday", "2017-09-04", "2017-09-04") == std::vector<Date>{day("2017-09-04")});
}

TEST_CASE("meetings: a rule that cannot be read says how to write one")
{
  for (const char* rule : {"every other tuesday", "fifth monday", "second", "second funday", "second tuesday please"}) {
    std::string problem;
    CHECK(monthly_dates(rule, day("2017-01-01"), day("2017-12-31"), problem).empty());
    CHECK(problem.find("second tuesday") != std::string::npos);
  }
}

TEST_CASE("meetings: times are HH:MM on a 24-hour clock")
{
  CHECK(valid_time("14:00"));
  CHECK(valid_time("00:00"));
  CHECK(valid_time("23:59"));
  CHECK_FALSE(valid_time("24:00"));
  CHECK_FALSE(valid_time("2pm"));
  CHECK_FALSE(valid_time("9:30"));
  CHECK_FALSE(valid_time("12:60"));
}

TEST_CASE("meetings: minutes are due working days after the meeting and overdue a working day later")
{
  using State = MinutesDue::State;
  const Holidays none;
  const auto tuesday = day("2017-09-12");
  auto at = [&](const char* today, MeetingStatus status = MeetingStatus::scheduled) {
    return minutes_due(tuesday, status, 3, none, day(today));
  };
  CHECK(at("2017-09-11").state == State::none);  // the meeting is to come
  CHECK(at("2017-09-12").state == State::due);
  CHECK(at("2017-09-12").due == day("2017-09-15"));
  CHECK(at("2017-09-15").state == State::due);
  CHECK(at("2017-09-17").state == State::due);  // the weekend after a Friday limit
  CHECK(at("2017-09-18").state == State::overdue);
  CHECK(at("2017-09-18").working_days_late == 1);
  CHECK(at("2017-09-22").working_days_late == 5);
  CHECK(at("2017-09-15").working_days_late == 0);
  CHECK(at("2017-09-18", MeetingStatus::agenda_issued).state == State::overdue);
  CHECK(at("2017-09-18", MeetingStatus::held).state == State::recorded);
  CHECK_FALSE(at("2017-09-18", MeetingStatus::held).due.has_value());
  CHECK(at("2017-09-18", MeetingStatus::cancelled).state == State::none);
  CHECK(minutes_state_name(State::overdue) == "overdue");
  CHECK(minutes_state_name(State::none).empty());
}

TEST_CASE("meetings: bank holidays push the minutes' due day on")
{
  // Thursday 24 August 2017; Monday 28 August was the summer bank holiday.
  const Holidays holidays = {day("2017-08-28")};
  const auto due = minutes_due(day("2017-08-24"), MeetingStatus::scheduled, 3, holidays, day("2017-08-30"));
  CHECK(due.due == day("2017-08-30"));
  CHECK(due.state == MinutesDue::State::due);
  // Zero working days: due on the day of the meeting.
  CHECK(minutes_due(day("2017-08-24"), MeetingStatus::scheduled, 0, holidays, day("2017-08-25")).state ==
        MinutesDue::State::overdue);
}

TEST_CASE("meetings: an open case comes to the first open meeting on or after its review, or where it is listed")
{
  const auto d = [](const char* text) { return day(text); };
  const std::vector<Date> open{d("2027-02-09"), d("2027-03-09")};  // 2027-01-19 was cancelled
  CHECK(coming_meeting(std::nullopt, d("2027-01-19"), open) == d("2027-02-09"));
  CHECK(coming_meeting(std::nullopt, d("2027-02-10"), open) == d("2027-03-09"));
  CHECK(coming_meeting(d("2027-02-09"), d("2027-03-01"), open) == d("2027-02-09"));
  CHECK(coming_meeting(d("2027-03-09"), d("2027-01-01"), open) == d("2027-02-09"));
  CHECK(coming_meeting(std::nullopt, d("2027-04-01"), open) == std::nullopt);  // awaiting a meeting
  CHECK(coming_meeting(std::nullopt, std::nullopt, open) == std::nullopt);
}
