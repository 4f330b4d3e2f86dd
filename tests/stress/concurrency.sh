#!/usr/bin/env bash
# Stress test: many panel commands writing to one database at once, and a reader throughout.
#
#   concurrency.sh [--short|--long] PANEL_BIN
#
# --long (8 writers x 250 referrals) is the figure in docs/reliability.md; --short (the default,
# 4 x 25, under 30 s) is the ctest "stress: concurrent writers and a reader". Each writer is a
# process recording its referrals one `panel refer` command at a time (flags, or a one-row CSV
# by name or on standard input), so the writers' transactions interleave; a reader runs
# `panel report`, `panel triage --format json` (which also writes: it audits the read) and
# `panel check` in a loop until the writers are done. Then it proves:
#
#   - every command exited 0 and wrote nothing to standard error ("database is locked" never
#     reached the user);
#   - exactly WRITERS x N referrals, with distinct references numbered 1..WRITERS x N without a
#     gap, and each reference a writer was given is in the database, and nothing else;
#   - one person per name and date of birth, although writers referred the same people at once,
#     and each referral's REPEAT OF is that person's latest referral received before it (all
#     are received in one quarter, within the repeat window), whatever order they were
#     recorded in;
#   - the audit log has exactly one `create` row per referral and one `read` row per triage
#     run (besides the init's row and the `update` rows of referrals whose repeat was worked
#     out again, when a writer recorded an earlier referral of the same person later), and
#     each triage run listed exactly the referrals committed before it;
#   - `panel check` passes (integrity, references, permissions, audit chain).
#
# Prints the figures as a table. Exits 1 naming each property that failed.
set -euo pipefail

mode=short
case ${1:-} in
  --short) shift ;;
  --long) mode=long; shift ;;
