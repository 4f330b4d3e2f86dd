#!/usr/bin/env bash
# Benchmark: the agenda and the meeting pack of a full meeting. Builds a panel whose meeting has
# CASES cases on its agenda (default 200) and ACTIONS outstanding actions (default 2,000): half
# the cases were heard at the meeting before, which agreed the actions and set their review for
# this meeting; the other half are new referrals accepted for it. Times `panel agenda DATE
# --format md` and `panel agenda DATE --pack` (Markdown, to standard output) against the sqlite3
# shell selecting the same rows (Markdown tables) on the same file, and checks that each lists
# every case and every action.
#
# Both panel commands also record that the agenda was read (and the pack made) in the audit log,
# a write transaction each; the sqlite3 shell only reads.
#
#   tests/bench/agenda.sh [CASES [ACTIONS]]   (build first: cmake --build build; PANEL_BIN overrides the binary)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cases=${1:-200}
actions=${2:-2000}
bench_start
need python3 python3
export PANEL_DB=$work/panel.db PANEL_USER=bench
before=2017-08-08 meeting=2017-09-12 cutoff=2017-09-07  # agenda_lead_days is 5 in the ccm profile
heard=$((cases / 2)) new=$((cases - cases / 2))

# CASES people, each referred once, all meeting the threshold; and the minutes of the meeting
# before, for the first half: ACTIONS actions shared out among them, all due by the meeting.
python3 - "$heard" "$new" "$actions" "$before" "$meeting" "$work" <<'PY'
import csv, datetime, sys
heard, new, actions, before, meeting, work = *map(int, sys.argv[1:4]), *sys.argv[4:]
before = datetime.date.fromisoformat(before)
agencies = 'POL CST ASC CSC MH HSG NOISE VS RSO LAS'.split()
header = ['received', 'agency', 'source_ref', 'referrer', 'name', 'dob', 'gender', 'postcode', 'resident', 'role',
          'category', 'vulnerable', 'risk_level', 'incidents_12m', 'agencies_involved', 'professional_judgement',
          'consent', 'summary']
summary = ('Neighbours report shouting and banging at night for three months; police attended four times. '
           'The subject lives alone, has missed mental health appointments and the tenancy is at risk. ') * 2
