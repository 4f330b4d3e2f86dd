#!/usr/bin/env bash
# An interrupted init leaves no half-made register (issue #18, item 9): `panel init` is killed at
# random moments (SIGKILL, SIGINT, SIGTERM, SIGHUP), and after each kill there is either no
# register at all or a whole one that `panel check` passes with every agency of the profile; and
# `init` can always be run again.
# Usage: init_interrupted.sh [--short] PANEL
set -u
rounds=200
if [ "${1:-}" = --short ]; then rounds=40; shift; fi
panel=$(realpath "$1")
work=$(mktemp -d /tmp/panel-init-interrupted.XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 700 "$work"; cd "$work" || exit 1
export PANEL_TODAY=2017-09-04 PANEL_USER=tester

agencies=$("$panel" --db whole.db init >/dev/null 2>&1 && "$panel" --db whole.db agency list --format csv | wc -l)
[ "$agencies" -gt 1 ] || { echo "FAIL: a plain init made no agencies"; exit 1; }

failures=0 whole=0 none=0
signals=(KILL INT TERM HUP)
for ((i = 0; i < rounds; i++)); do
  rm -rf round && mkdir -m 700 round
  signal=${signals[$((i % 4))]}
  "$panel" --db round/panel.db init >/dev/null 2>&1 &
  pid=$!
  # 0 to 40 ms: init takes about that long, so the kill lands before, during and after it.
  sleep "0.0$(printf '%02d' $((RANDOM % 40)))"
  kill -s "$signal" "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  if [ -e round/panel.db ]; then
    whole=$((whole + 1))
    if ! "$panel" --db round/panel.db check >/dev/null 2>&1; then
      echo "FAIL: round $i (SIG$signal): a register that check refuses"; failures=$((failures + 1))
    elif [ "$("$panel" --db round/panel.db agency list --format csv | wc -l)" != "$agencies" ]; then
      echo "FAIL: round $i (SIG$signal): a register with agencies missing"; failures=$((failures + 1))
    fi
  else
    none=$((none + 1))
    for f in round/panel.db-wal round/panel.db-shm round/panel.db-journal; do
      [ -e "$f" ] && { echo "FAIL: round $i (SIG$signal): $f left with no register"; failures=$((failures + 1)); }
    done
    if ! "$panel" --db round/panel.db init >/dev/null 2>err; then
      echo "FAIL: round $i (SIG$signal): init cannot be run again: $(cat err; ls -la round)"; failures=$((failures + 1))
    fi
  fi
done
echo "init interrupted $rounds times: $whole whole registers, $none with none, $failures failures"
[ "$failures" = 0 ]
