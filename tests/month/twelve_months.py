#!/usr/bin/env python3
"""A generated twelve-month register, run through the panel binary as a coordinator would.

    twelve_months.py PANEL [SEED]

Each month: referrals arrive (CSV, as exported from a spreadsheet: repeats of people already
known, missing dates of birth, accents and apostrophes), are triaged (accepted, some after the
agenda cut-off, some declined), the meeting's minutes are written in $EDITOR from panel's own
skeleton (random outcomes: keep open with or without a review date, close, refer elsewhere; some
meetings not held, one cancelled ahead), and actions are added. After every step that can move a
case the test asserts the invariant of DESIGN §2: every open case is on the agenda of a coming
meeting or in 'panel case list --attention'; and that every agenda item shows its case's recorded
risk, flags exactly the live referrals assessed higher, and gives a review the categories of the
case's live referrals. Exits 1 naming the first case and day that break it.
"""
import csv, json, os, random, re, subprocess, sys, tempfile, datetime as dt

panel = os.path.abspath(sys.argv[1])
seed = int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[1] != "--as-editor" else 17
rng = random.Random(seed)
work = tempfile.mkdtemp(prefix="panel-months-") if sys.argv[1] != "--as-editor" else ""
env = dict(os.environ, PANEL_DB=os.path.join(work, "panel.db"), PANEL_USER="coordinator", TMPDIR=work)
env.pop("PANEL_TODAY", None)

FIRST = ["Zoë", "Zoe", "Seán", "Anne-Marie", "Bob", "Cy", "Dee", "Émile", "Fay", "Gus", "Hal", "Ivy", "Jo", "Kit"]
LAST = ["O'Brien", "OBrien", "Ó Briain", "D'Arcy", "Smith", "Nowak", "Zola", "Okafor", "Ng", "Ali", "Jones"]
CATEGORIES = ["suicide", "mental-health", "dementia", "assault", "harassment"]
AGENCIES = ["POL", "CST", "ASC"]


def run(today, *args, editor=None, check=True):
    e = dict(env, PANEL_TODAY=today.isoformat())
    if editor:
        e["EDITOR"] = editor
    p = subprocess.run([panel, *args], env=e, capture_output=True, text=True, cwd=work)
    if check and p.returncode != 0:
        sys.exit(f"FAIL {today}: panel {' '.join(args)} exited {p.returncode}:\n{p.stderr}")
    return p


def sql(query):
    return subprocess.run(["sqlite3", "-readonly", env["PANEL_DB"], query], capture_output=True, text=True,
                          check=True).stdout.split()


checks = 0


RANK = {"standard": 0, "medium": 1, "high": 2}


def assert_agenda_shows_cases(today, date, agenda):
    """Every item shows its case's recorded risk; the flag is on exactly when a live referral of the
    case is assessed higher (a case with no risk: any assessed level) and was received after the
    panel last set the case's risk (opening, a risk history row, minutes giving `risk:`); a review's
    categories are those of the case's live referrals, first seen first (trial F6, F21, round 2)."""
    for item in agenda["items"]:
        if not item.get("case"):
            continue
        ref = item["case"]
        recorded = sql(f"SELECT coalesce(risk_level, '-') FROM \"case\" WHERE reference = '{ref}'")
        risk = recorded[0] if recorded and recorded[0] != "-" else None
        if item["risk"] != risk:
            sys.exit(f"FAIL {today}: agenda {date} shows {ref} at risk {item['risk']!r}, recorded {risk!r}")
        live = sql(f"SELECT r.reference || ':' || coalesce(r.risk_level, '') || ':' || r.received FROM referral r "
                   f"JOIN \"case\" k ON k.id = r.case_id WHERE k.reference = '{ref}' AND r.voided IS NULL "
                   f"ORDER BY r.received, r.id")
        risk_set = ""
        if risk:
            days = sql(f"SELECT opened FROM \"case\" WHERE reference = '{ref}'")
            days += sql(f"SELECT h.day FROM history h JOIN \"case\" k ON k.id = h.record_id WHERE h.entity = 'case' "
                        f"AND h.field IN ('risk', 'risk_level') AND k.reference = '{ref}'")
            days += sql(f"SELECT m.date FROM discussion d JOIN meeting m ON m.id = d.meeting_id JOIN \"case\" k "
                        f"ON k.id = d.case_id WHERE k.reference = '{ref}' AND d.risk_level <> ''")
            risk_set = max(days)
        panel_rank = RANK.get(risk or "", -1)
        higher = [x.split(":")[0] for x in live
                  if RANK.get(x.split(":")[1], -1) > panel_rank and x.split(":")[2] > risk_set]
        if item["assessed_higher"] != higher:
            sys.exit(f"FAIL {today}: agenda {date} flags {ref} for {item['assessed_higher']}, expected {higher}")
        if item["item"] == "review":
            categories = []
            for c in sql(f"SELECT c.category FROM referral_category c JOIN referral r ON r.id = c.referral_id "
                         f"JOIN \"case\" k ON k.id = r.case_id WHERE k.reference = '{ref}' AND r.voided IS NULL "
                         f"ORDER BY r.received, r.id, c.position"):
                if c not in categories:
                    categories.append(c)
            if item["categories"] != categories:
                sys.exit(f"FAIL {today}: agenda {date} shows review {ref} with {item['categories']}, expected {categories}")


