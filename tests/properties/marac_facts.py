#!/usr/bin/env python3
"""A MARAC case's facts across its referrals, on a generated register (trial F22, F23).

    marac_facts.py PANEL [SEED]

Builds a domestic-abuse register through the binary: a meeting every four weeks, people referred
one to four times by different agencies, each referral saying or leaving out the subject's role,
postcode, gender, BAME, LGBT, disability and the children in the household (an explicit 0 among
them), naming perpetrators, children and other parties with and without dates of birth; some
subjects recorded as the perpetrator, some aged 16 or 17, some referrals voided, some cases
closed and referred again (a repeat that opens a new case). Before each meeting, and after all of them, it asserts:

1. Research lists (`agenda DATE --research --format csv`, every agency): every person of every
   case on the agenda -- the subject and each other party named in any live referral of the case
   -- is on every agency's list, and the subject's role, postcode and date of birth are the latest
   value known across the case's live referrals (docs/cli/agenda.md#research-lists). A case's
   referrals include those of the earlier cases its referrals repeat (repeat_of followed, live
   referrals only; trial 2 N1).
2. The SafeLives return (`report safelives --format json`): every figure of every meeting equals
   its definition in docs/reports.md worked out here with sqlite3 from the tables: the referral
   that brought the case gives the agency and the repeat; each fact is the latest known across the
   case's live referrals received by the meeting; a subject recorded as the perpetrator is not
   counted as the victim.

Exits 1 naming what differs (and keeps the register's folder); KEEP=1 keeps it on success too.
"""
import csv, io, json, os, random, shutil, sqlite3, subprocess, sys, tempfile, datetime as dt

panel = os.path.abspath(sys.argv[1])
seed = int(sys.argv[2]) if len(sys.argv) > 2 else 7
rng = random.Random(seed)
work = tempfile.mkdtemp(prefix="panel-marac-facts-")
db = os.path.join(work, "panel.db")
env = dict(os.environ, PANEL_DB=db, PANEL_USER="coordinator", TMPDIR=work, EDITOR="false")
for name in ("PANEL_TODAY", "PANEL_NOW", "PANEL_TEMPLATES", "NO_COLOR"):
    env.pop(name, None)
step = "building the register"


def fail(message):
    print(f"FAIL (seed {seed}, {step}): {message}", file=sys.stderr)
    print(f"register kept in {work}", file=sys.stderr)
    sys.exit(1)


def run(today, *args, check=True):
    e = dict(env, PANEL_TODAY=today.isoformat())
    p = subprocess.run([panel, *args], env=e, capture_output=True, cwd=work, stdin=subprocess.DEVNULL, timeout=120)
    p.stdout, p.stderr = p.stdout.decode("utf-8"), p.stderr.decode("utf-8", "replace")
    if p.returncode not in (0, 1) or (check and p.returncode != 0):
        fail(f"'panel {' '.join(args)}' exited {p.returncode}:\n{p.stderr}")
    return p


def rows(query, *params):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        return con.execute(query, params).fetchall()
    finally:
        con.close()


def maybe(value, chance=0.5):
    return value if rng.random() < chance else None


FIRST = ["Ann", "Bea", "Cal", "Dev", "Eve", "Fin", "Gia", "Hal", "Ivy", "Jo", "Kai", "Lou", "Mo", "Nia", "Oli", "Pat"]
LAST = ["Ash", "Birch", "Cole", "Dale", "Eden", "Frost", "Gale", "Hart", "Innes", "Joy", "Kerr", "Lyle"]
POSTCODES = ["LN1 2AA", "LN2 1AA", "LN5 8QT", "NG31 6PQ", "PE21 9DH"]
AGENCIES = ["POL", "IDVA", "HLTH", "HSG", "CSC", "PRB", "MH"]
names = iter(rng.sample([f"{f} {l}" for f in FIRST for l in LAST], len(FIRST) * len(LAST)))

first_meeting = dt.date(2026, 1, 13)
meetings = [first_meeting + dt.timedelta(days=28 * k) for k in range(8)]
run(meetings[0], "-q", "init", "--profile", "marac")
for m in meetings + [meetings[-1] + dt.timedelta(days=28)]:
    run(meetings[0], "-q", "meeting", "add", m.isoformat())


def birth(age_on, years):
    """A date of birth (day 1..28) giving `years` whole years on `age_on`."""
    return dt.date(age_on.year - years - 1, rng.randint(1, 12), rng.randint(1, 28)) + dt.timedelta(days=rng.randint(0, 300))


# The people, each with a fixed date of birth, and the perpetrators and children of their household.
people = []
for _ in range(16):
    age = rng.choice([16, 17, 17, 25, 34, 41, 58])
    household = [{"name": next(names), "dob": maybe(birth(first_meeting, rng.choice([15, 16, 17, 19, 30, 44])).isoformat(), 0.7),
                  "role": "perpetrator", "relationship": "partner"}]
    for _ in range(rng.randint(0, 2)):
        household.append({"name": next(names), "dob": maybe(birth(first_meeting, rng.randint(1, 12)).isoformat(), 0.8),
                          "role": "child", "relationship": "child"})
    people.append({"name": next(names), "dob": birth(first_meeting, age).isoformat(), "household": household,
                   "referrals": rng.randint(1, 4)})


