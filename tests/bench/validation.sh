#!/usr/bin/env bash
# Benchmark: validation stays linear. Times `panel config import` of a profile listing N agencies
# (default 100,000) and `panel trigger apply` of an application listing N complaints, each
# against ten times the same command at N/10 in the same run: a ratio near 1 is linear, while
# quadratic work shows as a ratio near 10 (issue #18, item 12: 100,000 agencies took 6 minutes,
# 100,000 complaints did not finish).
#
#   tests/bench/validation.sh [N]   (build first: cmake --build build; PANEL_BIN overrides the binary)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
n=${1:-100000}
small=$((n / 10))
bench_start
need python3 python3
export PANEL_TODAY=2017-09-04 PANEL_USER=bench

# A profile: the built-in ccm one with its agencies replaced by POL, CST, ASC (the quorum) and
# K more; complaints: K of them on 140 days before the application, each by its own complainant.
(cd "$work" && "$panel" --db base.db -q init && "$panel" --db base.db config show > base.yaml)
python3 - "$work" "$n" "$small" <<'PY'
import datetime, sys
work, sizes = sys.argv[1], [int(k) for k in sys.argv[2:]]
base = open(f'{work}/base.yaml').read().split('\n')
for k in sizes:
    out, skip = [], False
    for line in base:
        if line.startswith('agencies:'):
            out.append(line)
            out += ['  - {code: POL, name: Police, core: true}', '  - {code: CST, name: Community Safety, core: true}',
                    '  - {code: ASC, name: Adult Social Care, core: true}']
            out += ['  - {code: A%d, name: Agency %d, email: a%d@example.org}' % (i, i, i) for i in range(k)]
            skip = True
        elif not (skip and line.startswith('  ')):
            skip = False
            out.append(line)
    open(f'{work}/agencies-{k}.yaml', 'w').write('\n'.join(out))
    with open(f'{work}/complaints-{k}.yaml', 'w') as f:
        f.write('complaints:\n')
        start = datetime.date(2017, 3, 10)
        for i in range(k):
            day = start + datetime.timedelta(days=i % 140)
            f.write('  - {incident_date: %s, reported_date: %s, agency: POL, complainant: Person %d, '
                    'description: Noise at night %d}\n' % (day, day, i, i))
PY

# run_import K: one config import of K agencies into a fresh register.
run_import() {
  rm -f "$work/import.db"*
  "$panel" --db "$work/import.db" -q init
  measure "$panel" --db "$work/import.db" -q config import "$work/agencies-$1.yaml"
}
# run_apply K: one application with K complaints in a fresh register.
run_apply() {
  rm -f "$work/apply.db"*
  "$panel" --db "$work/apply.db" -q init
  measure "$panel" --db "$work/apply.db" -q trigger apply --received 2017-08-01 --applicant "Jo Bloggs" \
    --file "$work/complaints-$1.yaml"
}

for what in import apply; do
  "run_$what" "$small"
  small_s=$took small_kb=$peak_kb
  "run_$what" "$n"
  label=$([ "$what" = import ] && echo "config import, $(thousands "$n") agencies" ||
    echo "trigger apply, $(thousands "$n") complaints")
  echo "$bench_name: $label: $took s, peak $(mb "$peak_kb") MB; $(thousands "$small"): $small_s s" >&2
  bench_row "$label" "$took" "10 x $(thousands "$small")" \
    "$(awk -v s="$small_s" 'BEGIN { printf "%.3f", 10 * s }')" "$peak_kb" "$small_kb" "ratio<=2"
done
