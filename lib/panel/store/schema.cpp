#include "panel/store/schema.hpp"

namespace panel::store {

// Never edit a migration that has shipped: add a new one. docs/schema.md describes the result.
// CHECK constraints use OR, not IN: SQLite builds a temporary table for an IN list on every
// insert, which made bulk intake a third slower.
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
  core      INTEGER NOT NULL DEFAULT 0 CHECK (core = 0 OR core = 1),
  position  INTEGER NOT NULL
);

CREATE TABLE audit_log (
  id       INTEGER PRIMARY KEY,
  at       TEXT NOT NULL,
  user     TEXT NOT NULL,
  command  TEXT NOT NULL,
  action   TEXT NOT NULL CHECK (action = 'create' OR action = 'read' OR action = 'update' OR action = 'delete' OR action = 'export'),
  entity   TEXT NOT NULL,
  record   TEXT NOT NULL DEFAULT '',
  detail   TEXT NOT NULL DEFAULT ''
);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

CREATE VIEW agencies AS
  SELECT code, name, email, core FROM agency ORDER BY position;
CREATE VIEW audit AS
  SELECT id, at, user, command, action, entity, record, detail FROM audit_log ORDER BY id;
)SQL",
      // 1 -> 2: people, referrals, triage decisions and cases (intake).
      R"SQL(
CREATE TABLE reference_counter (
  kind  TEXT NOT NULL,
  year  INTEGER NOT NULL,
  last  INTEGER NOT NULL,
  PRIMARY KEY (kind, year)
) WITHOUT ROWID;

CREATE TABLE person (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  name_key    TEXT NOT NULL,
  dob         TEXT,
  created_at  TEXT NOT NULL
);
CREATE INDEX person_name_key ON person (name_key, dob);

