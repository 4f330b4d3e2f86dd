#!/usr/bin/env bash
# Benchmark: overdue actions. Records N actions (default 100,000) across about N/100 cases, all
# open, due over the year after the meeting that agreed them, so that about a quarter are
# overdue on the day listed; and the same N as Taskwarrior tasks (project: the case; tag: the
# owner; the same due dates). Times `panel action list --overdue --format csv` against
# Taskwarrior's `task overdue` and checks that both list the same number of actions.
#
# The actions are recorded the way a panel records them, as the minutes of one meeting
# (`panel minute DATE --file`, one transaction): `panel action add` is one process and one
# transaction per action, about 60 ms each here, so 100,000 would take well over an hour.
# The tasks go in with `task import` into a throwaway TASKDATA, which takes a while itself.
#
#   tests/bench/actions.sh [N]     (build first: cmake --build build; PANEL_BIN overrides the binary;
#                                   needs Taskwarrior: apt-get install -y taskwarrior)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
n=${1:-100000}
bench_start
need task taskwarrior
need python3 python3
export PANEL_DB=$work/panel.db PANEL_USER=bench
meeting=2015-01-13
listed=2015-04-14  # 91 days after the meeting: a quarter of a year of due dates are past

# Cases: referrals received in 2014, those that meet the threshold accepted for the meeting.
export PANEL_TODAY=2015-01-02
"$panel" -q init
bash "$bench_root/tests/bench/generate_referrals.sh" "$(( n / 50 > 40 ? n / 50 : 40 ))" 7 1 > "$work/referrals.csv"
"$panel" -q refer --file "$work/referrals.csv" >/dev/null
"$panel" -q meeting add "$meeting" --time 14:00 --venue "Guildhall"
"$panel" -q triage --accept-eligible >/dev/null
"$panel" case list --format csv | tail -n +2 | cut -d, -f1 > "$work/cases.txt"

# The minutes (every case discussed, the actions shared out among them) and the same actions as
# Taskwarrior tasks. Taskwarrior cannot pin its clock, so its due dates are moved on by the days
# from the day listed to today, and fall at the end of their day (UTC): a task due today is not
# overdue, as an action due today is not.
python3 - "$n" "$meeting" "$listed" "$work" <<'PY'
import datetime, json, sys, uuid
n, meeting, listed, work = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
meeting = datetime.date.fromisoformat(meeting)
shift = datetime.datetime.now(datetime.timezone.utc).date() - datetime.date.fromisoformat(listed)
cases = open(work + '/cases.txt').read().split()
agencies = 'POL CST ASC CSC MH HSG NOISE VS RSO LAS'.split()
work_items = ['Home visit with the housing officer', 'Check the tenancy file and report back',
              'Ask the GP about the medication review', 'Offer a carers assessment',
              'Draw up an acceptable behaviour contract', 'Refer to the drug and alcohol service']
actions = {c: [] for c in cases}
with open(work + '/tasks.json', 'w') as tasks:
    for i in range(n):
        case, owner = cases[i % len(cases)], agencies[i % len(agencies)]
        due = meeting + datetime.timedelta(days=i * 365 // n)
        text = '%s (%d)' % (work_items[i % len(work_items)], i + 1)
        actions[case].append((owner, text, due))
        tasks.write(json.dumps({'uuid': str(uuid.UUID(int=i + 1)), 'status': 'pending', 'entry': meeting.strftime('%Y%m%dT140000Z'),
                                'description': text, 'project': case, 'tags': [owner],
                                'due': (due + shift).strftime('%Y%m%dT235959Z')}) + '\n')
with open(work + '/minutes.yaml', 'w') as m:
    m.write('held: true\nchair: Supt. J Evans\nattendance:\n')
    m.writelines('  %s: present\n' % a for a in agencies)
    m.write('cases:\n')
    for case in cases:
        m.write('  %s:\n    summary: Discussed; actions agreed\n    outcome: keep-open\n    next_review: 2015-02-10\n'
                '    actions:\n' % case)
        m.writelines('      - {owner: %s, description: "%s", due: %s}\n' % a for a in actions[case])
PY
PANEL_TODAY=$meeting measure "$panel" -q minute "$meeting" --file "$work/minutes.yaml"
recorded=$(sqlite3 "$PANEL_DB" "SELECT count(*) FROM action WHERE status = 'open'")
[ "$recorded" = "$n" ] || bench_error "panel recorded $recorded open actions, not $n"
echo "recorded $n actions across $(wc -l < "$work/cases.txt") cases, as the minutes of one meeting, in $took s"

# Taskwarrior in a folder of its own, with nothing on a terminal and no garbage collection
# (which would rewrite the files on every command).
export TASKRC=$work/taskrc TASKDATA=$work/taskdata TZ=UTC
mkdir -p "$TASKDATA"
printf '%s\n' "data.location=$TASKDATA" confirmation=off verbose=nothing gc=off _forcecolor=off \
  color=off defaultwidth=0 detection=off hooks=off > "$TASKRC"
measure task import "$work/tasks.json"
echo "imported $n tasks into Taskwarrior in $took s"

export PANEL_TODAY=$listed
overdue() { "$panel" action list --overdue --format csv; }
task_overdue() { task overdue; }
ours=$(($(overdue | wc -l) - 1))
theirs=$(task_overdue | wc -l)
[ "$ours" = "$theirs" ] || bench_error "panel lists $ours overdue actions, Taskwarrior $theirs"
{ [ "$ours" -gt $((n / 5)) ] && [ "$ours" -lt $((n * 3 / 10)) ]; } || bench_error "$ours overdue of $n: expected about a quarter"
echo "overdue on $listed: $ours of $n actions (both)"

repeat_runs 3 task_overdue
task_s=$best
repeat_runs 5 overdue
panel_s=$best
printf 'panel action list --overdue: %.3f s; task overdue: %.3f s\n' "$panel_s" "$task_s"
bench_row "action list --overdue, $(thousands "$n") actions" "$panel_s" "Taskwarrior task overdue" "$task_s" \
  "$(peak_of "$panel" action list --overdue --format csv)" "$(peak_of task overdue)" "ratio<1"