esac
[ $# -eq 1 ] || { echo "usage: concurrency.sh [--short|--long] PANEL_BIN" >&2; exit 2; }
panel=$(readlink -f "$1")
[ -x "$panel" ] || { echo "concurrency.sh: no panel binary at '$1'" >&2; exit 2; }
if [ "$mode" = long ]; then writers=8 per_writer=250; else writers=4 per_writer=25; fi
# To explore the limits: STRESS_WRITERS=16 STRESS_REFERRALS=30 concurrency.sh --long build/panel
writers=${STRESS_WRITERS:-$writers} per_writer=${STRESS_REFERRALS:-$per_writer}
total=$((writers * per_writer))

work=$(mktemp -d "${TMPDIR:-/tmp}/panel-stress.XXXXXX")
chmod 700 "$work"
children=()
cleanup() {
  local pid
  for pid in "${children[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${children[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export PANEL_DB="$work/panel.db" PANEL_USER=stress PANEL_TODAY=2017-12-31
unset PANEL_NOW PANEL_TEMPLATES
"$panel" -q init >/dev/null

agencies=(POL CST ASC CSC MH HSG NOISE VS RSO LAS)
categories=(suicide rough-sleeping mental-health dementia burglary assault harassment hate-crime)
people=40  # writers refer the same 40 people, so that person matching races too

# writer W: records per_writer referrals, one command each. Writes, one line per command,
# "W I EXIT MILLISECONDS" to w.W.codes, the reference it was given to w.W.refs, and any
# standard error (prefixed) to w.W.err.
writer() {
  local w=$1 i k rc ref start ms mm dd agency category name dob
  local out="$work/w.$w.out" err="$work/w.$w.stderr" row="$work/w.$w.csv"
  while [ ! -e "$work/go" ]; do sleep 0.01; done
  for ((i = 1; i <= per_writer; i++)); do
    k=$(((w * per_writer + i) % people))
    mm=$((7 + i % 3)) dd=$((1 + (i * 7 + w) % 28))
    printf -v received '2017-%02d-%02d' "$mm" "$dd"
    printf -v dob '19%02d-%02d-%02d' $((40 + k)) $((1 + k % 12)) $((1 + k % 28))
    agency=${agencies[$(((w + i) % ${#agencies[@]}))]}
    category=${categories[$((i % ${#categories[@]}))]}
    name="Stress Person $k"
    start=$EPOCHREALTIME
    rc=0
    case $((i % 4)) in
      0)  # a one-row file, by name
        printf 'received,agency,source_ref,name,dob,category,summary\n%s,%s,W%d-%d,%s,%s,%s,"Writer %d, referral %d"\n' \
          "$received" "$agency" "$w" "$i" "$name" "$dob" "$category" "$w" "$i" > "$row"
        "$panel" -q --format csv refer --file "$row" > "$out" 2> "$err" || rc=$?
        ;;
      1)  # a one-row file on standard input
        printf 'received,agency,source_ref,name,dob,category,summary\n%s,%s,W%d-%d,%s,%s,%s,"Writer %d, referral %d"\n' \
          "$received" "$agency" "$w" "$i" "$name" "$dob" "$category" "$w" "$i" |
          "$panel" -q --format csv refer --file - > "$out" 2> "$err" || rc=$?
        ;;
      *)  # flags
        "$panel" -q --format csv refer --received "$received" --agency "$agency" --source-ref "W$w-$i" \
          --name "$name" --dob "$dob" --category "$category" --incidents-12m $((i % 5)) \
          --summary "Writer $w, referral $i" > "$out" 2> "$err" || rc=$?
        ;;
    esac
    ms=$(((${EPOCHREALTIME/./} - ${start/./}) / 1000))
    echo "$w $i $rc $ms" >> "$work/w.$w.codes"
    ref=$(sed -n 2p "$out" | cut -d, -f1)
    [ -z "$ref" ] || echo "$ref" >> "$work/w.$w.refs"
    [ ! -s "$err" ] || sed "s/^/writer $w referral $i (exit $rc): /" "$err" >> "$work/w.$w.err"
  done
}

# reader: until the writers are done, runs a report, the triage list and a check. Writes
# "COMMAND EXIT MILLISECONDS" to r.codes and any standard error to r.err.
reader() {
  local rc start ms cmd
  local err="$work/r.stderr"
  while [ ! -e "$work/go" ]; do sleep 0.01; done
  while :; do
    [ -e "$work/writers-done" ] && last=1 || last=0
    for cmd in report triage check; do
      start=$EPOCHREALTIME
      rc=0
      case $cmd in
        report) "$panel" -q report --quarter 2017-Q3 > "$work/r.report" 2> "$err" || rc=$? ;;
        triage) "$panel" -q triage --format json > "$work/r.triage" 2> "$err" || rc=$? ;;
        check) "$panel" -q check > "$work/r.check" 2> "$err" || rc=$? ;;
      esac
      ms=$(((${EPOCHREALTIME/./} - ${start/./}) / 1000))
      echo "$cmd $rc $ms" >> "$work/r.codes"
      if [ "$cmd" = check ] && [ "$rc" -ne 0 ]; then
        sed "s/^/check (exit $rc) said: /" "$work/r.check" >> "$work/r.err"
      fi
      [ ! -s "$err" ] || sed "s/^/$cmd (exit $rc): /" "$err" >> "$work/r.err"
    done
    [ "$last" = 0 ] || break  # one last round after the writers finished
  done
}

for ((w = 1; w <= writers; w++)); do
  writer "$w" &
  children+=($!)
done
reader &
reader_pid=$!
children+=("$reader_pid")

start=$EPOCHREALTIME
touch "$work/go"
writer_status=0
for ((w = 0; w < writers; w++)); do
  wait "${children[$w]}" || writer_status=$?
done
touch "$work/writers-done"
wait "$reader_pid" || writer_status=$?
elapsed=$(((${EPOCHREALTIME/./} - ${start/./}) / 1000))
children=()
[ "$writer_status" = 0 ] || { echo "FAIL a writer or the reader script itself failed (exit $writer_status)" >&2; exit 1; }

# --- the figures -------------------------------------------------------------------------
db=$PANEL_DB
q() { sqlite3 "$db" "$1"; }
cat "$work"/w.*.codes > "$work/codes"
cat "$work"/w.*.refs 2>/dev/null | LC_ALL=C sort > "$work/given" || true
touch "$work/r.err"
cat "$work"/w.*.err "$work/r.err" 2>/dev/null > "$work/stderr" || true

commands=$(wc -l < "$work/codes")
failed_writes=$(awk '$3 != 0' "$work/codes" | wc -l)
reader_runs=$(wc -l < "$work/r.codes")
failed_reads=$(awk '$2 != 0' "$work/r.codes" | wc -l)
stderr_lines=$(wc -l < "$work/stderr")
locked=$(grep -ci 'locked' "$work/stderr" || true)
referrals=$(q 'SELECT count(*) FROM referral')
distinct_refs=$(q 'SELECT count(DISTINCT reference) FROM referral')
distinct_seq=$(q "SELECT count(DISTINCT seq) || ' ' || min(seq) || ' ' || max(seq) FROM referral WHERE year = 2017")
distinct_sources=$(q 'SELECT count(DISTINCT agency || source_ref) FROM referral')
persons=$(q 'SELECT count(*) FROM person')
expected_persons=$((total < people ? total : people))
# A referral with an earlier one of the same person that is not marked a repeat, or marked a
# repeat of something else than the latest earlier one (ties in received date may go either way).
bad_repeats=$(q "SELECT count(*) FROM referral r WHERE
  (r.repeat_of IS NULL AND EXISTS (SELECT 1 FROM referral o WHERE o.person_id = r.person_id AND o.received < r.received))
  OR (r.repeat_of IS NOT NULL AND NOT EXISTS (SELECT 1 FROM referral p WHERE p.id = r.repeat_of
        AND p.person_id = r.person_id AND p.received <= r.received
        AND NOT EXISTS (SELECT 1 FROM referral o WHERE o.person_id = r.person_id AND o.id != r.id
                          AND o.received > p.received AND o.received < r.received)))")
repeats=$(q 'SELECT count(*) FROM referral WHERE repeat_of IS NOT NULL')
triage_ok=$(awk '$1 == "triage" && $2 == 0' "$work/r.codes" | wc -l)
audit_creates=$(q "SELECT count(*) FROM audit_log WHERE action = 'create' AND entity = 'referral'")
audit_reads=$(q "SELECT count(*) FROM audit_log WHERE action = 'read' AND entity = 'referral'")
audit_updates=$(q "SELECT count(*) FROM audit_log WHERE action = 'update' AND entity = 'referral'")
audit_rows=$(q 'SELECT count(*) FROM audit_log')
expected_audit=$((1 + audit_creates + audit_reads + audit_updates))
# Each triage run audits the references it listed: as many as referrals created before it.
inconsistent_triage=$(q "SELECT count(*) FROM audit_log t WHERE t.action = 'read' AND t.entity = 'referral'
  AND (CASE t.record WHEN '' THEN 0 ELSE length(t.record) - length(replace(t.record, ',', '')) + 1 END)
      != (SELECT count(*) FROM audit_log c WHERE c.action = 'create' AND c.entity = 'referral' AND c.id < t.id)")
final_triage=$(grep -c '"reference"' "$work/r.triage" || true)
check_rc=0
"$panel" check > "$work/check.out" 2>&1 || check_rc=$?
max_write_ms=$(awk '$4 > m { m = $4 } END { print m + 0 }' "$work/codes")
p99_write_ms=$(awk '{ print $4 }' "$work/codes" | sort -n | awk '{ v[NR] = $1 } END { i = int(NR * 0.99); if (i < 1) i = 1; print v[i] + 0 }')
max_read_ms=$(awk '$3 > m { m = $3 } END { print m + 0 }' "$work/r.codes")

printf '\nconcurrency (%s): %d writers x %d referrals, one panel command each, and a reader\n' "$mode" "$writers" "$per_writer"
printf '%-44s %12s\n' "figure" "value"
printf '%-44s %12s\n' "referrals recorded" "$referrals"
printf '%-44s %12s\n' "distinct references" "$distinct_refs"
printf '%-44s %12s\n' "write commands" "$commands"
printf '%-44s %12s\n' "failed commands (exit != 0)" "$((failed_writes + failed_reads))"
printf '%-44s %12s\n' "lines on standard error" "$stderr_lines"
printf '%-44s %12s\n' "  of which 'locked'" "$locked"
printf '%-44s %12s\n' "reader runs (report + triage + check)" "$((reader_runs / 3))"
printf '%-44s %12s\n' "elapsed seconds" "$(awk -v ms="$elapsed" 'BEGIN { printf "%.1f", ms / 1000 }')"
printf '%-44s %12s\n' "referrals per second" "$(awk -v n="$total" -v ms="$elapsed" 'BEGIN { printf "%.0f", n * 1000 / ms }')"
printf '%-44s %12s\n' "slowest write command (ms)" "$max_write_ms"
printf '%-44s %12s\n' "99th percentile write command (ms)" "$p99_write_ms"
printf '%-44s %12s\n' "slowest reader command (ms)" "$max_read_ms"
printf '%-44s %12s\n' "people (expected $expected_persons)" "$persons"
printf '%-44s %12s\n' "repeats (wrong ones: $bad_repeats)" "$repeats"
printf '%-44s %12s\n' "audit rows: referrals recorded" "$audit_creates"
printf '%-44s %12s\n' "audit rows: triage lists" "$audit_reads"
printf '%-44s %12s\n' "audit rows: repeats worked out again" "$audit_updates"

failures=0
fail() { echo "FAIL $*" >&2; failures=$((failures + 1)); }
[ "$commands" = "$total" ] || fail "$commands write commands ran, expected $total"
[ "$failed_writes" = 0 ] || { fail "$failed_writes write commands exited non-zero:"; awk '$3 != 0' "$work/codes" | head -20 >&2; }
[ "$failed_reads" = 0 ] || { fail "$failed_reads reader commands exited non-zero:"; awk '$2 != 0' "$work/r.codes" | head -20 >&2; }
[ "$stderr_lines" = 0 ] || { fail "commands wrote to standard error ($locked lines about a lock):"; head -20 "$work/stderr" >&2; }
[ "$referrals" = "$total" ] || fail "$referrals referrals recorded, expected $total"
[ "$distinct_refs" = "$referrals" ] || fail "$distinct_refs distinct references for $referrals referrals"
[ "$distinct_seq" = "$total 1 $total" ] || fail "reference numbers of 2017 (count, min, max) are '$distinct_seq', expected '$total 1 $total'"
[ "$distinct_sources" = "$total" ] || fail "$distinct_sources distinct agency and source_ref, expected $total"
if ! diff -q <(q 'SELECT reference FROM referral' | LC_ALL=C sort) "$work/given" >/dev/null; then
  fail "the references the writers were given differ from those in the database:"
  diff <(q 'SELECT reference FROM referral' | LC_ALL=C sort) "$work/given" | head -10 >&2
fi
[ "$persons" = "$expected_persons" ] || fail "$persons people for $expected_persons distinct names and dates of birth"
[ "$bad_repeats" = 0 ] || fail "$bad_repeats referrals have a wrong REPEAT OF"
[ "$audit_creates" = "$total" ] || fail "$audit_creates audit rows for referrals recorded, expected $total"
[ "$audit_reads" = "$triage_ok" ] || fail "$audit_reads audit rows for triage lists, expected $triage_ok (the triage runs)"
[ "$audit_rows" = "$expected_audit" ] || fail "$audit_rows audit rows, expected $expected_audit (the init and the rows above)"
[ "$inconsistent_triage" = 0 ] || fail "$inconsistent_triage triage runs listed other than the referrals committed before them"
[ "$final_triage" = "$total" ] || fail "the last triage run listed $final_triage referrals, expected $total"
[ "$check_rc" = 0 ] || { fail "panel check exited $check_rc:"; cat "$work/check.out" >&2; }

if [ "$failures" -ne 0 ]; then
  echo "concurrency: $failures propert$([ "$failures" = 1 ] && echo y || echo ies) failed" >&2
  exit 1
fi
echo "concurrency: every property holds"
