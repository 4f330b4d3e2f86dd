#!/usr/bin/env bash
# Runs one end-to-end case against the built binary and compares its whole output.
#
#   run_case.sh PANEL_BINARY CASE_DIR
#
# A case folder holds:
#   cmd              a bash script run in a fresh temporary folder with `panel` on PATH
#   files/           optional: copied into that folder first
#   expected-stdout  what the script prints on stdout
#   expected-stderr  what it prints on stderr
#   expected-exit    its exit code (the exit code of its last command)
# The environment is clean except for a pinned clock (PANEL_TODAY=2017-09-04,
# PANEL_NOW=2017-09-04T09:00:00Z) and PANEL_USER=coordinator. The temporary folder's path is
# written as $WORK in the outputs. With UPDATE_GOLDEN=1 the expected files are rewritten.
set -u
panel_bin=$(readlink -f "$1")
case_dir=$(readlink -f "$2")
name=$(basename "$case_dir")

work=$(mktemp -d "${TMPDIR:-/tmp}/panel-case.XXXXXX")
results=$(mktemp -d "${TMPDIR:-/tmp}/panel-results.XXXXXX")
cleanup() { chmod -R u+w "$work" 2>/dev/null; rm -rf "$work" "$results"; }
trap cleanup EXIT

mkdir -p "$work/.bin"
ln -s "$panel_bin" "$work/.bin/panel"
if [ -d "$case_dir/files" ]; then
  cp -r "$case_dir/files/." "$work/"
fi

(
  cd "$work" || exit 99
  env -i PATH="$work/.bin:/usr/local/bin:/usr/bin:/bin" HOME="$work" TMPDIR="$work" LANG=C.UTF-8 \
    PANEL_TODAY=2017-09-04 PANEL_NOW=2017-09-04T09:00:00Z PANEL_USER=coordinator \
    CASE_DIR="$case_dir" \
    bash "$case_dir/cmd" >"$results/stdout" 2>"$results/stderr" </dev/null
  echo $? >"$results/exit"
)

for stream in stdout stderr; do
  sed -i "s#$work#\$WORK#g" "$results/$stream"
done

if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
  for stream in stdout stderr exit; do
    cp "$results/$stream" "$case_dir/expected-$stream"
  done
  echo "updated $name"
  exit 0
fi

status=0
for stream in stdout stderr exit; do
  if [ ! -f "$case_dir/expected-$stream" ]; then
    echo "$name: missing expected-$stream (run with UPDATE_GOLDEN=1 and review it)"
    status=1
  elif ! diff -u --label "expected-$stream" --label "actual-$stream" "$case_dir/expected-$stream" "$results/$stream"; then
    status=1
  fi
done
exit $status
