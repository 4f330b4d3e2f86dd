#include "panel/store/schema.hpp"

namespace panel::store {

// Never edit a migration that has shipped: add a new one. docs/schema.md describes the result.
const std::vector<std::string_view>& migrations()
{
  static const std::vector<std::string_view> steps = {
      // 0 -> 1: profile, agencies, audit log.
      R"SQL(
CREATE TABLE profile (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  yaml        TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  updated_by  TEXT NOT NULL
);

CREATE TABLE agency (
  code      TEXT PRIMARY KEY,
  name      TEXT NOT NULL,
  email     TEXT NOT NULL DEFAULT '',
  core      INTEGER NOT NULL DEFAULT 0 CHECK (core IN (0, 1)),
  position  INTEGER NOT NULL
);

CREATE TABLE audit_log (
  id       INTEGER PRIMARY KEY,
  at       TEXT NOT NULL,
  user     TEXT NOT NULL,
  command  TEXT NOT NULL,
  action   TEXT NOT NULL CHECK (action IN ('create', 'read', 'update', 'delete', 'export')),
  entity   TEXT NOT NULL,
  record   TEXT NOT NULL DEFAULT '',
  detail   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

CREATE VIEW agencies AS
  SELECT code, name, email, core FROM agency ORDER BY position;
CREATE VIEW audit AS
  SELECT id, at, user, command, action, entity, record, detail FROM audit_log ORDER BY id;
)SQL",
  };
  return steps;
}

} // namespace panel::store
