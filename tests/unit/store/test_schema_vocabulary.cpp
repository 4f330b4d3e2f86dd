#include "panel/core/vocabulary.hpp"
#include "panel/store/db.hpp"

#include "tests/unit/support.hpp"

#include <doctest/doctest.h>

using namespace panel;
using panel::test::raw_sql;
using panel::test::TempDir;

namespace {

// The words a CHECK constraint allows a column, in order, read from the table's SQL as SQLite
// keeps it: "CHECK (status = 'open' OR status = 'closed')" gives {"open", "closed"}.
std::vector<std::string> check_list(const std::string& path, const std::string& table, const std::string& column)
{
  const auto sql = raw_sql(path, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '" + table + "'");
  REQUIRE(sql.rc == SQLITE_OK);
  const std::string& text = sql.first_value;
  const std::string term = column + " = '";
  const auto start = text.find("CHECK (" + term);
  REQUIRE_MESSAGE(start != std::string::npos, "no CHECK on " << table << "." << column);
  const auto end = text.find(')', start);
  std::vector<std::string> words;
  for (auto at = text.find(term, start); at < end; at = text.find(term, at)) {
    at += term.size();
    const auto close = text.find('\'', at);
    words.push_back(text.substr(at, close - at));
  }
  return words;
}

} // namespace

TEST_CASE("schema: every CHECK list of a fixed vocabulary is the enum's known values, in order")
{
  TempDir dir;
  const auto path = dir.file("fresh.db");
  { auto db = store::Db::create(path); }
  CHECK(check_list(path, "audit_log", "action") == core::known_values<core::AuditAction>());
  CHECK(check_list(path, "case", "status") == core::known_values<core::CaseStatus>());
  CHECK(check_list(path, "referral", "status") == core::known_values<core::ReferralStatus>());
  CHECK(check_list(path, "decision", "decision") == core::known_values<core::TriageDecision>());
  CHECK(check_list(path, "meeting", "status") == core::known_values<core::MeetingStatus>());
  CHECK(check_list(path, "attendance", "status") == core::known_values<core::Attendance>());
  CHECK(check_list(path, "discussion", "outcome") == core::known_values<core::MinutesOutcome>());
  CHECK(check_list(path, "action", "status") == core::known_values<core::ActionStatus>());
  CHECK(check_list(path, "reminder", "item") == core::known_values<core::ReminderItem>());
  CHECK(check_list(path, "reminder", "delivery") == core::known_values<core::Delivery>());
  CHECK(check_list(path, "case_review_step", "step") == core::known_values<core::CaseReviewStep>());
  CHECK(check_list(path, "history", "entity") == core::known_values<core::HistoryEntity>());
}

TEST_CASE("schema: the CHECK reader sees a value missing from a list")
{
  // The test above is only as good as check_list: a table whose CHECK lacks a word must differ.
  TempDir dir;
  const auto path = dir.file("short.db");
  REQUIRE(raw_sql(path, "CREATE TABLE t (status TEXT NOT NULL DEFAULT 'open' CHECK (status = 'open'), x INTEGER "
                        "CHECK (x = 0 OR x = 1))").rc == SQLITE_OK);
  CHECK(check_list(path, "t", "status") == std::vector<std::string>{"open"});
  CHECK(check_list(path, "t", "status") != core::known_values<core::CaseStatus>());
}
