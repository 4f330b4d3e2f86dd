#include "panel/report/board.hpp"

#include <doctest/doctest.h>

using namespace panel;

namespace {

core::Date day(const char* text) { return *core::Date::parse(text); }

store::ActionTimeline action(const char* agreed, const char* due_now, const char* status_now,
                             std::vector<store::ActionChangeRow> changes = {})
{
  return {1, day(agreed), due_now, status_now, std::move(changes)};
}

store::ActionChangeRow change(const char* when, const char* field, const char* from, const char* to)
{
  return {day(when), field, from, to};
}

const core::Date q3_from = day("2017-07-01"), q3_to = day("2017-09-30");

} // namespace

TEST_CASE("action figures: agreed in the period by the day it was agreed, ends included")
{
  const std::vector<store::ActionTimeline> actions = {action("2017-07-01", "2017-08-01", "open"),
                                                      action("2017-09-30", "2017-10-30", "open"),
                                                      action("2017-06-30", "2017-08-01", "open")};
  CHECK(report::action_figures(actions, q3_from, q3_to).agreed == 2);
}

TEST_CASE("action figures: completed in the period, on time by the due date of the day it was done")
{
  const std::vector<store::ActionTimeline> actions = {
      // done on its due date: on time
      action("2017-07-03", "2017-08-01", "done", {change("2017-08-01", "status", "open", "done")}),
      // done a day late
      action("2017-07-03", "2017-08-01", "done", {change("2017-08-02", "status", "open", "done")}),
      // due moved to 1 September before it was done on 20 August: on time
      action("2017-07-03", "2017-09-01", "done",
             {change("2017-07-20", "due", "2017-08-01", "2017-09-01"), change("2017-08-20", "status", "open", "done")}),
      // due moved after it was done (on 20 August, due then 1 August): late
      action("2017-07-03", "2017-09-01", "done",
             {change("2017-08-20", "status", "open", "done"), change("2017-08-25", "due", "2017-08-01", "2017-09-01")}),
      // done after the end of the period: not completed in it
      action("2017-07-03", "2017-12-01", "done", {change("2017-10-01", "status", "open", "done")}),
      // done and reopened within the period: not completed
      action("2017-07-03", "2017-12-01", "open",
             {change("2017-08-01", "status", "open", "done"), change("2017-08-05", "status", "done", "open")}),
      // done before the period: not completed in it
      action("2017-06-01", "2017-06-30", "done", {change("2017-06-30", "status", "open", "done")}),
  };
  const auto f = report::action_figures(actions, q3_from, q3_to);
  CHECK(f.completed == 4);
  CHECK(f.completed_on_time == 2);
}

TEST_CASE("action figures: overdue at the end, from the state the history gives on the last day")
{
  const std::vector<store::ActionTimeline> actions = {
      action("2017-07-03", "2017-09-29", "open"),                  // due the day before the end: overdue
      action("2017-07-03", "2017-09-30", "open"),                  // due on the last day: not yet
      action("2017-07-03", "2017-09-01", "not-done", {change("2017-09-15", "status", "open", "not-done")}),  // counts
      action("2017-07-03", "2017-09-01", "not-possible", {change("2017-09-15", "status", "open", "not-possible")}),
      action("2017-07-03", "2017-09-01", "cancelled", {change("2017-09-15", "status", "open", "cancelled")}),
      // done only after the end: still overdue at the end
      action("2017-07-03", "2017-09-01", "done", {change("2017-10-02", "status", "open", "done")}),
      // due moved past the end after the end: at the end it was due 1 September, so overdue
      action("2017-07-03", "2017-11-01", "open", {change("2017-10-05", "due", "2017-09-01", "2017-11-01")}),
      // due moved past the end before the end: not overdue
      action("2017-07-03", "2017-11-01", "open", {change("2017-09-05", "due", "2017-09-01", "2017-11-01")}),
  };
  CHECK(report::action_figures(actions, q3_from, q3_to).overdue_at_end == 4);
}

TEST_CASE("median: middle value, mean of the middle two, none when empty")
{
  CHECK_FALSE(report::median({}));
  CHECK(*report::median({7}) == 7.0);
  CHECK(*report::median({9, 1, 5}) == 5.0);
  CHECK(*report::median({10, 1, 4, 5}) == 4.5);
}
