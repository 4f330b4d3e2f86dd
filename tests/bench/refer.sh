#!/usr/bin/env bash
# Benchmark: bulk intake. Generates 100,000 referrals (a quarter about people referred before),
# times `panel refer --file` (repeat detection, criteria, references, audit rows, one
# transaction) against the sqlite3 shell importing the same CSV rows into a plain table, and
# prints the ratio. Then checks that peak memory stays flat as the file grows.
#
#   tests/bench/refer.sh [N]      (default 100000; build first: cmake --build build)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
panel=${PANEL_BIN:-$root/build/panel}
n=${1:-100000}
work=$(mktemp -d "${TMPDIR:-/tmp}/panel-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
export PANEL_TODAY=2017-12-31 PANEL_USER=bench

seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
now() { date +%s.%N; }
peak_kb() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1; }

bash "$root/tests/bench/generate_referrals.sh" "$n" > "$work/referrals.csv"
rows=$(($(wc -l < "$work/referrals.csv") - 1))

# Baseline: the sqlite3 shell's CSV import into a plain table, in one transaction.
t0=$(now)
sqlite3 "$work/plain.db" <<SQL
CREATE TABLE referrals (received, agency, source_ref, referrer, name, dob, gender, postcode, resident, role,
  category, vulnerable, risk_level, incidents_12m, agencies_involved, professional_judgement, consent, summary);
.mode csv
.import --skip 1 $work/referrals.csv referrals
SQL
t1=$(now)
baseline=$(seconds "$t0" "$t1")

"$panel" --db "$work/panel.db" -q init >/dev/null
t0=$(now)
"$panel" --db "$work/panel.db" -q refer --file "$work/referrals.csv" --format csv > "$work/out.csv"
t1=$(now)
ours=$(seconds "$t0" "$t1")
recorded=$(sqlite3 "$work/panel.db" "select count(*) from referral")
repeats=$(sqlite3 "$work/panel.db" "select count(*) from referral where repeat_of is not null")
matches=$(sqlite3 "$work/panel.db" "select count(distinct referral_id) from possible_match")
[ "$recorded" = "$rows" ] || { echo "recorded $recorded of $rows referrals" >&2; exit 1; }

printf '%-44s %10s %10s %8s\n' "bulk intake ($rows referrals)" "panel s" "sqlite3 s" "ratio"
printf '%-44s %10s %10s %8s\n' "refer --file vs sqlite3 .import" "$ours" "$baseline" \
  "$(awk -v a="$ours" -v b="$baseline" 'BEGIN { printf "%.1fx", a / b }')"
printf 'throughput: %s referrals/s; %s repeats, %s with possible matches\n' \
  "$(awk -v n="$rows" -v s="$ours" 'BEGIN { printf "%d", n / s }')" "$repeats" "$matches"

# Memory: peak resident set size for files of growing size.
printf '\n%-12s %14s\n' "referrals" "peak RSS (MB)"
for size in $((n / 4)) $((n / 2)) "$n"; do
  head -n $((size + 1)) "$work/referrals.csv" > "$work/part.csv"
  rm -f "$work/m.db"
  "$panel" --db "$work/m.db" -q init >/dev/null
  kb=$(peak_kb "$panel" --db "$work/m.db" -q refer --file "$work/part.csv" --format csv)
  printf '%-12s %14s\n' "$size" "$(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }')"
done
