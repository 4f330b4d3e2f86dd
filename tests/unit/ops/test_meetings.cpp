#include "panel/ops/meetings.hpp"

#include "panel/input/referrals.hpp"
#include "panel/ops/agenda.hpp"
#include "panel/ops/intake.hpp"
#include "panel/ops/triage.hpp"
#include "panel/store/history.hpp"
#include "panel/store/meetings.hpp"
#include "tests/unit/ops/panel_fixture.hpp"

#include <doctest/doctest.h>

using namespace panel;

namespace {

core::Date day(const char* text) { return *core::Date::parse(text); }

// A ccm panel on 4 September 2017 (agenda_lead_days 5) with helpers for meetings and cases.
struct Calendar : test::CcmPanel {
  core::Actor on(const char* today)
  {
    auto a = test::actor("2017-09-04T09:00:00Z", "test");
    a.today = day(today);
    return a;
  }
  ops::AddedMeeting meeting(const char* date, const char* today = "2017-09-04")
  {
    core::Meeting m;
    m.date = day(date);
    return ops::add_meeting(db, m, on(today));
  }
  // Records and accepts a referral that meets the threshold; returns its reference.
  std::string accepted(const char* name, const char* today = "2017-09-04")
  {
    auto reader = input::referral_from_fields(
        {{"received", "2017-09-01"}, {"agency", "POL"}, {"name", name}, {"category", "assault"}, {"summary", "s"},
         {"risk_level", "high"}});
    std::string reference;
    ops::record_referrals(db, *reader, "", {}, on(today), [&](const ops::IntakeItem& i) { reference = i.reference; });
    ops::TriageRequest accept;
    accept.decision = core::TriageDecision::accept;
    ops::decide(db, reference, accept, on(today));
    return reference;
  }
  std::optional<core::Date> listed(const std::string& reference)
  {
    for (const auto& m : store::list_meetings(db))
      for (const auto& ref : store::listed_referrals(db, m.date))
        if (ref == reference)
          return m.date;
    return std::nullopt;
  }
};

} // namespace

TEST_CASE("meetings: a case accepted on the cut-off day is listed for the meeting")
{
  Calendar c;
  c.meeting("2017-09-12");
  c.meeting("2017-10-10");
  CHECK(c.listed(c.accepted("Ann One", "2017-09-07")) == day("2017-09-12"));
}

TEST_CASE("meetings: a case accepted the day after the cut-off goes to the next meeting")
{
  Calendar c;
  c.meeting("2017-09-12");
  c.meeting("2017-10-10");
  CHECK(c.listed(c.accepted("Ann One", "2017-09-08")) == day("2017-10-10"));
}

TEST_CASE("meetings: with no meeting it can make, a case waits and the next meeting added lists it")
{
  Calendar c;
  const auto ref = c.accepted("Ann One");
  CHECK_FALSE(c.listed(ref));
  CHECK(c.meeting("2017-09-08").listed.empty());  // its cut-off, 3 September, has passed
  const auto added = c.meeting("2017-09-12");
  CHECK(added.listed == std::vector<std::string>{ref});
  CHECK(c.listed(ref) == day("2017-09-12"));
}

TEST_CASE("meetings: cancelling a meeting moves its cases to the next one, or back to waiting")
{
  Calendar c;
  c.meeting("2017-09-12");
  c.meeting("2017-10-10");
  const auto ref = c.accepted("Ann One");
  const auto first = ops::cancel_meeting(c.db, day("2017-09-12"), "No quorum", c.on("2017-09-04"));
  CHECK(first.moved == std::vector<std::string>{ref});
  CHECK(first.to == day("2017-10-10"));
  const auto second = ops::cancel_meeting(c.db, day("2017-10-10"), "Venue", c.on("2017-09-04"));
  CHECK_FALSE(second.to);
  CHECK_FALSE(c.listed(ref));
  CHECK(store::find_meeting(c.db, day("2017-09-12"))->cancel_reason == "No quorum");
}

TEST_CASE("meetings: a meeting date can be taken once, and a cancelled meeting stays cancelled")
{
  Calendar c;
  c.meeting("2017-09-12");
  CHECK(test::catch_error([&] { c.meeting("2017-09-12"); }).message == "there is already a meeting on 2017-09-12");
  ops::cancel_meeting(c.db, day("2017-09-12"), "No quorum", c.on("2017-09-04"));
  CHECK(test::catch_error([&] { ops::cancel_meeting(c.db, day("2017-09-12"), "again", c.on("2017-09-04")); }).thrown);
}

TEST_CASE("meetings: a schedule skips dates that already have a meeting")
{
  Calendar c;
  c.meeting("2017-10-10");
  std::vector<std::string> skipped, past;
  core::Meeting details;
  details.time = "14:00";
  const auto added = ops::schedule_meetings(c.db, "second tuesday", day("2017-09-01"), day("2017-11-30"), details,
                                            skipped, past, c.on("2017-09-04"));
  REQUIRE(added.size() == 2);
  CHECK(added[0].meeting.date == day("2017-09-12"));
  CHECK(added[1].meeting.time == "14:00");
  CHECK(skipped == std::vector<std::string>{"2017-10-10"});
  CHECK(past.empty());
}

