#!/usr/bin/env python3
"""Every format of every listing says the same thing, on a generated register.

    formats.py PANEL [SEED]

Builds a register through the binary (several months of CSV referrals with repeats, missing
dates of birth, accents, apostrophes, commas and quotes; every kind of triage decision;
meetings minuted through $EDITOR from panel's skeleton, cancelled and not held; actions open,
overdue and done; ASB case reviews; police incidents from tests/data/police), then runs every
command that offers --format in each of its formats, each run on its own copy of the same
register (reads are audited, so a shared file would drift between runs), and checks:

- json parses; csv is RFC 4180 (parses and writes back byte for byte with CRLF line ends);
- the csv header is the json keys in order; csv, json, text table and Markdown table have the
  same number of rows; Markdown has as many columns as csv;
- every csv cell is the json value written as lib/panel/render/table.cpp writes it (null empty,
  true/false, lists joined with ';', text starting with = + - @ prefixed with '), and every
  Markdown and text table cell is it written for people (yes/no, lists joined with ', ');
- --marking puts '# <marking>' first in every csv, the rest unchanged;
- a few counts against their definitions in docs/cli and docs/reports.md, from sqlite.
- every command of 'panel --help' that offers --format (asked for '--format xml', it names the
  formats it knows) is checked above in each of them, documents (md/txt/html/docx/pdf of
  letters, packs, research lists, minutes) aside.

Exits 1 naming the command, format, row and field of the first failure (and keeps the register's
folder); KEEP=1 keeps it on success too.
"""
import csv, html, io, json, math, os, random, re, shutil, subprocess, sys, tempfile, datetime as dt

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
panel = os.path.abspath(sys.argv[1])
seed = int(sys.argv[2]) if len(sys.argv) > 2 else 7
rng = random.Random(seed)
work = tempfile.mkdtemp(prefix="panel-formats-")
db = os.path.join(work, "panel.db")
env = dict(os.environ, PANEL_DB=db, PANEL_USER="coordinator", TMPDIR=work)
for name in ("PANEL_TODAY", "PANEL_TEMPLATES", "NO_COLOR"):
    env.pop(name, None)

# Known bugs, each to be removed from here when its fix is merged: the property is checked and
# must still fail; if it holds, a line says the entry can go.
EXPECTED_TO_FAIL = {}
expected_failures_seen = set()


def fail(message):
    print(f"FAIL (seed {seed}): {message}", file=sys.stderr)
    print(f"register kept in {work}", file=sys.stderr)
    sys.exit(1)


def run(today, *args, editor=None, check=True, database=None):
    e = dict(env, PANEL_TODAY=today.isoformat(), PANEL_NOW=f"{today.isoformat()}T09:00:00Z")
    if database:
        e["PANEL_DB"] = database
    if editor:
        e["EDITOR"] = editor
    # Bytes, decoded here: text=True would turn the CSV's CRLF into LF.
    p = subprocess.run([panel, *args], env=e, capture_output=True, cwd=work)
    p.stdout, p.stderr = p.stdout.decode("utf-8"), p.stderr.decode("utf-8", "replace")
    if check and p.returncode != 0:
        fail(f"{today}: panel {' '.join(args)} exited {p.returncode}:\n{p.stderr}")
    return p


def sql(query, database=None):
    out = subprocess.run(["sqlite3", "-readonly", database or db, query], capture_output=True, text=True, check=True)
    return out.stdout.strip()


# ---------------------------------------------------------------- the register
FIRST = ["Zoë", "Zoe", "Seán", "Anne-Marie", "Bob", "Émile", "Fay", "Gus", "Ivy", "Jo"]
LAST = ["O'Brien", "OBrien", "Ó Briain", "D'Arcy", "Smith", "Nowak", "Okafor", "Ng"]
CATEGORIES = ["suicide", "mental-health", "dementia", "assault", "harassment"]
AGENCIES = ["POL", "CST", "ASC", "HA"]
SUMMARIES = ['Concerns raised by "the GP", and by neighbours', "Seen by housing; see notes",
             "-3 visits missed, \"no answer\"", "=HYPERLINK(\"x\"), @home"]

start = dt.date(2023, 1, 1)
run(start, "-q", "init")
run(start, "-q", "agency", "add", "HA", "--name", "@Home Housing Association, Ltd")
run(start, "-q", "meeting", "schedule", "--every", "second tuesday", "--from", "2023-01-02", "--to", "2023-09-30",
    "--venue", "Guildhall, \"Room 2\"")
meetings = [dt.date.fromisoformat(d) for d in sql("SELECT date FROM meeting ORDER BY date").split()]
people = [("Zoë O'Brien", ""), ("Seán Ó Briain", "1971-03-14")]
people += [(f"{rng.choice(FIRST)} {rng.choice(LAST)}", rng.choice(["", f"19{rng.randint(50, 99)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"]))
           for _ in range(14)]

