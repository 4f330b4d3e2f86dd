#!/usr/bin/env bash
# Quick start: installs the Debian packages panel needs, builds it in build/, and runs the main
# job on the example data in a fresh database in a temporary folder, printing each command.
#
#   examples/quickstart.sh            build and run
#   KEEP=1 examples/quickstart.sh     keep the temporary folder to look around afterwards
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

bash "$root/tests/install-deps.sh"
cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$root/build" -j2 --target panel >/dev/null
panel_bin="$root/build/panel"

work=$(mktemp -d "${TMPDIR:-/tmp}/panel-quickstart.XXXXXX")
if [ "${KEEP:-0}" != 1 ]; then
  trap 'rm -rf "$work"' EXIT
fi
cd "$work"
export PANEL_DB="$work/panel.db" PANEL_TODAY=2017-09-04 PANEL_USER=quickstart

run() {
  printf '\n$ panel'
  printf ' %q' "$@"
  printf '\n'
  "$panel_bin" "$@"
}

echo "panel quick start in $work (today pinned to $PANEL_TODAY)"
run --version
run init --profile ccm
run agency list
run agency add PRB --name "Probation Service" --email probation@example.org
run config get quorum
run config set agenda_lead_days 6
run refer --file "$root/examples/referrals.yaml"
run meeting schedule --every "second tuesday" --from 2017-09-01 --to 2017-12-31 --time 14:00 --venue Guildhall
run triage
run triage CCM-2017-0001 accept --meeting 2017-09-12 --lead ASC --risk high
run triage CCM-2017-0004 decline --reason "Below threshold" --signpost "Victim Support hate crime service"
run triage --accept-eligible
run case list
run agenda 2017-09-12
run agenda 2017-09-12 --issue --format csv
run agenda 2017-09-12 --pack --format html -o "$work/pack-2017-09-12.html"
run agenda 2017-09-12 --research HSG
PANEL_TODAY=2017-09-12 run minute 2017-09-12 --file "$root/examples/minutes.yaml"
PANEL_TODAY=2017-10-02 run agenda
PANEL_TODAY=2017-10-02 run action list --overdue
PANEL_TODAY=2017-10-02 run case list --attention
run minute 2017-09-12 --render --format html -o "$work/minutes-2017-09-12.html"
run case show CCM-2017-0001
run letter referral-acknowledgement CCM-2017-0005
run letter referral-declined CCM-2017-0004 --format html -o "$work/decline-CCM-2017-0004.html"
run letter warning-letter CCM-2017-0003 --format txt
run audit --since 2017-01-01
PANEL_TODAY=2017-10-02 run remind --dry-run
PANEL_TODAY=2017-10-02 run report --quarter 2017-Q3
if [ "${KEEP:-0}" = 1 ]; then
  echo; echo "the database is kept at $PANEL_DB"
fi
