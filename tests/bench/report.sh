#!/usr/bin/env bash
# Benchmark: the quarterly board report over a large register. Records N referrals (default
# 1,000,000) over ten years with `panel refer`, then times `panel report` for a financial-year
# quarter with its comparison, against the sqlite3 shell computing the same referral aggregates
# (received, residents, vulnerable, repeats, threshold, by agency, by category, decisions,
# undecided at the end, for both periods) in SQL on the same file. Prints the ratio and peak
# memory; then (not under run.sh) the time for a whole financial year.
#
#   tests/bench/report.sh [N]      (build first: cmake --build build; PANEL_BIN overrides the binary)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
n=${1:-1000000}
bench_start
export PANEL_DB=$work/panel.db PANEL_TODAY=2024-12-31 PANEL_USER=bench

"$panel" -q init
bash "$bench_root/tests/bench/generate_referrals.sh" "$n" 42 10 > "$work/referrals.csv"
# One referral file is read up to 64 MB (docs/formats/referral.md), about 300,000 referrals: the
# ten years go in as files of 200,000, oldest first, as a migration would (one record per line).
tail -n +2 "$work/referrals.csv" | split -l 200000 -d -a 3 - "$work/part."
took_all=0
for part in "$work"/part.*; do
  { head -1 "$work/referrals.csv"; cat "$part"; } > "$part.csv"
  measure "$panel" -q refer --file "$part.csv"
  took_all=$(awk -v a="$took_all" -v b="$took" 'BEGIN { printf "%.3f", a + b }')
done
echo "recorded $n referrals in $took_all s"

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
sql() { sqlite3 "$PANEL_DB" < "$work/aggregates.sql"; }
report() { "$panel" report --fy-quarter 2019/20-Q2 --format json; }

# Both must count the same: the quarter's referrals and those undecided at its end.
report > "$work/report.json"
received=$(awk -F'[:,]' '/"received"/ { print $2 + 0; exit }' "$work/report.json")
pending=$(awk -F'[:,]' '/"pending_at_end"/ { print $2 + 0; exit }' "$work/report.json")
sql > "$work/sql.txt"
sql_received=$(head -n 1 "$work/sql.txt" | cut -d'|' -f1)
sql_pending=$(awk 'NR > 1 && !/\|/ { print; exit }' "$work/sql.txt")  # the first count without a label
{ [ "$received" = "$sql_received" ] && [ "$received" -gt 0 ]; } ||
  bench_error "received in 2019/20-Q2: panel says '$received', SQL $sql_received"
[ "$pending" = "$sql_pending" ] || bench_error "undecided at the end of 2019/20-Q2: panel says '$pending', SQL $sql_pending"

# Both ran once above, warming the page cache; the best of three runs of each.
repeat_runs 3 sql
sql_s=$best
repeat_runs 3 report
panel_s=$best
echo "received in 2019/20-Q2: $received; undecided at its end: $pending"
printf 'panel report --fy-quarter 2019/20-Q2: %.3f s; sqlite3 shell, the same aggregates: %.3f s\n' "$panel_s" "$sql_s"
bench_row "quarterly report, $(thousands "$n") referrals" "$panel_s" "sqlite3, the same SQL" "$sql_s" \
  "$(peak_of "$panel" report --fy-quarter 2019/20-Q2 --format json)" "$(peak_of sqlite3 "$PANEL_DB" < "$work/aggregates.sql")" \
  "ratio<=2"

bench_collecting && exit 0
repeat_runs 3 "$panel" report --fy 2019/20 --format json
printf 'whole financial year 2019/20: %.3f s\n' "$best"
