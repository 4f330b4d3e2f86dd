#include "panel/core/vocabulary.hpp"

#include "tests/unit/support.hpp"

#include <doctest/doctest.h>
#include <set>

using namespace panel;
using namespace panel::core;

namespace {

// Every value has exactly one word, every word one value, and each parses back to its value.
template <class E>
void check_round_trip(int values)
{
  CAPTURE(Vocabulary<E>::noun);
  std::set<std::string_view> words;
  std::set<E> seen;
  for (const auto& [value, word] : Vocabulary<E>::words) {
    CAPTURE(word);
    CHECK(to_string(value) == word);
    REQUIRE(parse<E>(word).has_value());
    CHECK(*parse<E>(word) == value);
    words.insert(word);
    seen.insert(value);
  }
  CHECK(static_cast<int>(words.size()) == values);
  CHECK(static_cast<int>(seen.size()) == values);
  // The enums count from 0 with no gaps, so the last value is values - 1.
  CHECK(seen.count(static_cast<E>(values - 1)) == 1);
}

} // namespace

TEST_CASE("vocabulary: every value of every vocabulary has one word that parses back to it")
{
  check_round_trip<ReferralStatus>(5);
  check_round_trip<TriageDecision>(5);
  check_round_trip<CaseStatus>(2);
  check_round_trip<MeetingStatus>(4);
  check_round_trip<Attendance>(3);
  check_round_trip<MinutesOutcome>(3);
  check_round_trip<ActionStatus>(5);
  check_round_trip<AuditAction>(5);
  check_round_trip<ReminderItem>(8);
  check_round_trip<Delivery>(2);
  check_round_trip<CaseReviewStep>(7);
  check_round_trip<AgendaItemKind>(4);
}

TEST_CASE("vocabulary: the stored words are the ones the database has always held")
{
  CHECK(to_string(ReferralStatus::awaiting_information) == "awaiting-information");
  CHECK(to_string(TriageDecision::more_info) == "more-info");
  CHECK(to_string(MeetingStatus::agenda_issued) == "agenda-issued");
  CHECK(to_string(MinutesOutcome::keep_open) == "keep-open");
  CHECK(to_string(ActionStatus::not_possible) == "not-possible");
  CHECK(to_string(AuditAction::delete_) == "delete");
  CHECK(to_string(AuditAction::export_) == "export");
}

TEST_CASE("vocabulary: parse takes the stored text in any case, not other spellings")
{
  CHECK_FALSE(parse<TriageDecision>("more_info").has_value());
  CHECK(parse<TriageDecision>("Accept") == TriageDecision::accept);
  CHECK(parse<MinutesOutcome>("KEEP-OPEN") == MinutesOutcome::keep_open);
  CHECK_FALSE(parse<CaseStatus>("").has_value());
  CHECK_FALSE(parse<CaseStatus>("open ").has_value());
  CHECK_FALSE(parse<AuditAction>("delete_").has_value());
}

TEST_CASE("vocabulary: known values keep the table's order, for messages and completion")
{
  CHECK(known_values<TriageDecision>() == std::vector<std::string>{"accept", "decline", "redirect", "more-info", "reopen"});
  CHECK(known_list<CaseStatus>() == "open, closed");
  CHECK(known_list<ActionStatus>() == "open, done, not-possible, not-done, cancelled");
}

TEST_CASE("vocabulary: is compares a stored text with a value")
{
  const std::string status = "closed";
  CHECK(is(status, CaseStatus::closed));
  CHECK_FALSE(is(status, CaseStatus::open));
  CHECK_FALSE(is("", CaseStatus::open));
}

TEST_CASE("vocabulary: parse_or_throw names the unknown text and every known value")
{
  CHECK(parse_or_throw<Attendance>("apologies") == Attendance::apologies);
  const auto refused = test::catch_error([] { parse_or_throw<TriageDecision>("maybe"); });
  CHECK(refused.code == Exit::refused);
  CHECK(refused.message == "unknown decision 'maybe' (known: accept, decline, redirect, more-info, reopen)");
  const auto usage = test::catch_error([] { parse_or_throw<CaseStatus>("shut", Exit::usage, "--status: "); });
  CHECK(usage.code == Exit::usage);
  CHECK(usage.message == "--status: unknown status 'shut' (known: open, closed)");
}
