#!/usr/bin/env bash
# Benchmark: police incident import. Generates N street-CSV rows (default 1,000,000) from the
# real data.police.uk files, one file per force's month (each a real file with its Month moved
# and its Crime IDs changed), times `panel incidents import` of all of them against the sqlite3
# shell's `.import` of the same files into a plain table in one transaction, and prints the
# ratio and the peak memory of each. Then (not under run.sh) times a re-import of every month and
# checks that peak memory stays flat as the number of rows grows.
#
#   tests/bench/incidents.sh [N]   (build first: cmake --build build; PANEL_BIN overrides the binary;
#                                   PANEL_POLICE_DATA the folder of real files, ../shared/data/police)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
data=${PANEL_POLICE_DATA:-$bench_root/../shared/data/police}
n=${1:-1000000}
bench_start
need python3 python3
[ -d "$data/mgsf08m002" ] || bench_error "no police data in '$data/mgsf08m002' (set PANEL_POLICE_DATA)"
export PANEL_TODAY=2024-09-30 PANEL_USER=bench

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
mapfile -t files < <(printf '%s\n' "$work"/csv/*.csv | LC_ALL=C sort)
bytes=$(cat "${files[@]}" | wc -c)

# Baseline: the sqlite3 shell's CSV import of the same files into a plain table, one transaction.
{
  echo "CREATE TABLE incident (crime_id, month, reported_by, falls_within, longitude, latitude, location,"
  echo "  lsoa_code, lsoa_name, crime_type, last_outcome, context);"
  echo "BEGIN;"
  for f in "${files[@]}"; do echo ".import --csv --skip 1 $f incident"; done
  echo "COMMIT;"
} > "$work/baseline.sql"
measure sqlite3 "$work/plain.db" < "$work/baseline.sql"
baseline=$took baseline_kb=$peak_kb
plain_rows=$(sqlite3 "$work/plain.db" "SELECT count(*) FROM incident")
[ "$plain_rows" = "$n" ] || bench_error "sqlite3 imported $plain_rows of $n rows"

"$panel" --db "$work/panel.db" -q init >/dev/null
measure "$panel" --db "$work/panel.db" -q incidents import "${files[@]}"
ours=$took ours_kb=$peak_kb
imported=$(sqlite3 "$work/panel.db" "SELECT count(*) FROM incident")
[ "$imported" = "$plain_rows" ] || bench_error "panel imported $imported rows, sqlite3 $plain_rows"

printf 'import of %s rows (%s files, %s MB): panel %s s (%s rows/s), sqlite3 .import %s s (%s rows/s)\n' \
  "$imported" "${#files[@]}" "$((bytes / 1048576))" "$ours" "$(awk -v n="$imported" -v s="$ours" 'BEGIN { printf "%d", n / s }')" \
  "$baseline" "$(awk -v n="$imported" -v s="$baseline" 'BEGIN { printf "%d", n / s }')"
bench_row "police import, $(thousands "$imported") rows" "$ours" "sqlite3 .import" "$baseline" "$ours_kb" "$baseline_kb" "ratio<=2"

bench_collecting && exit 0
# Re-importing everything replaces every month: the same rows, no more.
measure "$panel" --db "$work/panel.db" -q incidents import "${files[@]}"
again=$(sqlite3 "$work/panel.db" "SELECT count(*) FROM incident")
[ "$again" = "$imported" ] || bench_error "re-import left $again rows, not $imported"
printf 're-import of every month (delete and insert): %s s\n' "$took"

# Memory: peak resident set size for a quarter, half and all of the files.
printf '\n%-12s %14s %14s\n' "rows" "panel RSS (MB)" "sqlite3 RSS (MB)"
count=${#files[@]}
for part in $((count / 4)) $((count / 2)) "$count"; do
  rm -f "$work/m.db" "$work/p.db"
  "$panel" --db "$work/m.db" -q init >/dev/null
  kb=$(peak_of "$panel" --db "$work/m.db" -q incidents import "${files[@]:0:$part}")
  rows=$(sqlite3 "$work/m.db" "SELECT count(*) FROM incident")
  head -n 3 "$work/baseline.sql" > "$work/part.sql"
  for f in "${files[@]:0:$part}"; do echo ".import --csv --skip 1 $f incident"; done >> "$work/part.sql"
  echo "COMMIT;" >> "$work/part.sql"
  skb=$(peak_of sqlite3 "$work/p.db" < "$work/part.sql")
  printf '%-12s %14s %14s\n' "$rows" "$(mb "$kb")" "$(mb "$skb")"
done