# The minutes are typed by the month test's editor (tests/month/twelve_months.py --as-editor).
editor = os.path.join(work, "editor.sh")
with open(editor, "w") as f:
    f.write(f"#!/bin/sh\nexec python3 {os.path.join(SOURCE, 'tests', 'month', 'twelve_months.py')!r} --as-editor \"$1\"\n")
os.chmod(editor, 0o755)
env["PANEL_MONTHS_SEED"] = str(seed)

kinds = dict(accept=0, override=0, decline=0, redirect=0, more_info=0, reopen=0, pending=0)
MONTHS = 6
for month, meeting in enumerate(meetings[:MONTHS]):
    first = meeting.replace(day=1)
    rows = []
    for _ in range(rng.randint(4, 8)):
        name, dob = rng.choice(people)
        rows.append({"received": (first - dt.timedelta(days=rng.randint(0, 25))).isoformat(),
                     "agency": rng.choice(AGENCIES), "name": name, "dob": dob, "category": rng.choice(CATEGORIES),
                     "risk_level": rng.choice(["high", "medium", "", "high"]), "summary": rng.choice(SUMMARIES)})
    rows.sort(key=lambda r: r["received"])
    path = os.path.join(work, f"referrals-{month}.csv")
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\r\n")
        w.writeheader()
        w.writerows(rows)
    run(first, "-q", "refer", "--file", path)
    for ref in sql("SELECT reference FROM referral WHERE status = 'pending' ORDER BY id").split():
        day = meeting - dt.timedelta(days=rng.choice([9, 8, 7, 3]))
        roll = rng.random()
        if roll < 0.08:
            kinds["pending"] += 1  # left in the queue
        elif roll < 0.16:
            run(day, "-q", "triage", ref, "more-info", "--reason", "Which address, \"flat\" or house?")
            kinds["more_info"] += 1
        elif roll < 0.24:
            run(day, "-q", "triage", ref, "redirect", "--to", "MARAC", "--reason", "domestic abuse")
            kinds["redirect"] += 1
        elif roll < 0.34:
            run(day, "-q", "triage", ref, "decline", "--reason", "below threshold", "--signpost", "GP, Samaritans")
            kinds["decline"] += 1
            if rng.random() < 0.5:
                run(day, "-q", "triage", ref, "reopen", "--note", "new information")
                kinds["reopen"] += 1
        elif run(day, "-q", "triage", ref, "accept", check=False).returncode == 0:
            kinds["accept"] += 1
        else:
            run(day, "-q", "triage", ref, "accept", "--override", "--reason", "professional judgement, 'urgent'")
            kinds["override"] += 1
    if month == 3:
        run(meeting - dt.timedelta(days=2), "-q", "meeting", "cancel", meeting.isoformat(), "--reason", "no quorum, police absent")
        continue
    if month == 4:
        with open(os.path.join(work, "not-held.yaml"), "w") as f:
            f.write("held: false\nreason: Venue flooded\n")
        run(meeting, "-q", "minute", meeting.isoformat(), "--file", os.path.join(work, "not-held.yaml"))
        continue
    run(meeting, "-q", "minute", meeting.isoformat(), editor=editor)

# Actions between meetings: awkward text, some done, some overdue by the end.
cases = sql("SELECT reference FROM \"case\" WHERE status = 'open' ORDER BY id").split()
for i, ref in enumerate(cases[:8]):
    due = meetings[MONTHS - 1] + dt.timedelta(days=rng.choice([-20, -3, 5, 30]))
    text = rng.choice(["=SUM(A1), check \"tenancy\"", "+44 call back", "Visit, with housing", "@ agency: 'chase'"])
    run(meetings[MONTHS - 2], "-q", "action", "add", ref, "--owner", rng.choice(AGENCIES), "--due", due.isoformat(),
        "--text", text)
