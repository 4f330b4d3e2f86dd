#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for SECONDS seconds (docs/fuzzing.md).
#
#   bash tests/fuzz/run.sh 60
#
# Installs nothing (clang and libclang-rt-14-dev must be there: tests/install-deps.sh --test).
# Builds in build-fuzz/ at the top of the repository, or in $PANEL_FUZZ_BUILD_DIR; builds with
# $PANEL_FUZZ_BUILD_JOBS jobs (default 2). For each target, every file in
# tests/fuzz/regressions/<name>/ is run once first; then the target fuzzes a copy of
# tests/fuzz/corpus/<name>/ (the repository is never written to) for SECONDS seconds. Crash
# inputs are kept in <build>/fuzz-artifacts/<name>/. Exits non-zero when any target crashes,
# leaks, times out or runs out of memory, after naming the input that did it.
set -euo pipefail

if [ $# -ne 1 ] || ! [[ $1 =~ ^[0-9]+$ ]] || [ "$1" -lt 1 ]; then
  echo "usage: $0 SECONDS   (how long each fuzz target runs)" >&2
  exit 2
fi
seconds=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${PANEL_FUZZ_BUILD_DIR:-$root/build-fuzz}
jobs=${PANEL_FUZZ_BUILD_JOBS:-2}
targets=(referrals_yaml referrals_csv minutes profile police_csv template complaints)

for tool in clang clang++ cmake; do
  command -v "$tool" >/dev/null || { echo "fuzz: $tool is not installed (bash tests/install-deps.sh --test)" >&2; exit 2; }
done

started=$(date +%s)
echo "== building the fuzz targets in $build" >&2
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DPANEL_FUZZ=ON -DPANEL_BUILD_TESTS=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --target panel_fuzz -j"$jobs" >/dev/null

# Stack traces for UBSan findings too; libFuzzer itself turns leaks into failures.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}

failed=()
summary=()
for name in "${targets[@]}"; do
  binary=$build/fuzz/fuzz_$name
  work=$build/fuzz-work/$name
  artifacts=$build/fuzz-artifacts/$name
  rm -rf "$work" "$artifacts"
  mkdir -p "$work/corpus" "$artifacts"
  log=$work/fuzz.log

  echo "== fuzz_$name" >&2
  # Regressions: every saved input, one run each, so that a failure names its file.
  regressions=0
  regression_failed=0
  while IFS= read -r -d '' input; do
    regressions=$((regressions + 1))
    if ! "$binary" -timeout=10 -rss_limit_mb=2048 "$input" >"$work/regression.log" 2>&1; then
      tail -n 60 "$work/regression.log" >&2
      echo "fuzz: $name: FAILED on the regression input $input" >&2
      regression_failed=$((regression_failed + 1))
    fi
  done < <(find "$root/tests/fuzz/regressions/$name" -type f ! -name .gitkeep -print0 2>/dev/null | sort -z)
  if [ "$regression_failed" != 0 ]; then
    failed+=("$name ($regression_failed regression input(s))")
  fi

  cp -R "$root/tests/fuzz/corpus/$name/." "$work/corpus/"
  seeds=$(find "$work/corpus" -type f | wc -l)
  echo "== fuzz_$name: $regressions regression input(s) run, $regression_failed failed; fuzzing ${seconds}s from $seeds seed(s)" >&2
  t0=$(date +%s)
  status=0
  "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" "$work/corpus" >"$log" 2>&1 || status=$?
  elapsed=$(($(date +%s) - t0))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  corpus=$(find "$work/corpus" -type f | wc -l)
  line=$(printf '%-15s %9s execs %6s exec/s  corpus %4s files (%s seeds)  %3ss  regressions %s/%s passed' \
    "$name" "${execs:-?}" "${rate:-?}" "$corpus" "$seeds" "$elapsed" "$((regressions - regression_failed))" "$regressions")
  if [ "$status" != 0 ]; then
    tail -n 80 "$log" >&2
    crash=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
    echo "fuzz: $name: FAILED (exit $status); input: ${crash:-none written, see $log}" >&2
    failed+=("$name")
    line="$line  FAILED: ${crash:-$log}"
  fi
  summary+=("$line")
done

echo "== fuzz summary (${seconds}s per target, $(($(date +%s) - started))s in all, build included)"
printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: failed: ${failed[*]} (to keep an input as a regression: docs/fuzzing.md)" >&2
  exit 1
fi
echo "fuzz: no crashes"