TEST_CASE("meetings: a schedule skips dates already past and names them; today itself is not past")
{
  Calendar c;
  std::vector<std::string> skipped, past;
  const auto added = ops::schedule_meetings(c.db, "second tuesday", day("2017-08-01"), day("2017-11-30"), {}, skipped,
                                            past, c.on("2017-09-12"));
  REQUIRE(added.size() == 3);
  CHECK(added[0].meeting.date == day("2017-09-12"));
  CHECK(past == std::vector<std::string>{"2017-08-08"});
  CHECK_FALSE(store::find_meeting(c.db, day("2017-08-08")));
}

TEST_CASE("meetings: accepting for a meeting that does not exist is refused and changes nothing")
{
  Calendar c;
  auto reader = input::referral_from_fields({{"received", "2017-09-01"}, {"agency", "POL"}, {"name", "Ann One"},
                                             {"category", "assault"}, {"summary", "s"}, {"risk_level", "high"}});
  std::string reference;
  ops::record_referrals(c.db, *reader, "", {}, c.on("2017-09-04"), [&](const ops::IntakeItem& i) { reference = i.reference; });
  ops::TriageRequest accept;
  accept.decision = core::TriageDecision::accept;
  accept.meeting = day("2017-09-19");
  const auto before = c.audit_rows();
  const auto caught = test::catch_error([&] { ops::decide(c.db, reference, accept, c.on("2017-09-04")); });
  CHECK(caught.message == "no meeting on 2017-09-19; add it first with 'panel meeting add 2017-09-19'");
  CHECK(c.audit_rows() == before);
}

TEST_CASE("agenda: new and repeat items, and cases accepted after the cut-off go to the next meeting")
{
  Calendar c;
  c.meeting("2017-09-12");
  c.meeting("2017-10-10");
  const auto first = c.accepted("Ann One");
  const auto late = c.accepted("Bob Two", "2017-09-08");
  const auto a = ops::agenda(c.db, day("2017-09-12"), false, c.on("2017-09-08"));
  REQUIRE(a.items.size() == 1);
  CHECK(a.items[0].reference == first);
  CHECK(a.items[0].item == "new");
  CHECK(a.cutoff == day("2017-09-07"));
  CHECK(a.next_meeting == std::vector<std::string>{late});
  CHECK(a.quorum == std::vector<std::string>{"POL", "CST", "ASC"});
}

TEST_CASE("agenda: without a date it is the next open meeting, and issuing it is recorded")
{
  Calendar c;
  c.meeting("2017-09-12");
  const auto before = c.audit_rows();
  const auto a = ops::agenda(c.db, std::nullopt, true, c.on("2017-09-04"));
  CHECK(a.meeting.date == day("2017-09-12"));
  CHECK(store::find_meeting(c.db, day("2017-09-12"))->status == "agenda-issued");
  CHECK(c.audit_rows() == before + 2);  // the read, and the issue
}

TEST_CASE("meetings: moving a meeting moves what is listed for it, with a history row per field")
{
  Calendar c;
  c.meeting("2017-09-12");
  c.meeting("2017-10-10");
  const auto ref = c.accepted("Ann One");
  ops::MeetingChange change;
  change.date = day("2017-09-19");
  change.venue = "Room 3";
  const auto r = ops::update_meeting(c.db, day("2017-09-12"), change, c.on("2017-09-04"));
  CHECK(r.moved == std::vector<std::string>{ref});
  CHECK(r.changes == std::vector<std::string>{"date: 2017-09-12 -> 2017-09-19", "venue: (none) -> Room 3"});
  CHECK_FALSE(r.past);
  CHECK(c.listed(ref) == day("2017-09-19"));
  CHECK_FALSE(store::find_meeting(c.db, day("2017-09-12")));
  const auto moved = store::find_meeting(c.db, day("2017-09-19"));
  REQUIRE(moved);
  CHECK(moved->venue == "Room 3");
  CHECK(store::history_of(c.db, core::HistoryEntity::meeting, moved->id).size() == 2);
  // Onto another meeting's date: refused, nothing changes.
  const auto rows = c.audit_rows();
  change.date = day("2017-10-10");
  const auto caught = test::catch_error([&] { ops::update_meeting(c.db, day("2017-09-19"), change, c.on("2017-09-04")); });
  CHECK(caught.code == Exit::refused);
  CHECK(c.listed(ref) == day("2017-09-19"));
  CHECK(c.audit_rows() == rows);
}

TEST_CASE("meetings: a meeting with a referral listed is not deleted; an empty one is")
{
  Calendar c;
  c.meeting("2017-09-12");
  c.meeting("2017-10-10");
  const auto ref = c.accepted("Ann One");
  const auto caught = test::catch_error([&] { ops::delete_meeting(c.db, day("2017-09-12"), c.on("2017-09-04")); });
  CHECK(caught.code == Exit::refused);
  CHECK(caught.message.find("1 referral is listed for the meeting on 2017-09-12 (" + ref + ")") != std::string::npos);
  CHECK(store::find_meeting(c.db, day("2017-09-12")));
  ops::delete_meeting(c.db, day("2017-10-10"), c.on("2017-09-04"));
  CHECK_FALSE(store::find_meeting(c.db, day("2017-10-10")));
}
