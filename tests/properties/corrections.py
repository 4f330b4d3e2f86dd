#!/usr/bin/env python3
"""Corrections keep the register whole, on a generated register (issue #20).

    corrections.py PANEL [SEED]

Builds a register through the binary as tests/properties/formats.py does (several months of CSV
referrals with repeats joining cases, referrals without optional fields, accents and
apostrophes, the same person under two spellings with day and month of birth swapped, a
cancelled meeting, minutes typed through $EDITOR by tests/month/twelve_months.py --as-editor,
actions), then applies a seeded random sequence of corrections and asserts after each step:

1. `referral void R`: R leaves every listing (triage, case list and show, agendas, research
   lists, person find, action list); every count of the board report and the SafeLives return
   (json) for R's quarter equals its definition worked out here with sqlite3 from the tables
   (not panel's views) without voided rows (a case's facts the latest known across its live
   referrals); repeats by the definition of DESIGN §2 (same person,
   within the profile's window of the previous live referral). `referral unvoid R` gives back a
   dump (every table but audit_log and history, rows sorted) equal to the one before the void.
2. `person merge A B` then `person unmerge M`: the dump (also without person_merge) equals the
   one before; while merged `person find` by either spelling finds A, and the reports' repeat
   counts equal the definition over the merged people. Unmerging twice is refused.
3. `case update/close/reopen/note` in any order: no open case is left without a next step
   (rules/attention: listed for a scheduled meeting, or a review date a scheduled meeting will
   take it to), `panel check` stays ok, and `case show` shows each change's history row.
4. `meeting update --date`: every case listed before is listed on the new date; `meeting
   delete` never leaves a case listed on a missing meeting; `minute DATE --amend` with an
   editor that saves the file unchanged leaves the dump equal.
5. Every refusal (unknown reference, self-merge, unmerge twice, moving a meeting onto another,
   voiding twice, an unknown field, ...) exits 1, says why on stderr and leaves the whole
   database (audit log included) byte for byte as it was.

A command of the contract that is missing fails the test (it exits 2, not 0 or 1). Exits 1
naming the step, the command and what differs (and keeps the register's folder); KEEP=1 keeps it
on success too.
"""
import calendar, csv, json, os, random, shutil, sqlite3, subprocess, sys, tempfile, datetime as dt

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
panel = os.path.abspath(sys.argv[1])
seed = int(sys.argv[2]) if len(sys.argv) > 2 else 7
rng = random.Random(seed)
work = tempfile.mkdtemp(prefix="panel-corrections-")
db = os.path.join(work, "panel.db")
env = dict(os.environ, PANEL_DB=db, PANEL_USER="coordinator", TMPDIR=work, EDITOR="false")
for name in ("PANEL_TODAY", "PANEL_TEMPLATES", "NO_COLOR"):
    env.pop(name, None)
step = "building the register"


def fail(message):
    print(f"FAIL (seed {seed}, {step}): {message}", file=sys.stderr)
    print(f"register kept in {work}", file=sys.stderr)
    sys.exit(1)


clock = [0]


def now(day):
    """A second later at each command, so that what was recorded after what is in the timestamps too."""
    clock[0] += 1
    return f"{day.isoformat()}T{9 + clock[0] // 3600:02d}:{clock[0] // 60 % 60:02d}:{clock[0] % 60:02d}Z"


def run(today, *args, editor=None, check=True, database=None):
    e = dict(env, PANEL_TODAY=today.isoformat(), PANEL_NOW=now(today))
    if database:
        e["PANEL_DB"] = database
    if editor:
        e["EDITOR"] = editor
    p = subprocess.run([panel, *args], env=e, capture_output=True, cwd=work, stdin=subprocess.DEVNULL, timeout=120)
    p.stdout, p.stderr = p.stdout.decode("utf-8"), p.stderr.decode("utf-8", "replace")
    if os.environ.get("CORRECTIONS_VERBOSE") and step.startswith("step") and args[0] != "-q" and len(args) > 1 and \
            args[1] not in ("show", "list", "find", "dupes", "--quarter", "safelives", "get") and args[0] not in ("agenda", "check"):
        said = (p.stdout.strip() or p.stderr.strip()).replace("\n", " | ")[:300]
        print(f"  [{step}] exit {p.returncode}: panel {' '.join(args)}: {said}")
    if p.returncode not in (0, 1):
        fail(f"'panel {' '.join(args)}' exited {p.returncode} (a command of the contract missing, or a crash):\n{p.stderr}")
    if check and p.returncode != 0:
        fail(f"'panel {' '.join(args)}' exited {p.returncode}:\n{p.stderr}")
    return p


def rows(query, *params):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute(query, params).fetchall()
    finally:
        con.close()


def column(query, *params):
    return [r[0] for r in rows(query, *params)]