def assert_invariant(today, what):
    """Every open case is on a coming meeting's agenda or in the attention list."""
    global checks
    open_cases = set(sql("SELECT reference FROM \"case\" WHERE status = 'open'"))
    on_agendas = set()
    for date in sql("SELECT date FROM meeting WHERE status IN ('scheduled', 'agenda-issued')"):
        agenda = json.loads(run(today, "agenda", date, "--format", "json").stdout)
        on_agendas |= {i["case"] for i in agenda["items"] if i.get("case")}
        assert_agenda_shows_cases(today, date, agenda)
    attention = {c["reference"] for c in json.loads(run(today, "case", "list", "--attention", "--format", "json").stdout)}
    lost = open_cases - on_agendas - attention
    if lost:
        sys.exit(f"FAIL {today} after {what}: open cases on no agenda and not in the attention list: {sorted(lost)}")
    checks += 1
    return len(open_cases), len(attention)


def edit_minutes(path):
    """What the coordinator types into the skeleton: summaries, outcomes, some review dates."""
    text = open(path, encoding="utf-8").read()
    meeting = dt.date.fromisoformat(re.search(r"meeting on (\d{4}-\d{2}-\d{2})", text).group(1))
    out = []
    for line in text.split("\n"):
        if re.match(r"^  (POL|CST|ASC): absent", line):
            line = line.replace("absent", "present" if rng.random() < 0.9 else "apologies")
        if line.startswith('    summary: ""'):
            line = "    summary: \"Discussed: risk reviewed, partners' updates taken\""
        if line.startswith("    outcome: keep-open"):
            roll = rng.random()
            if roll < 0.15:
                line = "    outcome: close\n    close_reason: risk reduced"
            elif roll < 0.22:
                line = "    outcome: refer-elsewhere\n    referred_to: Safeguarding Adults Board"
            elif roll < 0.55:
                review = meeting + dt.timedelta(days=rng.choice([28, 35, 56, 63]))
                line = f"    outcome: keep-open\n    next_review: {review.isoformat()}"
        if re.match(r'^    (close_reason|referred_to|next_review): *(""|) *(#.*)?$', line):
            continue  # the skeleton's empty ones; set above where wanted
        if line.startswith("    actions:") and rng.random() < 0.4:
            due = meeting + dt.timedelta(days=rng.choice([7, 14, 28]))
            line = f"    actions:\n      - {{owner: {rng.choice(AGENCIES)}, description: Home visit, due: {due.isoformat()}}}"
        out.append(line)
    open(path, "w", encoding="utf-8").write("\n".join(out))


if sys.argv[1] == "--as-editor":
    # Seeded by the meeting, not the file's first line (which names a temporary folder).
    meeting_line = re.search(r"meeting on \d{4}-\d{2}-\d{2}", open(sys.argv[2], encoding="utf-8").read()).group(0)
    rng.seed(os.environ["PANEL_MONTHS_SEED"] + meeting_line)
    edit_minutes(sys.argv[2])
    sys.exit(0)

editor = os.path.join(work, "editor.sh")
with open(editor, "w") as f:
    f.write(f"#!/bin/sh\nexec python3 {os.path.abspath(__file__)!r} --as-editor \"$1\"\n")
os.chmod(editor, 0o755)
env["PANEL_MONTHS_SEED"] = str(seed)