CREATE TABLE "case" (
  id            INTEGER PRIMARY KEY,
  reference     TEXT NOT NULL UNIQUE,
  person_id     INTEGER NOT NULL REFERENCES person (id),
  opened        TEXT NOT NULL,
  lead_agency   TEXT REFERENCES agency (code),
  risk_level    TEXT NOT NULL DEFAULT '',
  review_date   TEXT,
  status        TEXT NOT NULL DEFAULT 'open' CHECK (status = 'open' OR status = 'closed'),
  closed        TEXT,
  close_reason  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_person ON "case" (person_id, status);

CREATE TABLE referral (
  id                      INTEGER PRIMARY KEY,
  reference               TEXT NOT NULL UNIQUE,
  year                    INTEGER NOT NULL,
  seq                     INTEGER NOT NULL,
  received                TEXT NOT NULL,
  agency                  TEXT NOT NULL REFERENCES agency (code),
  referrer_name           TEXT NOT NULL DEFAULT '',
  referrer_email          TEXT NOT NULL DEFAULT '',
  source_ref              TEXT,
  person_id               INTEGER NOT NULL REFERENCES person (id),
  name                    TEXT NOT NULL,
  dob                     TEXT,
  age_at_referral         INTEGER,
  gender                  TEXT NOT NULL DEFAULT '',
  postcode                TEXT NOT NULL DEFAULT '',
  resident                INTEGER,
  bame                    INTEGER,
  lgbt                    INTEGER,
  disability              INTEGER,
  role                    TEXT NOT NULL DEFAULT '',
  vulnerable              INTEGER NOT NULL DEFAULT 0,
  risk_level              TEXT NOT NULL DEFAULT '',
  risk_score              INTEGER,
  risk_instrument         TEXT NOT NULL DEFAULT '',
  incidents_12m           INTEGER,
  agencies_involved       INTEGER,
  children                INTEGER,
  professional_judgement  INTEGER NOT NULL DEFAULT 0,
  consent                 TEXT NOT NULL DEFAULT '',
  consent_rationale       TEXT NOT NULL DEFAULT '',
  summary                 TEXT NOT NULL,
  repeat_of               INTEGER REFERENCES referral (id),
  criteria_met            TEXT NOT NULL DEFAULT '',
  meets_threshold         INTEGER NOT NULL DEFAULT 0,
  status                  TEXT NOT NULL DEFAULT 'pending'
                          CHECK (status = 'pending' OR status = 'awaiting-information' OR status = 'accepted' OR status = 'declined' OR status = 'redirected'),
  case_id                 INTEGER REFERENCES "case" (id),
  meeting_date            TEXT,
  created_at              TEXT NOT NULL,
  created_by              TEXT NOT NULL,
  UNIQUE (agency, source_ref)
);
CREATE INDEX referral_person ON referral (person_id, received);
CREATE INDEX referral_case ON referral (case_id) WHERE case_id IS NOT NULL;

CREATE TABLE referral_category (
  referral_id  INTEGER NOT NULL REFERENCES referral (id),
  position     INTEGER NOT NULL,
  category     TEXT NOT NULL,
  PRIMARY KEY (referral_id, position)
) WITHOUT ROWID;

CREATE TABLE other_party (
  id            INTEGER PRIMARY KEY,
  referral_id   INTEGER NOT NULL REFERENCES referral (id),
  name          TEXT NOT NULL,
  dob           TEXT,
  role          TEXT NOT NULL DEFAULT '',
  relationship  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX other_party_referral ON other_party (referral_id);

CREATE TABLE possible_match (
  referral_id  INTEGER NOT NULL REFERENCES referral (id),
  match_id     INTEGER NOT NULL REFERENCES referral (id),
  PRIMARY KEY (referral_id, match_id)
) WITHOUT ROWID;

CREATE TABLE decision (
  id            INTEGER PRIMARY KEY,
  referral_id   INTEGER NOT NULL REFERENCES referral (id),
  decision      TEXT NOT NULL CHECK (decision = 'accept' OR decision = 'decline' OR decision = 'redirect' OR decision = 'more-info' OR decision = 'reopen'),
  decided_on    TEXT NOT NULL,
  decided_at    TEXT NOT NULL,
  decided_by    TEXT NOT NULL,
  reason        TEXT NOT NULL DEFAULT '',
  signpost      TEXT NOT NULL DEFAULT '',
  forum         TEXT NOT NULL DEFAULT '',
  override      INTEGER NOT NULL DEFAULT 0,
  meeting_date  TEXT,
  lead_agency   TEXT,
  risk_level    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX decision_referral ON decision (referral_id);

CREATE VIEW referrals AS
  SELECT r.reference, r.received, r.agency, r.referrer_name, r.source_ref, r.person_id, r.name,
         r.dob, r.age_at_referral, r.gender, r.postcode, r.resident, r.bame, r.lgbt, r.disability,
         r.role, r.vulnerable, r.risk_level, r.risk_score, r.risk_instrument, r.incidents_12m,
         r.agencies_involved, r.children, r.professional_judgement, r.consent,
         (SELECT group_concat(category, ';') FROM
            (SELECT category FROM referral_category c WHERE c.referral_id = r.id ORDER BY c.position)) AS categories,
         (SELECT p.reference FROM referral p WHERE p.id = r.repeat_of) AS repeat_of,
         replace(r.criteria_met, ',', ';') AS criteria_met, r.meets_threshold, r.status,
         (SELECT k.reference FROM "case" k WHERE k.id = r.case_id) AS "case", r.meeting_date
  FROM referral r ORDER BY r.year, r.seq;
CREATE VIEW referral_categories AS
  SELECT r.reference, c.category FROM referral_category c JOIN referral r ON r.id = c.referral_id;
CREATE VIEW decisions AS
  SELECT r.reference, d.decision, d.decided_on, d.decided_by, d.reason, d.signpost, d.forum,
         d.override, d.meeting_date, d.lead_agency, d.risk_level
  FROM decision d JOIN referral r ON r.id = d.referral_id ORDER BY d.id;
CREATE VIEW cases AS
  SELECT k.reference, k.person_id, k.opened, k.lead_agency, k.risk_level, k.review_date, k.status,
         k.closed, k.close_reason,
         (SELECT count(*) FROM referral r WHERE r.case_id = k.id) AS referrals
  FROM "case" k ORDER BY k.id;
)SQL",
      // 2 -> 3: generated documents (letters now; packs and minutes later).
      R"SQL(
CREATE TABLE document (
  id               INTEGER PRIMARY KEY,
  template         TEXT NOT NULL,
  template_source  TEXT NOT NULL,
  template_sha256  TEXT NOT NULL,
  reference        TEXT NOT NULL,
  referral_id      INTEGER REFERENCES referral (id),
  case_id          INTEGER REFERENCES "case" (id),
  format           TEXT NOT NULL,
  path             TEXT NOT NULL DEFAULT '',
  output_sha256    TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  created_by       TEXT NOT NULL
);
CREATE INDEX document_case ON document (case_id) WHERE case_id IS NOT NULL;
CREATE INDEX document_referral ON document (referral_id) WHERE referral_id IS NOT NULL;

CREATE VIEW documents AS
  SELECT id, template, template_source, template_sha256, reference, format, path, output_sha256,
         created_at, created_by
  FROM document ORDER BY id;
)SQL",
      // 3 -> 4: meetings.
      R"SQL(
CREATE TABLE meeting (
  id             INTEGER PRIMARY KEY,
  date           TEXT NOT NULL UNIQUE,
  time           TEXT NOT NULL DEFAULT '',
  venue          TEXT NOT NULL DEFAULT '',
  chair          TEXT NOT NULL DEFAULT '',
  status         TEXT NOT NULL DEFAULT 'scheduled'
                 CHECK (status = 'scheduled' OR status = 'agenda-issued' OR status = 'held' OR status = 'cancelled'),
  cancel_reason  TEXT NOT NULL DEFAULT '',
  agenda_issued  TEXT,
  created_at     TEXT NOT NULL,
  created_by     TEXT NOT NULL
);
CREATE INDEX referral_meeting ON referral (meeting_date) WHERE meeting_date IS NOT NULL;

CREATE VIEW meetings AS
  SELECT m.date, m.time, m.venue, m.chair, m.status, m.cancel_reason, m.agenda_issued,
         (SELECT count(*) FROM referral r WHERE r.meeting_date = m.date AND r.status = 'accepted') AS listed
  FROM meeting m ORDER BY m.date;
)SQL",
      // 4 -> 5: minutes: attendance, observers, discussions, actions, interventions.
      R"SQL(
ALTER TABLE meeting ADD COLUMN quorate INTEGER;
ALTER TABLE meeting ADD COLUMN minuted_at TEXT;

