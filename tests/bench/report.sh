#!/usr/bin/env bash
# Benchmark: the quarterly board report over a large register. Records N referrals (default
# 1,000,000) over ten years with `panel refer`, then times `panel report` for a financial-year
# quarter with its comparison, against the sqlite3 shell computing the same referral aggregates
# (received, residents, vulnerable, repeats, threshold, by agency, by category, decisions,
# undecided at the end, for both periods) in SQL on the same file. Prints the ratio and peak
# memory.
#
#   tests/bench/report.sh [N]      (build first: cmake --build build)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
panel=${PANEL_BIN:-$root/build/panel}
n=${1:-1000000}
work=$(mktemp -d "${TMPDIR:-/tmp}/panel-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
export PANEL_DB=$work/panel.db PANEL_TODAY=2024-12-31 PANEL_USER=bench

now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
peak_kb() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1; }

"$panel" -q init
bash "$root/tests/bench/generate_referrals.sh" "$n" 42 10 > "$work/referrals.csv"
t0=$(now)
"$panel" -q refer --file "$work/referrals.csv" >/dev/null
t1=$(now)
echo "recorded $n referrals in $(seconds "$t0" "$t1") s"

# The same aggregates in SQL: 2019/20-Q2 (July to September 2019) and the quarter before.
cat > "$work/aggregates.sql" <<'SQL'
.mode list
SELECT count(*), sum(resident = 1), sum(vulnerable = 1), sum(repeat_of IS NOT NULL), sum(meets_threshold = 1)
  FROM referral WHERE received BETWEEN '2019-07-01' AND '2019-09-30';
SELECT agency, count(*) AS n FROM referral WHERE received BETWEEN '2019-07-01' AND '2019-09-30' GROUP BY agency ORDER BY n DESC;
SELECT rc.category, count(*) AS n FROM referral r JOIN referral_category rc ON rc.referral_id = r.id
  WHERE r.received BETWEEN '2019-07-01' AND '2019-09-30' GROUP BY rc.category ORDER BY n DESC;
SELECT decision, count(*) FROM decision WHERE decided_on BETWEEN '2019-07-01' AND '2019-09-30' GROUP BY decision;
SELECT count(*) FROM referral r WHERE r.received <= '2019-09-30'
  AND coalesce((SELECT d.decision FROM decision d WHERE d.referral_id = r.id AND d.decided_on <= '2019-09-30'
                ORDER BY d.decided_on DESC, d.id DESC LIMIT 1), 'none') IN ('none', 'more-info', 'reopen');
SELECT count(*), sum(resident = 1), sum(vulnerable = 1), sum(repeat_of IS NOT NULL), sum(meets_threshold = 1)
  FROM referral WHERE received BETWEEN '2019-04-01' AND '2019-06-30';
SELECT agency, count(*) AS n FROM referral WHERE received BETWEEN '2019-04-01' AND '2019-06-30' GROUP BY agency ORDER BY n DESC;
SELECT rc.category, count(*) AS n FROM referral r JOIN referral_category rc ON rc.referral_id = r.id
  WHERE r.received BETWEEN '2019-04-01' AND '2019-06-30' GROUP BY rc.category ORDER BY n DESC;
SELECT decision, count(*) FROM decision WHERE decided_on BETWEEN '2019-04-01' AND '2019-06-30' GROUP BY decision;
SELECT count(*) FROM referral r WHERE r.received <= '2019-06-30'
  AND coalesce((SELECT d.decision FROM decision d WHERE d.referral_id = r.id AND d.decided_on <= '2019-06-30'
                ORDER BY d.decided_on DESC, d.id DESC LIMIT 1), 'none') IN ('none', 'more-info', 'reopen');
SQL

# Warm the page cache once for both, then take the best of three runs of each.
sqlite3 "$PANEL_DB" < "$work/aggregates.sql" >/dev/null
"$panel" report --fy-quarter 2019/20-Q2 --format json >/dev/null
best() {
  local best=""
  for _ in 1 2 3; do
    local a b
    a=$(now); "$@" >/dev/null; b=$(now)
    local s; s=$(seconds "$a" "$b")
    if [ -z "$best" ] || awk -v s="$s" -v b="$best" 'BEGIN { exit !(s < b) }'; then best=$s; fi
  done
  echo "$best"
}
sql_s=$(best sh -c "sqlite3 '$PANEL_DB' < '$work/aggregates.sql'")
panel_s=$(best "$panel" report --fy-quarter 2019/20-Q2 --format json)
"$panel" report --fy-quarter 2019/20-Q2 --format json | awk '/"received"/ { print "received in 2019/20-Q2 (and the quarter before):", $2; exit }'
echo "panel report --fy-quarter 2019/20-Q2: $panel_s s"
echo "sqlite3 shell, the same aggregates:   $sql_s s"
awk -v p="$panel_s" -v s="$sql_s" 'BEGIN { printf "ratio: %.2fx (goal <= 1.5x)\n", p / s }'
echo "peak memory: panel $(peak_kb "$panel" report --fy-quarter 2019/20-Q2 --format json) KB," \
     "sqlite3 $(peak_kb sh -c "sqlite3 '$PANEL_DB' < '$work/aggregates.sql'") KB"
echo "whole financial year 2019/20: $(best "$panel" report --fy 2019/20 --format json) s"
