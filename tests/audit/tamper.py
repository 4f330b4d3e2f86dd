#!/usr/bin/env python3
"""Audit log tampering that the chain alone cannot see, and what catches it (issue #18, item 3).

    tamper.py PANEL_BINARY

Builds a small register through the command line, keeps its head ('panel audit head'), then
tampers with copies of it the way someone with the sqlite3 shell could, recomputing SHA-256
exactly as panel does (core::audit_hash: the previous hash and each field, every one followed by
0x1F), and runs 'panel check' on each copy:

  wipe          every audit row deleted (triggers dropped first)
  tail          the last rows deleted
  rewrite       a row's detail changed and every hash after it worked out again
  triggers      the append-only triggers dropped, nothing else changed
  unaudited     a referral inserted with no audit row

Each must fail 'check' (exit 1) and name the finding that caught it; the untouched copy must pass
with --head, and a copy with later rows appended by panel must pass too. Exit 0 when all hold.
"""
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

panel = os.path.abspath(sys.argv[1])
work = tempfile.mkdtemp(prefix="panel-tamper.")
os.chmod(work, 0o700)
env = dict(os.environ, PANEL_TODAY="2017-09-04", PANEL_NOW="2017-09-04T09:00:00Z", PANEL_USER="coordinator")
failures = []


def run(db, *args, check=True):
    p = subprocess.run([panel, "--db", db, *args], env=env, capture_output=True, text=True)
    if check and p.returncode != 0:
        sys.exit(f"panel {' '.join(args)} failed ({p.returncode}): {p.stderr}")
    return p


def audit_hash(previous, row):
    text = "".join(field + "\x1f" for field in (previous, *row))
    return hashlib.sha256(text.encode()).hexdigest()


FIELDS = "at, user, command, action, entity, record, detail"


def rechain(con):
    """What a careful tamperer does after editing: every hash worked out again, in id order."""
    previous = ""
    for row_id, *row in con.execute(f"SELECT id, {FIELDS} FROM audit_log ORDER BY id").fetchall():
        previous = audit_hash(previous, row)
        con.execute("UPDATE audit_log SET hash = ? WHERE id = ?", (previous, row_id))


def tampered(name, sql, rehash=False, after=""):
    path = os.path.join(work, f"{name}.db")
    shutil.copy(original, path)
    con = sqlite3.connect(path)
    con.executescript(sql)
    if rehash:
        rechain(con)
    con.executescript(after)
    con.commit()
    con.close()
    return path


def expect(name, path, head, finding):
    p = run(path, "check", "--head", head, "--format", "json", check=False)
    problems = [f for f in json.loads(p.stdout) if not f["ok"]]
    caught = [f["detail"] for f in problems if f["check"] == finding]
    if p.returncode != 1 or not caught:
        failures.append(f"{name}: expected exit 1 with a problem in '{finding}', got exit {p.returncode}: {problems}")
    else:
        print(f"ok: {name} caught by '{finding}': {caught[0]}")


original = os.path.join(work, "panel.db")
run(original, "-q", "init")
run(original, "-q", "refer", "--file", os.path.join(os.path.dirname(__file__), "../../examples/referrals.yaml"))
run(original, "-q", "triage", "--accept-eligible")
run(original, "-q", "triage", "CCM-2017-0004", "decline", "--reason", "Supported elsewhere")
head = run(original, "audit", "head").stdout.strip()
rows = int(head.split(":")[0])

# The untouched register, and the same register after panel appended more rows, pass.
p = run(original, "check", "--head", head, check=False)
if p.returncode != 0:
    failures.append(f"untouched: check --head failed:\n{p.stdout}{p.stderr}")
later = os.path.join(work, "later.db")
shutil.copy(original, later)
run(later, "-q", "meeting", "add", "2017-09-12")
p = run(later, "check", "--head", head, check=False)
if p.returncode != 0:
    failures.append(f"appended: check --head failed:\n{p.stdout}{p.stderr}")
# The rewritten-chain checks below would be meaningless if python's hash were not panel's.
con = sqlite3.connect(original)
stored = con.execute("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()[0]
con.close()
con = sqlite3.connect(tampered("recomputed", "DROP TRIGGER audit_log_no_update;", rehash=True))
if con.execute("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()[0] != stored:
    failures.append("python's SHA-256 chain differs from panel's: the rewrite test proves nothing")
con.close()

drop = "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;"
restore = ("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log\n"
           "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
           "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log\n"
           "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;")
# Each tamperer puts the triggers back, so only the finding named can catch it.
expect("wipe", tampered("wipe", drop + "DELETE FROM audit_log;" + restore), head, "audit head")
expect("tail", tampered("tail", drop + f"DELETE FROM audit_log WHERE id > (SELECT min(id) FROM audit_log) + {rows - 4};" + restore),
       head, "audit head")
expect("rewrite", tampered("rewrite", drop + "UPDATE audit_log SET detail = 'accept' WHERE detail = 'decline, reason given';",
                           rehash=True, after=restore), head, "audit head")
expect("triggers", tampered("triggers", drop), head, "audit triggers")
expect("triggers-neutered", tampered("neutered", "DROP TRIGGER audit_log_no_delete;"
                                     "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log WHEN 0\n"
                                     "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"), head, "audit triggers")
expect("unaudited", tampered("unaudited",
                             "INSERT INTO referral (reference, year, seq, received, agency, person_id, name, summary, created_at, created_by) "
                             "SELECT 'CCM-2017-0099', 2017, 99, received, agency, person_id, name, summary, created_at, created_by "
                             "FROM referral WHERE id = 1;"), head, "audit records")

shutil.rmtree(work)
for f in failures:
    print("FAIL:", f)
sys.exit(1 if failures else 0)