open_actions = sql("SELECT 'A-' || id FROM action WHERE status = 'open' ORDER BY id").split()
for a in open_actions[: len(open_actions) // 3]:
    run(meetings[MONTHS - 1], "-q", "action", "done", a, "--note", "done, \"finally\"")

# ASB case reviews.
for i, applicant in enumerate(["Seán D'Arcy", "Zoë O'Brien, for her mother"]):
    received = meetings[1] + dt.timedelta(days=3 * i + 1)
    ref = run(received, "trigger", "apply", "--received", received.isoformat(), "--applicant", applicant).stdout.strip()
    for k in range(3):
        day = received - dt.timedelta(days=20 + 30 * k)
        run(received, "-q", "trigger", "complaint", ref, "--incident-date", day.isoformat(), "--reported-date",
            (day + dt.timedelta(days=1)).isoformat(), "--agency", rng.choice(["POL", "CST"]),
            "--description", "Noise, \"shouting\" at night")
    if i == 0:
        run(received + dt.timedelta(days=2), "-q", "trigger", "acknowledge", ref)

# Police incidents: three months of one force, and one of another.
police = os.path.join(SOURCE, "tests", "data", "police")
incident_files = sorted(os.path.join(police, "leah041", f) for f in os.listdir(os.path.join(police, "leah041"))
                        if f.endswith("-street.csv"))
run(start, "-q", "incidents", "import", *incident_files)

today = meetings[MONTHS - 1] + dt.timedelta(days=10)
# The meetings after the next are cancelled: cases due for review then have no meeting (attention).
for later in meetings[MONTHS + 1:]:
    run(today, "-q", "meeting", "cancel", later.isoformat(), "--reason", "budget, \"to be confirmed\"")
snapshot = os.path.join(work, "snapshot.db")
shutil.copy(db, snapshot)
for suffix in ("-wal", "-shm"):
    if os.path.exists(db + suffix):
        shutil.copy(db + suffix, snapshot + suffix)
marking = run(today, "config", "get", "marking").stdout.strip()


# ---------------------------------------------------------------- rendering rules (render/table.cpp)
def as_csv(v):
    """A JSON value as the CSV writes it, before quoting."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return number_text(v)
    if isinstance(v, list):
        return guard(";".join(v))
    return guard(v)


def guard(text):
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def number_text(v):
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return repr(v) if isinstance(v, float) else str(v)


def for_people(v):
    """A JSON value as the text table and Markdown show it (cell_text, one line)."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, (int, float)):
        return number_text(v)
    if isinstance(v, list):
        v = ", ".join(v)
    return "".join(" " if c in "\n\t" else c for c in v if c in "\n\t" or ord(c) >= 32 and c != "\x7f")


def md_cells(line):
    """The cells of one Markdown table line, unescaped."""
    cells, cell, i = [], "", 1
    while i < len(line):
        c = line[i]
        if c == "\\" and i + 1 < len(line):
            cell += line[i + 1]
            i += 2
            continue
        if c == "|":
            cells.append(cell.strip())
            cell = ""
        else:
            cell += c
        i += 1
    return cells


def parse_csv(text, where):
    if not text.endswith("\r\n"):
        fail(f"{where}: the csv does not end with CRLF")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    again = io.StringIO(newline="")
    csv.writer(again, lineterminator="\r\n").writerows(rows)
    if again.getvalue() != text:
        a, b = again.getvalue(), text
        k = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))
        fail(f"{where}: the csv is not RFC 4180 as python writes it back, from character {k}: "
             f"{b[max(0, k - 40):k + 40]!r} (expected {a[max(0, k - 40):k + 40]!r})")
    return rows


# ---------------------------------------------------------------- running one command in every format
runs = 0
checked = []  # (command, formats)


def fresh_copy():
    path = os.path.join(work, f"run-{runs}.db")
    shutil.copy(snapshot, path)
    for suffix in ("-wal", "-shm"):
        if os.path.exists(snapshot + suffix):
            shutil.copy(snapshot + suffix, path + suffix)
    return path


def run_format(args, fmt, day, extra=()):
    """One run on a fresh copy of the register; the copy is removed afterwards."""
    global runs
    path = fresh_copy()
    runs += 1
    p = run(day, *args, "--format", fmt, *extra, database=path)
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    return p.stdout


def check_marking(name, args, day, plain):
    marked = run_format(args, "csv", day, ["--marking"])
    ok = marked.startswith(f"# {marking}\r\n") and marked[len(f"# {marking}\r\n"):] == plain
    key = (name, "marking")
    if key in EXPECTED_TO_FAIL:
        if ok:
            print(f"NOTE: '{name} --format csv --marking' now holds: remove it from EXPECTED_TO_FAIL "
                  f"in tests/properties/formats.py ({EXPECTED_TO_FAIL[key]})")
        else:
            expected_failures_seen.add(key)
            print(f"expected to fail (known bug, in EXPECTED_TO_FAIL): {EXPECTED_TO_FAIL[key]}")
        return
    if not ok:
        first = marked.split("\r\n", 1)[0]
        fail(f"{name}: --format csv --marking: first line {first!r}, expected '# {marking}' then the csv unchanged")