def dump(leave_out=("audit_log", "history")):
    """Every table's rows, sorted, but the tables left out: what a correction and its undo keep."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        tables = [t for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
                  if t not in leave_out]
        return {t: sorted(con.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        con.close()


def dump_difference(before, after):
    for t in sorted(set(before) | set(after)):
        a, b = before.get(t, []), after.get(t, [])
        if a != b:
            gone = [r for r in a if r not in b][:3]
            new = [r for r in b if r not in a][:3]
            return f"table {t}: rows before only {gone}, rows after only {new}"
    return None


VERBOSE = bool(os.environ.get("CORRECTIONS_VERBOSE"))


def note(text):
    if VERBOSE:
        print(f"  [{step}] {text}")


def same_dump(before, after, what):
    difference = dump_difference(before, after)
    if difference:
        fail(f"{what}: the database differs: {difference}")


# ---------------------------------------------------------------- the contract (PREAMBLE of issue #20)
# Every command and option the corrections are built to, asked for its help first: one missing
# fails the test here (whatever the seed's random steps would have run), it does not skip.
CONTRACT = {
    ("referral", "show"): ["--all", "--format"], ("referral", "update"): ["--file", "--reason", "--postcode"],
    ("referral", "void"): ["--reason"], ("referral", "unvoid"): ["--reason"], ("triage", "show"): [],
    ("case", "update"): ["--lead", "--risk", "--review", "--note", "--reason"], ("case", "close"): ["--reason"],
    ("case", "reopen"): ["--reason", "--review"], ("case", "note"): ["--date"],
    ("case", "intervention", "add"): ["--type", "--agency", "--date", "--tier", "--review", "--expiry", "--note"],
    ("meeting", "update"): ["--date", "--time", "--venue", "--chair"], ("meeting", "delete"): [],
    ("minute",): ["--amend"], ("person", "dupes"): [], ("person", "merge"): ["--reason", "--join-cases"],
    ("person", "unmerge"): ["--reason"], ("person", "alias", "add"): ["--name", "--dob"], ("person", "alias", "list"): [],
}
step = "the commands of the contract"
missing = []
for words, options in CONTRACT.items():
    p = subprocess.run([panel, *words, "--help"], env=env, capture_output=True, text=True, cwd=work)
    if words == ("triage", "show"):  # 'triage show REF' is a word of triage's REF, as 'triage list' is
        if "triage show" not in p.stdout:
            missing.append("'panel triage show'")
        continue
    if p.returncode != 0 or f"Usage: panel {' '.join(words)} " not in p.stdout:  # 'triage show' is not 'triage REF'
        missing.append(f"'panel {' '.join(words)}'")
    else:
        missing += [f"'panel {' '.join(words)} {o}'" for o in options if o not in p.stdout]
if missing:
    fail("commands of the contract missing: " + "; ".join(missing))


# ---------------------------------------------------------------- the register
step = "building the register"
FIRST = ["Seán", "Anne-Marie", "Bob", "Émile", "Fay", "Gus", "Ivy", "Jo", "Kit", "Dee"]
LAST = ["Ó Briain", "D'Arcy", "Smith", "Nowak", "Okafor", "Ng", "Ali", "Jones"]
CATEGORIES = ["suicide", "mental-health", "dementia", "assault", "harassment"]
AGENCIES = ["POL", "CST", "ASC"]
SUMMARIES = ['Concerns raised by "the GP", and by neighbours', "Seen by housing; see notes", "Neighbours' worries"]

start = dt.date(2023, 1, 1)
run(start, "-q", "init")
run(start, "-q", "meeting", "schedule", "--every", "second tuesday", "--from", "2023-01-02", "--to", "2023-12-31",
    "--venue", "Guildhall, \"Room 2\"")
meetings = [dt.date.fromisoformat(d) for d in column("SELECT date FROM meeting ORDER BY date")]
# Zoë O'Brien twice: the same woman under two spellings, day and month of birth swapped.
ZOE, ZOE2 = ("Zoë O'Brien", "1980-03-04"), ("Zoe OBrien", "1980-04-03")
people = [ZOE, ZOE2, ("Seán Ó Briain", "1971-03-14")]
people += [(f"{rng.choice(FIRST)} {rng.choice(LAST)}", rng.choice(["", f"19{rng.randint(50, 99)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"]))
           for _ in range(16)]

editor = os.path.join(work, "editor.sh")
with open(editor, "w") as f:
    f.write(f"#!/bin/sh\nexec python3 {os.path.join(SOURCE, 'tests', 'month', 'twelve_months.py')!r} --as-editor \"$1\"\n")
os.chmod(editor, 0o755)
env["PANEL_MONTHS_SEED"] = str(seed)

MONTHS = 6
CANCELLED = 3
for month, meeting in enumerate(meetings[:MONTHS]):
    first = meeting.replace(day=1)
    batch = []
    for k in range(rng.randint(5, 8)):
        name, dob = (ZOE if month % 2 else ZOE2) if k == 0 else rng.choice(people)
        bare = rng.random() < 0.2  # a referral without its optional fields
        batch.append({"received": (first - dt.timedelta(days=rng.randint(0, 25))).isoformat(),
                      "agency": rng.choice(AGENCIES), "name": name, "dob": "" if bare else dob,
                      "category": rng.choice(CATEGORIES), "risk_level": "" if bare else rng.choice(["high", "medium", "high"]),
                      "summary": rng.choice(SUMMARIES)})
    batch.sort(key=lambda r: r["received"])
    path = os.path.join(work, f"referrals-{month}.csv")
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(batch[0]), lineterminator="\r\n")
        w.writeheader()
        w.writerows(batch)
    run(first, "-q", "refer", "--file", path)
    for ref in column("SELECT reference FROM referral WHERE status = 'pending' ORDER BY id"):
        day = meeting - dt.timedelta(days=rng.choice([9, 8, 7]))
        roll = rng.random()
        if roll < 0.06:
            continue  # left in the queue
        if roll < 0.12:
            run(day, "-q", "triage", ref, "more-info", "--reason", "Which address, \"flat\" or house?")
        elif roll < 0.18:
            run(day, "-q", "triage", ref, "redirect", "--to", "MARAC", "--reason", "domestic abuse")
        elif roll < 0.28:
            run(day, "-q", "triage", ref, "decline", "--reason", "below threshold", "--signpost", "GP, Samaritans")
        elif run(day, "-q", "triage", ref, "accept", check=False).returncode != 0:
            run(day, "-q", "triage", ref, "accept", "--override", "--reason", "professional judgement, 'urgent'")
    if month == CANCELLED:
        run(meeting - dt.timedelta(days=2), "-q", "meeting", "cancel", meeting.isoformat(), "--reason", "no quorum, police absent")
        continue
    run(meeting, "-q", "minute", meeting.isoformat(), editor=editor)

today = meetings[MONTHS - 1] + dt.timedelta(days=3)
for i, ref in enumerate(column("SELECT reference FROM \"case\" WHERE status = 'open' ORDER BY id")[:6]):
    due = today + dt.timedelta(days=rng.choice([2, 5, 30]))
    run(today, "-q", "action", "add", ref, "--owner", rng.choice(AGENCIES), "--due", due.isoformat(),
        "--text", rng.choice(["Visit, with housing", "Call back about the 'tenancy'"]))

prefix = column("SELECT reference FROM referral ORDER BY id LIMIT 1")[0].split("-")[0]
window = run(today, "config", "get", "repeat_window").stdout.strip()
if not window.endswith(" months"):
    fail(f"this test knows a repeat window in months, not {window!r}")
WINDOW_MONTHS = int(window.split()[0])
SCHEDULED = ("scheduled", "agenda-issued")


# ---------------------------------------------------------------- definitions, from the tables
def add_months(day, months):
    m = day.month - 1 + months
    year, month = day.year + m // 12, m % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def root_of():
    """person id -> the person it stands as, following merged_into."""
    merged = dict(rows("SELECT id, merged_into FROM person"))

    def root(p):
        seen = set()
        while merged.get(p) is not None and p not in seen:
            seen.add(p)
            p = merged[p]
        return p
    return {p: root(p) for p in merged}


def live_referrals():
    """id -> dict of the referrals not voided."""
    cols = ["id", "reference", "received", "agency", "person_id", "status", "case_id", "meeting_date", "resident",
            "vulnerable", "meets_threshold", "gender", "bame", "lgbt", "disability", "age_at_referral", "children", "role"]
    return {r[0]: dict(zip(cols, r)) for r in rows(f"SELECT {', '.join(cols)} FROM referral WHERE voided IS NULL")}


def repeats_by_definition(live):
    """The ids of live referrals received within the window of an earlier live one of the same person (DESIGN §2)."""
    root = root_of()
    by_person = {}
    for r in sorted(live.values(), key=lambda r: (r["received"], r["id"])):
        by_person.setdefault(root.get(r["person_id"], r["person_id"]), []).append(r)
    repeats = set()
    for items in by_person.values():
        for previous, this in zip(items, items[1:]):
            if dt.date.fromisoformat(this["received"]) <= add_months(dt.date.fromisoformat(previous["received"]), WINDOW_MONTHS):
                repeats.add(this["id"])
    return repeats


def quarter_of(day):
    day = dt.date.fromisoformat(day) if isinstance(day, str) else day
    q = (day.month - 1) // 3
    first = dt.date(day.year, 3 * q + 1, 1)
    last = add_months(first, 3) - dt.timedelta(days=1)
    return f"{day.year}-Q{q + 1}", first.isoformat(), last.isoformat()


def day_in(label):
    """The first day of a quarter 'YYYY-QN'."""
    return dt.date(int(label[:4]), 3 * int(label[6]) - 2, 1)


def expected_board(f, t):
    live = live_referrals()
    repeats = repeats_by_definition(live)
    got = [r for r in live.values() if f <= r["received"] <= t]
    agencies, categories = {}, {}
    for r in got:
        agencies[r["agency"]] = agencies.get(r["agency"], 0) + 1
    ids = {r["id"] for r in got}
    for rid, cat in rows("SELECT referral_id, category FROM referral_category"):
        if rid in ids:
            categories[cat] = categories.get(cat, 0) + 1
    decisions = dict(accepted=0, declined=0, redirected=0, more_info=0)
    names = {"accept": "accepted", "decline": "declined", "redirect": "redirected", "more-info": "more_info"}
    last = {}
    for rid, decision, on, did in rows("SELECT referral_id, decision, decided_on, id FROM decision ORDER BY decided_on, id"):
        if rid not in live:
            continue
        if f <= on <= t and decision in names:
            decisions[names[decision]] += 1
        if on <= t:
            last[rid] = decision
    pending = sum(1 for r in live.values() if r["received"] <= t and last.get(r["id"], "more-info") in ("more-info", "reopen"))
    live_cases = 'FROM "case" k WHERE k.voided IS NULL'
    return {
        ("referrals", "received"): len(got),
        ("referrals", "by_agency"): agencies,
        ("referrals", "by_category"): categories,
        ("referrals", "residents"): sum(1 for r in got if r["resident"] == 1),
        ("referrals", "vulnerable"): sum(1 for r in got if r["vulnerable"] == 1),
        ("referrals", "repeats"): sum(1 for r in got if r["id"] in repeats),
        ("referrals", "meeting_threshold"): sum(1 for r in got if r["meets_threshold"] == 1),
        ("referrals", "decisions"): decisions,
        ("referrals", "pending_at_end"): pending,
        ("meetings", "scheduled"): len(column("SELECT id FROM meeting WHERE date BETWEEN ? AND ?", f, t)),
        ("meetings", "held"): len(column("SELECT id FROM meeting WHERE status = 'held' AND date BETWEEN ? AND ?", f, t)),
        ("meetings", "cancelled"): len(column("SELECT id FROM meeting WHERE status = 'cancelled' AND date BETWEEN ? AND ?", f, t)),
        ("cases", "open_at_end"): len(column(f"SELECT k.id {live_cases} AND k.opened <= ? AND (k.closed IS NULL OR k.closed > ?)", t, t)),
        ("cases", "discussed"): len(column(f"SELECT d.id FROM discussion d JOIN meeting m ON m.id = d.meeting_id "
                                           f"JOIN \"case\" k ON k.id = d.case_id WHERE k.voided IS NULL AND m.status = 'held' "
                                           f"AND m.date BETWEEN ? AND ?", f, t)),
    }


def expected_safelives(f, t):
    """The totals of the SafeLives return: each discussion at a held meeting, by the latest live referral of
    the case received on or before the meeting (agency, repeat), with each of the case's facts the latest
    value known across those live referrals (a blank is not said); a subject recorded as the perpetrator is
    not counted as the victim (docs/reports.md)."""
    live = live_referrals()
    repeats = repeats_by_definition(live)
    totals = dict(cases_discussed=0, repeat_cases=0, police_referrals=0, idva_referrals=0, partner_referrals=0,
                  bame=0, lgbt=0, disabled=0, male=0, aged_16_17=0, children=0)
    for case_id, date in rows("SELECT d.case_id, m.date FROM discussion d JOIN meeting m ON m.id = d.meeting_id "
                              "WHERE m.status = 'held' AND m.date BETWEEN ? AND ?", f, t):
        mine = sorted((r for r in live.values() if r["case_id"] == case_id and r["received"] <= date),
                      key=lambda r: (r["received"], r["id"]))
        if not mine:
            continue
        r = mine[-1]
        known = {}
        for each in mine:
            for key in ("gender", "bame", "lgbt", "disability", "age_at_referral", "children", "role"):
                if each[key] is not None and (not isinstance(each[key], str) or each[key].strip()):
                    known[key] = each[key]
        victim = (known.get("role") or "").lower() != "perpetrator"
        totals["cases_discussed"] += 1
        totals["repeat_cases"] += r["id"] in repeats
        kind = "police_referrals" if r["agency"] == "POL" else "idva_referrals" if r["agency"] == "IDVA" else "partner_referrals"
        totals[kind] += 1
        totals["bame"] += victim and known.get("bame") == 1
        totals["lgbt"] += victim and known.get("lgbt") == 1
        totals["disabled"] += victim and known.get("disability") == 1
        totals["male"] += victim and (known.get("gender") or "").strip().lower() in ("male", "m", "man")
        totals["aged_16_17"] += victim and known.get("age_at_referral") in (16, 17)
        totals["children"] += known.get("children") or 0
    return {k: int(v) for k, v in totals.items()}


def check_reports(day, what):
    """The board report and SafeLives return for the quarter of `day` against their definitions."""
    label, f, t = quarter_of(day)
    board = json.loads(run(today, "report", "--quarter", label, "--compare", "none", "--format", "json").stdout)
    for (section, metric), value in expected_board(f, t).items():
        got = board.get(section, {}).get(metric)
        if isinstance(value, dict):
            got = {k: v for k, v in (got or {}).items() if v}
            value = {k: v for k, v in value.items() if v}
        if got != value:
            fail(f"{what}: 'panel report --quarter {label} --format json': {section}.{metric} is {got}, "
                 f"by its definition from the tables {value}")
    sl = json.loads(run(today, "report", "safelives", "--quarter", label, "--format", "json").stdout)
    for key, value in expected_safelives(f, t).items():
        if sl["totals"].get(key) != value:
            fail(f"{what}: 'panel report safelives --quarter {label} --format json': totals.{key} is "
                 f"{sl['totals'].get(key)}, by its definition from the tables {value}")


def check_repeat_links(what):
    """Every live referral's repeat_of agrees with the definition (worked out again after a change)."""
    live = live_referrals()
    repeats = repeats_by_definition(live)
    stored = {rid for rid, rep in rows("SELECT id, repeat_of FROM referral WHERE voided IS NULL") if rep is not None}
    for rid in sorted(repeats ^ stored):
        fail(f"{what}: {live[rid]['reference']} {'is' if rid in stored else 'is not'} recorded as a repeat, "
             f"but by the definition it {'is not' if rid in stored else 'is'} one")