CREATE TABLE attendance (
  meeting_id  INTEGER NOT NULL REFERENCES meeting (id),
  agency      TEXT NOT NULL REFERENCES agency (code),
  status      TEXT NOT NULL CHECK (status = 'present' OR status = 'apologies' OR status = 'absent'),
  PRIMARY KEY (meeting_id, agency)
) WITHOUT ROWID;

CREATE TABLE observer (
  id                     INTEGER PRIMARY KEY,
  meeting_id             INTEGER NOT NULL REFERENCES meeting (id),
  name                   TEXT NOT NULL,
  organisation           TEXT NOT NULL DEFAULT '',
  confidentiality_signed INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE discussion (
  id            INTEGER PRIMARY KEY,
  meeting_id    INTEGER NOT NULL REFERENCES meeting (id),
  case_id       INTEGER NOT NULL REFERENCES "case" (id),
  summary       TEXT NOT NULL,
  risk_level    TEXT NOT NULL DEFAULT '',
  outcome       TEXT NOT NULL CHECK (outcome = 'keep-open' OR outcome = 'close' OR outcome = 'refer-elsewhere'),
  close_reason  TEXT NOT NULL DEFAULT '',
  next_review   TEXT,
  UNIQUE (meeting_id, case_id)
);

CREATE TABLE action (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id      INTEGER NOT NULL REFERENCES "case" (id),
  meeting_id   INTEGER REFERENCES meeting (id),
  owner        TEXT NOT NULL REFERENCES agency (code),
  description  TEXT NOT NULL,
  due          TEXT NOT NULL,
  status       TEXT NOT NULL DEFAULT 'open'
               CHECK (status = 'open' OR status = 'done' OR status = 'not-possible' OR status = 'not-done' OR status = 'cancelled'),
  status_date  TEXT,
  created_at   TEXT NOT NULL,
  created_by   TEXT NOT NULL
);
CREATE INDEX action_case ON action (case_id);
CREATE INDEX action_open ON action (status, due);

CREATE TABLE action_history (
  id         INTEGER PRIMARY KEY,
  action_id  INTEGER NOT NULL REFERENCES action (id),
  at         TEXT NOT NULL,
  day        TEXT NOT NULL,
  user       TEXT NOT NULL,
  change     TEXT NOT NULL,
  note       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX action_history_action ON action_history (action_id);

CREATE TABLE intervention (
  id          INTEGER PRIMARY KEY,
  case_id     INTEGER NOT NULL REFERENCES "case" (id),
  meeting_id  INTEGER REFERENCES meeting (id),
  type        TEXT NOT NULL,
  tier        INTEGER NOT NULL,
  agency      TEXT NOT NULL REFERENCES agency (code),
  date        TEXT NOT NULL,
  review      TEXT,
  expiry      TEXT,
  note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX intervention_case ON intervention (case_id);

CREATE VIEW actions AS
  SELECT 'A-' || a.id AS id, k.reference AS "case", a.owner, a.description, a.due, a.status, a.status_date,
         (SELECT m.date FROM meeting m WHERE m.id = a.meeting_id) AS meeting
  FROM action a JOIN "case" k ON k.id = a.case_id ORDER BY a.id;
CREATE VIEW discussions AS
  SELECT m.date AS meeting, k.reference AS "case", d.risk_level, d.outcome, d.close_reason, d.next_review
  FROM discussion d JOIN meeting m ON m.id = d.meeting_id JOIN "case" k ON k.id = d.case_id ORDER BY m.date, d.id;
CREATE VIEW interventions AS
  SELECT k.reference AS "case", i.type, i.tier, i.agency, i.date, i.review, i.expiry,
         (SELECT m.date FROM meeting m WHERE m.id = i.meeting_id) AS meeting
  FROM intervention i JOIN "case" k ON k.id = i.case_id ORDER BY i.date, i.id;
CREATE VIEW attendances AS
  SELECT m.date AS meeting, a.agency, a.status FROM attendance a JOIN meeting m ON m.id = a.meeting_id ORDER BY m.date, a.agency;
)SQL",
      // 5 -> 6: reminders sent by `panel remind`, one row per item per message.
      R"SQL(
CREATE TABLE reminder (
  id          INTEGER PRIMARY KEY,
  item        TEXT NOT NULL CHECK (item = 'action' OR item = 'escalation' OR item = 'case-review'
                                   OR item = 'intervention-review' OR item = 'intervention-expiry'),
  subject     TEXT NOT NULL,
  due         TEXT NOT NULL,
  recipient   TEXT NOT NULL,
  address     TEXT NOT NULL,
  message_id  TEXT NOT NULL,
  delivery    TEXT NOT NULL CHECK (delivery = 'sendmail' OR delivery = 'outbox'),
  day         TEXT NOT NULL,
  at          TEXT NOT NULL,
  user        TEXT NOT NULL
);
CREATE INDEX reminder_subject ON reminder (item, subject, day);

CREATE VIEW reminders AS
  SELECT day, at, user, item, subject, due, recipient, address, message_id, delivery FROM reminder ORDER BY id;
)SQL",
      // 6 -> 7: reports: police incident data (data.police.uk street CSVs) by force and month,
      // and referrals by date received (every report period starts there).
      R"SQL(
CREATE INDEX referral_received ON referral (received);

CREATE TABLE incident_month (
  id           INTEGER PRIMARY KEY,
  reported_by  TEXT NOT NULL,
  month        TEXT NOT NULL,
  file         TEXT NOT NULL,
  sha256       TEXT NOT NULL,
  rows         INTEGER NOT NULL,
  imported_at  TEXT NOT NULL,
  imported_by  TEXT NOT NULL,
  UNIQUE (reported_by, month)
);

CREATE TABLE incident (
  id            INTEGER PRIMARY KEY,
  month_id      INTEGER NOT NULL REFERENCES incident_month (id),
  crime_id      TEXT NOT NULL DEFAULT '',
  month         TEXT NOT NULL,
  reported_by   TEXT NOT NULL,
  falls_within  TEXT NOT NULL DEFAULT '',
  longitude     REAL,
  latitude      REAL,
  location      TEXT NOT NULL DEFAULT '',
  lsoa_code     TEXT NOT NULL DEFAULT '',
  lsoa_name     TEXT NOT NULL DEFAULT '',
  crime_type    TEXT NOT NULL,
  last_outcome  TEXT NOT NULL DEFAULT '',
  context       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX incident_by_month ON incident (month_id);
CREATE INDEX incident_type_month ON incident (crime_type, month);

CREATE VIEW incidents AS
  SELECT crime_id, month, reported_by, falls_within, longitude, latitude, location, lsoa_code, lsoa_name,
         crime_type, last_outcome, context
  FROM incident ORDER BY month, id;
)SQL",
      // 7 -> 8: ASB case reviews (the Community Trigger): applications, their complaints and steps.
      // An action now belongs to a case or to a case review (the review's recommendations), so
      // the action table is rebuilt with case_id optional; the reminder table is rebuilt to allow
      // reminders about case review steps. (SQLite cannot change a column or a CHECK in place.)
      R"SQL(
CREATE TABLE case_review (
  id               INTEGER PRIMARY KEY,
  reference        TEXT NOT NULL UNIQUE,
  year             INTEGER NOT NULL,
  seq              INTEGER NOT NULL,
  received         TEXT NOT NULL,
  applicant        TEXT NOT NULL,
  on_behalf_of     TEXT NOT NULL DEFAULT '',
  consent          INTEGER NOT NULL DEFAULT 0 CHECK (consent = 0 OR consent = 1),
  contact          TEXT NOT NULL DEFAULT '',
  address          TEXT NOT NULL DEFAULT '',
  acknowledged     TEXT,
  decided          TEXT,
  threshold_met    INTEGER CHECK (threshold_met = 0 OR threshold_met = 1),
  rule             TEXT NOT NULL DEFAULT '',
  override_reason  TEXT NOT NULL DEFAULT '',
  check_json       TEXT NOT NULL DEFAULT '',
  meeting_id       INTEGER REFERENCES meeting (id),
  outcome          TEXT,
  outcome_summary  TEXT NOT NULL DEFAULT '',
  appealed         TEXT,
  appeal_reason    TEXT NOT NULL DEFAULT '',
  created_at       TEXT NOT NULL,
  created_by       TEXT NOT NULL,
  CHECK ((decided IS NULL) = (threshold_met IS NULL))
);
CREATE INDEX case_review_received ON case_review (received);

CREATE TABLE complaint (
  id              INTEGER PRIMARY KEY,
  case_review_id  INTEGER NOT NULL REFERENCES case_review (id),
  position        INTEGER NOT NULL,
  incident_date   TEXT NOT NULL,
  reported_date   TEXT NOT NULL,
  agency          TEXT NOT NULL REFERENCES agency (code),
  reference       TEXT NOT NULL DEFAULT '',
  complainant     TEXT NOT NULL DEFAULT '',
  hate            INTEGER NOT NULL DEFAULT 0 CHECK (hate = 0 OR hate = 1),
  description     TEXT NOT NULL,
  UNIQUE (case_review_id, position)
);

CREATE TABLE case_review_step (
  id              INTEGER PRIMARY KEY,
  case_review_id  INTEGER NOT NULL REFERENCES case_review (id),
  step            TEXT NOT NULL CHECK (step = 'apply' OR step = 'complaint' OR step = 'acknowledge' OR step = 'decide'
                                       OR step = 'review' OR step = 'outcome' OR step = 'appeal'),
  day             TEXT NOT NULL,
  at              TEXT NOT NULL,
  user            TEXT NOT NULL,
  detail          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_review_step_review ON case_review_step (case_review_id);

CREATE TABLE action_rebuilt (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id         INTEGER REFERENCES "case" (id),
  case_review_id  INTEGER REFERENCES case_review (id),
  meeting_id      INTEGER REFERENCES meeting (id),
  owner           TEXT NOT NULL REFERENCES agency (code),
  description     TEXT NOT NULL,
  due             TEXT NOT NULL,
  status          TEXT NOT NULL DEFAULT 'open'
                  CHECK (status = 'open' OR status = 'done' OR status = 'not-possible' OR status = 'not-done' OR status = 'cancelled'),
  status_date     TEXT,
  created_at      TEXT NOT NULL,
  created_by      TEXT NOT NULL,
  CHECK ((case_id IS NULL) <> (case_review_id IS NULL))
);
INSERT INTO action_rebuilt (id, case_id, meeting_id, owner, description, due, status, status_date, created_at, created_by)
  SELECT id, case_id, meeting_id, owner, description, due, status, status_date, created_at, created_by FROM action;
-- AUTOINCREMENT's high-water mark carries over, so an id once used (by an action deleted when
-- minutes were amended) is never given again.
DELETE FROM sqlite_sequence WHERE name = 'action_rebuilt';
INSERT INTO sqlite_sequence (name, seq) SELECT 'action_rebuilt', seq FROM sqlite_sequence WHERE name = 'action';
DROP VIEW actions;
DROP TABLE action;
ALTER TABLE action_rebuilt RENAME TO action;
CREATE INDEX action_case ON action (case_id);
CREATE INDEX action_open ON action (status, due);
CREATE INDEX action_case_review ON action (case_review_id) WHERE case_review_id IS NOT NULL;

CREATE TABLE reminder_rebuilt (
  id          INTEGER PRIMARY KEY,
  item        TEXT NOT NULL CHECK (item = 'action' OR item = 'escalation' OR item = 'case-review'
                                   OR item = 'intervention-review' OR item = 'intervention-expiry'
                                   OR item = 'trigger-step'),
  subject     TEXT NOT NULL,
  due         TEXT NOT NULL,
  recipient   TEXT NOT NULL,
  address     TEXT NOT NULL,
  message_id  TEXT NOT NULL,
  delivery    TEXT NOT NULL CHECK (delivery = 'sendmail' OR delivery = 'outbox'),
  day         TEXT NOT NULL,
  at          TEXT NOT NULL,
  user        TEXT NOT NULL
);
INSERT INTO reminder_rebuilt SELECT id, item, subject, due, recipient, address, message_id, delivery, day, at, user FROM reminder;
DROP VIEW reminders;
DROP TABLE reminder;
ALTER TABLE reminder_rebuilt RENAME TO reminder;
CREATE INDEX reminder_subject ON reminder (item, subject, day);

ALTER TABLE document ADD COLUMN case_review_id INTEGER REFERENCES case_review (id);

CREATE VIEW actions AS
  SELECT 'A-' || a.id AS id, coalesce(k.reference, t.reference) AS "case", a.owner, a.description, a.due, a.status,
         a.status_date, (SELECT m.date FROM meeting m WHERE m.id = a.meeting_id) AS meeting
  FROM action a LEFT JOIN "case" k ON k.id = a.case_id LEFT JOIN case_review t ON t.id = a.case_review_id ORDER BY a.id;
CREATE VIEW reminders AS
  SELECT day, at, user, item, subject, due, recipient, address, message_id, delivery FROM reminder ORDER BY id;
CREATE VIEW case_reviews AS
  SELECT t.reference, t.received, t.applicant, t.on_behalf_of, t.consent, t.acknowledged, t.decided, t.threshold_met,
         t.rule, t.override_reason, (SELECT m.date FROM meeting m WHERE m.id = t.meeting_id) AS meeting, t.outcome,
         t.appealed, t.appeal_reason,
         (SELECT count(*) FROM complaint c WHERE c.case_review_id = t.id) AS complaints
  FROM case_review t ORDER BY t.year, t.seq;
CREATE VIEW complaints AS
  SELECT t.reference AS case_review, c.position, c.incident_date, c.reported_date, c.agency, c.reference,
         c.complainant, c.hate, c.description
  FROM complaint c JOIN case_review t ON t.id = c.case_review_id ORDER BY t.year, t.seq, c.position;
CREATE VIEW case_review_steps AS
  SELECT t.reference AS case_review, s.step, s.day, s.at, s.user, s.detail
  FROM case_review_step s JOIN case_review t ON t.id = s.case_review_id ORDER BY s.id;
)SQL",
      // 8 -> 9: data protection. The audit log becomes a hash chain: each row carries the hash of
      // the row before it and its own fields (core::audit_hash, registered as panel_audit_hash),
      // and the rows already there are chained in id order. Cases can be put on legal hold, and
      // records remember when their personal data was purged.
      R"SQL(
