#!/usr/bin/env bash
# Stress test: kill -9 a bulk write at a random moment, again and again, and check that the
# database is intact and holds the file wholly or not at all.
#
#   crash.sh [--short|--long] PANEL_BIN
#
# --long (200 kills) is the figure in docs/reliability.md; --short (the default, 10 kills, under
# 60 s) is the ctest "stress: kill -9 during bulk writes". The police files are read from
# $PANEL_POLICE_DATA (default: tests/data/police, the files kept in the repository); STRESS_SEED=N repeats a run's choices (not its timing).
#
# Each iteration alternates the command, `panel refer --file` of a few thousand referrals
# (made once by tests/bench/generate_referrals.sh, with source_refs made unique per
# iteration) or `panel incidents import` of a real data.police.uk file of a few thousand rows,
# and, every second pair, the database: a fresh one (just `panel init`) or the same non-empty
# database throughout, which grows with every file that was recorded. Then:
#
#   1. runs the command to the end on a copy of the database, to measure how long it takes;
#   2. starts it on the database, sleeps a random time from 0 to 1.1 x that duration, and
#      kills it with SIGKILL;
#   3. checks the database, first with `panel check` (read-only: integrity, references,
#      permissions, audit chain), then with sqlite3's PRAGMA integrity_check;
#   4. checks that the file was recorded wholly or not at all: either nothing changed (counts
#      of every table the commands write, reference counters, the audit log's last hash, the
#      months imported), or everything did (N referrals more, N audit rows more, every
#      source_ref of the file; or the month holds exactly the file's rows, with its SHA-256).
#      A command that finished before the kill must have recorded its file.
#
# Prints how many kills landed before the commit, after it, or after the command finished.
# On a failure, stops, keeps the database in a folder it names, and exits 1.
set -euo pipefail

mode=short
case ${1:-} in
  --short) shift ;;
  --long) mode=long; shift ;;