def open_meetings():
    return column(f"SELECT date FROM meeting WHERE status IN {SCHEDULED}")


def check_next_steps(what):
    """No open live case without a next step (rules/attention), every listed meeting exists, and check is ok."""
    meetings_open = open_meetings()
    dates = set(column("SELECT date FROM meeting"))
    for ref, meeting in rows("SELECT reference, meeting_date FROM referral WHERE voided IS NULL AND status = 'accepted' "
                             "AND meeting_date IS NOT NULL"):
        if meeting not in dates:
            fail(f"{what}: {ref} is listed on {meeting}, and there is no meeting that day")
    for cid, ref, review in rows("SELECT id, reference, review_date FROM \"case\" WHERE status = 'open' AND voided IS NULL"):
        listed = set(column("SELECT meeting_date FROM referral WHERE case_id = ? AND voided IS NULL AND status = 'accepted'",
                            cid)) & set(meetings_open)
        taken = review is not None and any(m >= review for m in meetings_open)
        if not listed and not taken:
            fail(f"{what}: open case {ref} has no next step (review date {review}, listed on no scheduled meeting)")
    results = json.loads(run(today, "check", "--format", "json", check=False).stdout)
    for r in results:
        if not r["ok"] and r["check"] in baseline_checks:
            fail(f"{what}: 'panel check' fails '{r['check']}': {r['detail']}")