ALTER TABLE audit_log ADD COLUMN hash TEXT NOT NULL DEFAULT '';
DROP TRIGGER audit_log_no_update;
CREATE TEMP TABLE audit_chain AS
  WITH RECURSIVE chain (id, hash) AS (
    SELECT id, panel_audit_hash('', at, user, command, action, entity, record, detail)
    FROM audit_log WHERE id = (SELECT min(id) FROM audit_log)
    UNION ALL
    SELECT a.id, panel_audit_hash(c.hash, a.at, a.user, a.command, a.action, a.entity, a.record, a.detail)
    FROM chain c JOIN audit_log a ON a.id = (SELECT min(id) FROM audit_log WHERE id > c.id))
  SELECT id, hash FROM chain;
UPDATE audit_log SET hash = audit_chain.hash FROM audit_chain WHERE audit_chain.id = audit_log.id;
DROP TABLE audit_chain;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
DROP VIEW audit;
CREATE VIEW audit AS
  SELECT id, at, user, command, action, entity, record, detail, hash FROM audit_log ORDER BY id;

ALTER TABLE "case" ADD COLUMN legal_hold TEXT NOT NULL DEFAULT '';
ALTER TABLE "case" ADD COLUMN purged TEXT;
ALTER TABLE referral ADD COLUMN purged TEXT;
ALTER TABLE case_review ADD COLUMN purged TEXT;
-- Purging removes an other party's date of birth; whether they were under 18 when the referral
-- was received is kept, because the SafeLives return counts young perpetrators.
ALTER TABLE other_party ADD COLUMN under_18 INTEGER;
)SQL",
      // 9 -> 10: where a case was referred ('refer-elsewhere' now closes the case, naming the forum);
      // the coordinator's digest lists open cases needing attention and minutes overdue.
      R"SQL(
