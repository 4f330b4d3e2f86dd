#!/usr/bin/env bash
# Benchmark: bulk intake. Generates N referrals (default 100,000; a quarter about people referred
# before), times `panel refer --file` (repeat detection, criteria, references, audit rows, one
# transaction) against the sqlite3 shell importing the same CSV rows into a plain table, and
# prints the ratio and the peak memory of each. Then (not under run.sh) checks that peak memory
# stays flat as the file grows.
#
#   tests/bench/refer.sh [N]      (build first: cmake --build build; PANEL_BIN overrides the binary)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
n=${1:-100000}
bench_start
export PANEL_TODAY=2017-12-31 PANEL_USER=bench

bash "$bench_root/tests/bench/generate_referrals.sh" "$n" > "$work/referrals.csv"
rows=$(($(wc -l < "$work/referrals.csv") - 1))

# Baseline: the sqlite3 shell's CSV import into a plain table, in one transaction.
cat > "$work/import.sql" <<SQL
CREATE TABLE referrals (received, agency, source_ref, referrer, name, dob, gender, postcode, resident, role,
  category, vulnerable, risk_level, incidents_12m, agencies_involved, professional_judgement, consent, summary);
.mode csv
.import --skip 1 $work/referrals.csv referrals
SQL
measure sqlite3 "$work/plain.db" < "$work/import.sql"
baseline=$took baseline_kb=$peak_kb
imported=$(sqlite3 "$work/plain.db" "SELECT count(*) FROM referrals")
[ "$imported" = "$rows" ] || bench_error "sqlite3 imported $imported of $rows rows"

"$panel" --db "$work/panel.db" -q init >/dev/null
measure "$panel" --db "$work/panel.db" -q refer --file "$work/referrals.csv" --format csv
ours=$took ours_kb=$peak_kb
recorded=$(sqlite3 "$work/panel.db" "SELECT count(*) FROM referral")
repeats=$(sqlite3 "$work/panel.db" "SELECT count(*) FROM referral WHERE repeat_of IS NOT NULL")
matches=$(sqlite3 "$work/panel.db" "SELECT count(DISTINCT referral_id) FROM possible_match")
[ "$recorded" = "$rows" ] || bench_error "panel recorded $recorded of $rows referrals"
[ "$repeats" -gt 0 ] || bench_error "no repeats detected: the data or the detection is wrong"

printf 'bulk intake of %s referrals: panel %s s (%s referrals/s; %s repeats, %s with possible matches), sqlite3 .import %s s\n' \
  "$rows" "$ours" "$(awk -v n="$rows" -v s="$ours" 'BEGIN { printf "%d", n / s }')" "$repeats" "$matches" "$baseline"
bench_row "bulk intake, $(thousands "$rows") referrals" "$ours" "sqlite3 .import" "$baseline" "$ours_kb" "$baseline_kb" "ratio<=2"

bench_collecting && exit 0
# Memory: peak resident set size for files of growing size.
printf '\n%-12s %14s\n' "referrals" "peak RSS (MB)"
for size in $((n / 4)) $((n / 2)) "$n"; do
  head -n $((size + 1)) "$work/referrals.csv" > "$work/part.csv"
  rm -f "$work/m.db"
  "$panel" --db "$work/m.db" -q init >/dev/null
  printf '%-12s %14s\n' "$size" "$(mb "$(peak_of "$panel" --db "$work/m.db" -q refer --file "$work/part.csv" --format csv)")"
done
