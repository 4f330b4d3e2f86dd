// Schema 11: the audit rows of an existing register are redacted to codes and the chain is worked
// out again, with the old head recorded (issue #18, item 1).
#include "panel/core/audit.hpp"
#include "panel/ops/maintenance.hpp"
#include "panel/store/audit.hpp"
#include "panel/store/db.hpp"
#include "panel/store/schema.hpp"
#include "tests/unit/support.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <sqlite3.h>

using namespace panel;
using panel::test::raw_sql;
using panel::test::TempDir;

namespace {

// Runs `sql` on a new file with panel_audit_hash defined, as panel defines it, so that the
// migrations up to 10 (schema 9 chains the log in SQL) can be applied as they were shipped.
void create_with(const std::string& path, const std::string& sql)
{
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) == SQLITE_OK);
  auto hash = [](sqlite3_context* context, int argc, sqlite3_value** argv) {
    auto text = [&](int i) {
      const auto* p = sqlite3_value_text(argv[i]);
      return p ? std::string(reinterpret_cast<const char*>(p)) : std::string();
    };
    const core::AuditEntry row{0, text(1), text(2), text(3), text(4), text(5), text(6), text(7), ""};
    const auto h = argc == 8 ? core::audit_hash(text(0), row) : std::string();
    sqlite3_result_text(context, h.c_str(), static_cast<int>(h.size()), SQLITE_TRANSIENT);
  };
  sqlite3_create_function_v2(db, "panel_audit_hash", 8, SQLITE_UTF8, nullptr, hash, nullptr, nullptr, nullptr);
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  const std::string message = error ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  REQUIRE_MESSAGE(rc == SQLITE_OK, message);
}

std::string sql_text(const std::string& s)
{
  std::string out = "'";
  for (const char c : s)
    out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

// A file at schema 10 whose audit log holds what panel 0.x wrote: free text and file names,
// chained as panel chained them. `tamper` changes row 3's detail afterwards (a broken row).
std::string schema_10_with_free_text(TempDir& dir, bool tamper)
{
  const auto path = dir.file("v10.db");
  std::string sql = "PRAGMA application_id = " + std::to_string(store::application_id) + ";";
  for (size_t i = 0; i < 10; ++i)
    sql += std::string(store::migrations().at(i));
  const std::vector<core::AuditEntry> rows = {
      {0, "2017-09-01T09:00:00Z", "a", "init", "create", "profile", "CCM", "from /home/jo/Jane-Roe-panel.yaml", ""},
      {0, "2017-09-02T09:00:00Z", "a", "refer", "create", "referral", "CCM-2017-0001", "", ""},
      {0, "2017-09-03T09:00:00Z", "a", "triage", "update", "referral", "CCM-2017-0001", "decline: Jane Roe is already under the CMHT", ""},
      {0, "2017-09-04T09:00:00Z", "a", "letter", "export", "document", "CCM-2017-0001",
       "referral-declined (md) to letter-zebedee-quuxworth.md", ""},
      {0, "2017-09-05T09:00:00Z", "a", "case hold", "update", "case", "CCM-2017-0002", "legal hold: claim by Jane Roe", ""},
      {0, "2017-09-06T09:00:00Z", "a", "backup", "export", "database", "/srv/backups/jane-roe.db", "backup", ""},
      {0, "2017-09-07T09:00:00Z", "a", "meeting cancel", "update", "meeting", "2017-09-12", "cancelled: Jane Roe's funeral", ""},
      {0, "2017-09-08T09:00:00Z", "a", "remind", "export", "reminder", "POL",
       "2 items to jane.roe@police.example <panel.1@example.org> in /srv/outbox/pol.eml", ""},
      {0, "2017-09-09T09:00:00Z", "a", "case show", "read", "case", "CCM-2017-0002", "", ""},
  };
  std::string previous;
  for (const auto& r : rows) {
    previous = core::audit_hash(previous, r);
    sql += "INSERT INTO audit_log (at, user, command, action, entity, record, detail, hash) VALUES (" + sql_text(r.at) + "," +
           sql_text(r.user) + "," + sql_text(r.command) + "," + sql_text(r.action) + "," + sql_text(r.entity) + "," +
           sql_text(r.record) + "," + sql_text(r.detail) + "," + sql_text(previous) + ");";
  }
  if (tamper)
    sql += "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail = 'accept: Jane Roe' WHERE id = 3;"
           "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log\n"
           "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;";
  sql += "PRAGMA user_version = 10;";
  create_with(path, sql);
  return path;
}

std::string old_head(const std::string& path)
{
  const auto n = raw_sql(path, "SELECT count(*) FROM audit_log").first_value;
  return n + ":" + raw_sql(path, "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").first_value;
}

} // namespace