ALTER TABLE discussion ADD COLUMN referred_to TEXT NOT NULL DEFAULT '';
DROP VIEW discussions;
CREATE VIEW discussions AS
  SELECT m.date AS meeting, k.reference AS "case", d.risk_level, d.outcome, d.close_reason, d.next_review,
         d.referred_to
  FROM discussion d JOIN meeting m ON m.id = d.meeting_id JOIN "case" k ON k.id = d.case_id ORDER BY m.date, d.id;

CREATE TABLE reminder_rebuilt (
  id          INTEGER PRIMARY KEY,
  item        TEXT NOT NULL CHECK (item = 'action' OR item = 'escalation' OR item = 'case-review'
                                   OR item = 'intervention-review' OR item = 'intervention-expiry'
                                   OR item = 'trigger-step' OR item = 'case-attention' OR item = 'minutes-overdue'),
  subject     TEXT NOT NULL,
  due         TEXT NOT NULL,
  recipient   TEXT NOT NULL,
  address     TEXT NOT NULL,
  message_id  TEXT NOT NULL,
  delivery    TEXT NOT NULL CHECK (delivery = 'sendmail' OR delivery = 'outbox'),
  day         TEXT NOT NULL,
  at          TEXT NOT NULL,
  user        TEXT NOT NULL
);
INSERT INTO reminder_rebuilt SELECT id, item, subject, due, recipient, address, message_id, delivery, day, at, user FROM reminder;
DROP VIEW reminders;
DROP TABLE reminder;
ALTER TABLE reminder_rebuilt RENAME TO reminder;
CREATE INDEX reminder_subject ON reminder (item, subject, day);
CREATE VIEW reminders AS
  SELECT day, at, user, item, subject, due, recipient, address, message_id, delivery FROM reminder ORDER BY id;
)SQL",
      // 10 -> 11: the audit log keeps references and codes only (issue #18). Details that copied
      // free text (decision, cancellation, hold, override and appeal reasons, setting values,
      // agency names) or file names (letters, imports, backups, restores, reminders' outboxes and
      // addresses) are redacted to the codes panel now writes. The chain hashes the details, so
      // it is worked out again: a row whose hash followed from the row before it gets a new hash
      // that follows from the redacted rows; a row whose hash did not (tampering found before the
      // upgrade) keeps its old hash, so 'check' still names it. One last row, written only when
      // something was redacted, records the old head (rows:hash) that any copy kept elsewhere
      // will show (docs/data-protection.md). secure_delete: the old text is overwritten with zeros
      // instead of left in the file's free space.
      R"SQL(