def referral(person, received):
    r = {"received": received.isoformat(), "agency": rng.choice(AGENCIES), "categories": ["physical-abuse"],
         "risk_score": 15, "summary": "s",
         "subject": {"name": person["name"], "dob": person["dob"]}}
    for key, value in (("postcode", rng.choice(POSTCODES)), ("gender", rng.choice(["female", "Male", "m", "woman"])),
                       ("bame", rng.random() < 0.5), ("lgbt", rng.random() < 0.3), ("disability", rng.random() < 0.3)):
        if rng.random() < 0.5:
            r["subject"][key] = value
    if rng.random() < 0.6:
        r["role"] = rng.choice(["victim", "victim", "perpetrator", "both", "unclear"])
    if rng.random() < 0.5:
        r["children"] = rng.randint(0, 3)
    parties = [dict(p) for p in person["household"] if rng.random() < 0.6]
    if rng.random() < 0.3:
        parties.append({"name": next(names), "role": rng.choice(["victim", "unclear", "both"]), "relationship": "friend"})
    for p in parties:
        if p.get("dob") is None:
            p.pop("dob", None)
    if parties:
        r["other_parties"] = parties
    return r


def record(person, received, meeting):
    path = os.path.join(work, "referral.yaml")
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"referrals": [referral(person, received)]}, f)  # JSON is YAML
    run(received, "-q", "refer", "--file", path)
    ref = rows("SELECT reference FROM referral ORDER BY id DESC LIMIT 1")[0]["reference"]
    run(received, "-q", "triage", ref, "accept", "--meeting", meeting.isoformat())
    if rng.random() < 0.1:  # recorded in error (refused when it would leave a discussed case without referrals)
        run(received, "-q", "referral", "void", ref, "--reason", "Recorded in error", check=False)


def later_of(a, b):
    return b if b is not None else a


def known(value):
    return value is not None and (not isinstance(value, str) or value.strip() != "")


def family(case_id):
    """The case and every earlier case a live referral of theirs repeats a live referral of (trial 2 N1)."""
    seen, todo = {case_id}, [case_id]
    while todo:
        c = todo.pop()
        for r in rows("SELECT repeat_of FROM referral WHERE case_id = ? AND voided IS NULL AND repeat_of IS NOT NULL", c):
            for x in rows("SELECT case_id FROM referral WHERE id = ? AND voided IS NULL", r["repeat_of"]):
                if x["case_id"] is not None and x["case_id"] not in seen:
                    seen.add(x["case_id"])
                    todo.append(x["case_id"])
    return seen


def case_facts(case_id, by=None):
    """The live referrals (received by `by`) of the case and of the earlier cases it repeats, in
    order, and each fact's latest known value."""
    refs = [r for c in family(case_id) for r in rows("SELECT * FROM referral WHERE case_id = ? AND voided IS NULL" +
                                                      (" AND received <= ?" if by else ""), *((c, by) if by else (c,)))]
    refs.sort(key=lambda r: (r["received"], r["id"]))
    facts = {}
    for r in refs:
        for key in ("role", "postcode", "dob", "gender", "bame", "lgbt", "disability", "age_at_referral", "children"):
            if known(r[key]):
                facts[key] = r[key]
    return refs, facts


def check_research(meeting):
    agenda = json.loads(run(meeting, "agenda", meeting.isoformat(), "--format", "json").stdout)
    listed = list(csv.DictReader(io.StringIO(run(meeting, "agenda", meeting.isoformat(), "--research",
                                                    "--format", "csv").stdout)))
    agencies = [a["code"] for a in rows("SELECT code FROM agency")]
    cases = {i["case"] for i in agenda["items"] if i["case"]}
    for case in sorted(cases):
        (case_id,) = [r["id"] for r in rows('SELECT id FROM "case" WHERE reference = ?', case)]
        refs, facts = case_facts(case_id)
        parties = {(o["name"], o["dob"] or "") for r in refs
                   for o in rows("SELECT name, dob FROM other_party WHERE referral_id = ?", r["id"])}
        for agency in agencies:
            mine = [row for row in listed if row["agency"] == agency and row["case"] == case]
            subjects = [row for row in mine if row["person"] == "subject"]
            if len(subjects) != 1:
                fail(f"{agency}'s research list for {meeting} has {len(subjects)} subject rows for case {case}")
            s = subjects[0]
            want = {"role": facts.get("role", ""), "postcode": facts.get("postcode", ""), "dob": facts.get("dob", "")}
            got = {k: s[k] for k in want}
            if got != want:
                fail(f"{agency}'s research list for {meeting}: the subject of {case} is {got}, the latest known "
                     f"across its live referrals {[r['reference'] for r in refs]} is {want}")
            have = {(row["name"], row["dob"]) for row in mine if row["person"] == "other-party"}
            if parties - have:
                fail(f"{agency}'s research list for {meeting} leaves out {sorted(parties - have)} of case {case}")