esac
[ $# -eq 1 ] || { echo "usage: crash.sh [--short|--long] PANEL_BIN" >&2; exit 2; }
panel=$(readlink -f "$1")
[ -x "$panel" ] || { echo "crash.sh: no panel binary at '$1'" >&2; exit 2; }
root=$(cd "$(dirname "$0")/../.." && pwd)
police=${PANEL_POLICE_DATA:-$root/tests/data/police}
if [ "$mode" = long ]; then iterations=200; else iterations=10; fi
bulk_rows=4000
seed=${STRESS_SEED:-$(( $$ ^ ${EPOCHSECONDS:-0} ))}
RANDOM=$seed

umask 077
work=$(mktemp -d "${TMPDIR:-/tmp}/panel-crash.XXXXXX")
chmod 700 "$work"
running_pid=
cleanup() {
  if [ -n "$running_pid" ]; then kill -9 "$running_pid" 2>/dev/null || true; wait "$running_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export PANEL_DB="$work/panel.db" PANEL_USER=stress PANEL_TODAY=2024-12-31
unset PANEL_NOW PANEL_TEMPLATES

die() {  # die MESSAGE...: keep the database for a post-mortem and stop
  local keep
  echo "FAIL $*" >&2
  if [ -n "${db:-}" ] && [ -e "$db" ]; then
    keep=$(mktemp -d "${TMPDIR:-/tmp}/panel-crash-failure.XXXXXX")
    cp -p "$work"/*.db* "$work"/*.err "$work"/*.out "$keep"/ 2>/dev/null || true
    echo "crash: iteration $iteration (seed $seed): the databases and outputs are kept in $keep" >&2
  fi
  exit 1
}
now_us() { echo "${EPOCHREALTIME/./}"; }

# --- inputs, made once -------------------------------------------------------------------
bash "$root/tests/bench/generate_referrals.sh" "$bulk_rows" 7 > "$work/referrals.csv"
[ "$(($(wc -l < "$work/referrals.csv") - 1))" = "$bulk_rows" ] || die "generate_referrals.sh did not write $bulk_rows rows"

[ -d "$police" ] || die "no police data folder at '$police' (set PANEL_POLICE_DATA)"
# The street files of one force's month with at least 2,000 rows: path, force, month, rows, sha256.
python3 - "$police" > "$work/police.tsv" <<'PY'
import csv, hashlib, os, sys
found = []
for folder, _, names in os.walk(sys.argv[1]):
    for name in names:
        if name.endswith('-street.csv'):
            found.append(os.path.join(folder, name))
for path in sorted(found):
    with open(path, newline='', encoding='utf-8-sig') as f:
        keys = {(r['Reported by'], r['Month']) for r in csv.DictReader(f)}
    with open(path, newline='', encoding='utf-8-sig') as f:
        rows = sum(1 for _ in csv.DictReader(f))
    if len(keys) != 1 or rows < 2000:
        continue
    (force, month), = keys
    digest = hashlib.sha256(open(path, 'rb').read()).hexdigest()
    print('\t'.join([path, force, month, str(rows), digest]))
PY
mapfile -t police_files < "$work/police.tsv"
[ "${#police_files[@]}" -gt 0 ] || die "no data.police.uk street CSV of one month with 2,000 rows or more under '$police'"

# The non-empty database: one referral file and one police month to start with.
"$panel" -q init >/dev/null
sed 's/,SRC-/,SRC-seed-/' "$work/referrals.csv" > "$work/seed.csv"
"$panel" -q refer --file "$work/seed.csv" >/dev/null
IFS=$'\t' read -r seed_file _ < <(printf '%s\n' "${police_files[@]}" | tail -1)
"$panel" -q incidents import "$seed_file"

# --- one iteration -----------------------------------------------------------------------
q() { sqlite3 "$db" "$1"; }
# Everything the two commands write, in one line: nothing of it changes unless they commit.
fingerprint() {
  q "SELECT (SELECT count(*) FROM referral) || ' ' || (SELECT count(*) FROM person) || ' '
      || (SELECT count(*) FROM possible_match) || ' ' || (SELECT count(*) FROM referral_category) || ' '
      || (SELECT count(*) FROM incident) || ' ' || (SELECT count(*) FROM incident_month) || ' '
      || (SELECT count(*) FROM audit_log) || ' ' || (SELECT coalesce(max(id), 0) FROM referral) || ' '
      || coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') || ' '
      || coalesce((SELECT group_concat(kind || year || ':' || last) FROM reference_counter), '') || ' '
      || coalesce((SELECT group_concat(id || ':' || sha256 || ':' || rows) FROM incident_month), '')"
}

declare -A outcomes=() walleft=()
durations_refer=() durations_incidents=()
start_all=$(now_us)
for ((iteration = 1; iteration <= iterations; iteration++)); do
  k=$((iteration - 1))
  if ((k % 2 == 0)); then kind=refer; else kind=incidents; fi
  if (((k / 2) % 2 == 0)); then
    state=fresh
    db="$work/fresh.db"
    rm -f "$db" "$db-wal" "$db-shm"
    "$panel" --db "$db" -q init >/dev/null
  else
    state=non-empty
    db=$PANEL_DB
  fi

  if [ "$kind" = refer ]; then
    sed "s/,SRC-/,SRC-$iteration-/" "$work/referrals.csv" > "$work/input.csv"
    command=(refer --file "$work/input.csv")
  else
    IFS=$'\t' read -r file force month rows sha < <(printf '%s\n' "${police_files[@]}" | sed -n "$(((k / 4) % ${#police_files[@]} + 1))p")
    command=(incidents import "$file")
    force=${force//\'/\'\'}  # for SQL
  fi

  before=$(fingerprint)
  if [ "$kind" = incidents ]; then
    before_month=$(q "SELECT count(*) FROM incident WHERE reported_by = '$force' AND month = '$month'")
    before_total=$(q "SELECT count(*) FROM incident")
  fi

  # 1. How long the command takes, on a copy.
  rm -f "$work/measure.db" "$work/measure.db-wal" "$work/measure.db-shm"
  cp "$db" "$work/measure.db"
  [ ! -e "$db-wal" ] || cp "$db-wal" "$work/measure.db-wal"
  t0=$(now_us)
  "$panel" --db "$work/measure.db" -q "${command[@]}" > /dev/null 2> "$work/measure.err" ||
    die "$kind on a copy of the $state database exited $?: $(head -5 "$work/measure.err")"
  duration=$(($(now_us) - t0))
  rm -f "$work/measure.db" "$work/measure.db-wal" "$work/measure.db-shm"
  if [ "$kind" = refer ]; then durations_refer+=("$duration"); else durations_incidents+=("$duration"); fi

  # 2. The same command, killed at a random moment.
  delay=$((((RANDOM << 15) | RANDOM) % (duration * 11 / 10 + 1)))
  printf -v delay_s '%d.%06d' $((delay / 1000000)) $((delay % 1000000))
  {
    "$panel" --db "$db" -q "${command[@]}" > "$work/command.out" 2> "$work/command.err" &
    running_pid=$!
    sleep "$delay_s"
    kill -9 "$running_pid" 2>/dev/null || true
    rc=0
    wait "$running_pid" || rc=$?
    running_pid=
  } 2>/dev/null
  wal_bytes=$(stat -c %s "$db-wal" 2>/dev/null || echo 0)
  case $rc in
    0) ;;
    137) ;;
    *) die "$kind on the $state database exited $rc before it was killed: $(head -5 "$work/command.err")" ;;
  esac

  # 3. The database is intact: panel check first, as the first to open it after the kill.
  "$panel" --db "$db" check > "$work/check.out" 2>&1 ||
    die "after a kill at ${delay_s}s of $kind on the $state database, panel check failed: $(grep -v '^ok' "$work/check.out")"
  integrity=$(q 'PRAGMA integrity_check')
  [ "$integrity" = ok ] || die "after a kill at ${delay_s}s of $kind, PRAGMA integrity_check says: $integrity"

  # 4. All or nothing.
  after=$(fingerprint)
  if [ "$after" = "$before" ]; then
    committed=no
  else
    committed=yes
    if [ "$kind" = refer ]; then
      read -r ref_before _ <<< "$before"
      read -r ref_after _ <<< "$after"
      [ "$ref_after" = $((ref_before + bulk_rows)) ] ||
        die "$ref_before referrals before, $ref_after after: neither none nor all $bulk_rows of the file"
      from_file=$(q "SELECT count(*) FROM referral WHERE source_ref LIKE 'SRC-$iteration-%'")
      [ "$from_file" = "$bulk_rows" ] || die "$from_file of the file's $bulk_rows source_refs recorded"
      audited=$(q "SELECT count(*) FROM audit_log a JOIN referral r ON r.reference = a.record
                   WHERE a.action = 'create' AND a.entity = 'referral' AND r.source_ref LIKE 'SRC-$iteration-%'")
      [ "$audited" = "$bulk_rows" ] || die "$audited audit rows for the $bulk_rows referrals recorded"
    else
      got=$(q "SELECT count(*) FROM incident WHERE reported_by = '$force' AND month = '$month'")
      total=$(q "SELECT count(*) FROM incident")
      recorded=$(q "SELECT sha256 || ' ' || rows FROM incident_month WHERE reported_by = '$force' AND month = '$month'")
      [ "$got" = "$rows" ] || die "$force $month holds $got incidents (before: $before_month), the file $rows"
      [ "$total" = $((before_total - before_month + rows)) ] ||
        die "$total incidents after importing $rows for $force $month over $before_month, of $before_total"
      [ "$recorded" = "$sha $rows" ] || die "$force $month is recorded as '$recorded', expected '$sha $rows'"
      audited=$(($(q 'SELECT count(*) FROM audit_log') - $(cut -d' ' -f7 <<< "$before")))
      [ "$audited" = 1 ] || die "$audited audit rows for the import of one month"
    fi
  fi
  if [ "$rc" = 0 ]; then
    [ "$committed" = yes ] || die "$kind finished on the $state database (exit 0) but recorded nothing"
    outcome=finished
  elif [ "$committed" = yes ]; then
    outcome=after
  else
    outcome=before
  fi
  outcomes[$kind,$state,$outcome]=$((${outcomes[$kind,$state,$outcome]:-0} + 1))
  [ "$wal_bytes" = 0 ] || walleft[$outcome]=$((${walleft[$outcome]:-0} + 1))
  printf 'crash: %3d/%d %-9s %-9s killed at %8ss of %8ss: %s\n' "$iteration" "$iterations" "$kind" "$state" \
    "$delay_s" "$(printf '%d.%06d' $((duration / 1000000)) $((duration % 1000000)))" \
    "$(case $outcome in before) echo "killed before the commit, nothing recorded" ;;
                        after) echo "killed after the commit, all recorded" ;;
                        *) echo "finished before the kill, all recorded" ;; esac)$([ "$wal_bytes" = 0 ] || echo "; left a WAL of $wal_bytes bytes")"
done
elapsed=$(($(now_us) - start_all))

# A last look at the non-empty database, with everything it went through.
db=$PANEL_DB
"$panel" check > "$work/check.out" 2>&1 || die "panel check of the non-empty database at the end: $(cat "$work/check.out")"

stats() {  # stats MICROSECONDS...: min median max, in seconds
  printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { printf "%.2f / %.2f / %.2f", v[1] / 1e6, v[int((NR + 1) / 2)] / 1e6, v[NR] / 1e6 }'
}
printf '\ncrash (%s, seed %s): %d kill -9 of bulk writes, %d referrals or a police month each\n' \
  "$mode" "$seed" "$iterations" "$bulk_rows"
printf '%-32s %14s %14s %14s %8s\n' "command, database" "before commit" "after commit" "finished" "total"
for kind in refer incidents; do
  for state in fresh non-empty; do
    b=${outcomes[$kind,$state,before]:-0} a=${outcomes[$kind,$state,after]:-0} f=${outcomes[$kind,$state,finished]:-0}
    printf '%-32s %14s %14s %14s %8s\n' "$kind, $state" "$b" "$a" "$f" $((b + a + f))
  done
done
tb=0 ta=0 tf=0
for key in "${!outcomes[@]}"; do
  case $key in
    *,before) tb=$((tb + outcomes[$key])) ;;
    *,after) ta=$((ta + outcomes[$key])) ;;
    *,finished) tf=$((tf + outcomes[$key])) ;;
  esac
done
printf '%-32s %14s %14s %14s %8s\n' "all" "$tb" "$ta" "$tf" $((tb + ta + tf))
printf '%-32s %14s %14s %14s\n' "  of which left a WAL behind" "${walleft[before]:-0}" "${walleft[after]:-0}" "${walleft[finished]:-0}"
printf 'durations (min / median / max s): refer --file %s; incidents import %s\n' \
  "$(stats "${durations_refer[@]}")" "$(stats "${durations_incidents[@]:-0}")"
printf 'non-empty database at the end: %s referrals, %s incidents in %s months, %s audit rows\n' \
  "$(q 'SELECT count(*) FROM referral')" "$(q 'SELECT count(*) FROM incident')" \
  "$(q 'SELECT count(*) FROM incident_month')" "$(q 'SELECT count(*) FROM audit_log')"
printf 'elapsed: %.0f s. Every kill left an intact database holding the file wholly or not at all.\n' \
  "$(awk -v us="$elapsed" 'BEGIN { print us / 1e6 }')"