PRAGMA secure_delete = ON;
CREATE TEMP TABLE audit_redacted AS
  SELECT a.id,
    CASE WHEN a.entity = 'database' THEN '' ELSE a.record END AS record,
    CASE
      WHEN a.entity = 'referral' AND a.command LIKE 'triage%' AND instr(a.detail, ': ') > 0
        THEN substr(a.detail, 1, instr(a.detail, ': ') - 1) || ', reason given'
      WHEN a.entity = 'meeting' AND a.detail LIKE 'cancelled: %' THEN 'cancelled, reason given'
      WHEN a.entity = 'case' AND a.detail LIKE 'legal hold: %' THEN 'legal hold, reason given'
      WHEN a.entity = 'case_review' AND a.detail LIKE 'appeal: %' THEN 'appeal: reason given'
      WHEN a.entity = 'case_review' AND instr(a.detail, ' (override: ') > 0
        THEN substr(a.detail, 1, instr(a.detail, ' (override: ') - 1) || ' (override, reason given)'
      WHEN a.entity = 'document' AND instr(a.detail, ') to ') > 0 THEN substr(a.detail, 1, instr(a.detail, ') to ')) || ' to a file'
      WHEN a.entity = 'incident_month' AND instr(a.detail, ' incidents from ') > 0 AND instr(a.detail, ' (sha256 ') > 0
        THEN substr(a.detail, 1, instr(a.detail, ' incidents from ') + 15) || 'a file' || substr(a.detail, instr(a.detail, ' (sha256 '))
      WHEN a.entity = 'profile' AND a.command = 'config set' THEN 'changed'
      WHEN a.entity = 'profile' AND a.detail LIKE 'imported from %' THEN 'imported from a file'
      WHEN a.entity = 'profile' AND a.detail LIKE 'from %' AND a.detail NOT LIKE 'from built-in %' THEN 'from a file'
      WHEN a.entity = 'agency' AND (a.command = 'config import' OR a.command = 'config edit') THEN 'from the profile'
      WHEN a.entity = 'agency' AND (a.command = 'agency add' OR a.command = 'agency remove') THEN ''
      WHEN a.entity = 'database' AND a.detail LIKE 'restored from %' THEN 'restored from a backup'
      WHEN a.entity = 'reminder' AND a.action = 'export' AND instr(a.detail, ' to ') > 0
        THEN substr(a.detail, 1, instr(a.detail, ' to ') - 1)
      ELSE a.detail
    END AS detail
  FROM audit_log a;
