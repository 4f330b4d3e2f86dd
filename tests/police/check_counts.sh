#!/usr/bin/env bash
# Imports every data.police.uk street CSV under a folder into a new database with
# `panel incidents import`, and checks the counts by force and by quarter against counts made
# independently from the raw files by Python's csv module. Then re-imports one month from an
# edited copy and checks that it replaced the month (nothing doubled, the outcome changed).
#
#   check_counts.sh [--if-present] PANEL_BINARY DATA_FOLDER    (e.g. build/panel tests/data/police)
#
# With --if-present, a DATA_FOLDER that does not exist (../shared/data/police in a fresh clone)
# prints "skipped: ../shared/data absent" and exits 77, which ctest reports as skipped.
#
# A force's month that is in two files (two downloads of the same month) counts once: the
# later file on the command line replaces the earlier, and the expected counts do the same.
# Prints one line per check; FAIL lines and a non-zero exit when a count differs.
set -u
if_present=false
if [ "${1:-}" = --if-present ]; then if_present=true; shift; fi
if $if_present && [ ! -d "$2" ]; then
  echo "skipped: ../shared/data absent (no folder '$2')"
  exit 77
fi
panel=$(readlink -f "$1")
data=$(readlink -f "$2")
work=$(mktemp -d "${TMPDIR:-/tmp}/panel-police.XXXXXX")
trap 'rm -rf "$work"' EXIT
export PANEL_TODAY=2024-09-30 PANEL_USER=check
db="$work/panel.db"
failures=0

fail() { echo "FAIL $*"; failures=$((failures + 1)); }
check() {  # check WHAT EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then echo "ok   $1"; else fail "$1"; diff <(printf '%s\n' "$2") <(printf '%s\n' "$3") | head -20; fi
}

mapfile -t files < <(find "$data" -name '*.csv' | LC_ALL=C sort)
[ "${#files[@]}" -gt 0 ] || { echo "FAIL no CSV files under $data"; exit 1; }

# Expected counts, from the raw files: the last file of a force's month wins.
expected() {  # expected force|quarter FILE...
  python3 - "$@" <<'PY'
import csv, sys
what, files = sys.argv[1], sys.argv[2:]
months = {}  # (force, month) -> count, from the last file that has it
for path in files:
    counts = {}
    with open(path, newline='', encoding='utf-8-sig') as f:
        reader = csv.DictReader(f)
        for row in reader:
            key = (row['Reported by'], row['Month'])
            counts[key] = counts.get(key, 0) + 1
    months.update(counts)
totals = {}
for (force, month), n in months.items():
    if what == 'force':
        key = force
    else:
        key = '%s-Q%d' % (month[:4], (int(month[5:7]) + 2) // 3)
    totals[key] = totals.get(key, 0) + n
for key in sorted(totals):
    print('%s,%d' % (key, totals[key]))
PY
}

"$panel" --db "$db" -q init >/dev/null || { echo "FAIL panel init"; exit 1; }
raw_rows=$(python3 - "${files[@]}" <<'PY'
import csv, sys
print(sum(sum(1 for _ in csv.DictReader(open(p, newline='', encoding='utf-8-sig'))) for p in sys.argv[1:]))
PY
)
start=$(date +%s.%N)
"$panel" --db "$db" -q incidents import "${files[@]}" 2>"$work/import.err"
status=$?
end=$(date +%s.%N)
if [ $status -ne 0 ]; then
  fail "import of ${#files[@]} files exited $status"
  cat "$work/import.err"
  exit 1
fi
seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
stored=$(sqlite3 "$db" "SELECT count(*) FROM incident")
echo "imported ${#files[@]} files ($raw_rows rows, $stored kept after replacing repeated months) in ${seconds}s:" \
  "$(awk -v n="$raw_rows" -v s="$seconds" 'BEGIN { printf "%d", n / s }') rows/s"

check "count by force" "$(expected force "${files[@]}")" \
  "$(sqlite3 -separator , "$db" "SELECT reported_by, count(*) FROM incident GROUP BY reported_by ORDER BY reported_by")"
check "count by quarter (panel report incidents --by quarter)" "$(expected quarter "${files[@]}")" \
  "$("$panel" --db "$db" report incidents --by quarter --format csv | tail -n +2 | tr -d '\r')"
check "incident_month.rows matches the incidents stored" "0" \
  "$(sqlite3 "$db" "SELECT count(*) FROM incident_month m WHERE rows != (SELECT count(*) FROM incident WHERE month_id = m.id)")"
check "one audit row per force's month imported" "$(sqlite3 "$db" "SELECT count(*) FROM incident_month")" \
  "$(sqlite3 "$db" "SELECT count(DISTINCT record) FROM audit_log WHERE entity = 'incident_month'")"

# Re-import one month from an edited copy: the month is replaced, not added to.
original=$(printf '%s\n' "${files[@]}" | grep -m1 'leicestershire' || printf '%s\n' "${files[@]}" | head -1)
copy="$work/$(basename "$original")"
python3 - "$original" "$copy" <<'PY'
import csv, sys
src, dst = sys.argv[1:]
with open(src, newline='', encoding='utf-8-sig') as f:
    rows = list(csv.reader(f))
rows[10][10] = 'Edited by check_counts, with a comma'
with open(dst, 'w', newline='', encoding='utf-8') as f:
    csv.writer(f, lineterminator='\r\n').writerows(rows)
PY
IFS=$'\t' read -r force month < <(python3 -c '
import csv, sys
row = next(csv.DictReader(open(sys.argv[1], newline="")))
print(row["Reported by"] + "\t" + row["Month"])' "$copy")
before_total=$stored
before_month=$(sqlite3 "$db" "SELECT count(*) FROM incident WHERE reported_by = '$force' AND month = '$month'")
"$panel" --db "$db" incidents import "$copy" 2>"$work/reimport.err" || fail "re-import exited $?"
grouped=$(echo "$before_month" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta')
check "re-import says what it replaced" "imported $grouped incidents for $force $month (replaced $grouped)" \
  "$(cat "$work/reimport.err")"
check "re-import: total unchanged" "$before_total" "$(sqlite3 "$db" "SELECT count(*) FROM incident")"
check "re-import: $force $month unchanged" "$before_month" \
  "$(sqlite3 "$db" "SELECT count(*) FROM incident WHERE reported_by = '$force' AND month = '$month'")"
check "re-import: the edited outcome is stored once" "1" \
  "$(sqlite3 "$db" "SELECT count(*) FROM incident WHERE last_outcome = 'Edited by check_counts, with a comma'")"
check "re-import: the month records the new file and its SHA-256" "$copy|$(sha256sum "$copy" | cut -d' ' -f1)" \
  "$(sqlite3 "$db" "SELECT file || '|' || sha256 FROM incident_month WHERE reported_by = '$force' AND month = '$month'")"
check "re-import: audited as an update" "update" \
  "$(sqlite3 "$db" "SELECT action FROM audit_log WHERE entity = 'incident_month' ORDER BY id DESC LIMIT 1")"

if [ $failures -ne 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all checks passed"
