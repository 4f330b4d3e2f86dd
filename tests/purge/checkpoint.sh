#!/usr/bin/env bash
# Purge while an analyst's sqlite3 shell holds a read transaction (issue #18, item 2).
#
#   checkpoint.sh PANEL_BINARY
#
# The open reader keeps SQLite from copying the write-ahead log back and emptying it, so the
# purged values are still in the files: purge must say so (a warning naming what to do). Once
# the shell is closed, running purge again must finish the job: no purged value left in the
# database file or its -wal file.
set -euo pipefail
panel_bin=$(readlink -f "$1")
work=$(mktemp -d "${TMPDIR:-/tmp}/panel-checkpoint.XXXXXX")
chmod 700 "$work"
cleanup() { [ -n "${COPROC_PID:-}" ] && kill "$COPROC_PID" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
cd "$work"
export PANEL_DB="$work/panel.db" PANEL_TODAY=2017-09-04 PANEL_NOW=2017-09-04T09:00:00Z PANEL_USER=coordinator
p() { "$panel_bin" -q "$@"; }

p init
cat > referral.yaml <<EOF
referrals:
  - {received: 2017-08-02, agency: HSG, referrer: {name: Mkwaq Clerk}, subject: {name: Mkwbq Green, dob: 1990-05-06},
     role: victim, categories: [harassment], incidents_12m: 1, consent: given, summary: Mkwcq below the threshold}
EOF
p refer --file referral.yaml >/dev/null
p triage CCM-2017-0001 decline --reason "Mkwdq declined"
markers=(Mkwaq Mkwbq Mkwcq Mkwdq)
left() {  # the markers still in the bytes of the file or its -wal file
  local bytes; bytes=$(strings -a panel.db; [ -e panel.db-wal ] && strings -a panel.db-wal || true)
  for m in "${markers[@]}"; do grep -q "$m" <<<"$bytes" && echo "$m"; done; true
}

# The analyst's shell: a read transaction left open (python's sqlite3 module: the sqlite3 shell
# does not flush its output into a pipe, so a script cannot tell when its SELECT has run).
coproc python3 -uc '
import sqlite3, sys
con = sqlite3.connect("panel.db", isolation_level=None)
con.execute("BEGIN")
print(con.execute("SELECT count(*) FROM referral").fetchone()[0])
sys.stdin.readline()
con.execute("COMMIT")'
read -r count <&"${COPROC[0]}"
[ "$count" = 1 ] || { echo "FAIL: the reader did not start ($count)"; exit 1; }

status=0
PANEL_TODAY=2019-01-01 "$panel_bin" -q purge >out 2>err || { echo "FAIL: purge exited $?"; cat err; exit 1; }
if ! grep -q "warning: another program has .* open .* close it and run 'panel purge' again" err; then
  echo "FAIL: purge under an open reader did not warn:"; cat err; status=1
fi
[ -n "$(left)" ] || echo "note: the reader did not keep any purged value in the files (nothing to warn about)"
echo done >&"${COPROC[1]}"
wait "$COPROC_PID" 2>/dev/null || true
COPROC_PID=

PANEL_TODAY=2019-01-01 "$panel_bin" -q purge >out 2>err
if [ -s err ]; then echo "FAIL: purge with no other connection printed:"; cat err; status=1; fi
remaining=$(left)
if [ -n "$remaining" ]; then echo "FAIL: after the second purge these are still in the files: $remaining"; status=1; fi
if [ -s panel.db-wal ]; then echo "FAIL: the -wal file is not empty after the checkpoint"; status=1; fi
[ $status = 0 ] && echo "ok: purge warned while a reader was open, and the second purge left none of ${#markers[@]} markers"
exit $status
