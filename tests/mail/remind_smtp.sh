#!/usr/bin/env bash
# End-to-end mail test of `panel remind`: real delivery through msmtp to a local SMTP sink.
#
#   bash tests/mail/remind_smtp.sh build/panel
#
# Starts tests/mail/smtp_sink.py on 127.0.0.1 (a free port), points msmtp at it, builds a panel
# register from the example data (as examples/quickstart.sh does), sets mail.sendmail to msmtp
# and checks what arrives: one message per agency with actions due, the digest, the headers,
# the marking, the references, no names; nothing again the same day; again after
# remind_every_days; a failing delivery reported, not recorded and retried; --dry-run sends
# nothing. Prints "FAIL: ..." and exits 1 on the first failed step; exits 77 (skipped) when
# msmtp or python3-aiosmtpd is missing. Needs no network. See tests/mail/README.md.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
examples="$root/examples"
py=/usr/bin/python3   # Debian's python, where python3-aiosmtpd lives

if [ $# -ne 1 ]; then
  echo "usage: $0 PANEL_BINARY" >&2
  exit 2
fi
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
[ -x "$bin" ] || { echo "FAIL: $1 is not an executable" >&2; exit 1; }
msmtp=$(command -v msmtp || true)
if [ -z "$msmtp" ] || ! "$py" -c 'import aiosmtpd' 2>/dev/null; then
  echo "SKIP: needs msmtp and $py with aiosmtpd (apt-get install msmtp python3-aiosmtpd)" >&2
  exit 77
fi

checks=0
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
pass() { checks=$((checks + ${1:-1})); }

work=$(mktemp -d "${TMPDIR:-/tmp}/panel-mail.XXXXXX")
sink_pid=
cleanup() {
  if [ -n "$sink_pid" ]; then
    kill "$sink_pid" 2>/dev/null || true
    wait "$sink_pid" 2>/dev/null || true
  fi
  if [ "${KEEP:-0}" = 1 ]; then
    echo "remind_smtp: kept $work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
case "$work" in
  *[[:space:],\[\]\'\"]*) fail "the temporary folder '$work' has characters a mail.sendmail list cannot hold" ;;
esac
cd "$work"

# --- the SMTP sink and msmtp ---------------------------------------------------------------------
sink="$work/sink"
"$py" "$here/smtp_sink.py" --dir "$sink" --port-file "$work/port" --watch-pid $$ 2>"$work/sink.log" &
sink_pid=$!
for _ in $(seq 100); do
  [ -s "$work/port" ] && break
  kill -0 "$sink_pid" 2>/dev/null || fail "the SMTP sink did not start: $(cat "$work/sink.log")"
  sleep 0.1
done
[ -s "$work/port" ] || fail "the SMTP sink wrote no port within 10 seconds: $(cat "$work/sink.log")"
port=$(cat "$work/port")

# --- the register: the quick start's steps, and actions of more agencies --------------------------
export PANEL_DB="$work/panel.db" PANEL_TODAY=2017-09-04 PANEL_NOW=2017-09-04T09:00:00Z PANEL_USER=coordinator
unset PANEL_TEMPLATES PANEL_FORMAT NO_COLOR
setup() { "$bin" "$@" >>"$work/setup.log" 2>&1 || fail "set-up: panel $* exited $? (see below)
$(tail -5 "$work/setup.log")"; }
setup init --profile ccm
envelope_from=$("$bin" config get mail.from | "$py" -c 'import email.utils,sys; print(email.utils.parseaddr(sys.stdin.read())[1])')
[ -n "$envelope_from" ] || fail "the ccm profile has no mail.from address"
# msmtp must not add headers of its own (From, Date, Message-ID): what arrives is what panel wrote.
# The envelope sender is the profile's mail.from address (msmtp -t takes it from the account).
cat >"$work/msmtprc" <<EOF
defaults
auth off
tls off
set_from_header off
set_date_header off
set_msgid_header off
logfile $work/msmtp.log

account sink
host 127.0.0.1
port $port
from $envelope_from

account default : sink
EOF
chmod 0600 "$work/msmtprc"
setup refer --file "$examples/referrals.yaml"
setup meeting schedule --every "second tuesday" --from 2017-09-01 --to 2017-12-31 --time 14:00 --venue Guildhall
setup triage CCM-2017-0001 accept --meeting 2017-09-12 --lead ASC --risk high
setup triage CCM-2017-0004 decline --reason "Below threshold" --signpost "Victim Support hate crime service"
setup triage --accept-eligible
export PANEL_TODAY=2017-09-12 PANEL_NOW=2017-09-12T16:00:00Z
# A-1 MH due 19/09, A-2 HSG due 26/09 (case 0001), A-3 HSG due 22/09 (case 0003).
setup minute 2017-09-12 --file "$examples/minutes.yaml"
# A-4 POL due 05/10; A-5 ASC due 30/11 (never due in this test); A-6 VS, done (never reminded);
# A-7 NOISE due 13/10 (due soon from 06/10 on).
setup action add CCM-2017-0007 --owner POL --due 2017-10-05 --text "Share the stairwell intelligence with housing"
setup action add CCM-2017-0001 --owner ASC --due 2017-11-30 --text "Carers assessment for the family"
done_id=$("$bin" action add CCM-2017-0008 --owner VS --due 2017-10-06 --text "Offer a hate crime support worker" 2>>"$work/setup.log") ||
  fail "set-up: panel action add for VS failed"
setup action done "$done_id" --note "Offered at the meeting"
# A name that is not ASCII, so that the Subject needs RFC 2047 encoding on its way through msmtp.
setup agency update NOISE --name "Pollution Control (Noise) Team – Barbican & Golden Lane"
setup action add CCM-2017-0003 --owner NOISE --due 2017-10-13 --text "Weekend noise monitoring at the block"
setup config set mail.sendmail "[$msmtp, -C, $work/msmtprc, -t]" --allow-mail-program
"$bin" config get mail.sendmail >"$work/sendmail.txt" || fail "panel config get mail.sendmail failed"
[ "$(cat "$work/sendmail.txt")" = "$(printf '%s\n' "$msmtp" -C "$work/msmtprc" -t)" ] ||
  fail "mail.sendmail is not the msmtp list after config set: $(cat "$work/sendmail.txt")"
pass
# A change of the mail program without --allow-mail-program is refused and changes nothing.
if "$bin" config set mail.sendmail "[/bin/sh, -c, 'touch $work/pwned']" >>"$work/setup.log" 2>&1; then
  fail "config set mail.sendmail without --allow-mail-program was accepted"
fi
[ "$("$bin" config get mail.sendmail)" = "$(cat "$work/sendmail.txt")" ] || fail "a refused mail.sendmail changed it"
pass

"$bin" remind --help >/dev/null 2>&1 || fail "'panel remind --help' failed: the remind command is missing"
pass

# --- helpers ---------------------------------------------------------------------------------------
received() { "$py" "$here/check_mail.py" count --sink "$sink"; }

# remind DAY [ARGS...]: runs panel remind on DAY (the audit clock at 09:00 that day), keeping
# stdout, stderr and the exit code in $work/out, $work/err and $rc.
remind() {
  local today=$1
  shift
  set +e
  PANEL_TODAY=$today PANEL_NOW=${today}T09:00:00Z "$bin" remind "$@" >"$work/out" 2>"$work/err"
  rc=$?
  set -e
}

# verify DAY AFTER [check_mail.py options]: checks the messages received after number AFTER.
verify() {
  local today=$1 after=$2 n
  shift 2
  n=$("$py" "$here/check_mail.py" verify --panel "$bin" --today "$today" --sink "$sink" --after "$after" \
        --names "$examples/referrals.yaml" "$@") || fail "the messages sent at $today are not right (above)"
  pass "$n"
}

expect_quiet_success() {
  [ "$rc" = 0 ] || fail "$1: exit $rc, expected 0; stderr: $(cat "$work/err")"
  [ ! -s "$work/out" ] || fail "$1: printed on stdout: $(head -c 2000 "$work/out")"
  [ ! -s "$work/err" ] || fail "$1: printed on stderr: $(head -c 2000 "$work/err")"
  pass 3
}

# --- nothing due yet: quiet, exit 0; -v says so ---------------------------------------------------
before=$(received)
remind 2017-09-05
expect_quiet_success "panel remind --today 2017-09-05 (nothing due until 12/09)"
[ "$(received)" = "$before" ] || fail "panel remind --today 2017-09-05 sent mail with nothing due"
remind 2017-09-05 -v
[ "$rc" = 0 ] || fail "panel remind -v with nothing due: exit $rc"
[ -s "$work/err" ] && [ ! -s "$work/out" ] || fail "panel remind -v with nothing due: expected a summary on stderr only"
[ "$(received)" = "$before" ] || fail "panel remind -v --today 2017-09-05 sent mail with nothing due"
pass 4

# --- 02/10: MH (A-1 overdue), HSG (A-2, A-3 overdue), POL (A-4 due soon); no escalation, no review
day1=2017-10-02
before=$(received)
remind "$day1"
[ "$rc" = 0 ] || fail "panel remind --today $day1: exit $rc, expected 0; stderr: $(cat "$work/err")"
[ ! -s "$work/out" ] || fail "panel remind --today $day1 printed on stdout: $(head -c 2000 "$work/out")"
pass 2
verify "$day1" "$before"
[ "$(($(received) - before))" -ge 3 ] || fail "expected at least 3 messages at $day1 (MH, HSG, POL)"
pass

# --- the same day again: nothing --------------------------------------------------------------------
before=$(received)
remind "$day1"
expect_quiet_success "panel remind --today $day1 a second time"
[ "$(received)" = "$before" ] || fail "panel remind --today $day1 a second time sent $(($(received) - before)) message(s)"
pass
# The next day, still within remind_every_days: the actions reminded on 02/10 are not sent again,
# and nothing new is due (A-1 is 14 days overdue, not yet more than escalate_after_days).
remind 2017-10-03
expect_quiet_success "panel remind --today 2017-10-03 (all reminded the day before)"
[ "$(received)" = "$before" ] || fail "panel remind --today 2017-10-03 sent $(($(received) - before)) message(s) within remind_every_days"
pass

# --- remind_every_days later: again, now with NOISE and the digest (A-1, A-3 escalated) -------------
every=$("$bin" config get remind_every_days)
day2=$(date -u -d "$day1 + $every days" +%F)
before=$(received)
remind "$day2"
[ "$rc" = 0 ] || fail "panel remind --today $day2: exit $rc, expected 0; stderr: $(cat "$work/err")"
pass
verify "$day2" "$before"
[ "$(($(received) - before))" -ge 5 ] || fail "expected at least 5 messages at $day2 (MH, HSG, POL, NOISE, digest)"
pass

# --- a sendmail that fails for housing@example.org: reported, not recorded, retried ------------------
day3=$(date -u -d "$day2 + $every days" +%F)
fail_code=HSG
fail_addr=$("$bin" agency list --format json | "$py" -c 'import json,sys; print([a["email"] for a in json.load(sys.stdin) if a["code"] == sys.argv[1]][0])' "$fail_code")
cat >"$work/failing-sendmail" <<EOF
#!/bin/bash
# A sendmail that refuses messages to $fail_addr with 75 (EX_TEMPFAIL) and passes the others on
# to the program in its arguments.
set -euo pipefail
msg=\$(mktemp "$work/failing.XXXXXX")
trap 'rm -f "\$msg"' EXIT
cat >"\$msg"
if sed -e '/^\r\{0,1\}\$/q' "\$msg" | grep -qi '^To:.*$fail_addr'; then
  echo "failing-sendmail: temporary failure for $fail_addr" >&2
  exit 75
fi
"\$@" <"\$msg"
EOF
chmod 0755 "$work/failing-sendmail"
"$bin" config set mail.sendmail "[$work/failing-sendmail, $msmtp, -C, $work/msmtprc, -t]" --allow-mail-program >>"$work/setup.log" 2>&1 ||
  fail "cannot set mail.sendmail to the failing sendmail"
before=$(received)
remind "$day3"
[ "$rc" = 1 ] || fail "panel remind --today $day3 with a failing sendmail for $fail_code: exit $rc, expected 1; stderr: $(cat "$work/err")"
grep -q "\b$fail_code\b" "$work/err" || fail "panel remind with a failing sendmail: stderr does not name $fail_code: $(cat "$work/err")"
for code in MH POL NOISE; do
  ! grep -q "\b$code\b" "$work/err" || fail "panel remind with a sendmail failing for $fail_code only reports $code: $(cat "$work/err")"
done
[ ! -s "$work/out" ] || fail "panel remind with a failing sendmail printed on stdout: $(head -c 2000 "$work/out")"
pass 3
verify "$day3" "$before" --skip "$fail_code"

"$bin" config set mail.sendmail "[$msmtp, -C, $work/msmtprc, -t]" --allow-mail-program >>"$work/setup.log" 2>&1 || fail "cannot set mail.sendmail back to msmtp"
before=$(received)
remind "$day3"
[ "$rc" = 0 ] || fail "panel remind --today $day3 retry after the failure: exit $rc, expected 0; stderr: $(cat "$work/err")"
pass
verify "$day3" "$before" --only "$fail_code" --no-digest
[ "$(($(received) - before))" = 1 ] || fail "the retry at $day3 sent $(($(received) - before)) messages, expected 1 (to $fail_code)"
pass

# --- --dry-run: prints the messages, sends and records nothing ----------------------------------------
day4=$(date -u -d "$day3 + $every days" +%F)
before=$(received)
remind "$day4" --dry-run
[ "$rc" = 0 ] || fail "panel remind --dry-run --today $day4: exit $rc; stderr: $(cat "$work/err")"
[ "$(received)" = "$before" ] || fail "panel remind --dry-run sent $(($(received) - before)) message(s) to the SMTP sink"
[ -s "$work/out" ] || fail "panel remind --dry-run printed nothing"
pass 3
for code in MH HSG POL NOISE; do
  address=$("$bin" agency list --format json | "$py" -c 'import json,sys; print([a["email"] for a in json.load(sys.stdin) if a["code"] == sys.argv[1]][0])' "$code")
  grep -qi "^To:.*$address" "$work/out" || fail "panel remind --dry-run --today $day4 does not print the message to $code <$address>"
  pass
done
n=$("$py" "$here/check_mail.py" names --names "$examples/referrals.yaml" "$work/out") ||
  fail "panel remind --dry-run output carries names of people (above)"
pass "$n"
# Nothing was recorded, so a real run the same day sends everything due. This run goes through a
# wrapper that records its arguments: mail.sendmail is run directly, never through a shell.
cat >"$work/argv-sendmail" <<EOF
#!/bin/bash
# Records its arguments, one a line, and passes the message on to the program after the first.
printf '%s\n' "\$@" >>"$work/argv.txt"
shift
exec "\$@"
EOF
chmod 0755 "$work/argv-sendmail"
odd='x$(touch pwned);touch pwned2'
"$bin" config set mail.sendmail "[$work/argv-sendmail, $odd, $msmtp, -C, $work/msmtprc, -t]" --allow-mail-program >>"$work/setup.log" 2>&1 ||
  fail "cannot set mail.sendmail to the argument-recording wrapper"
before=$(received)
remind "$day4"
[ "$rc" = 0 ] || fail "panel remind --today $day4 after the dry run: exit $rc; stderr: $(cat "$work/err")"
[ ! -e "$work/pwned" ] && [ ! -e "$work/pwned2" ] || fail "mail.sendmail went through a shell: '$odd' ran"
[ "$(sed -n 1p "$work/argv.txt")" = "$odd" ] ||
  fail "mail.sendmail's second element reached the program as '$(sed -n 1p "$work/argv.txt")', not '$odd'"
pass 3
verify "$day4" "$before"

echo "remind_smtp: $checks checks passed"