TEST_CASE("audit redaction: schema 11 leaves no free text or file name in old audit rows, and the chain verifies")
{
  TempDir dir;
  const auto path = schema_10_with_free_text(dir, false);
  const auto before = old_head(path);
  auto db = store::Db::open(path);
  const auto rows = store::list_audit(db, "");
  REQUIRE(rows.size() == 10);
  for (const auto& row : rows)
    for (const char* text : {"Jane", "Roe", "zebedee", "jane.roe", "/srv", "/home", "funeral", "CMHT"}) {
      CHECK_MESSAGE(row.detail.find(text) == std::string::npos, row.detail);
      CHECK_MESSAGE(row.record.find(text) == std::string::npos, row.record);
    }
  CHECK(rows[0].detail == "from a file");
  CHECK(rows[2].detail == "decline, reason given");
  CHECK(rows[3].detail == "referral-declined (md) to a file");
  CHECK(rows[4].detail == "legal hold, reason given");
  CHECK(rows[5].record == "");
  CHECK(rows[6].detail == "cancelled, reason given");
  CHECK(rows[7].detail == "2 items");
  CHECK(rows[8].detail == "");  // untouched rows keep what they had
  // The last row explains the break: the old head, which copies kept elsewhere show.
  CHECK(rows[9].command == "schema upgrade");
  CHECK(rows[9].entity == "audit_log");
  CHECK(rows[9].record == before);
  CHECK(rows[9].detail.find("7 of 9 rows") != std::string::npos);
  CHECK_FALSE(store::verify_audit_chain(db).first_broken);
  // The append-only trigger is back.
  CHECK(raw_sql(path, "UPDATE audit_log SET user = 'x' WHERE id = 1").rc != SQLITE_OK);
  // A head written down before the upgrade is still accepted, by the row that recorded it.
  const auto findings = ops::check_database(path, std::nullopt, core::parse_head(before));
  const auto head = std::find_if(findings.begin(), findings.end(), [](const auto& f) { return f.check == "audit head"; });
  REQUIRE(head != findings.end());
  CHECK(head->ok);
  CHECK(head->detail.find("schema upgrade") != std::string::npos);
}

TEST_CASE("audit redaction: a row tampered with before the upgrade still breaks the chain after it")
{
  TempDir dir;
  const auto path = schema_10_with_free_text(dir, true);
  REQUIRE(raw_sql(path, "SELECT count(*) FROM audit_log").first_value == "9");
  auto db = store::Db::open(path);
  const auto chain = store::verify_audit_chain(db);
  // Working the chain out again must not launder the change made outside panel.
  REQUIRE(chain.first_broken);
  CHECK(*chain.first_broken == 3);
}

TEST_CASE("audit redaction: a register with nothing to redact gets no extra row")
{
  TempDir dir;
  const auto path = dir.file("clean.db");
  std::string sql = "PRAGMA application_id = " + std::to_string(store::application_id) + ";";
  for (size_t i = 0; i < 10; ++i)
    sql += std::string(store::migrations().at(i));
  const core::AuditEntry row{0, "2017-09-01T09:00:00Z", "a", "init", "create", "profile", "CCM", "from built-in ccm", ""};
  sql += "INSERT INTO audit_log (at, user, command, action, entity, record, detail, hash) VALUES ('2017-09-01T09:00:00Z', "
         "'a', 'init', 'create', 'profile', 'CCM', 'from built-in ccm', '" + core::audit_hash("", row) + "');"
         "PRAGMA user_version = 10;";
  create_with(path, sql);
  auto db = store::Db::open(path);
  CHECK(store::list_audit(db, "").size() == 1);
  CHECK(store::audit_head(db).hash == core::audit_hash("", row));
}