def listing(name, args, formats=("table", "csv", "json", "md"), *, day=None, rows_of=lambda j: j,
            people_differ=(), csv_cell=None, table_rows=True, md_rows=True, count=None):
    """Runs `panel ARGS --format F` for each F and checks the formats agree.

    rows_of picks the array of objects out of the JSON; people_differ names columns that the text
    table and Markdown show in words of their own (not checked cell by cell there); csv_cell(key,
    value, cell) overrides the csv rule for columns written differently on purpose; count is the
    number of rows by the definition, or None.
    """
    day = day or today
    out = {f: run_format(args, f, day) for f in formats}
    where = lambda f: f"'panel {' '.join(args)} --format {f}'"
    rows = None
    keys = None
    if "json" in out:
        try:
            doc = json.loads(out["json"])
        except ValueError as e:
            fail(f"{where('json')}: not JSON: {e}")
        rows = rows_of(doc)
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            fail(f"{where('json')}: not an array of objects")
        for i, r in enumerate(rows):
            if keys is None:
                keys = list(r)
            elif list(r) != keys:
                fail(f"{where('json')}: row {i + 1} has keys {list(r)}, row 1 has {keys}")
        if run_format(args, "json", day, ["--marking"]) != out["json"]:
            fail(f"{where('json')}: --marking changes the json (it is for csv only)")
        if count is not None and len(rows) != count:
            fail(f"{where('json')}: {len(rows)} rows, but {count} by the definition")
    if "csv" in out:
        table = parse_csv(out["csv"], where("csv"))
        header, body = table[0], table[1:]
        if rows is not None:
            if keys is not None and header != keys:
                fail(f"{where('csv')}: header {header} is not the json keys {keys}")
            if len(body) != len(rows):
                fail(f"{where('csv')}: {len(body)} rows, json has {len(rows)}")
            for i, (line, r) in enumerate(zip(body, rows)):
                if len(line) != len(header):
                    fail(f"{where('csv')}: row {i + 1} has {len(line)} cells for {len(header)} columns")
                for k, cell in zip(header, line):
                    ok = csv_cell(k, r[k], cell) if csv_cell else None
                    if ok is None:
                        ok = cell == as_csv(r[k])
                    if not ok:
                        fail(f"{where('csv')}: row {i + 1}, field '{k}': csv {cell!r}, json {r[k]!r} "
                             f"(expected csv {as_csv(r[k])!r})")
        check_marking(name, args, day, out["csv"])
    titles = None
    if "md" in out and md_rows:
        lines = out["md"].split("\n")
        lines = lines[next((i for i, l in enumerate(lines) if l.startswith("|")), len(lines)):]
        lines = lines[:next((i for i, l in enumerate(lines) if not l.startswith("|")), len(lines))]  # the first table
        if len(lines) < 2:
            fail(f"{where('md')}: no Markdown table")
        titles = md_cells(lines[0])
        body = [md_cells(l) for l in lines[2:]]
        if "csv" in out and len(titles) != len(table[0]):
            fail(f"{where('md')}: {len(titles)} columns {titles}, csv has {len(table[0])}")
        if rows is not None:
            if len(body) != len(rows):
                fail(f"{where('md')}: {len(body)} rows, json has {len(rows)}")
            for i, (cells, r) in enumerate(zip(body, rows)):
                if len(cells) != len(titles):
                    fail(f"{where('md')}: row {i + 1} has {len(cells)} cells for {len(titles)} columns")
                for k, cell in zip(r, cells):
                    if k not in people_differ and cell != for_people(r[k]).strip():
                        fail(f"{where('md')}: row {i + 1}, field '{k}': md {cell!r}, json {r[k]!r}")
    if "table" in out and table_rows:
        lines = [l for l in out["table"].split("\n") if l.strip()]
        n = max(0, len(lines) - 1)
        if rows is not None and n != len(rows):
            fail(f"{where('table')}: {n} rows, json has {len(rows)}")
        if titles and lines and rows is not None:
            # Columns start where their titles start in the heading line (code points = width).
            starts, at = [], 0
            for t in titles:
                at = lines[0].find(t, at)
                if at < 0:
                    fail(f"{where('table')}: heading {lines[0]!r} lacks the Markdown title {t!r}")
                starts.append(at)
                at += len(t)
            for i, (line, r) in enumerate(zip(lines[1:], rows)):
                for c, k in enumerate(r):
                    end = starts[c + 1] if c + 1 < len(starts) else None
                    cell = line[starts[c]:end].strip()
                    if k not in people_differ and cell != for_people(r[k]).strip():
                        fail(f"{where('table')}: row {i + 1}, field '{k}': table {cell!r}, json {r[k]!r}")
    checked.append((name, formats, len(rows) if rows is not None else len(lines) - 1))
    return rows


def document(name, args, formats, *, day=None, check=None):
    """A command whose formats are not one listing: each must run, json must parse."""
    day = day or today
    out = {f: run_format(args, f, day) for f in formats}
    doc = None
    if "json" in out:
        try:
            doc = json.loads(out["json"])
        except ValueError as e:
            fail(f"'panel {' '.join(args)} --format json': not JSON: {e}")
    for f, text in out.items():
        if not text.strip():
            fail(f"'panel {' '.join(args)} --format {f}': printed nothing")
    if "csv" in out:
        parse_csv(out["csv"], f"'panel {' '.join(args)} --format csv'")
        check_marking(name, args, day, out["csv"])
    if check:
        check(doc, out)
    checked.append((name, formats, None))
    return doc, out