def referrals(path, first, count, received):
    with open(path, 'w', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        for p in range(first, first + count):
            w.writerow([received.isoformat(), agencies[p % 10], 'SRC-%d' % p, 'Officer %d' % (p % 17),
                        'Sam Person%d' % p, '%04d-%02d-%02d' % (1950 + p % 50, p % 12 + 1, p % 28 + 1),
                        'female' if p % 2 else 'male', 'EC%dA %dBB' % (p % 4 + 1, p % 9), 'true', 'victim',
                        'mental-health;harassment', 'true', 'high', 4, 3, 'true', 'given', summary])
referrals(work + '/heard.csv', 1, heard, before - datetime.timedelta(days=14))
referrals(work + '/new.csv', heard + 1, new, before + datetime.timedelta(days=7))
with open(work + '/minutes.yaml', 'w') as m:
    m.write('held: true\nchair: Supt. J Evans\nattendance:\n')
    m.writelines('  %s: present\n' % a for a in agencies)
    m.write('cases:\n')
    for c in range(heard):
        m.write('  CCM-2017-%04d:\n    summary: Discussed; actions agreed\n    risk: high\n    outcome: keep-open\n'
                '    next_review: %s\n    actions:\n' % (c + 1, meeting))
        for i in range(c, actions, heard):
            due = before + datetime.timedelta(days=7 + i % 28)
            m.write('      - {owner: %s, description: "Home visit and report back (%d)", due: %s}\n'
                    % (agencies[i % 10], i + 1, due.isoformat()))
PY
PANEL_TODAY=2017-07-31 "$panel" -q init
PANEL_TODAY=2017-07-31 "$panel" -q refer --file "$work/heard.csv" >/dev/null
PANEL_TODAY=2017-07-31 "$panel" -q meeting add "$before" --time 14:00 --venue Guildhall
PANEL_TODAY=2017-07-31 "$panel" -q triage --accept-eligible >/dev/null
PANEL_TODAY=$before "$panel" -q minute "$before" --file "$work/minutes.yaml"
PANEL_TODAY=2017-08-21 "$panel" -q meeting add "$meeting" --time 14:00 --venue Guildhall
PANEL_TODAY=2017-08-21 "$panel" -q refer --file "$work/new.csv" >/dev/null
PANEL_TODAY=2017-08-21 "$panel" -q triage --accept-eligible >/dev/null
export PANEL_TODAY=2017-09-05

# The baseline: the agenda's rows as SQL. Items: referrals accepted for the meeting, then open
# cases due for review that are not already listed, with categories and open actions; the
# outstanding actions; the referrals accepted after the cut-off.
items_sql="WITH listed AS (
  SELECT r.reference, coalesce(k.reference, '') AS kase, CASE WHEN r.repeat_of IS NULL THEN 'new' ELSE 'repeat' END AS item,
         r.name, coalesce(k.risk_level, '') AS risk, coalesce(k.lead_agency, '') AS lead, r.id AS rid, 0 AS part, r.received AS o1, r.id AS o2
  FROM referral r LEFT JOIN \"case\" k ON k.id = r.case_id WHERE r.status = 'accepted' AND r.meeting_date = '$meeting'),
review AS (
  SELECT k.reference, k.reference, 'review', p.name, k.risk_level, coalesce(k.lead_agency, ''),
         (SELECT id FROM referral r WHERE r.reference = k.reference), 1, k.review_date, k.id
  FROM \"case\" k JOIN person p ON p.id = k.person_id
  WHERE k.status = 'open' AND k.review_date <= '$meeting' AND k.reference NOT IN (SELECT kase FROM listed)),
items AS (SELECT * FROM listed UNION ALL SELECT * FROM review)"
outstanding_sql="SELECT 'A-' || a.id AS id, k.reference AS \"case\", a.owner, a.description, a.due,
  max(0, julianday('$meeting') - julianday(a.due)) AS days_overdue
  FROM action a JOIN \"case\" k ON k.id = a.case_id WHERE a.status = 'open' AND a.due <= '$meeting' ORDER BY k.id, a.due, a.id"
late_sql="SELECT r.reference FROM referral r WHERE r.status = 'accepted' AND (r.meeting_date IS NULL OR r.meeting_date > '$meeting')
  AND EXISTS (SELECT 1 FROM decision d WHERE d.referral_id = r.id AND d.decision = 'accept'
              AND d.decided_on > '$cutoff' AND d.decided_on <= '$meeting') ORDER BY r.received, r.id"
cat > "$work/agenda.sql" <<SQL
.mode markdown
SELECT date, time, venue, status FROM meeting WHERE date = '$meeting';
$items_sql
SELECT reference, kase AS "case", item, name, risk, lead AS lead_agency,
  (SELECT group_concat(category, ', ') FROM (SELECT category FROM referral_category c WHERE c.referral_id = rid ORDER BY position)) AS categories,
  (SELECT count(*) FROM action a JOIN "case" k ON k.id = a.case_id WHERE k.reference = kase AND a.status = 'open') AS open_actions
  FROM items ORDER BY part, o1, o2;
$outstanding_sql;
$late_sql;
SQL
# The pack adds, for each item, the referral's details, the case's discussions and all its
# actions, with agency names.
cat > "$work/pack.sql" <<SQL
.mode markdown
SELECT m.date, m.time, m.venue, m.chair, group_concat(g.name || ' (' || g.code || ')', '; ') AS quorum
  FROM meeting m, agency g WHERE m.date = '$meeting' AND g.code IN ('POL', 'CST', 'ASC');
$items_sql
SELECT i.reference, i.kase AS "case", i.item, i.name, r.dob, i.risk, g.name AS lead_agency,
  (SELECT group_concat(category, '; ') FROM (SELECT category FROM referral_category c WHERE c.referral_id = i.rid ORDER BY position)) AS categories,
  r.criteria_met, substr(r.summary, 1, 600) AS summary
  FROM items i JOIN referral r ON r.id = i.rid LEFT JOIN agency g ON g.code = i.lead ORDER BY i.part, i.o1, i.o2;
$items_sql
SELECT k.reference, m.date, d.outcome, d.summary FROM items i JOIN "case" k ON k.reference = i.kase
  JOIN discussion d ON d.case_id = k.id JOIN meeting m ON m.id = d.meeting_id ORDER BY i.part, i.o1, i.o2, m.date;
$items_sql
SELECT k.reference, 'A-' || a.id AS id, g.name AS owner, a.due, a.status, a.description FROM items i
  JOIN "case" k ON k.reference = i.kase JOIN action a ON a.case_id = k.id JOIN agency g ON g.code = a.owner
  ORDER BY i.part, i.o1, i.o2, a.id;
SELECT 'A-' || a.id AS id, k.reference AS "case", g.name AS owner, a.due, a.description
  FROM action a JOIN "case" k ON k.id = a.case_id JOIN agency g ON g.code = a.owner
  WHERE a.status = 'open' AND a.due <= '$meeting' ORDER BY k.id, a.due, a.id;
$late_sql;
SQL

# Every case and every action, in panel's output and in the baseline's.
count() { sqlite3 "$PANEL_DB" "$1" | wc -l; }
listed=$(count "$items_sql SELECT reference FROM items")
outstanding=$(count "$outstanding_sql")
{ [ "$listed" = "$cases" ] && [ "$outstanding" = "$actions" ]; } ||
  bench_error "the SQL selects $listed cases and $outstanding actions, not $cases and $actions"
"$panel" agenda "$meeting" --format json > "$work/agenda.json"
read -r json_items json_actions < <(python3 -c 'import json, sys; a = json.load(open(sys.argv[1]))
print(len(a["items"]), len(a["outstanding_actions"]))' "$work/agenda.json")
{ [ "$json_items" = "$cases" ] && [ "$json_actions" = "$actions" ]; } ||
  bench_error "panel's agenda lists $json_items cases and $json_actions actions, not $cases and $actions"
md_rows=$("$panel" agenda "$meeting" --format md | grep -c '^| *\(CCM\|A-\)' || true)
[ "$md_rows" = $((cases + actions)) ] || bench_error "panel's Markdown agenda has $md_rows rows, not $((cases + actions))"
"$panel" agenda "$meeting" --pack > "$work/pack.md"
sections=$(grep -c '^## CCM-' "$work/pack.md" || true)
case_actions=$(grep -c '^- Action A-' "$work/pack.md" || true)
pack_outstanding=$(sed -n '/^## Outstanding actions/,$p' "$work/pack.md" | grep -c '^- A-' || true)
{ [ "$sections" = "$cases" ] && [ "$case_actions" = "$actions" ] && [ "$pack_outstanding" = "$actions" ]; } ||
  bench_error "the pack has $sections case sections, $case_actions case actions and $pack_outstanding outstanding, not $cases, $actions and $actions"
echo "meeting $meeting: $cases cases ($heard for review, $new new), $actions outstanding actions (checked in both)"

agenda() { "$panel" agenda "$meeting" --format md; }
pack() { "$panel" agenda "$meeting" --pack; }
agenda_sql() { sqlite3 "$PANEL_DB" < "$work/agenda.sql"; }
pack_sql() { sqlite3 "$PANEL_DB" < "$work/pack.sql"; }
declare -A fastest
for f in agenda agenda_sql pack pack_sql; do
  repeat_runs 5 "$f"
  fastest[$f]=$best
  printf '%-12s best of 5: %.3f s\n' "$f" "$best"
done
bench_row "agenda, $cases cases and $(thousands "$actions") actions" "${fastest[agenda]}" "sqlite3, the same rows" "${fastest[agenda_sql]}" \
  "$(peak_of "$panel" agenda "$meeting" --format md)" "$(peak_of sqlite3 "$PANEL_DB" < "$work/agenda.sql")" "ratio<=2"
bench_row "meeting pack, $cases cases and $(thousands "$actions") actions" "${fastest[pack]}" "sqlite3, the same rows" "${fastest[pack_sql]}" \
  "$(peak_of "$panel" agenda "$meeting" --pack)" "$(peak_of sqlite3 "$PANEL_DB" < "$work/pack.sql")" "ratio<=2"
