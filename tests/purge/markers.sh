#!/usr/bin/env bash
# Purge leaves nothing behind (issue #18, items 1 and 2).
#
#   markers.sh PANEL_BINARY
#
# Fills a register through the command line with distinct markers in every free-text field a
# person's data can reach (names, referrers, summaries, decision reasons, signposting, forums,
# legal hold and override reasons, minutes, actions, interventions, case reviews, letter and
# export file names), purges it years later, and then looks for each marker in every column of
# every table (sqlite3 .dump) and in the raw bytes of the database file and its -wal file
# (strings). Markers typed into things that purge keeps (a meeting's cancellation reason, a
# setting, an agency's name) must still never reach the audit log. Exit 0 when nothing is found.
set -euo pipefail
[ -n "${MARKERS_DEBUG:-}" ] && set -x
panel_bin=$(readlink -f "$1")
work=$(mktemp -d "${TMPDIR:-/tmp}/panel-markers.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"
export PANEL_DB="$work/panel.db" PANEL_TODAY=2017-09-04 PANEL_NOW=2017-09-04T09:00:00Z PANEL_USER=coordinator
p() { "$panel_bin" -q "$@"; }

# Every marker is "Mk" + two letters + "q": unlikely in anything panel writes by itself.
# mark runs in command substitutions (subshells), so it keeps its list in a file.
mark() { echo "$1" >>"$work/markers.list"; printf '%s' "$1"; }
# A marker that a later command overwrites: checked when written, looked for after the purge.
recorded() {
  local dump; dump=$(sqlite3 panel.db .dump)
  grep -q "$1" <<<"$dump" || { echo "FAIL: marker $1 was never recorded"; exit 1; }
  echo "$1" >>"$work/transient.list"
}

p init
p meeting add 2017-09-12
p meeting add 2017-10-10
cat > referrals.yaml <<EOF
referrals:
  - received: 2017-08-01
    agency: POL
    source_ref: $(mark Mkaaq)
    referrer: {name: $(mark Mkabq) Smith, email: $(mark mkacq)@example.org}
    subject: {name: $(mark Mkadq) Jones, dob: 1980-01-02, gender: male, resident: true, address: "$(mark Mkaiq) Court; London"}
    role: victim
    categories: [suicide]
    vulnerable: true
    risk_level: high
    incidents_12m: 4
    agencies_involved: 3
    consent: refused
    consent_rationale: $(mark Mkaeq) rationale
    summary: $(mark Mkafq) summary
    other_parties:
      - {name: $(mark Mkagq) Brown, role: perpetrator, relationship: $(mark Mkahq) cousin, dob: 1970-03-04}
  - received: 2017-08-02
    agency: HSG
    referrer: {name: $(mark Mkbaq) Clerk}
    subject: {name: $(mark Mkbbq) Green, dob: 1990-05-06, gender: female, resident: true}
    role: victim
    categories: [harassment]
    incidents_12m: 1
    consent: given
    summary: $(mark Mkbcq) below the threshold
  - received: 2017-08-03
    agency: ASC
    referrer: {name: $(mark Mkcaq) Worker}
    subject: {name: $(mark Mkcbq) White, dob: 1955-07-08, gender: male, resident: false}
    role: unclear
    categories: [dementia]
    incidents_12m: 1
    consent: given
    summary: $(mark Mkccq) for another forum
  - received: 2017-08-04
    agency: CST
    referrer: {name: $(mark Mkdaq) Officer}
    subject: {name: $(mark Mkdbq) Black, dob: 1999-09-10, gender: female, resident: true}
    role: victim
    categories: [harassment]
    incidents_12m: 1
    consent: given
    summary: $(mark Mkdcq) asked for more
  - received: 2017-08-05
    agency: MH
    referrer: {name: $(mark Mkeaq) Nurse}
    subject: {name: $(mark Mkebq) Grey, dob: 1985-11-12, gender: male, resident: true}
    role: victim
    categories: [mental-health]
    incidents_12m: 1
    consent: given
    summary: $(mark Mkecq) accepted by judgement
EOF
p refer --file referrals.yaml >/dev/null
p triage CCM-2017-0001 accept --note "$(mark Mkfaq) accepted"
p triage CCM-2017-0002 decline --reason "$(mark Mkfbq) declined" --signpost "$(mark Mkfcq) signposted"
p triage CCM-2017-0003 redirect --reason "$(mark Mkfdq) redirected" --to "$(mark Mkfeq) Board"
p triage CCM-2017-0004 more-info --reason "$(mark Mkffq) tell us more"
p triage CCM-2017-0004 reopen --reason "$(mark Mkfgq) reopened"
p triage CCM-2017-0004 decline --reason "$(mark Mkfhq) declined again"
p triage CCM-2017-0005 accept --override --reason "$(mark Mkfiq) override"

p action add CCM-2017-0001 --owner POL --due 2017-09-30 --text "$(mark Mkgaq) visit" >/dev/null
p action update A-1 --due 2017-10-30 --note "$(mark Mkgbq) later"
p case hold CCM-2017-0001 --reason "$(mark Mkgcq) claim"
recorded Mkgcq
p case release CCM-2017-0001

p letter referral-declined CCM-2017-0002 -o "letter-$(mark Mkhaq).md"
p case intervention add CCM-2017-0001 --type warning-letter --agency POL --date 2017-09-01 >/dev/null
p letter warning-letter CCM-2017-0001 --to "$(mark Mkhbq) Addressee" -o "ack-$(mark Mkhcq).md"
echo Mkhbq >>"$work/transient.list"  # the addressee is in the letter only, never in the register
person=$("$panel_bin" person find "Mkadq" --format csv | awk -F, 'NR == 2 { print $2 }')
p person export "$person" --format md -o "sar-$(mark Mkhdq).md"
p agenda 2017-09-12 --pack -o "pack-$(mark Mkheq).md"
p agenda 2017-09-12 --research POL -o "research-$(mark Mkhfq).md"
printf '%s\n' Mkhdq Mkheq Mkhfq >>"$work/transient.list"  # the register need not keep these file names

cat > minutes.yaml <<EOF
held: true
chair: Chair
attendance: {POL: present, CST: present, ASC: present}
cases:
  CCM-2017-0001:
    summary: $(mark Mkiaq) first summary
    outcome: keep-open
    next_review: 2017-10-10
    interventions:
      - {type: abc, agency: HSG, date: 2017-09-12, note: $(mark Mkibq) terms}
    actions:
      - {owner: HSG, description: $(mark Mkicq) assess, due: 2017-09-26}
  CCM-2017-0005:
    summary: $(mark Mkidq) referred on
    outcome: refer-elsewhere
    referred_to: $(mark Mkieq) Forum
action_updates: {}
EOF
PANEL_TODAY=2017-09-12 p minute 2017-09-12 --file minutes.yaml
recorded Mkiaq
# Amended minutes replace the first ones: their summary leaves free space behind in the file.
sed -i "s/Mkiaq first summary/$(mark Mkifq) amended summary/; s/outcome: keep-open/outcome: close\n    close_reason: risk reduced/" minutes.yaml
sed -i '/next_review: 2017-10-10/d' minutes.yaml
# An amendment keeps the recorded action by its id (issue #20).
sed -i "s/- {owner: HSG, description: $(mark Mkicq)/- {id: $(sqlite3 "$PANEL_DB" "select id from actions where owner = 'HSG'"), owner: HSG, description: $(mark Mkicq)/" minutes.yaml
PANEL_TODAY=2017-09-13 p minute 2017-09-12 --amend --file minutes.yaml

cat > complaints.yaml <<EOF
complaints:
  - {incident_date: 2017-06-02, reported_date: 2017-06-02, agency: POL, reference: $(mark Mkjaq), description: $(mark Mkjbq) shouting}
  - {incident_date: 2017-07-14, reported_date: 2017-07-15, agency: HSG, complainant: $(mark Mkjcq) Neighbour, description: $(mark Mkjdq) rubbish}
EOF
p trigger apply --received 2017-08-21 --applicant "$(mark Mkjeq) Applicant" --on-behalf-of "$(mark Mkjfq) Victim" \
  --consent --contact "$(mark mkjgq)@example.org" --address "$(mark Mkjhq) Street" --file complaints.yaml >/dev/null
p trigger decide CT-2017-0001 --override met --reason "$(mark Mkjiq) discretion" >/dev/null
cat > outcome.yaml <<EOF
date: 2017-09-04
summary: $(mark Mkjjq) outcome
recommendations:
  - {owner: HSG, description: $(mark Mkjkq) recommendation, due: 2017-09-29}
EOF
p trigger outcome CT-2017-0001 --file outcome.yaml >/dev/null
p trigger appeal CT-2017-0001 --reason "$(mark Mkjlq) disagrees"

# Kept by purge (not about a person), but never to be copied into the audit log.
kept=(Mkzaq Mkzbq Mkzcq Mkzdq)
p meeting cancel 2017-10-10 --reason "Mkzaq no quorum"
p config set marking "Mkzbq SENSITIVE"
p agency add XYZ --name "Mkzcq Agency" --email xyz@example.org
p agency update XYZ --name "Mkzdq Agency"

touch "$work/transient.list"
mapfile -t personal < <(grep -vxFf "$work/transient.list" "$work/markers.list")
before=$(sqlite3 panel.db .dump)
for m in "${personal[@]}"; do
  grep -q "$m" <<<"$before" || { echo "FAIL: marker $m was never recorded: the test does not test it"; exit 1; }
done
mapfile -t personal <"$work/markers.list"
echo "${#personal[@]} personal markers recorded"

PANEL_TODAY=2024-09-01 PANEL_NOW=2024-09-01T09:00:00Z "$panel_bin" -q purge >/dev/null

status=0
dump=$(sqlite3 panel.db .dump)
bytes=$(strings -a panel.db; [ -e panel.db-wal ] && strings -a panel.db-wal || true)
for m in "${personal[@]}"; do
  if grep -q "$m" <<<"$dump"; then
    echo "FAIL: $m survives purge in a table:"; grep "$m" <<<"$dump" | head -3; status=1
  elif grep -qi "$m" <<<"$bytes"; then
    echo "FAIL: $m survives purge in the bytes of the file or its -wal file"; status=1
  fi
done
audit=$(sqlite3 panel.db "SELECT * FROM audit_log")
for m in "${personal[@]}" "${kept[@]}"; do
  if grep -qi "$m" <<<"$audit"; then
    echo "FAIL: $m is in the audit log:"; grep -i "$m" <<<"$audit" | head -3; status=1
  fi
done
"$panel_bin" check -q >/dev/null || { echo "FAIL: check fails after the purge"; status=1; }
[ $status = 0 ] && echo "ok: none of ${#personal[@]} markers survives purge; none of $(( ${#personal[@]} + ${#kept[@]} )) is in the audit log"
exit $status