CREATE TEMP TABLE audit_before AS
  SELECT (SELECT count(*) FROM audit_log) AS rows,
         coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS head,
         (SELECT count(*) FROM audit_log a JOIN audit_redacted r ON r.id = a.id
          WHERE r.detail <> a.detail OR r.record <> a.record) AS redacted;
CREATE TEMP TABLE audit_chain AS
  WITH RECURSIVE chain (id, old, new) AS (
    SELECT a.id, a.hash,
           CASE WHEN a.hash = panel_audit_hash('', a.at, a.user, a.command, a.action, a.entity, a.record, a.detail)
                THEN panel_audit_hash('', a.at, a.user, a.command, a.action, a.entity, r.record, r.detail) ELSE a.hash END
    FROM audit_log a JOIN audit_redacted r ON r.id = a.id WHERE a.id = (SELECT min(id) FROM audit_log)
    UNION ALL
    SELECT a.id, a.hash,
           CASE WHEN a.hash = panel_audit_hash(c.old, a.at, a.user, a.command, a.action, a.entity, a.record, a.detail)
                THEN panel_audit_hash(c.new, a.at, a.user, a.command, a.action, a.entity, r.record, r.detail) ELSE a.hash END
    FROM chain c JOIN audit_log a ON a.id = (SELECT min(id) FROM audit_log WHERE id > c.id) JOIN audit_redacted r ON r.id = a.id)
  SELECT id, new AS hash FROM chain;
DROP TRIGGER audit_log_no_update;
UPDATE audit_log SET record = r.record, detail = r.detail, hash = c.hash
  FROM audit_redacted r JOIN audit_chain c ON c.id = r.id
  WHERE r.id = audit_log.id AND (SELECT redacted FROM audit_before) > 0;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
INSERT INTO audit_log (at, user, command, action, entity, record, detail, hash)
  SELECT at, 'panel', 'schema upgrade', 'update', 'audit_log', record, detail,
         panel_audit_hash(coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), ''), at, 'panel', 'schema upgrade',
                          'update', 'audit_log', record, detail)
  FROM (SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now') AS at, b.rows || ':' || b.head AS record,
               'audit details redacted to codes (' || b.redacted || ' of ' || b.rows
               || ' rows); the chain was worked out again; the head before: record' AS detail
        FROM audit_before b WHERE b.redacted > 0);
DROP TABLE audit_redacted;
DROP TABLE audit_before;
DROP TABLE audit_chain;
)SQL",
      // 11 -> 12: corrections (issue #20). A referral or case recorded in error is voided, not
      // deleted: `voided` is the day, and a voided row leaves every view, list, count and report
      // but stays in the audit log. Every change to a referral, case, meeting or person keeps a
      // history row (field, old and new values, reason, who and when). Dated case notes between
      // meetings; other names a person is known by; merges of two records of one person, with what
      // each merge changed (JSON) so that it can be undone.
      R"SQL(
ALTER TABLE referral ADD COLUMN voided TEXT;
ALTER TABLE "case" ADD COLUMN voided TEXT;
ALTER TABLE person ADD COLUMN merged_into INTEGER REFERENCES person (id);

CREATE TABLE history (
  id         INTEGER PRIMARY KEY,
  entity     TEXT NOT NULL CHECK (entity = 'referral' OR entity = 'case' OR entity = 'meeting' OR entity = 'person'),
  record_id  INTEGER NOT NULL,
  field      TEXT NOT NULL,
  old        TEXT NOT NULL DEFAULT '',
  new        TEXT NOT NULL DEFAULT '',
  reason     TEXT NOT NULL DEFAULT '',
  at         TEXT NOT NULL,
  day        TEXT NOT NULL,
  user       TEXT NOT NULL,
  command    TEXT NOT NULL
);
CREATE INDEX history_record ON history (entity, record_id);

CREATE TABLE case_note (
  id       INTEGER PRIMARY KEY,
  case_id  INTEGER NOT NULL REFERENCES "case" (id),
  day      TEXT NOT NULL,
  text     TEXT NOT NULL,
  at       TEXT NOT NULL,
  user     TEXT NOT NULL
);
CREATE INDEX case_note_case ON case_note (case_id);

CREATE TABLE person_alias (
  id          INTEGER PRIMARY KEY,
  person_id   INTEGER NOT NULL REFERENCES person (id),
  name        TEXT NOT NULL,
  name_key    TEXT NOT NULL,
  dob         TEXT,
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL
);
CREATE INDEX person_alias_key ON person_alias (name_key, dob);
CREATE INDEX person_alias_person ON person_alias (person_id);

CREATE TABLE person_merge (
  id         INTEGER PRIMARY KEY,
  keep_id    INTEGER NOT NULL REFERENCES person (id),
  drop_id    INTEGER NOT NULL REFERENCES person (id),
  reason     TEXT NOT NULL,
  changes    TEXT NOT NULL,
  at         TEXT NOT NULL,
  day        TEXT NOT NULL,
  user       TEXT NOT NULL,
  undone_at  TEXT
);
CREATE INDEX person_merge_keep ON person_merge (keep_id);
CREATE INDEX person_merge_drop ON person_merge (drop_id);

