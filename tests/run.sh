#!/usr/bin/env bash
# Installs what the tests need, builds panel and its tests in build/, and runs every test
# (unit tests, end-to-end cases, man pages, the short stress tests) with ctest, then builds the
# Debian package and, as root, installs, uses and removes it. Exits non-zero on any failure.
#
# With PANEL_SANITIZE=ON (as CI sets it) the whole suite then runs a second time, built with
# AddressSanitizer and UndefinedBehaviorSanitizer in build-sanitize/; with PANEL_FUZZ_SECONDS=N
# each fuzz target also runs for N seconds (tests/fuzz/run.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

bash tests/install-deps.sh --test
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPANEL_WERROR=ON >/dev/null
cmake --build build -j2
ctest --test-dir build --output-on-failure -j2
echo "== the Debian package: built, installed, used from /usr/bin and removed" >&2
bash tests/package/check_deb.sh build

if [ "${PANEL_SANITIZE:-OFF}" = ON ]; then
  echo "== the whole suite again, with AddressSanitizer and UndefinedBehaviorSanitizer" >&2
  cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=Debug -DPANEL_SANITIZE=ON -DPANEL_WERROR=ON >/dev/null
  cmake --build build-sanitize -j2
  # Less the render checks (-LE render): minutes of WeasyPrint, Chromium and LibreOffice, whose
  # panel part (render/docx.cpp) the unit tests already run under the sanitizers.
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-sanitize --output-on-failure -j2 -LE render
fi

if [ "${PANEL_FUZZ_SECONDS:-0}" != 0 ]; then
  bash tests/fuzz/run.sh "$PANEL_FUZZ_SECONDS"
fi