baseline_checks = set()
baseline_checks = {r["check"] for r in json.loads(run(today, "check", "--format", "json", check=False).stdout) if r["ok"]}


# ---------------------------------------------------------------- looking at what panel shows
def strings_in(doc, path=()):
    """(path, parent, key, text) of every string in a JSON document."""
    if isinstance(doc, dict):
        for k, v in doc.items():
            if isinstance(v, str):
                yield path + (k,), doc, k, v
            else:
                yield from strings_in(v, path + (k,))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            if isinstance(v, str):
                yield path + (i,), doc, None, v
            else:
                yield from strings_in(v, path + (i,))


def listings():
    """Every listing a voided referral must leave: (name, args)."""
    out = [("triage list", ["triage", "list"]), ("case list", ["case", "list"]), ("action list", ["action", "list"])]
    for date in open_meetings()[:3]:
        out += [(f"agenda {date}", ["agenda", date]), (f"agenda {date} --research", ["agenda", date, "--research"])]
    return out


def check_gone(ref, what):
    """`ref` (a voided referral) is in no listing; the case it opened may still be named while it stands."""
    # A referral that opened a case gave the case its reference: the case may still be named by it.
    live_case = bool(column("SELECT id FROM \"case\" WHERE reference = ? AND voided IS NULL", ref))
    shown = listings()
    case_id = column("SELECT case_id FROM referral WHERE reference = ?", ref)[0]
    if case_id is not None:
        case_ref, case_voided = rows("SELECT reference, voided FROM \"case\" WHERE id = ?", case_id)[0]
    if case_id is not None and case_voided is None:
        shown.append(("case show", ["case", "show", case_ref]))
    elif case_id is not None:
        p = run(today, "case", "show", case_ref, check=False)
        if p.returncode != 1:
            fail(f"{what}: 'panel case show {case_ref}' of a voided case exited {p.returncode}, expected a refusal")
    person = column("SELECT person_id FROM referral WHERE reference = ?", ref)[0]
    name = column("SELECT name FROM referral WHERE reference = ?", ref)[0]
    copy = copy_of_register()
    for label, args in shown:
        doc = json.loads(run(today, *args, "--format", "json", database=copy).stdout)
        for path, parent, key, text in strings_in(doc):
            if ref not in text:
                continue
            # Named as a referral: a triage row, a case's referrals, a repeat or a possible match.
            as_referral = (label == "triage list" or key == "repeat_of" or "possible_matches" in path or
                           "referrals" in path and key == "reference")
            if as_referral or not live_case:
                fail(f"{what}: voided {ref} is still shown by 'panel {' '.join(args)} --format json' at "
                     f"{'.'.join(map(str, path))}: {text!r}")
    found = json.loads(run(today, "person", "find", name, "--format", "json").stdout)
    said = 0  # one row per name the person's referrals used: "N referral(s), case ..."
    for row in found:
        if ref in (row.get("detail") or "") and not live_case or row.get("id") == ref:
            fail(f"{what}: voided {ref} is still shown by 'panel person find {name}': {row}")
        if row.get("kind") == "person" and row.get("id") == str(person) and row.get("name") == name and \
                " referral" in (row.get("detail") or ""):
            said += int(row["detail"].split(" referral")[0])
    referrals = len(column("SELECT id FROM referral WHERE person_id = ? AND name = ? AND voided IS NULL", person, name))
    if said != referrals:
        fail(f"{what}: 'panel person find \"{name}\"' counts {said} referrals of person {person} under that name, "
             f"who has {referrals} not voided: {[r for r in found if r.get('id') == str(person)]}")