DROP VIEW referrals;
CREATE VIEW referrals AS
  SELECT r.reference, r.received, r.agency, r.referrer_name, r.source_ref, r.person_id, r.name,
         r.dob, r.age_at_referral, r.gender, r.postcode, r.resident, r.bame, r.lgbt, r.disability,
         r.role, r.vulnerable, r.risk_level, r.risk_score, r.risk_instrument, r.incidents_12m,
         r.agencies_involved, r.children, r.professional_judgement, r.consent,
         (SELECT group_concat(category, ';') FROM
            (SELECT category FROM referral_category c WHERE c.referral_id = r.id ORDER BY c.position)) AS categories,
         (SELECT p.reference FROM referral p WHERE p.id = r.repeat_of) AS repeat_of,
         replace(r.criteria_met, ',', ';') AS criteria_met, r.meets_threshold, r.status,
         (SELECT k.reference FROM "case" k WHERE k.id = r.case_id) AS "case", r.meeting_date
  FROM referral r WHERE r.voided IS NULL ORDER BY r.year, r.seq;
DROP VIEW referral_categories;
CREATE VIEW referral_categories AS
  SELECT r.reference, c.category FROM referral_category c JOIN referral r ON r.id = c.referral_id
  WHERE r.voided IS NULL;
DROP VIEW decisions;
CREATE VIEW decisions AS
  SELECT r.reference, d.decision, d.decided_on, d.decided_by, d.reason, d.signpost, d.forum,
         d.override, d.meeting_date, d.lead_agency, d.risk_level
  FROM decision d JOIN referral r ON r.id = d.referral_id WHERE r.voided IS NULL ORDER BY d.id;
DROP VIEW cases;
CREATE VIEW cases AS
  SELECT k.reference, k.person_id, k.opened, k.lead_agency, k.risk_level, k.review_date, k.status,
         k.closed, k.close_reason,
         (SELECT count(*) FROM referral r WHERE r.case_id = k.id AND r.voided IS NULL) AS referrals
  FROM "case" k WHERE k.voided IS NULL ORDER BY k.id;
DROP VIEW meetings;
CREATE VIEW meetings AS
  SELECT m.date, m.time, m.venue, m.chair, m.status, m.cancel_reason, m.agenda_issued,
         (SELECT count(*) FROM referral r WHERE r.meeting_date = m.date AND r.status = 'accepted' AND r.voided IS NULL) AS listed
  FROM meeting m ORDER BY m.date;
CREATE VIEW voided_referrals AS
  SELECT r.reference, r.received, r.agency, r.status, r.voided,
         (SELECT k.reference FROM "case" k WHERE k.id = r.case_id) AS "case"
  FROM referral r WHERE r.voided IS NOT NULL ORDER BY r.year, r.seq;
CREATE VIEW changes AS
  SELECT h.id, h.at, h.day, h.user, h.command, h.entity,
         CASE h.entity
           WHEN 'referral' THEN (SELECT r.reference FROM referral r WHERE r.id = h.record_id)
           WHEN 'case' THEN (SELECT k.reference FROM "case" k WHERE k.id = h.record_id)
           WHEN 'meeting' THEN (SELECT m.date FROM meeting m WHERE m.id = h.record_id)
           ELSE CAST(h.record_id AS TEXT)
         END AS record,
         h.field, h.old, h.new, h.reason
  FROM history h ORDER BY h.id;
CREATE VIEW case_notes AS
  SELECT k.reference AS "case", n.day, n.user, n.text FROM case_note n JOIN "case" k ON k.id = n.case_id ORDER BY n.id;
CREATE VIEW person_aliases AS
  SELECT a.person_id, a.name, a.dob FROM person_alias a ORDER BY a.id;
CREATE VIEW person_merges AS
  SELECT g.id, g.keep_id, g.drop_id, g.reason, g.day, g.user, g.undone_at FROM person_merge g ORDER BY g.id;
)SQL",
      // 12 -> 13: the subject's address (issue #21), lines separated by line feeds, so that a
      // letter to the person has its address block from the register instead of a placeholder.
      // Personal data: purge clears it, person export includes it. Not in the `referrals` view,
      // which keeps the postcode as the place analysts count by.
      R"SQL(
ALTER TABLE referral ADD COLUMN address TEXT NOT NULL DEFAULT '';
)SQL",
      // 13 -> 14: no new column; a person's date of birth now follows their referrals (trial F18):
      // it is the date of birth of their latest live referral that gives one (none when none does),
      // so that a correction made with `referral update --dob` reaches `person find` and `person
      // dupes`. Registers corrected before this version are brought in line once, here.
      R"SQL(
UPDATE person SET dob = (SELECT r.dob FROM referral r WHERE r.person_id = person.id AND r.voided IS NULL
                         ORDER BY r.dob IS NULL, r.received DESC, r.id DESC LIMIT 1)
  WHERE EXISTS (SELECT 1 FROM referral r WHERE r.person_id = person.id AND r.voided IS NULL);
)SQL",
  };
  return steps;
}

} // namespace panel::store
