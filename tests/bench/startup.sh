#!/usr/bin/env bash
# Benchmark: start-up. Times `panel --version` and `panel action list` on an empty database
# against `sqlite3 DB 'select 1'` on the same file, K times each (default 50), taking turns so
# that a busy machine slows them all alike, and prints the medians, the best runs, the
# difference in milliseconds and the peak memory of each. For comparison it also times sqlite3
# counting the actions: unlike 'select 1', that reads the schema, as every panel command must.
#
#   tests/bench/startup.sh [K]     (build first: cmake --build build; PANEL_BIN overrides the binary)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
k=${1:-50}
bench_start
export PANEL_DB=$work/panel.db PANEL_TODAY=2024-12-31 PANEL_USER=bench

"$panel" -q init
[ "$(sqlite3 "$PANEL_DB" 'select 1')" = 1 ] || bench_error "sqlite3 cannot read $PANEL_DB"
"$panel" --version | grep -q '^panel ' || bench_error "'panel --version' does not say 'panel ...'"
[ "$("$panel" action list --format csv | wc -l)" = 1 ] || bench_error "'panel action list' is not empty"

baseline() { sqlite3 "$PANEL_DB" 'select 1'; }
schema() { sqlite3 "$PANEL_DB" 'select count(*) from action'; }
version() { "$panel" --version; }
list() { "$panel" action list; }
declare -A label=([baseline]="sqlite3 DB 'select 1'" [schema]="sqlite3 DB 'select count(*) from action'"
                  [version]="panel --version" [list]="panel action list")
runs=(baseline schema version list)
for f in "${runs[@]}"; do "$f" >/dev/null; done  # the binaries and the file in the page cache
for ((i = 0; i < k; i++)); do
  for f in "${runs[@]}"; do timed "$work/$f.runs" "$f"; done
done

declare -A med
for f in "${runs[@]}"; do
  run_stats "$work/$f.runs"
  med[$f]=$median
  printf '%-42s median %6.2f ms, best %6.2f ms (%d runs)\n' "${label[$f]}" \
    "$(awk -v s="$median" 'BEGIN { print s * 1000 }')" "$(awk -v s="$best" 'BEGIN { print s * 1000 }')" "$k"
done
base_kb=$(peak_of sqlite3 "$PANEL_DB" 'select 1')
bench_row "start-up: panel --version" "${med[version]}" "sqlite3 DB 'select 1'" "${med[baseline]}" \
  "$(peak_of "$panel" --version)" "$base_kb" "diff_ms<=3"
bench_row "start-up: panel action list, empty database" "${med[list]}" "sqlite3 DB 'select 1'" "${med[baseline]}" \
  "$(peak_of "$panel" action list)" "$base_kb" "diff_ms<=3"
