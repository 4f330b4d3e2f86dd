#!/usr/bin/env bash
# Runs every benchmark and prints one Markdown table: each row panel against a baseline measured
# in the same run on the same data, the ratio (or, for start-up, the difference), the peak memory
# of each and whether the goal is met. The benchmarks' own reports go to standard error as they
# run; the table to standard output. Takes several minutes; --quick uses sizes ten times smaller
# (start-up: 10 runs, not 50; the meeting is the same) and takes about a minute.
#
#   tests/bench/run.sh [--quick]   (build first: cmake --build build; PANEL_BIN overrides the binary)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
case "${1:-}" in
  "") quick=false ;;
  --quick) quick=true ;;
  *) echo "usage: tests/bench/run.sh [--quick]" >&2; exit 2 ;;
esac
bench_start
PANEL_BIN_SOURCE=$panel
need task taskwarrior
need python3 python3
data=${PANEL_POLICE_DATA:-$bench_root/../shared/data/police}
[ -d "$data/mgsf08m002" ] || bench_error "no police data in '$data/mgsf08m002' (set PANEL_POLICE_DATA)"
# The binary as the Debian package ships it: stripped (CPACK_STRIP_FILES). The build's own copy
# carries 130 MB of debug information, which alone slows every start by several milliseconds.
strip -o "$work/panel" "$panel" || bench_error "cannot strip a copy of '$panel'"
panel=$work/panel
export BENCH_ROWS=$work/rows PANEL_BIN=$panel
: > "$BENCH_ROWS"

if $quick; then
  runs=(
    "startup.sh 10"
    "refer.sh 10000"
    "report.sh 100000"
    "incidents.sh 100000"
    "actions.sh 10000"
    "agenda.sh 200 2000"
    "validation.sh 10000"
  )
else
  runs=(
    "startup.sh 50"
    "refer.sh 100000"
    "report.sh 1000000"
    "incidents.sh 1000000"
    "actions.sh 100000"
    "agenda.sh 200 2000"
    "validation.sh 100000"
  )
fi

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
started=$EPOCHREALTIME
for run in "${runs[@]}"; do
  read -r script args <<< "$run"
  echo "== $script $args" >&2
  a=$EPOCHREALTIME
  # shellcheck disable=SC2086 # the sizes are separate arguments
  bash "$bench_root/tests/bench/$script" $args >&2 || bench_error "$script $args failed"
  printf '(%.0f s)\n' "$(awk -v a="$a" -v b="$EPOCHREALTIME" 'BEGIN { print b - a }')" >&2
done

echo "panel benchmarks$($quick && echo ' (--quick)'), $(date -u +%F): $("$panel" --version | head -n 1) ($panel)," \
  "sqlite3 $(sqlite3 --version | cut -d' ' -f1), Taskwarrior $(task --version);" \
  "$(nproc) cores; load average $load_before before, $(cut -d' ' -f1-3 /proc/loadavg) after;" \
  "$(awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }') s in all"
echo
bench_table < "$BENCH_ROWS"