def copy_of_register():
    """A copy to read listings from: a research list records the document it made, which is no correction."""
    path = os.path.join(work, "reading.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
        if os.path.exists(db + suffix):
            shutil.copy(db + suffix, path + suffix)
    return path


def texts_of(args):
    return [text for _, _, _, text in strings_in(json.loads(run(today, *args, "--format", "json").stdout))]


def refused(args, what, editor=None, code=1):
    """A refusal: exit 1 (2 for a value the command line itself rejects, as for every option taking a
    date), a message, the whole database (audit log too) unchanged."""
    before = dump(leave_out=())
    e = dict(env, PANEL_TODAY=today.isoformat(), PANEL_NOW=now(today), EDITOR=editor or "false")
    p = subprocess.run([panel, *args], env=e, capture_output=True, text=True, cwd=work, stdin=subprocess.DEVNULL, timeout=120)
    if p.returncode not in (code if isinstance(code, tuple) else (code,)):
        fail(f"{what}: 'panel {' '.join(args)}' exited {p.returncode}, expected {code} (a refusal); "
             f"stdout {p.stdout!r}, stderr {p.stderr!r}")
    if "error" not in p.stderr:
        fail(f"{what}: 'panel {' '.join(args)}' refused without an error message: {p.stderr!r}")
    same_dump(before, dump(leave_out=()), f"{what}: the refused 'panel {' '.join(args)}'")
    tally["refusals"] += 1
    note(f"refused as expected: panel {' '.join(args)}: {p.stderr.strip()}")
    return p


tally = dict(voids=0, void_refused=0, merges=0, merge_refused=0, case_changes=0, case_refused=0, moves=0,
             deletes=0, delete_refused=0, amends=0, refusals=0, updates=0, update_refused=0, aliases=0,
             merge_moved_repeats=0, late_unmerges=0, unmerge_refused=0)
counter = [0]


def token():
    counter[0] += 1
    return f"fix-{seed}-{counter[0]:03d}"


# ---------------------------------------------------------------- 1. void and unvoid
def void_round():
    if standing_voids and rng.random() < 0.6:
        return unvoid_standing()
    live = [r for r, in rows("SELECT reference FROM referral WHERE voided IS NULL ORDER BY id")]
    chosen = rng.sample(live, 2 if rng.random() < 0.3 else 1)
    before = dump()
    done = []
    for ref in chosen:
        received = column("SELECT received FROM referral WHERE reference = ?", ref)[0]
        check_reports(received, f"before voiding {ref}")
        reason = f"{token()}: recorded twice from the CSV, 'twice'"
        copy = copy_of_register()
        shown = [run(today, *words, ref, "--format", "json", database=copy).stdout for words in (["referral", "show"], ["triage", "show"])]
        if shown[0] != shown[1]:
            fail(f"'panel triage show {ref}' is not 'panel referral show {ref}'")
        inner = dump(leave_out=())
        p = run(today, "referral", "void", ref, "--reason", reason, check=False)
        if p.returncode == 1:
            same_dump(inner, dump(leave_out=()), f"the refused 'panel referral void {ref}'")
            tally["void_refused"] += 1
            note(f"refused: panel referral void {ref}: {p.stderr.strip()}")
            continue
        tally["voids"] += 1
        done.append(ref)
        if not column("SELECT voided FROM referral WHERE reference = ?", ref)[0]:
            fail(f"'panel referral void {ref}' exited 0 and the referral is not marked voided")
        what = f"after 'panel referral void {ref}'"
        check_gone(ref, what)
        check_reports(received, what)
        check_repeat_links(what)
        check_next_steps(what)
        shown = "\n".join(texts_of(["referral", "show", ref, "--all"]))
        if reason not in shown:
            fail(f"{what}: 'panel referral show {ref} --all' does not show the reason {reason!r}")
        refused(["referral", "show", ref], f"{what}: showing it without --all")
        refused(["triage", "show", ref], f"{what}: showing it without --all")
        refused(["referral", "void", ref, "--reason", "again"], f"{what}: voiding it twice")
    if done and rng.random() < 0.25:
        standing_voids.extend(done)  # left voided for the steps that follow; undone by a later round
        return
    for ref in reversed(done):
        run(today, "-q", "referral", "unvoid", ref, "--reason", f"{token()}: voided by mistake")
        refused(["referral", "unvoid", ref, "--reason", "again"], f"after 'panel referral unvoid {ref}': unvoiding it twice")
    same_dump(before, dump(), f"'panel referral void' then 'unvoid' of {', '.join(done)}")
    check_repeat_links(f"after unvoiding {', '.join(done)}")


def unvoid_standing():
    """A void left in place by an earlier round, undone after other corrections."""
    ref = standing_voids.pop(rng.randrange(len(standing_voids)))
    received = column("SELECT received FROM referral WHERE reference = ?", ref)[0]
    run(today, "-q", "referral", "unvoid", ref, "--reason", f"{token()}: voided by mistake")
    what = f"after 'panel referral unvoid {ref}' (voided some steps before)"
    if column("SELECT voided FROM referral WHERE reference = ?", ref)[0] is not None:
        fail(f"{what}: the referral is still marked voided")
    check_reports(received, what)
    check_repeat_links(what)
    check_next_steps(what)


standing_voids = []


# ---------------------------------------------------------------- 2. merge and unmerge
def dupes_pairs():
    """The pairs of person ids 'person dupes' lists (whatever the row's other fields)."""
    people_ids = {str(p) for p in column("SELECT id FROM person")}
    pairs = set()
    for row in json.loads(run(today, "person", "dupes", "--format", "json").stdout):
        ids = [str(v) for v in row.values() if str(v) in people_ids and not isinstance(v, bool)] if isinstance(row, dict) else []
        if len(ids) >= 2:
            pairs.add(frozenset(ids[:2]))
    return pairs


def zoe_ids():
    a = column("SELECT id FROM person WHERE name = ? AND dob = ?", *ZOE)
    b = column("SELECT id FROM person WHERE name = ? AND dob = ?", *ZOE2)
    return (a[0], b[0]) if a and b else None


def alias_step():
    """'person alias add': person find finds the person by the alias (and intake would match it)."""
    person = rng.choice(column("SELECT id FROM person WHERE merged_into IS NULL"))
    alias = rng.choice(["Zoë Ní Bhriain", "Jo D'Arcy-Smith", "Anne-Marie O'Neill"]) + f" {token()[-3:]}"
    run(today, "-q", "person", "alias", "add", str(person), "--name", alias, "--dob", "1980-03-04")
    tally["aliases"] += 1
    if str(person) not in finds(alias):
        fail(f"after 'panel person alias add {person} --name \"{alias}\"': 'panel person find \"{alias}\"' does not find {person}")
    if alias not in "\n".join(texts_of(["person", "alias", "list", str(person)])):
        fail(f"after 'panel person alias add {person} --name \"{alias}\"': 'panel person alias list {person}' does not list it")


def finds(name):
    return {row["id"] for row in json.loads(run(today, "person", "find", name, "--format", "json").stdout)
            if row.get("kind") == "person"}


def unmerge_standing():
    """A merge left in place by an earlier round, undone after other corrections (or refused, naming what
    depends on it, with the database unchanged)."""
    merge_id = standing_merges[rng.randrange(len(standing_merges))]
    keep, drop = rows("SELECT keep_id, drop_id FROM person_merge WHERE id = ?", merge_id)[0]
    whole = dump(leave_out=())
    p = run(today, "person", "unmerge", str(merge_id), "--reason", f"{token()}: two people after all", check=False)
    what = f"after 'panel person unmerge {merge_id}' (merged some steps before)"
    if p.returncode == 1:
        same_dump(whole, dump(leave_out=()), f"the refused 'panel person unmerge {merge_id}'")
        tally["unmerge_refused"] += 1
        return
    standing_merges.remove(merge_id)
    tally["late_unmerges"] += 1
    if column("SELECT merged_into FROM person WHERE id = ?", drop)[0] is not None:
        fail(f"{what}: person {drop} is still marked merged")
    check_repeat_links(what)
    for label in sorted({quarter_of(d)[0] for d in column("SELECT received FROM referral WHERE person_id IN (?, ?) "
                                                            "AND voided IS NULL", keep, drop)}):
        check_reports(day_in(label), what)
    check_next_steps(what)


standing_merges = []


def merge_round():
    if standing_merges and rng.random() < 0.6:
        return unmerge_standing()
    zoe = column("SELECT id FROM person WHERE name = ? AND dob = ? AND merged_into IS NULL", *ZOE)
    zoe2 = column("SELECT id FROM person WHERE name = ? AND dob = ? AND merged_into IS NULL", *ZOE2)
    standing = column("SELECT id FROM person WHERE merged_into IS NULL ORDER BY id")
    if zoe and zoe2 and rng.random() < 0.6:
        keep, drop = (zoe[0], zoe2[0]) if rng.random() < 0.5 else (zoe2[0], zoe[0])
    else:
        keep, drop = rng.sample(standing, 2)
    names = [column("SELECT name FROM person WHERE id = ?", p)[0] for p in (keep, drop)]
    quarters = sorted({quarter_of(d)[0] for d in column("SELECT received FROM referral WHERE person_id IN (?, ?) "
                                                          "AND voided IS NULL", keep, drop)})
    repeats_before = {q: expected_board(*quarter_of(day_in(q))[1:])[("referrals", "repeats")] for q in quarters}
    before = dump(leave_out=("audit_log", "history", "person_merge"))
    args = ["person", "merge", str(keep), str(drop), "--reason", f"{token()}: one woman, 'two' records"]
    if rng.random() < 0.7:
        args.append("--join-cases")
    inner = dump(leave_out=())
    p = run(today, *args, check=False)
    if p.returncode == 1:
        same_dump(inner, dump(leave_out=()), f"the refused 'panel {' '.join(args)}'")
        tally["merge_refused"] += 1
        note(f"refused: panel {' '.join(args)}: {p.stderr.strip()}")
        return
    tally["merges"] += 1
    what = f"after 'panel {' '.join(args)}'"
    if frozenset({str(keep), str(drop)}) in dupes_pairs():
        fail(f"{what}: 'panel person dupes' still lists {keep} and {drop}, merged")
    merge_id = max(column("SELECT id FROM person_merge"))
    if str(merge_id) not in p.stdout.split():
        fail(f"{what}: the output does not give the merge id {merge_id}: {p.stdout!r}")
    if column("SELECT merged_into FROM person WHERE id = ?", drop)[0] != keep:
        fail(f"{what}: person {drop} is not marked merged into {keep}")
    if column("SELECT count(*) FROM referral WHERE person_id = ?", drop)[0]:
        fail(f"{what}: person {drop} still has referrals")
    for name in names:
        if str(keep) not in finds(name):
            fail(f"{what}: 'panel person find \"{name}\"' does not find person {keep}")
    check_repeat_links(what)
    for label in quarters:
        check_reports(day_in(label), what)
        if expected_board(*quarter_of(day_in(label))[1:])[("referrals", "repeats")] != repeats_before[label]:
            tally["merge_moved_repeats"] += 1  # the test is not vacuous: the merge changed a quarter's repeats
    check_next_steps(what)
    refused(["person", "merge", str(keep), str(drop), "--reason", "again"], f"{what}: merging the merged-away person again")
    if rng.random() < 0.3:
        standing_merges.append(merge_id)  # left merged for the steps that follow; a later round undoes it
        return
    run(today, "-q", "person", "unmerge", str(merge_id), "--reason", f"{token()}: two women after all")
    refused(["person", "unmerge", str(merge_id), "--reason", "again"], f"after unmerging {merge_id}: unmerging it twice")
    same_dump(before, dump(leave_out=("audit_log", "history", "person_merge")), f"'panel {' '.join(args)}' then unmerge")
    if not column("SELECT undone_at FROM person_merge WHERE id = ?", merge_id)[0]:
        fail(f"after 'panel person unmerge {merge_id}': person_merge.undone_at is not set")
    check_repeat_links(f"after 'panel person unmerge {merge_id}'")


# ---------------------------------------------------------------- referral update (fields that leave repeats alone)
def referral_update_step():
    ref, status = rng.choice(rows("SELECT reference, status FROM referral WHERE voided IS NULL ORDER BY id"))
    mark = token()
    args = ["referral", "update", ref, "--reason", f"{mark}: the referrer's \"typo\""]
    flag, field, value = rng.choice([("--postcode", "postcode", rng.choice(["EC2Y 8DT", "N1 9GU", "SW1A 1AA"])),
                                     ("--summary", "summary", f"{mark}: seen by housing, 'again'"),
                                     ("--gender", "gender", rng.choice(["female", "male"])),
                                     ("--referrer", "referrer_name", f"PC Ó Briain {mark[-3:]}")])
    args += [flag, value]
    received, current = rows(f"SELECT received, {field} FROM referral WHERE reference = ?", ref)[0]
    history = column("SELECT count(*) FROM history")[0]
    whole = dump(leave_out=())
    p = run(today, *args, check=False)
    what = f"after 'panel {' '.join(args)}'"
    if current == value:
        same_dump(whole, dump(leave_out=()), f"'panel {' '.join(args)}' (which changes nothing)")
        return
    if p.returncode == 1:
        same_dump(whole, dump(leave_out=()), f"the refused 'panel {' '.join(args)}'")
        tally["update_refused"] += 1
        note(f"refused: panel {' '.join(args)}: {p.stderr.strip()}")
        return
    tally["updates"] += 1
    if column("SELECT count(*) FROM history")[0] == history:
        fail(f"{what}: no history row was written")
    if mark not in "\n".join(texts_of(["referral", "show", ref])):
        fail(f"{what}: 'panel referral show {ref} --format json' does not show the change marked {mark!r}")
    check_repeat_links(what)
    check_reports(received, what)


# ---------------------------------------------------------------- 3. cases between meetings
LEVELS = ["standard", "medium", "high"]
changed_cases = {}  # case reference -> the texts its history must show


def case_step():
    cases = rows("SELECT reference, status, lead_agency, risk_level, review_date FROM \"case\" WHERE voided IS NULL ORDER BY id")
    ref, status, lead, risk, current_review = rng.choice(cases)
    last_meeting = max(open_meetings())
    mark = token()
    reason = f"{mark}: agreed with the chair's \"office\""
    days = [d for d in range(1, (dt.date.fromisoformat(last_meeting) - today).days + 1)
            if (today + dt.timedelta(days=d)).isoformat() != current_review]
    review = (today + dt.timedelta(days=rng.choice(days))).isoformat()
    roll = rng.random()
    if status == "closed" and roll < 0.6:
        args = ["case", "reopen", ref, "--reason", reason] + (["--review", review] if rng.random() < 0.5 else [])
    elif roll < 0.2:
        args = ["case", "update", ref, "--lead", rng.choice([a for a in AGENCIES if a != lead]), "--reason", reason]
    elif roll < 0.35:
        args = ["case", "update", ref, "--risk", rng.choice([x for x in LEVELS if x != risk]), "--reason", reason]
    elif roll < 0.5:
        args = ["case", "update", ref, "--review", review, "--reason", reason]
        if rng.random() < 0.5:
            args += ["--note", f"{mark} note: spoke to Zoë's GP, 'no change'"]
    elif roll < 0.65:
        args = ["case", "note", ref, f"{mark}: visit by housing, \"door not answered\""]
        if rng.random() < 0.5:
            args += ["--date", (today - dt.timedelta(days=rng.randint(0, 20))).isoformat()]
    elif roll < 0.8:
        args = ["case", "close", ref, "--reason", rng.choice(["risk reduced", "moved away", "no engagement"])]
    elif roll < 0.9:
        args = ["case", "update", ref, "--lead", lead or "POL"]  # nothing changes: nothing is written
    else:
        args = ["case", "intervention", "add", ref, "--type", rng.choice(["abc", "home-visit", "cpw"]), "--agency", rng.choice(AGENCIES),
                "--date", (today - dt.timedelta(days=rng.randint(0, 10))).isoformat(), "--note", f"{mark} signed"]
    whole = dump(leave_out=())
    history = column("SELECT count(*) FROM history")[0]
    p = run(today, *args, check=False)
    what = f"after 'panel {' '.join(args)}'"
    if args[:2] == ["case", "update"] and "--reason" not in args:
        same_dump(whole, dump(leave_out=()), f"'panel {' '.join(args)}' (which changes nothing)")
        return
    if p.returncode == 1:
        same_dump(whole, dump(leave_out=()), f"the refused 'panel {' '.join(args)}'")
        tally["case_refused"] += 1
        note(f"refused: panel {' '.join(args)}: {p.stderr.strip()}")
        return
    tally["case_changes"] += 1
    if args[1] in ("update", "close", "reopen") and column("SELECT count(*) FROM history")[0] == history:
        fail(f"{what}: no history row was written")
    if args[1] != "close":
        changed_cases.setdefault(ref, []).append(mark)
    check_next_steps(what)
    shown = "\n".join(texts_of(["case", "show", ref]))
    for m in changed_cases.get(ref, []):
        if m not in shown:
            fail(f"{what}: 'panel case show {ref} --format json' does not show the change or note marked {m!r}")


# ---------------------------------------------------------------- 4. meetings
def listed_on(date):
    return set(column("SELECT k.reference FROM referral r JOIN \"case\" k ON k.id = r.case_id WHERE r.meeting_date = ? "
                      "AND r.status = 'accepted' AND r.voided IS NULL", date))


def on_agenda(date):
    return {i.get("case") for i in json.loads(run(today, "agenda", date, "--format", "json").stdout)["items"]} - {None}


# An editor that saves the file as it found it (a new modification time, the same text).
same_editor = os.path.join(work, "save-unchanged.sh")
with open(same_editor, "w") as f:
    f.write("#!/bin/sh\nsleep 1\npython3 -c 'import sys; t = open(sys.argv[1], \"rb\").read(); "
            "open(sys.argv[1], \"wb\").write(t)' \"$1\"\n")
os.chmod(same_editor, 0o755)


scheduled_again = []


def meeting_step():
    dates = column("SELECT date FROM meeting ORDER BY date")
    coming = [d for d in column(f"SELECT date FROM meeting WHERE status IN {SCHEDULED} ORDER BY date") if d > today.isoformat()]
    held = column("SELECT date FROM meeting WHERE status = 'held' ORDER BY date")
    roll = rng.random()
    if roll < 0.45 and coming:
        date = rng.choice(coming[:-1] or coming)
        later = [d for d in dates if d > date]
        free = [d for d in ((dt.date.fromisoformat(date) + dt.timedelta(days=k)).isoformat() for k in range(1, 7))
                if d not in dates and (not later or d < later[0])]
        listed, agenda = listed_on(date), on_agenda(date)
        args = ["meeting", "update", date, "--date", free[0]]
        if rng.random() < 0.5:
            args += ["--time", "18:30", "--venue", "Room 'B', Town Hall", "--chair", "Cllr Ó Briain"]
        run(today, "-q", *args)
        tally["moves"] += 1
        what = f"after 'panel {' '.join(args)}'"
        if date in column("SELECT date FROM meeting"):
            fail(f"{what}: a meeting is still on {date}")
        if not listed <= listed_on(free[0]):
            fail(f"{what}: listed on {date} before but not on {free[0]}: {sorted(listed - listed_on(free[0]))}")
        if not agenda <= on_agenda(free[0]):
            fail(f"{what}: on the agenda of {date} before but not of {free[0]}: {sorted(agenda - on_agenda(free[0]))}")
        if "--venue" in args and column("SELECT venue FROM meeting WHERE date = ?", free[0]) != ["Room 'B', Town Hall"]:
            fail(f"{what}: the venue is {column('SELECT venue FROM meeting WHERE date = ?', free[0])}")
        check_next_steps(what)
        if len(coming) > 1:
            other = rng.choice([d for d in coming if d != date])
            refused(["meeting", "update", free[0], "--date", other], f"{what}: moving it onto the meeting of {other}")
    elif roll < 0.7 and len(coming) > 2:
        date = rng.choice(coming[:-1])
        whole = dump(leave_out=())
        p = run(today, "meeting", "delete", date, check=False)
        what = f"after 'panel meeting delete {date}'"
        if p.returncode == 1:
            same_dump(whole, dump(leave_out=()), f"the refused 'panel meeting delete {date}'")
            tally["delete_refused"] += 1
            note(f"refused: panel meeting delete {date}: {p.stderr.strip()}")
            return
        tally["deletes"] += 1
        check_next_steps(what)
    elif roll < 0.8 and not scheduled_again:
        # 'meeting schedule' over a span that starts in the past: past dates are skipped, with a warning.
        scheduled_again.append(True)
        before = set(column("SELECT date FROM meeting"))
        args = ["meeting", "schedule", "--every", "second tuesday", "--from", (today - dt.timedelta(days=70)).isoformat(),
                "--to", "2024-02-29"]
        p = run(today, *args)
        added = set(column("SELECT date FROM meeting")) - before
        what = f"after 'panel {' '.join(args)}'"
        if any(d < today.isoformat() for d in added):
            fail(f"{what}: meetings were created in the past: {sorted(d for d in added if d < today.isoformat())}")
        if not added or "2024-01-09" not in added:
            fail(f"{what}: the coming meetings were not created (added {sorted(added)})")
        if "2023-05-09" in column("SELECT date FROM meeting") and "past" not in p.stderr.lower() and "skip" not in p.stderr.lower():
            fail(f"{what}: no warning that past dates were skipped: {p.stderr!r}")
        check_next_steps(what)
    elif held:
        date = rng.choice(held)
        before = dump()
        p = run(today, "minute", date, "--amend", editor=rng.choice(["true", same_editor]), check=False)
        tally["amends"] += 1
        same_dump(before, dump(), f"'panel minute {date} --amend' with an editor that saves the minutes unchanged "
                                  f"(exit {p.returncode}, {p.stderr.strip()!r})")
        refused(["meeting", "delete", date], f"deleting the held meeting of {date}")
        refused(["meeting", "update", date, "--date", (dt.date.fromisoformat(date) + dt.timedelta(days=1)).isoformat()],
                f"moving the held meeting of {date}")


# ---------------------------------------------------------------- 5. refusals
def refusal_step():
    unknown_ref = f"{prefix}-2099-0999"
    live = column("SELECT reference FROM referral WHERE voided IS NULL")
    open_cases = column("SELECT reference FROM \"case\" WHERE status = 'open' AND voided IS NULL")
    closed_cases = column("SELECT reference FROM \"case\" WHERE status = 'closed' AND voided IS NULL")
    person = rng.choice(column("SELECT id FROM person WHERE merged_into IS NULL"))
    dates = column("SELECT date FROM meeting ORDER BY date")
    patch = os.path.join(work, "patch.yaml")
    with open(patch, "w", encoding="utf-8") as f:
        f.write("postcode: EC2Y 8DS\ncolour: red\n")
    candidates = [
        ["referral", "show", unknown_ref], ["triage", "show", unknown_ref],
        ["referral", "update", unknown_ref, "--summary", "typo"],
        ["referral", "void", unknown_ref, "--reason", "error"], ["referral", "unvoid", unknown_ref, "--reason", "error"],
        ["referral", "unvoid", rng.choice(live), "--reason", "not voided"],
        ["referral", "update", rng.choice(live), "--file", patch, "--reason", "an unknown field"],
        ["referral", "update", rng.choice(live), "--agency", "NOPE", "--reason", "an unknown agency"],
        ["referral", "void", rng.choice(live), "--reason", ""],
        ["case", "update", unknown_ref, "--risk", "high"], ["case", "close", unknown_ref, "--reason", "risk reduced"],
        ["case", "note", unknown_ref, "a note"], ["case", "reopen", unknown_ref, "--reason", "why"],
        ["case", "intervention", "add", unknown_ref, "--type", "abc", "--agency", "POL", "--date", today.isoformat()],
        ["person", "merge", str(person), str(person), "--reason", "the same record"],
        ["person", "merge", str(person), "99999", "--reason", "nobody"],
        ["person", "unmerge", "99999", "--reason", "no such merge"],
        ["person", "alias", "add", "99999", "--name", "Nobody"],
        ["meeting", "update", "2099-01-06", "--venue", "nowhere"], ["meeting", "delete", "2099-01-06"],
        ["meeting", "update", dates[-1], "--date", dates[-2]],
    ]
    if open_cases:
        candidates += [["case", "reopen", rng.choice(open_cases), "--reason", "it is open"],
                       ["case", "update", rng.choice(open_cases), "--risk", "extreme", "--reason", "no such level"],
                       ["case", "update", rng.choice(open_cases), "--lead", "NOPE", "--reason", "no such agency"],
                       ["case", "update", rng.choice(open_cases), "--review", "2023-02-30", "--reason", "no such day"]]
    usage = {"2023-02-30"}  # a date the command line rejects (exit 2, as every option taking a date)
    candidates += [["case", "close", rng.choice(open_cases or ["x"]), "--reason", ""],
                   ["person", "merge", str(person), str(rng.choice(column("SELECT id FROM person WHERE id != ?", person))),
                    "--reason", ""]]
    if closed_cases:
        candidates.append(["case", "close", rng.choice(closed_cases), "--reason", "risk reduced"])
    for args in rng.sample(candidates, 6):
        # An empty --reason is a usage error (exit 2), as a missing --reason is.
        refused(args, "a refusal", code=2 if usage & set(args) or args[-1] == "" else 1)


# ---------------------------------------------------------------- a random sequence of corrections
step = "the register as generated"
if frozenset(map(str, zoe_ids())) not in dupes_pairs():
    fail(f"'panel person dupes --format json' does not list {ZOE} and {ZOE2} (persons {zoe_ids()}): same folded name, "
         f"day and month of birth swapped")
check_repeat_links(step)
check_next_steps(step)
for q in sorted({quarter_of(d)[0] for d in column("SELECT received FROM referral")}):
    check_reports(day_in(q), step)

STEPS = int(os.environ.get("CORRECTIONS_STEPS", "60"))
kinds = [(void_round, 3), (merge_round, 2), (referral_update_step, 1), (alias_step, 1), (case_step, 5),
         (meeting_step, 2), (refusal_step, 1)]
if os.environ.get("CORRECTIONS_KINDS"):  # e.g. CORRECTIONS_KINDS=case_step,merge_round to look at some only
    kinds = [(k, w) for k, w in kinds if k.__name__ in os.environ["CORRECTIONS_KINDS"].split(",")]
# Each kind at least once, then at random by weight.
sequence = [k for k, _ in kinds] + rng.choices([k for k, _ in kinds], [w for _, w in kinds], k=max(0, STEPS - len(kinds)))
rng.shuffle(sequence)
for number, kind in enumerate(sequence, 1):
    step = f"step {number} of {len(sequence)}, {kind.__name__}"
    kind()

step = "the end"
CASES = 'SELECT id FROM "case"'
check_repeat_links(step)
check_next_steps(step)
print(f"corrections, seed {seed}: {len(sequence)} steps; {tally['voids']} voids ({tally['void_refused']} refused), "
      f"{tally['merges']} merges ({tally['merge_refused']} refused; {tally['merge_moved_repeats']} quarters' "
      f"repeats changed while merged; {tally['late_unmerges']} undone after other steps, "
      f"{tally['unmerge_refused']} refused then), {tally['updates']} referral updates "
      f"({tally['update_refused']} refused), {tally['case_changes']} case changes "
      f"({tally['case_refused']} refused), {tally['moves']} meetings moved, {tally['deletes']} deleted "
      f"({tally['delete_refused']} refused), {tally['amends']} minutes amended unchanged, {tally['aliases']} aliases, "
      f"{tally['refusals']} refusals "
      f"leaving the database unchanged; register: {len(column('SELECT id FROM referral'))} referrals, "
      f"{len(column('SELECT id FROM person'))} people, {len(column(CASES))} cases")
shutil.rmtree(work) if not os.environ.get("KEEP") else print(work)