start = dt.date(2023, 1, 1)
run(start, "-q", "init")
run(start, "-q", "meeting", "schedule", "--every", "second tuesday", "--from", "2023-01-02", "--to", "2024-03-31")
meetings = [dt.date.fromisoformat(d) for d in sql("SELECT date FROM meeting ORDER BY date")]
people = [(f"{rng.choice(FIRST)} {rng.choice(LAST)}", rng.choice(["", f"19{rng.randint(50, 99)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"]))
          for _ in range(40)]
cancelled_ahead = meetings[5]
totals = dict(referrals=0, accepted=0, late=0, kept_open=0, not_held=0, minuted=0, cases_max=0, attention_max=0)
for month, meeting in enumerate(meetings[:12]):
    first = meeting.replace(day=1)
    # Referrals arrive through the month before the meeting, as a spreadsheet export.
    rows = []
    for k in range(rng.randint(3, 9)):
        name, dob = rng.choice(people)
        received = first - dt.timedelta(days=rng.randint(0, 25))
        rows.append({"received": received.strftime("%Y-%m-%d"), "agency": rng.choice(AGENCIES), "name": name, "dob": dob,
                     "category": rng.choice(CATEGORIES), "risk_level": rng.choice(["high", "medium", "high", "standard", ""]),
                     "summary": f"Concerns raised by {rng.choice(['neighbours', 'the GP', 'housing'])}; see notes"})
    rows.sort(key=lambda r: r["received"])
    path = os.path.join(work, f"referrals-{month}.csv")
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\r\n")
        w.writeheader()
        w.writerows(rows)
    run(first, "-q", "refer", "--file", path)
    totals["referrals"] += len(rows)
    assert_invariant(first, "intake")
    # Triage: most accepted, some declined, some after the agenda cut-off.
    pending = sql("SELECT reference FROM referral WHERE status = 'pending' ORDER BY id")
    for ref in pending:
        day = meeting - dt.timedelta(days=rng.choice([9, 8, 7, 3, 2]))
        totals["late"] += (meeting - day).days < 5
        accepted = rng.random() < 0.8 and run(day, "-q", "triage", ref, "accept", check=False).returncode == 0
        if accepted:
            totals["accepted"] += 1
        else:  # not wanted, or below the threshold
            run(day, "-q", "triage", ref, "decline", "--reason", "below threshold", "--signpost", "GP")
        assert_invariant(day, f"triage {ref}")
    if meeting == cancelled_ahead:
        run(meeting - dt.timedelta(days=2), "-q", "meeting", "cancel", meeting.isoformat(), "--reason", "no quorum")
        assert_invariant(meeting, "a meeting cancelled ahead")
        continue
    if rng.random() < 0.1:
        with open(os.path.join(work, "not-held.yaml"), "w") as f:
            f.write("held: false\nreason: Venue flooded\n")
        run(meeting, "-q", "minute", meeting.isoformat(), "--file", os.path.join(work, "not-held.yaml"))
        totals["not_held"] += 1
        assert_invariant(meeting, "a meeting not held")
        continue
    # The minutes, through $EDITOR from panel's own skeleton.
    run(meeting, "-q", "minute", meeting.isoformat(), editor=editor)
    totals["minuted"] += 1
    # Stronger, right after the meeting: no case it discussed and kept open is without a next step.
    discussed = set(sql(f"SELECT d.\"case\" FROM discussions d JOIN \"case\" k ON k.reference = d.\"case\" "
                        f"WHERE d.meeting = '{meeting.isoformat()}' AND k.status = 'open'"))
    attention = {c["reference"] for c in json.loads(run(meeting + dt.timedelta(days=1), "case", "list", "--attention",
                                                        "--format", "json").stdout)}
    if discussed & attention:
        sys.exit(f"FAIL {meeting}: discussed, kept open and left without a next step: {sorted(discussed & attention)}")
    totals["kept_open"] += len(discussed)
    for later in (meeting + dt.timedelta(days=1), meeting + dt.timedelta(days=20)):
        n, attention = assert_invariant(later, f"minutes of {meeting}")
        totals["cases_max"] = max(totals["cases_max"], n)
        totals["attention_max"] = max(totals["attention_max"], attention)

print(f"twelve months, seed {seed}: {totals['referrals']} referrals, {totals['accepted']} accepted "
      f"({totals['late']} decided after the agenda cut-off), {totals['minuted']} meetings minuted through $EDITOR "
      f"({totals['kept_open']} discussions kept a case open), "
      f"{totals['not_held']} not held, 1 cancelled ahead; up to {totals['cases_max']} open cases; "
      f"invariant checked {checks} times: no open case lost")
subprocess.run(["rm", "-rf", work])
