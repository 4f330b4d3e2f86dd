#!/usr/bin/env bash
# Benchmark: police incident import. Generates N street-CSV rows (default 1,000,000) from the
# real data.police.uk files, one file per force's month (each a real file with its Month moved
# and its Crime IDs changed), times `panel incidents import` of all of them against the sqlite3
# shell's `.import` of the same files into a plain table in one transaction, and prints the
# ratio. Then checks that peak memory stays flat as the number of rows grows.
#
#   tests/bench/incidents.sh [N]   (build first: cmake --build build; PANEL_BIN overrides the binary)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
panel=${PANEL_BIN:-$root/build/panel}
data=${PANEL_POLICE_DATA:-$root/../shared/data/police}
n=${1:-1000000}
work=$(mktemp -d "${TMPDIR:-/tmp}/panel-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
export PANEL_TODAY=2024-09-30 PANEL_USER=bench

seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
now() { date +%s.%N; }
peak_kb() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1; }

# Real files of the three forces, reused round after round with the month moved on by one
# each time, so that every generated file is a distinct force's month.
mkdir -p "$work/csv"
python3 - "$n" "$work/csv" "$data" <<'PY'
import csv, glob, os, sys
n, out, data = int(sys.argv[1]), sys.argv[2], sys.argv[3]
sources = sorted(glob.glob(os.path.join(data, 'mgsf08m002', '*.csv')))
tables = []
for path in sources:
    with open(path, newline='', encoding='utf-8-sig') as f:
        rows = list(csv.reader(f))
    tables.append((rows[0], rows[1:]))
written, k = 0, 0
while written < n:
    header, rows = tables[k % len(tables)]
    month = 2000 * 12 + k  # a month of its own for every file
    text = '%04d-%02d' % (month // 12, month % 12 + 1)
    force = rows[0][2].lower().replace(' ', '-')
    rows = rows[: n - written]
    with open(os.path.join(out, '%s-%s-street.csv' % (text, force)), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n' if k % 2 else '\r\n')  # both line ends, as downloads have
        w.writerow(header)
        for r in rows:
            r = list(r)
            r[1] = text
            if r[0]:
                r[0] = '%06x%s' % (k, r[0][6:])
            w.writerow(r)
    written += len(rows)
    k += 1
PY
mapfile -t files < <(ls "$work"/csv/*.csv | LC_ALL=C sort)
bytes=$(cat "${files[@]}" | wc -c)

# Baseline: the sqlite3 shell's CSV import of the same files into a plain table, one transaction.
{
  echo "CREATE TABLE incident (crime_id, month, reported_by, falls_within, longitude, latitude, location,"
  echo "  lsoa_code, lsoa_name, crime_type, last_outcome, context);"
  echo "BEGIN;"
  for f in "${files[@]}"; do echo ".import --csv --skip 1 $f incident"; done
  echo "COMMIT;"
} > "$work/baseline.sql"
t0=$(now)
sqlite3 "$work/plain.db" < "$work/baseline.sql"
t1=$(now)
baseline=$(seconds "$t0" "$t1")
plain_rows=$(sqlite3 "$work/plain.db" "SELECT count(*) FROM incident")

"$panel" --db "$work/panel.db" -q init >/dev/null
t0=$(now)
"$panel" --db "$work/panel.db" -q incidents import "${files[@]}"
t1=$(now)
ours=$(seconds "$t0" "$t1")
imported=$(sqlite3 "$work/panel.db" "SELECT count(*) FROM incident")
[ "$imported" = "$plain_rows" ] || { echo "panel imported $imported rows, sqlite3 $plain_rows" >&2; exit 1; }

printf '%-48s %10s %10s %8s\n' "import ($imported rows, ${#files[@]} files, $((bytes / 1048576)) MB)" "panel s" "sqlite3 s" "ratio"
printf '%-48s %10s %10s %8s\n' "incidents import vs sqlite3 .import" "$ours" "$baseline" \
  "$(awk -v a="$ours" -v b="$baseline" 'BEGIN { printf "%.2fx", a / b }')"
printf 'throughput: %s rows/s (sqlite3: %s rows/s)\n' \
  "$(awk -v n="$imported" -v s="$ours" 'BEGIN { printf "%d", n / s }')" \
  "$(awk -v n="$imported" -v s="$baseline" 'BEGIN { printf "%d", n / s }')"

# Re-importing everything replaces every month: the same rows, no more.
t0=$(now)
"$panel" --db "$work/panel.db" -q incidents import "${files[@]}"
t1=$(now)
again=$(sqlite3 "$work/panel.db" "SELECT count(*) FROM incident")
[ "$again" = "$imported" ] || { echo "re-import left $again rows, not $imported" >&2; exit 1; }
printf 're-import of every month (delete and insert): %s s\n' "$(seconds "$t0" "$t1")"

# Memory: peak resident set size for a quarter, half and all of the files.
printf '\n%-12s %14s %14s\n' "rows" "panel RSS (MB)" "sqlite3 RSS (MB)"
count=${#files[@]}
for part in $((count / 4)) $((count / 2)) "$count"; do
  rm -f "$work/m.db" "$work/p.db"
  "$panel" --db "$work/m.db" -q init >/dev/null
  kb=$(peak_kb "$panel" --db "$work/m.db" -q incidents import "${files[@]:0:$part}")
  rows=$(sqlite3 "$work/m.db" "SELECT count(*) FROM incident")
  head -n 3 "$work/baseline.sql" > "$work/part.sql"
  for f in "${files[@]:0:$part}"; do echo ".import --csv --skip 1 $f incident"; done >> "$work/part.sql"
  echo "COMMIT;" >> "$work/part.sql"
  skb=$(/usr/bin/time -f '%M' sqlite3 "$work/p.db" < "$work/part.sql" 2>&1 >/dev/null | tail -1)
  printf '%-12s %14s %14s\n' "$rows" "$(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }')" \
    "$(awk -v k="$skb" 'BEGIN { printf "%.1f", k / 1024 }')"
done