def expected_safelives(meeting):
    totals = dict(cases_discussed=0, repeat_cases=0, police_referrals=0, idva_referrals=0, partner_referrals=0,
                  bame=0, lgbt=0, disabled=0, male=0, aged_16_17=0, perpetrators_under_18=0, children=0)
    for d in rows("SELECT d.case_id FROM discussion d JOIN meeting m ON m.id = d.meeting_id "
                  "WHERE m.status = 'held' AND m.date = ?", meeting.isoformat()):
        refs, facts = case_facts(d["case_id"], meeting.isoformat())
        if not refs:
            continue
        brought = refs[-1]
        victim = facts.get("role", "").lower() != "perpetrator"
        age = facts.get("age_at_referral")
        totals["cases_discussed"] += 1
        totals["repeat_cases"] += brought["repeat_of"] is not None
        kind = {"POL": "police_referrals", "IDVA": "idva_referrals"}.get(brought["agency"], "partner_referrals")
        totals[kind] += 1
        totals["bame"] += victim and facts.get("bame") == 1
        totals["lgbt"] += victim and facts.get("lgbt") == 1
        totals["disabled"] += victim and facts.get("disability") == 1
        totals["male"] += victim and facts.get("gender", "").strip().lower() in ("male", "m", "man")
        totals["aged_16_17"] += victim and age in (16, 17)
        young_perpetrator = any(
            o["role"] in ("perpetrator", "both") and
            ((o["dob"] and add_years(o["dob"], 18) > brought["received"]) or (not o["dob"] and o["under_18"] == 1))
            for r in refs for o in rows("SELECT * FROM other_party WHERE referral_id = ?", r["id"]))
        totals["perpetrators_under_18"] += young_perpetrator or (not victim and age is not None and age < 18)
        totals["children"] += facts.get("children", 0)
    return {k: int(v) for k, v in totals.items()}


def add_years(iso, years):
    d = dt.date.fromisoformat(iso)
    return d.replace(year=d.year + years).isoformat()  # generated days are 1..28


def minute(meeting):
    agenda = json.loads(run(meeting, "agenda", meeting.isoformat(), "--format", "json").stdout)
    cases = sorted({i["case"] for i in agenda["items"] if i["case"]})
    text = "held: true\nattendance: {POL: present, IDVA: present, CSC: present}\ncases:\n"
    for c in cases:
        if rng.random() < 0.3:  # a later referral of the person is a repeat that opens a new case
            text += f"  {c}: {{summary: s, outcome: close, close_reason: risk reduced}}\n"
        else:
            text += f"  {c}: {{summary: s, outcome: keep-open}}\n"
    path = os.path.join(work, "minutes.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    if cases:
        run(meeting, "-q", "minute", meeting.isoformat(), "--file", path)


# Each person's referrals spread over the meetings; each referral is received between two
# meetings, at least two weeks before the one it is accepted for (before the agenda cut-off).
plan = {}
for person in people:
    # Two referrals for one meeting: a new referral and its repeat on the same agenda.
    for k in sorted(rng.choices(range(len(meetings)), k=person["referrals"])):
        plan.setdefault(k, []).append(person)
previous = meetings[0] - dt.timedelta(days=40)
for k, meeting in enumerate(meetings):
    step = f"meeting {meeting}"
    arrivals = sorted((previous + dt.timedelta(days=rng.randint(1, (meeting - previous).days - 14)), i)
                      for i, _ in enumerate(plan.get(k, [])))
    for received, i in arrivals:
        record(plan[k][i], received, meeting)
    check_research(meeting)
    minute(meeting)
    previous = meeting

step = "the SafeLives return"
got = json.loads(run(meetings[-1], "report", "safelives", "--from", meetings[0].isoformat(), "--to",
                     meetings[-1].isoformat(), "--format", "json").stdout)
by_date = {m["meeting"]: m for m in got["meetings"]}
checked = 0
for meeting in meetings:
    want = expected_safelives(meeting)
    if want["cases_discussed"] == 0 and meeting.isoformat() not in by_date:
        continue
    have = {k: v for k, v in by_date.get(meeting.isoformat(), {}).items() if k != "meeting"}
    if have != want:
        diff = {k: (have.get(k), v) for k, v in want.items() if have.get(k) != v}
        fail(f"'panel report safelives' for the meeting on {meeting}: (panel, definition) {diff}")
    checked += want["cases_discussed"]
if checked == 0:
    fail("no case was discussed: the generated register tests nothing")
after_closure = rows('SELECT count(*) AS n FROM referral r JOIN referral x ON x.id = r.repeat_of JOIN "case" k ON k.id = x.case_id '
                     "WHERE r.voided IS NULL AND x.voided IS NULL AND r.case_id <> x.case_id AND k.status = 'closed'")[0]["n"]
if after_closure == 0:
    fail("no repeat after a closed case: the generated register does not test that the household is kept")
print(f"ok: {len(meetings)} meetings, {checked} case discussions, seed {seed}")
if os.environ.get("KEEP"):
    print(f"register kept in {work}")
else:
    shutil.rmtree(work)
