# shellcheck shell=bash disable=SC2034 # took, peak_kb, best and median are results for the caller
# Helpers shared by the benchmarks in tests/bench/: the binary, a scratch folder, timing, peak
# memory, and the result rows that run.sh gathers into one table. Each benchmark starts with
#
#   . "$(dirname "$0")/lib.sh"
#   bench_start
#
# Environment: PANEL_BIN (default build/panel), TMPDIR, BENCH_KEEP=1 to keep the scratch folder
# (to profile a command on the same data), and BENCH_ROWS: a file to append result rows to (run.sh
# sets it; the scripts then also leave out their extra memory sweeps).

bench_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
panel=${PANEL_BIN:-$bench_root/build/panel}
bench_name=$(basename "$0")
export LC_NUMERIC=C  # EPOCHREALTIME and awk must agree on the decimal point

bench_error() { echo "$bench_name: error: $*" >&2; exit 1; }

# need COMMAND PACKAGE: stop, saying how to install it, when COMMAND is missing.
need() {
  command -v "$1" >/dev/null 2>&1 ||
    bench_error "'$1' is not installed; install it with 'apt-get install -y $2'"
}

# Checks the tools every benchmark uses and makes the scratch folder $work, removed on exit.
bench_start() {
  [ -x "$panel" ] || bench_error "no panel binary at '$panel' (build it with 'cmake --build build', or set PANEL_BIN)"
  need sqlite3 sqlite3
  # The shell keyword 'time' cannot measure memory; GNU time's %M is the peak resident set size.
  [ -x /usr/bin/time ] || bench_error "/usr/bin/time is not installed; install it with 'apt-get install -y time'"
  work=$(mktemp -d "${TMPDIR:-/tmp}/panel-bench.XXXXXX")
  if [ -n "${BENCH_KEEP:-}" ]; then
    echo "$bench_name: keeping the data in $work" >&2
  else
    trap 'rm -rf "$work"' EXIT
  fi
}

# Is this a run of run.sh (rows to a file, no extra sweeps)?
bench_collecting() { [ -n "${BENCH_ROWS:-}" ]; }

# measure CMD...: runs CMD once, on the caller's standard input, with its output discarded; sets
# took (seconds) and peak_kb. For commands of a second or more: GNU time's start-up is included.
measure() {
  local a b
  a=$EPOCHREALTIME
  /usr/bin/time -f '%M' -o "$work/.peak" "$@" >/dev/null || bench_error "failed: $*"
  b=$EPOCHREALTIME
  took=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", b - a }')
  peak_kb=$(tail -n 1 "$work/.peak")
}

# peak_of CMD...: the peak resident set size of one run of CMD, in KB.
peak_of() {
  /usr/bin/time -f '%M' -o "$work/.peak" "$@" >/dev/null || bench_error "failed: $*"
  tail -n 1 "$work/.peak"
}

# timed FILE CMD...: one run of CMD with its output discarded, timed by the shell itself (no
# process around it); appends "start end" to FILE.
timed() {
  local file=$1 a b
  shift
  a=$EPOCHREALTIME
  "$@" >/dev/null || bench_error "failed: $*"
  b=$EPOCHREALTIME
  echo "$a $b" >> "$file"
}

# run_stats FILE: the runs recorded by timed in FILE; sets best and median, in seconds.
run_stats() {
  read -r best median < <(awk '{ print $2 - $1 }' "$1" | sort -g |
    awk '{ t[NR] = $1 } END { m = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
                              printf "%.6f %.6f\n", t[1], m }')
}

# repeat_runs K CMD...: runs CMD K times; sets best and median, in seconds.
repeat_runs() {
  local k=$1 i
  shift
  : > "$work/.runs"
  for ((i = 0; i < k; i++)); do timed "$work/.runs" "$@"; done
  run_stats "$work/.runs"
}

# thousands N: 100000 as 100,000, for row names.
thousands() { echo "$1" | sed -e ':a' -e 's/\B[0-9]\{3\}\>/,&/' -e 'ta'; }

# mb KB: kilobytes as megabytes, one decimal.
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# bench_row NAME PANEL_S BASELINE BASELINE_S PANEL_KB BASELINE_KB GOAL
# One result: GOAL is "ratio<=X" (panel time over the baseline's), "ratio<1" (faster than the
# baseline) or "diff_ms<=X" (panel at most X ms slower). Appended to $BENCH_ROWS when run.sh
# collects rows, else printed as a one-row table.
bench_row() {
  [ $# = 7 ] || bench_error "bench_row takes 7 fields, not $#"
  local line
  line=$(IFS='|'; echo "$*")
  if bench_collecting; then
    echo "$line" >> "$BENCH_ROWS"
  else
    echo
    echo "$line" | bench_table
  fi
}

# bench_table: reads rows (bench_row's fields, '|' between them) and prints them as a Markdown
# table with the ratio or difference and whether each goal is met.
bench_table() {
  awk -F'|' '
    function fmt_s(s) { return s < 10 ? sprintf("%.3f s", s) : sprintf("%.2f s", s) }
    {
      goal = $7; kind = goal; sub(/[<=].*/, "", kind); limit = goal; sub(/^[a-z_]+[<=]+/, "", limit); limit += 0
      if (kind == "diff_ms") {
        d = ($2 - $4) * 1000; versus = sprintf("%+.1f ms", d)
        met = d <= limit; goal_text = "within " limit " ms"
        p = sprintf("%.1f ms", $2 * 1000); b = sprintf("%.1f ms", $4 * 1000)
      } else {
        r = $2 / $4; versus = sprintf("%.2fx", r)
        if (goal ~ /<=/) { met = r <= limit; goal_text = "<= " limit "x" } else { met = r < limit; goal_text = "faster" }
        p = fmt_s($2); b = fmt_s($4)
      }
      n++
      row[n, 1] = $1; row[n, 2] = p; row[n, 3] = $3; row[n, 4] = b; row[n, 5] = versus
      row[n, 6] = sprintf("%.1f", $5 / 1024); row[n, 7] = sprintf("%.1f", $6 / 1024)
      row[n, 8] = goal_text; row[n, 9] = met ? "yes" : "no"
    }
    END {
      split("benchmark|panel|baseline|baseline time|panel vs baseline|panel peak MB|baseline peak MB|goal|met", head, "|")
      for (c = 1; c <= 9; c++) { w[c] = length(head[c]); for (i = 1; i <= n; i++) if (length(row[i, c]) > w[c]) w[c] = length(row[i, c]) }
      line = "|"; rule = "|"
      for (c = 1; c <= 9; c++) {
        line = line sprintf(" %-" w[c] "s |", head[c])
        dashes = sprintf("%" w[c] "s", ""); gsub(/ /, "-", dashes)
        rule = rule (c == 1 || c == 3 || c == 8 ? "-" dashes "-|" : "-" dashes ":|")
      }
      print line; print rule
      for (i = 1; i <= n; i++) {
        line = "|"
        for (c = 1; c <= 9; c++)
          line = line (c == 1 || c == 3 || c == 8 ? sprintf(" %-" w[c] "s |", row[i, c]) : sprintf(" %" w[c] "s |", row[i, c]))
        print line
      }
    }'
}