def n(query):
    return int(sql(query, snapshot))


# ---------------------------------------------------------------- the listings
ALL = ("table", "csv", "json", "md")
listing("agency list", ["agency", "list"], count=n("SELECT count(*) FROM agency"))
listing("audit", ["audit"], count=n("SELECT count(*) FROM audit_log"))
listing("audit", ["audit", "--since", meetings[3].isoformat()],
        count=n(f"SELECT count(*) FROM audit_log WHERE substr(at, 1, 10) >= '{meetings[3].isoformat()}'"))
# People read "not set" for no risk and "awaiting a meeting" for no next meeting (trial F6, F13).
CASE_WORDS = {"risk_level", "next_meeting"}
listing("case list", ["case", "list"], count=n("SELECT count(*) FROM \"case\""), people_differ=CASE_WORDS)
for status in ("open", "closed"):
    listing("case list", ["case", "list", "--status", status],
            count=n(f"SELECT count(*) FROM \"case\" WHERE status = '{status}'"), people_differ=CASE_WORDS)
listing("case list --attention", ["case", "list", "--attention"])
pending = n("SELECT count(*) FROM referral WHERE status IN ('pending', 'awaiting-information')")
for args in (["triage"], ["triage", "list"]):
    listing("triage list", args, people_differ={"meets_threshold"}, count=pending)
listing("meeting list", ["meeting", "list"], count=n("SELECT count(*) FROM meeting"))
iso = today.isoformat()
listing("action list", ["action", "list"], count=n("SELECT count(*) FROM action WHERE case_id IS NOT NULL"))
listing("action list", ["action", "list", "--overdue"],
        count=n(f"SELECT count(*) FROM action WHERE case_id IS NOT NULL AND status = 'open' AND due < '{iso}'"))
listing("action list", ["action", "list", "--due-within", "14"],
        count=n(f"SELECT count(*) FROM action WHERE case_id IS NOT NULL AND status = 'open' "
                f"AND due <= '{(today + dt.timedelta(days=14)).isoformat()}'"))
listing("action list", ["action", "list", "--status", "done"],
        count=n("SELECT count(*) FROM action WHERE case_id IS NOT NULL AND status = 'done'"))
listing("action list", ["action", "list", "--agency", "HA"],
        count=n("SELECT count(*) FROM action WHERE case_id IS NOT NULL AND owner = 'HA'"))
for who in ("Zoë O'Brien", "obrien", "Seán"):
    listing("person find", ["person", "find", who])
listing("person dupes", ["person", "dupes"])
listing("person alias list", ["person", "alias", "list", "1"])
listing("template list", ["template", "list"])
listing("trigger list", ["trigger", "list"], count=n("SELECT count(*) FROM case_review"))
listing("trigger list", ["trigger", "list", "--overdue"])
listing("purge --dry-run", ["purge", "--dry-run"], day=dt.date(2040, 1, 1))
listing("check", ["check"], ("table", "json"), md_rows=False)
listing("report incidents", ["report", "incidents"], rows_of=lambda j: j["rows"],
        count=None)
incidents_total = n("SELECT count(*) FROM incident")
for by in ("month", "quarter", "fy-quarter", "lsoa", "type"):
    rows = listing("report incidents", ["report", "incidents", "--by", by], rows_of=lambda j: j["rows"])
    if by in ("month", "quarter", "fy-quarter") and sum(r["count"] for r in rows) != incidents_total:
        fail(f"'panel report incidents --by {by} --format json': counts add up to {sum(r['count'] for r in rows)}, "
             f"{incidents_total} incidents imported")
listing("report incidents", ["report", "incidents", "--by", "type", "--compare", "year"], rows_of=lambda j: j["rows"],
        people_differ={"previous", "change"})


def trends_cell(key, value, cell):
    """Trends: csv holds the rounded text the table shows (JSON keeps the raw numbers)."""
    if key in ("baseline_mean", "expected", "ratio"):
        return cell == f"{value:.2f}".rstrip("0").rstrip(".") or abs(float(cell) - value) <= 0.005 + 1e-9
    if key in ("p", "q"):
        return value == 0 and cell == "0" or math.isclose(float(cell), value, rel_tol=5e-3, abs_tol=5e-4)
    return None


months = sorted(os.path.basename(f)[:7] for f in incident_files)
# The window and baseline need three months in a row imported.
ends = [m for i, m in enumerate(months) if i >= 2 and
        dt.date.fromisoformat(m + "-01") - dt.date.fromisoformat(months[i - 2] + "-01") < dt.timedelta(days=62)]
listing("report trends", ["report", "trends", "--all", "--window", "1", "--baseline", "2", "--min-count", "1",
                          "--to", ends[-1]],
        rows_of=lambda j: j["rows"], csv_cell=trends_cell, people_differ={"baseline_mean", "expected", "ratio", "p", "q"})

for date in [m.isoformat() for m in meetings[MONTHS - 1:MONTHS + 1]]:
    items = len(json.loads(run_format(["agenda", date], "json", today))["items"])
    listing("agenda", ["agenda", date], rows_of=lambda j: j["items"], table_rows=False, md_rows=items > 0,
            people_differ={"risk"})
    listing("agenda --research", ["agenda", date, "--research"], ("table", "csv", "json"))

# Writers: each format on its own copy of the same register.
extra = os.path.join(work, "more.csv")
with open(extra, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\r\n")
    w.writerow(["received", "agency", "name", "dob", "category", "risk_level", "summary"])
    w.writerow([iso, "POL", "Zoë O'Brien", "", "suicide", "high", 'Seen again, "distressed"'])
    w.writerow([iso, "HA", "Nobody Newman-Jones", "1980-02-29", "harassment", "", "=1+1"])
listing("refer", ["refer", "--file", extra], people_differ={"meets_threshold"}, count=2)
hodsong = os.path.join(police, "hodsong")
listing("incidents import", ["incidents", "import", *[os.path.join(hodsong, f) for f in sorted(os.listdir(hodsong))
                                                     if f.endswith("-street.csv")]])


# ---------------------------------------------------------------- reports that are not one listing
def board_csv(v):
    """The board's csv writes a number as its JSON does (55.0 stays 55.0, unlike a listing's 55)."""
    return json.dumps(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else as_csv(v)


def board_check(args):
    def check(doc, out):
        table = parse_csv(out["csv"], f"'panel {' '.join(args)} --format csv'")
        if table[0] != ["section", "metric", "key", "value", "previous", "change"]:
            fail(f"'panel {' '.join(args)} --format csv': header {table[0]}")
        # Every figure of the JSON is one csv line, in order, with the same value.
        expected = [["period", k, "", doc["period"][k], None, None] for k in ("from", "to", "label")]
        if "compare" in doc:
            expected += [["compare", k, "", doc["compare"]["period"][k], None, None] for k in ("from", "to", "label")]
        for section, body in doc.items():
            if section in ("period", "compare"):
                continue
            for metric, value in body.items():
                if isinstance(value, dict):
                    expected += [[section, metric, k, v, None, None] for k, v in value.items()]
                elif isinstance(value, list):
                    expected += [[section, metric, x["date"], x["reason"], None, None] for x in value]
                else:
                    expected.append([section, metric, "", value, None, None])
        if len(table) - 1 != len(expected):
            fail(f"'panel {' '.join(args)} --format csv': {len(table) - 1} lines, the json has {len(expected)} figures")
        for i, (line, e) in enumerate(zip(table[1:], expected)):
            if line[:3] != [str(x) for x in e[:3]] or line[3] != board_csv(e[3]):
                fail(f"'panel {' '.join(args)} --format csv': line {i + 2} {line[:4]}, json has {e[:4]} "
                     f"(value as csv {board_csv(e[3])!r})")
            if line[4] and "compare" in doc:
                name = next((k for k, v in doc["compare"].items() if k not in ("period", "change")
                             and board_csv(v) == line[4]), None)
                if name is None:
                    fail(f"'panel {' '.join(args)} --format csv': line {i + 2} previous {line[4]!r} is no compare figure")
        period = doc["period"]
        received = n(f"SELECT count(*) FROM referral WHERE received BETWEEN '{period['from']}' AND '{period['to']}'")
        if "--suppress-below" not in args and doc["referrals"]["received"] != received:
            fail(f"'panel {' '.join(args)} --format json': referrals.received {doc['referrals']['received']}, "
                 f"{received} referrals received in {period['from']}..{period['to']}")
        scheduled = n(f"SELECT count(*) FROM meeting WHERE date BETWEEN '{period['from']}' AND '{period['to']}'")
        if "--suppress-below" not in args and doc["meetings"]["scheduled"] != scheduled:
            fail(f"'panel {' '.join(args)} --format json': meetings.scheduled {doc['meetings']['scheduled']}, "
                 f"{scheduled} meetings dated in the period")
        if marking and marking not in out["html"]:
            fail(f"'panel {' '.join(args)} --format html': no marking {marking!r}")
        # The three renderings for people list the same figures with the same values.
        table_rows = [[c for c in re.split(r" {2,}", l.strip())] for l in out["table"].split("\n") if l.startswith("  ")]
        md_rows = [[md_cells(l)[0].replace("&nbsp;", "")] + [c for c in md_cells(l)[1:] if c]
                   for l in out["md"].split("\n") if l.startswith("| ") and not l.startswith("| |")]
        html_rows = [[html.unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", l) if c]
                     for l in out["html"].split("\n") if l.startswith("<tr><td")]
        if not table_rows:
            fail(f"'panel {' '.join(args)}': the table lists no figures")
        for fmt_name, rows in (("md", md_rows), ("html", html_rows)):
            if len(rows) != len(table_rows):
                fail(f"'panel {' '.join(args)} --format {fmt_name}': {len(rows)} figures, the table has {len(table_rows)}")
            for i, (a, b) in enumerate(zip(rows, table_rows)):
                if a != b:
                    fail(f"'panel {' '.join(args)} --format {fmt_name}': figure {i + 1} {a}, the table has {b}")
    return check


for period in (["--quarter", "2023-Q2"], ["--from", "2023-01-01", "--to", iso, "--compare", "none"],
               ["--fy", "2023/24", "--compare", "year"], ["--quarter", "2023-Q1", "--suppress-below", "5"]):
    args = ["report", *period]
    document("report", args, ("table", "csv", "json", "md", "html"), check=board_check(args))


def safelives_check(doc, out):
    table = parse_csv(out["csv"], "'panel report safelives --format csv'")
    header, body = table[0], table[1:]
    if len(body) != len(doc["meetings"]) + 2:
        fail(f"'panel report safelives --format csv': {len(body)} rows, json has {len(doc['meetings'])} meetings + total + percent")
    for i, m in enumerate(doc["meetings"]):
        if header != list(m):
            fail(f"'panel report safelives --format csv': header {header}, json meeting keys {list(m)}")
        if body[i] != [as_csv(v) for v in m.values()]:
            fail(f"'panel report safelives --format csv': row {i + 1} {body[i]}, json {list(m.values())}")
    if body[-2] != ["total"] + [as_csv(v) for v in doc["totals"].values()]:
        fail(f"'panel report safelives --format csv': total row {body[-2]}, json totals {doc['totals']}")
    totals = [sum(m[k] for m in doc["meetings"]) for k in doc["totals"]]
    if totals != list(doc["totals"].values()):
        fail(f"'panel report safelives --format json': totals {doc['totals']} are not the meetings' sums {totals}")
    discussed = n(f"SELECT count(*) FROM discussion d JOIN meeting m ON m.id = d.meeting_id "
                  f"WHERE m.date BETWEEN '{doc['period']['from']}' AND '{doc['period']['to']}'")
    if doc["totals"]["cases_discussed"] != discussed:
        fail(f"'panel report safelives --format json': {doc['totals']['cases_discussed']} cases discussed, "
             f"{discussed} discussions at meetings in the period")
    lines = [l for l in out["md"].split("\n") if l.startswith("|")]
    if len(lines) - 2 != len(body):
        fail(f"'panel report safelives --format md': {len(lines) - 2} rows, csv has {len(body)}")
    for i, (l, row) in enumerate(zip(lines[2:], body)):
        if md_cells(l) != row:
            fail(f"'panel report safelives --format md': row {i + 1} {md_cells(l)}, csv {row}")
    table_lines = out["table"].split("\n\n")[0].split("\n")
    if len(table_lines) - 1 != len(body):
        fail(f"'panel report safelives --format table': {len(table_lines) - 1} rows, csv has {len(body)}")
    for k, cell in zip(header[1:], body[-1][1:]):
        share = doc["percentages"].get(k)
        if (share is None) != (cell in ("", "-")) or share is not None and abs(float(cell.rstrip("%")) - 100 * share) > 0.05 + 1e-9:
            fail(f"'panel report safelives --format csv': percent of '{k}' {cell!r}, json {share!r}")


for period in (["--quarter", "2023-Q1"], ["--from", "2023-01-01", "--to", iso]):
    document("report safelives", ["report", "safelives", *period], ALL, check=safelives_check)

first_case = sql("SELECT reference FROM \"case\" ORDER BY id LIMIT 1", snapshot)
document("case show", ["case", "show", first_case], ("table", "json", "md"),
         check=lambda doc, out: doc["case"]["reference"] == first_case or fail(f"case show {first_case}: json {doc['case']}"))
document("person export", ["person", "export", "1"], ("json", "md", "table"))
document("trigger check", ["trigger", "check", sql("SELECT reference FROM case_review ORDER BY id LIMIT 1", snapshot)],
         ("table", "json"))
document("trigger apply", ["trigger", "apply", "--received", iso, "--applicant", "Ms Ó Briain, \"Flat 2\""],
         ("table", "json"),
         check=lambda doc, out: doc == {"reference": out["table"].strip()}
         or fail(f"trigger apply: json {doc}, table {out['table'].strip()!r}"))
document("config show", ["config", "show"], ("yaml", "json"),
         check=lambda doc, out: doc.get("marking") == marking or fail(f"config show: json marking {doc.get('marking')!r}"))

# ---------------------------------------------------------------- nothing offering --format is left out
# Every command of 'panel --help' is asked for a format it has not ('--format xml'): the ones that
# offer formats say which ("has no format 'xml' (known: ...)"), and each must have been checked
# above in every format it offers, documents aside (letters, packs, research lists, minutes in
# md/txt/html/docx/pdf are documents, not listings). Commands that need arguments get them here.
app = sql("SELECT reference FROM case_review ORDER BY id LIMIT 1", snapshot)
PROBE_ARGS = {
    "refer": ["--file", extra], "case show": [first_case], "agenda": [meetings[MONTHS].isoformat()],
    "minute": [meetings[0].isoformat(), "--render"], "letter": ["referral-acknowledgement", first_case],
    "trigger apply": ["--received", iso, "--applicant", "A N Other"], "trigger check": [app],
    "trigger show": [app], "report": ["--quarter", "2023-Q1"], "report safelives": ["--quarter", "2023-Q1"],
    "incidents import": incident_files[:1], "person find": ["obrien"], "person export": ["1"],
    "person alias list": ["1"],
    "action show": ["A-1"], "template show": ["referral-acknowledgement"],
}
EXTRA_PROBES = {"agenda --research": ["agenda", meetings[MONTHS].isoformat(), "--research"],
                "agenda --pack": ["agenda", meetings[MONTHS].isoformat(), "--pack"]}
NOT_PROBED = {"init": "makes a register", "config edit": "opens $EDITOR", "remind": "sends mail",
              "backup": "writes a file", "restore": "replaces the register", "completion": "prints a script"}
LISTED_AS = {"triage": "triage list", "purge": "purge --dry-run"}
DOCUMENTS = {"md", "txt", "html", "docx", "pdf"}
DOCUMENT_COMMANDS = {"letter", "minute", "agenda --pack", "agenda --research"}


def subcommands(path):
    text = run(today, *path, "--help", database=snapshot).stdout
    block = text.split("\nSubcommands:\n", 1)[1].split("\n\n", 1)[0] if "\nSubcommands:\n" in text else ""
    return [line.split()[0] for line in block.split("\n") if line.strip()]


def leaves(path=()):
    if path:
        yield " ".join(path)  # a command with subcommands may run on its own too (triage, report)
    for sub in subcommands(path):
        yield from leaves((*path, sub))


covered = {}
for name, formats, _ in checked:
    covered.setdefault(name, set()).update(formats)
probes = {leaf: leaf.split() + PROBE_ARGS.get(leaf, []) for leaf in leaves() if leaf not in NOT_PROBED}
probes.update(EXTRA_PROBES)
offering, unprobed = {}, []
for leaf, args in sorted(probes.items()):
    path = fresh_copy()
    p = subprocess.run([panel, *args, "--format", "xml"], env=dict(env, PANEL_TODAY=iso, PANEL_DB=path, EDITOR="false"),
                       capture_output=True, cwd=work, stdin=subprocess.DEVNULL, timeout=60)
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    err = p.stderr.decode("utf-8", "replace")
    found = re.search(r"ha(?:s|ve) no format 'xml' \(known: ([^)]*)\)", err)
    if found:
        offering[leaf] = {f.strip() for f in found.group(1).split(",")}
    elif "is required" in err:
        unprobed.append(leaf)
for leaf, formats in sorted(offering.items()):
    wanted = formats - DOCUMENTS if leaf in DOCUMENT_COMMANDS else formats
    missing = wanted - covered.get(LISTED_AS.get(leaf, leaf), set())
    if missing:
        fail(f"'panel {leaf}' offers --format {', '.join(sorted(formats))}; not checked here in: "
             f"{', '.join(sorted(missing))} (add it to tests/properties/formats.py)")
print(f"offering --format: {', '.join(f'{k} ({len(v)})' for k, v in sorted(offering.items()))}")
if unprobed:
    print(f"not probed for formats (they need arguments this test does not give): {', '.join(unprobed)}")

# ---------------------------------------------------------------- done
for key, why in EXPECTED_TO_FAIL.items():
    if key not in expected_failures_seen:
        print(f"NOTE: expected failure not seen, remove it from EXPECTED_TO_FAIL: {why}")
CASES = 'SELECT count(*) FROM "case"'
commands, sizes = {}, {}
for name, formats, rows in checked:
    commands.setdefault(name, set()).update(formats)
    sizes.setdefault(name, []).append(rows)
print(f"formats, seed {seed}: {len(checked)} runs of {len(commands)} commands agree across formats "
      f"({runs} invocations); register: {kinds}, {n('SELECT count(*) FROM referral')} referrals, "
      f"{n(CASES)} cases, {n('SELECT count(*) FROM action')} actions, "
      f"{n('SELECT count(*) FROM incident')} incidents")
for name in sorted(commands):
    counts = "" if None in sizes[name] else f" (rows: {', '.join(map(str, sizes[name]))})"
    print(f"  {name}: {', '.join(sorted(commands[name]))}{counts}")
shutil.rmtree(work) if not os.environ.get("KEEP") else print(work)
