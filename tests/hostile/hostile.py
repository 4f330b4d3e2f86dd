#!/usr/bin/env python3
"""The hostile-input corpus: inputs generated to break every reader of panel.

Usage: hostile.py PANEL [--only READER] [--list] [--keep]

Every case is generated here from a valid input for one reader (a referral file, minutes, a
profile, complaints, a case review outcome, a police CSV, templates, a backup, the command line)
by one mutation: a field dropped, a value of the wrong kind, a date no one could mean, a NUL, an
escape sequence, bytes that are not UTF-8, an unbounded value, a second YAML document, a YAML tag,
an alias bomb, a broken quote, a missing column, and so on. Nothing is hand-picked: the list of
mutations runs over every field of every valid input.

For each reader the valid input is first recorded on a copy of the register and must be accepted
(exit 0): that proves the mutations start from something panel reads, so a refusal is caused by
the mutation. Then every case runs on its own fresh copy of the register and must

- exit 1 (refused) or 2 (usage), never crash (no signal, no "internal error", no timeout);
- print one clear message starting "panel: error: ", naming the file (and the line, and the
  field, where the mutation has one);
- leave the register exactly as it was (an SQL dump of every table, the audit log included,
  compared before and after).

Exit status: 0 when every case holds, 1 naming every case that did not.
"""

import argparse
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TODAY = "2017-09-04"
MINUTES_DAY = "2017-09-13"
TIMEOUT = 20


@dataclass
class Case:
    reader: str
    name: str
    argv: list                       # panel's arguments; files are named relative to the case folder
    files: dict = field(default_factory=dict)   # name -> bytes
    stdin: bytes = b""
    today: str = TODAY
    exits: tuple = (1,)
    file: str = ""                   # the file the message must name ("" when none)
    line: bool = False               # the message must give a line number after the file
    words: tuple = ()                # words the message must contain (case-insensitive), "a|b" for either
    creates: str = ""                # a register the command would create (init): it must not exist after


# ---------------------------------------------------------------------------------------------
# Valid inputs, one per reader. YAML is written one field per line, so that every field has a
# line of its own for the mutations to change.

REFERRAL_YAML = """\
referrals:
  - received: 2017-08-21
    agency: POL
    source_ref: CAD-2017-08-0001
    referrer:
      name: PC Ann Lee
      email: ann.lee@example.org
    subject:
      name: Siobhán O'Neill
      dob: 1980-04-02
      gender: female
      postcode: EC2Y 8DS
      resident: true
    role: victim
    categories: [harassment, hate-crime]
    vulnerable: true
    risk_level: high
    incidents_12m: 4
    agencies_involved: 2
    professional_judgement: false
    consent: given
    summary: Repeated abuse from a neighbour.
    other_parties:
      - name: Lee Brown
        dob: 1985-02-01
        role: perpetrator
        relationship: neighbour
"""

# field path (as the message may name it), its line's key, its kind, required?
REFERRAL_FIELDS = [
    ("received", "received", "date", True),
    ("agency", "agency", "code", True),
    ("source_ref", "source_ref", "text", False),
    ("referrer.name", "name", "text", False, "referrer"),
    ("referrer.email", "email", "email", False, "referrer"),
    ("subject.name", "name", "text", True, "subject"),
    ("dob", "dob", "dob", False, "subject"),
    ("gender", "gender", "text", False, "subject"),
    ("postcode", "postcode", "text", False, "subject"),
    ("resident", "resident", "bool", False, "subject"),
    ("role", "role", "code", False),
    ("categories", "categories", "codes", True),
    ("vulnerable", "vulnerable", "bool", False),
    ("risk_level", "risk_level", "code", False),
    ("incidents_12m", "incidents_12m", "count", False),
    ("agencies_involved", "agencies_involved", "count", False),
    ("professional_judgement", "professional_judgement", "bool", False),
    ("consent", "consent", "code", False),
    ("summary", "summary", "text", True),
    ("other_parties.name", "name", "text", True, "other_parties"),
    ("other_parties.dob", "dob", "dob", False, "other_parties"),
    ("other_parties.role", "role", "code", False, "other_parties"),
    ("other_parties.relationship", "relationship", "text", False, "other_parties"),
]

REFERRAL_CSV_HEADER = ["received", "agency", "source_ref", "referrer", "referrer_email", "name", "dob", "gender",
                       "postcode", "resident", "role", "category", "vulnerable", "risk_level", "incidents_12m",
                       "agencies_involved", "professional_judgement", "consent", "consent_rationale", "summary"]
REFERRAL_CSV_ROW = ["2017-08-21", "POL", "CAD-2017-08-0002", "PC Ann Lee", "ann.lee@example.org", "Zoë D'Arcy",
                    "1979-01-30", "female", "EC4M 7AA", "true", "victim", "harassment;hate-crime", "true", "high",
                    "4", "2", "", "given", "", "Shouting at night, \"every night\", since June."]
REFERRAL_CSV_KINDS = {"received": ("date", True), "agency": ("code", True), "source_ref": ("text", False),
                      "referrer": ("text", False), "referrer_email": ("email", False), "name": ("text", True),
                      "dob": ("dob", False), "gender": ("text", False), "postcode": ("text", False),
                      "resident": ("bool", False), "role": ("code", False), "category": ("codes", True),
                      "vulnerable": ("bool", False), "risk_level": ("code", False),
                      "incidents_12m": ("count", False), "agencies_involved": ("count", False),
                      "professional_judgement": ("bool", False), "consent": ("code", False),
                      "consent_rationale": ("text", False), "summary": ("text", True)}

MINUTES_YAML = """\
held: true
chair: Supt. J Evans
attendance:
  POL: present
  CST: present
  ASC: present
  HSG: apologies
cases:
  CCM-2017-0001:
    summary: Two further attempts since referral; agreed a joint visit.
    risk: high
    outcome: keep-open
    next_review: 2017-10-10
    actions:
      - owner: MH
        description: Joint visit with the liaison officer
        due: 2017-09-19
  CCM-2017-0002:
    summary: Now in a care placement.
    outcome: close
    close_reason: risk reduced
  CCM-2017-0003:
    summary: Reports continue; agreed an Acceptable Behaviour Contract.
    risk: medium
    outcome: keep-open
    next_review: 2017-12-12
    interventions:
      - type: abc
        agency: HSG
        date: 2017-09-12
        note: Terms agreed at the meeting
"""
MINUTES_FIELDS = [
    ("held", "held", "bool", False),
    ("chair", "chair", "text", False),
    ("attendance", "POL", "attendance", False),
    ("summary", "summary", "text", True, "CCM-2017-0001"),
    ("risk", "risk", "code", False, "CCM-2017-0001"),
    ("outcome", "outcome", "code", True, "CCM-2017-0001"),
    ("next_review", "next_review", "date", False, "CCM-2017-0001"),
    ("owner", "owner", "code", True, "actions"),
    ("description", "description", "text", True, "actions"),
    ("due", "due", "date", True, "actions"),
    ("close_reason", "close_reason", "text", False, "CCM-2017-0002"),
    ("type", "type", "code", True, "interventions"),
    ("agency", "agency", "code", False, "interventions"),
    ("date", "date", "date", False, "interventions"),
    ("note", "note", "text", False, "interventions"),
]

COMPLAINTS_YAML = """\
complaints:
  - incident_date: 2017-06-02
    reported_date: 2017-06-02
    agency: POL
    reference: CAD 4417
    description: Shouting and banging on the front door after midnight
  - incident_date: 2017-06-30
    reported_date: 2017-07-08
    agency: NOISE
    complainant: Sam Bloggs
    description: Loud music all night
"""
COMPLAINT_FIELDS = [
    ("incident_date", "incident_date", "date", True),
    ("reported_date", "reported_date", "date", True),
    ("agency", "agency", "code", True),
    ("reference", "reference", "text", False),
    ("complainant", "complainant", "text", False),
    ("description", "description", "text", True),
]

OUTCOME_YAML = """\
date: 2017-09-13
summary: The panel reviewed the responses to the complaints.
recommendations:
  - owner: HSG
    description: Visit the neighbouring tenancy
    due: 2017-09-29
"""
OUTCOME_FIELDS = [
    ("date", "date", "date", False),
    ("summary", "summary", "text", True),
    ("owner", "owner", "code", True, "recommendations"),
    ("description", "description", "text", True, "recommendations"),
    ("due", "due", "date", True, "recommendations"),
]

POLICE_HEADER = ["Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude", "Location",
                 "LSOA code", "LSOA name", "Crime type", "Last outcome category", "Context"]
POLICE_ROW = ["e89473ecc5a5933dea51b936bb507993d08a77ff1cdefff27686dabc32765c88", "2021-09",
              "City of London Police", "City of London Police", "-0.120975", "51.530644",
              "On or near King'S Cross Bridge", "E01000938", "Camden 024B", "Drugs",
              "Court result unavailable", ""]
POLICE_NAME = "2021-09-city-of-london-street.csv"

TEMPLATE_YAML = """\
name: warning-letter
description: A first warning letter
for: case
format: markdown
fields: [person.name]
subject: "Warning ({{case.reference}})"
body: |
  Dear {{recipient}},
  Your case {{case.reference}} was discussed.
"""


# ---------------------------------------------------------------------------------------------
# Values no reader may take, by kind of field. Each is (label, YAML text, CSV text). The YAML text
# is written after "key: "; None means the kind has no such mutation.

def bad_values(kind):
    text_bad = [
        ("nul", '"a\\0b"', "a\0b"),
        ("escape", '"\\e[31mred"', "\x1b[31mred"),
        ("bell", '"ring\\a"', "ring\a"),
        ("not-utf8", b"caf\xe9", b"caf\xe9"),
        ("huge", "x" * (2 * 1024 * 1024), "x" * (2 * 1024 * 1024)),
    ]
    common = [("list", "[a, b]", None), ("mapping", "{a: b}", None)]
    if kind == "date":
        return common + [("impossible", "2017-02-31", "2017-02-31"), ("ancient", "1066-10-14", "1066-10-14"),
                         ("words", "tomorrow", "tomorrow"), ("far-future", "9999-12-31", "9999-12-31"),
                         ("nul", '"2017-08-21\\0"', "2017-08-21\0")]
    if kind == "dob":
        return common + [("impossible", "1980-02-30", "1980-02-30"), ("too-old", "1800-01-01", "1800-01-01"),
                         ("future", "2030-01-01", "2030-01-01"), ("words", "unknown-ish", "unknown-ish")]
    if kind == "code":
        return common + [("unknown", "NO-SUCH-CODE", "NO-SUCH-CODE"), ("nul", '"POL\\0"', "POL\0"),
                         ("escape", '"\\e[2J"', "\x1b[2J")]
    if kind == "codes":
        return [("mapping", "{a: b}", None), ("unknown", "[no-such-category]", "no-such-category"),
                ("nested", "[[harassment]]", None), ("nul", '["harass\\0ment"]', "harass\0ment")]
    if kind == "bool":
        return common + [("maybe", "maybe", "maybe"), ("number", "2", "2"), ("nul", '"true\\0"', "true\0")]
    if kind == "count":
        return common + [("words", "three", "three"), ("negative", "-1", "-1"), ("fraction", "1.5", "1.5"),
                         ("overflow", "99999999999999999999999", "99999999999999999999999")]
    if kind == "email":
        return common + [("newline", '"a@example.org\\nBcc: x@example.org"', "a@example.org\nBcc: x@example.org"),
                         ("nul", '"a@example.org\\0"', "a@example.org\0")]
    if kind == "attendance":
        return common + [("unknown", "sometimes", None)]
    if kind == "text":
        return common + text_bad
    raise ValueError(kind)


def enc(value):
    return value if isinstance(value, bytes) else value.encode("utf-8")


def find_line(lines, key, parent=None):
    """The index of the line 'key:' (inside the block that starts at 'parent:' when given)."""
    start = 0
    if parent:
        start = next(i for i, l in enumerate(lines) if re.match(r"\s*(- )?%s:" % re.escape(parent), l))
    for i in range(start + (1 if parent else 0), len(lines)):
        if re.match(r"\s*(- )?%s:" % re.escape(key), lines[i]):
            return i
    raise KeyError(key)


def yaml_mutations(reader, base, fields, argv_for, fname, **extra):
    """Cases from one valid YAML input: per field, a wrong value, a list/mapping, a drop (when
    required); per file, the document-level attacks."""
    cases = []
    lines = base.splitlines(keepends=True)
    for f in fields:
        path, key, kind, required = f[:4]
        parent = f[4] if len(f) > 4 else None
        i = find_line(lines, key, parent)
        prefix = re.match(r"(\s*(- )?%s:)" % re.escape(key), lines[i]).group(1)
        # the message names the field, or the block it sits in ("referrer: ..."); "categories" as "category"
        word = "|".join({path.split(".")[-1], path.split(".")[0]}).replace("categories", "categor")
        for label, yaml_text, _ in bad_values(kind):
            if yaml_text is None:
                continue
            body = enc("".join(lines[:i])) + enc(prefix + " ") + enc(yaml_text) + b"\n" + enc("".join(lines[i + 1:]))
            cases.append(Case(reader, "%s-%s" % (path, label), argv_for(fname), {fname: body}, file=fname,
                              line=label not in ("huge",), words=() if label in ("not-utf8", "huge") else (word,),
                              **extra))
        if required:
            if lines[i].lstrip().startswith("- "):
                continue  # dropping the first key of a list item changes the list's shape, not the field
            body = "".join(lines[:i] + lines[i + 1:])
            # a field's block (like referrer:) goes with it
            cases.append(Case(reader, "%s-missing" % path, argv_for(fname), {fname: enc(body)}, file=fname,
                              words=(word,), **extra))
    # an unknown key beside the first field of the first mapping
    first = next(i for i, l in enumerate(lines) if re.match(r"\s*(- )?\w+:", l))
    m = re.match(r"(\s*)(- )?", lines[first])
    if not m.group(2) and lines[first].rstrip().endswith(":") and first + 1 < len(lines):
        first += 1   # 'referrals:' or 'complaints:': the first mapping is the list's first item
        m = re.match(r"(\s*)(- )?", lines[first])
    indent = m.group(1) + ("  " if m.group(2) else "")
    stray = lines[:first + 1] + ["%snot_a_field: 1\n" % indent] + lines[first + 1:]
    cases.append(Case(reader, "unknown-key", argv_for(fname), {fname: enc("".join(stray))}, file=fname, line=True,
                      words=("not_a_field",), **extra))
    # the second key line indented one space more than its mapping: a syntax error, not a value
    keyed = [i for i, l in enumerate(lines) if re.match(r"\s*(- )?\w+:", l)]
    bad_indent = lines[:keyed[1]] + [" " + lines[keyed[1]]] + lines[keyed[1] + 1:]
    doc = enc(base)
    whole = [
        ("empty", b""),
        ("only-comment", b"# nothing here\n"),
        ("only-separator", b"---\n"),
        ("null", b"~\n"),
        ("comma", b","),
        ("scalar", b"just some words\n"),
        ("list-of-numbers", b"[1, 2, 3]\n"),
        ("second-document", doc + b"---\n" + doc),
        ("second-document-scalar", doc + b"---\nhello\n"),
        ("tag-python", doc.replace(b"\n", b"\nextra: !!python/object/apply:os.system [\"id\"]\n", 1)),
        ("tag-local", doc.replace(b": ", b": !secret ", 1)),
        ("alias-bomb", b"a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                       b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                       b"e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"),
        ("unknown-alias", doc + b"x: *nowhere\n"),
        ("bad-indent", enc("".join(bad_indent))),
        ("unclosed-flow", doc + b"y: [a, b\n"),
        ("unclosed-quote", doc + b"y: \"abc\n"),
        ("tab-indent", doc.replace(b"\n  ", b"\n\t", 1)),
        ("duplicate-key", doc + doc.splitlines(keepends=True)[0]),
        ("utf16", base.encode("utf-16")),
        ("latin1", doc.replace("ó".encode(), b"\xf3").replace("é".encode(), b"\xe9") + b"# caf\xe9\n"),
        ("binary", bytes(range(256)) * 4),
        ("nul-bytes", b"\0" * 4096),
        ("over-size", lambda: b"# " + b"x" * (64 * 1024 * 1024) + b"\n" + doc),
    ]
    for label, body in whole:
        wants_line = label in ("second-document", "second-document-scalar", "tag-python", "tag-local",
                               "unknown-alias", "unclosed-flow", "unclosed-quote", "duplicate-key", "latin1",
                               "bad-indent", "tab-indent")
        cases.append(Case(reader, label, argv_for(fname), {fname: body}, file=fname, line=wants_line, **extra))
    return cases


def csv_line(cells):
    out = []
    for c in cells:
        b = enc(c)
        if any(ch in b for ch in b',"\n\r'):
            b = b'"' + b.replace(b'"', b'""') + b'"'
        out.append(b)
    return b",".join(out) + b"\r\n"


def csv_mutations(reader, header, row, kinds, argv_for, fname, needs_word=True, oversize=True, **extra):
    cases = []
    good = csv_line(header) + csv_line(row)
    for col, (kind, required) in kinds.items():
        j = header.index(col)
        for label, _, csv_text in bad_values(kind):
            if csv_text is None:
                continue
            cells = list(row)
            cells[j] = csv_text
            cases.append(Case(reader, "%s-%s" % (col, label), argv_for(fname),
                              {fname: csv_line(header) + csv_line(cells)}, file=fname,
                              line=label != "huge", words=(col,) if needs_word and label not in ("not-utf8", "huge") else (),
                              **extra))
        if required:
            cells = list(row)
            cells[j] = ""
            cases.append(Case(reader, "%s-empty" % col, argv_for(fname), {fname: csv_line(header) + csv_line(cells)},
                              file=fname, line=True, words=(col,) if needs_word else (), **extra))
            h = [c for c in header if c != col]
            r = [c for k, c in enumerate(row) if k != j]
            cases.append(Case(reader, "%s-column-missing" % col, argv_for(fname), {fname: csv_line(h) + csv_line(r)},
                              file=fname, words=(col,) if needs_word else (), **extra))
    whole = [
        ("empty", b""),
        ("too-many-cells", csv_line(header) + csv_line(row + ["extra"])),
        ("too-few-cells", csv_line(header) + csv_line(row[:3])),
        ("unterminated-quote", csv_line(header) + csv_line(row)[:-2] + b',"never closed\r\n'),
        ("quote-in-bare-cell", csv_line(header) + csv_line(row[:1]) [:-2] + b',PO"L' + b"," + b",".join(
            enc(c) for c in row[2:]) + b"\r\n"),
        ("duplicate-column", csv_line(header + [header[0]]) + csv_line(row + [row[0]])),
        ("latin1", good + csv_line(row).replace(enc(row[0]), b"caf\xe9", 1)),
        ("utf16", (csv_line(header).decode() + csv_line(row).decode("utf-8", "replace")).encode("utf-16")),
        ("binary", bytes(range(256)) * 4),
        ("nul-row", csv_line(header) + b"\0" * 64 + b"\r\n"),
        ("over-size", lambda: csv_line(header) + (csv_line(row) * (64 * 1024 * 1024 // len(csv_line(row)) + 1))),
    ]
    for label, body in whole:
        if label == "over-size" and not oversize:
            continue
        cases.append(Case(reader, label, argv_for(fname), {fname: body}, file=fname,
                          line=label in ("too-many-cells", "too-few-cells", "unterminated-quote", "quote-in-bare-cell",
                                         "latin1", "nul-row"),
                          **extra))
    return cases


def template_cases():
    fname = "tpl/warning-letter.yaml"
    argv = ["--templates", "tpl", "template", "check"]
    lines = TEMPLATE_YAML
    cases = []
    for label, body in [
        ("nul-in-body", enc(lines).replace(b"was discussed", b"was\0discussed")),
        ("unclosed-section", enc(lines).replace(b"discussed.", b"discussed {{#actions}}")),
        ("unclosed-tag", enc(lines).replace(b"{{case.reference}} was", b"{{case.reference was")),
        ("unknown-kind", enc(lines).replace(b"for: case", b"for: poster")),
        ("unknown-variable", enc(lines).replace(b"{{recipient}}", b"{{no.such.thing}}")),
        ("body-list", enc(lines.split("body:")[0] + "body: [a, b]\n")),
        ("not-utf8", enc(lines).replace(b"discussed", b"discuss\xe9d")),
        ("second-document", enc(lines) + b"---\n" + enc(lines)),
        ("tag", enc(lines).replace(b"for: case", b"for: !!python/name:os.system case")),
        ("empty", b""),
        ("escape-in-body", enc(lines).replace(b"discussed", b"discussed\x1b[2J")),
    ]:
        cases.append(Case("templates", label, argv, {fname: body}, file="warning-letter.yaml",
                          line=label in ("nul-in-body", "not-utf8", "second-document", "tag", "escape-in-body")))
    # two files that say they are the same template
    cases.append(Case("templates", "same-name-twice", argv,
                      {fname: enc(TEMPLATE_YAML), "tpl/copy-of-warning.yaml": enc(TEMPLATE_YAML)},
                      words=("warning-letter",)))
    return cases


def command_line_cases():
    """Values on the command line: every option that takes a date, a number or a code, given
    something no one could mean."""
    cases = []
    def c(name, argv, exits=(1, 2), words=()):
        cases.append(Case("command-line", name, argv, exits=exits, words=words))
    base_refer = ["refer", "--received", "2017-08-21", "--agency", "POL", "--name", "Jo Bloggs",
                  "--category", "harassment", "--summary", "Shouting at night"]
    def refer_with(opt, value):
        argv = list(base_refer)
        if opt in argv:
            argv[argv.index(opt) + 1] = value
        else:
            argv += [opt, value]
        return argv
    for opt, values in [
        ("--received", ["2017-02-31", "1066-10-14", "", "yesterday"]),
        ("--agency", ["PLC", "", "POL\x1b[2J"]),
        ("--name", ["", "Jo\x1bBloggs", "x" * 100000, "\n"]),
        ("--category", ["no-such", ""]),
        ("--summary", ["", "abc\x1b[31m"]),
        ("--dob", ["1800-01-01", "2030-01-01", "1980-02-30"]),
        ("--incidents", ["three", "-1", "99999999999999999999"]),
        ("--risk", ["extreme"]),
    ]:
        for k, v in enumerate(values):
            c("refer%s-%d" % (opt, k), refer_with(opt, v), words=(opt.lstrip("-"),))
    c("db-empty", ["--db", "", "triage"], words=("--db",))
    c("today-empty", ["--today", "", "triage"], words=("--today",))
    c("today-bad", ["--today", "2017-13-01", "triage"], words=("--today",))
    c("today-ancient", ["--today", "0001-01-01", "triage"], words=("--today",))
    c("as-newline", ["--as", "jo\nroot", "triage"], words=("--as",))
    c("as-escape", ["--as", "jo\x1b[2J", "triage"], words=("--as",))
    c("as-empty", ["--as", "", "triage"], words=("--as",))
    c("as-blank", ["--as", "   ", "triage"], words=("--as",))
    c("meeting-add-year-1", ["meeting", "add", "0001-01-01"])
    c("meeting-add-impossible", ["meeting", "add", "2017-02-30"])
    c("meeting-add-bad-time", ["meeting", "add", "2017-10-03", "--time", "25:99"])
    c("meeting-add-venue-escape", ["meeting", "add", "2017-10-03", "--venue", "Hall\x1b[2J"])
    c("config-set-marking-crlf", ["config", "set", "marking", "OFFICIAL\r\nSENSITIVE"], words=("marking",))
    c("config-set-marking-nul-like", ["config", "set", "marking", "OFFICIAL\x1b[2J"], words=("marking",))
    c("config-set-name-huge", ["config", "set", "name", "x" * 100000], words=("name",))
    c("config-set-lead-days-negative", ["config", "set", "agenda_lead_days", "-3"], words=("agenda_lead_days",))
    c("config-set-lead-days-words", ["config", "set", "agenda_lead_days", "five"], words=("agenda_lead_days",))
    c("config-set-unknown", ["config", "set", "no.such.key", "1"], words=("unknown key",))
    c("agency-add-code-escape", ["agency", "add", "X\x1bY", "--name", "X"])
    c("agency-add-email-newline", ["agency", "add", "PRB", "--name", "Probation", "--email", "a@b.org\nBcc: c@d.org"])
    c("triage-unknown-ref", ["triage", "CCM-2017-9999", "accept"])
    c("triage-reason-escape", ["triage", "CCM-2017-0005", "decline", "--reason", "no\x1b[2J"])
    c("action-add-due-ancient", ["action", "add", "CCM-2017-0001", "--owner", "POL", "--description", "Visit",
                                 "--due", "1066-10-14"])
    c("case-show-unknown", ["case", "show", "CCM-2099-0001"])
    c("report-quarter-bad", ["report", "--quarter", "2017-Q5"])
    c("person-export-unknown", ["person", "export", "P-999999"])
    c("restore-missing", ["restore", "no-such-backup.db", "--force"])
    return cases


def restore_cases():
    cases = []
    def foreign_sqlite():
        path = tempfile.mktemp(suffix=".db")
        con = sqlite3.connect(path)
        con.execute("CREATE TABLE t(x)")
        con.execute("INSERT INTO t VALUES ('not a register')")
        con.commit()
        con.close()
        with open(path, "rb") as f:
            data = f.read()
        os.unlink(path)
        return data
    foreign = foreign_sqlite()
    for label, body in [("text-file", b"this is not a database\n"), ("empty-file", b""),
                        ("foreign-sqlite", foreign), ("truncated-sqlite", foreign[:1000]),
                        ("zeros", b"\0" * 8192)]:
        cases.append(Case("restore", label, ["restore", "backup.db", "--force"], {"backup.db": body},
                          exits=(1, 3), file="backup.db"))
    return cases


# ---------------------------------------------------------------------------------------------

def generate():
    cases = []
    cases += yaml_mutations("referrals-yaml", REFERRAL_YAML, REFERRAL_FIELDS,
                            lambda f: ["refer", "--file", f], "referrals.yaml")
    cases += csv_mutations("referrals-csv", REFERRAL_CSV_HEADER, REFERRAL_CSV_ROW, REFERRAL_CSV_KINDS,
                           lambda f: ["refer", "--file", f], "referrals.csv")
    cases += yaml_mutations("minutes", MINUTES_YAML, MINUTES_FIELDS,
                            lambda f: ["minute", "2017-09-12", "--file", f], "minutes.yaml", today=MINUTES_DAY)
    cases += yaml_mutations("complaints", COMPLAINTS_YAML, COMPLAINT_FIELDS,
                            lambda f: ["trigger", "apply", "--received", "2017-08-21", "--applicant", "Jo Bloggs",
                                       "--file", f], "complaints.yaml")
    cases += yaml_mutations("outcome", OUTCOME_YAML, OUTCOME_FIELDS,
                            lambda f: ["trigger", "outcome", "CT-2017-0001", "--file", f], "outcome.yaml",
                            today=MINUTES_DAY)
    cases += csv_mutations("police-csv", POLICE_HEADER, POLICE_ROW,
                           {"Crime type": ("text", True), "Location": ("text", False),
                            "Last outcome category": ("text", False), "LSOA name": ("text", False)},
                           lambda f: ["incidents", "import", f], POLICE_NAME, needs_word=False,
                           oversize=False)  # a force's month may be large: the limit is 512 MB (a unit test)
    cases += template_cases()
    cases += command_line_cases()
    cases += restore_cases()
    # the profile last: its valid text comes from the register itself (see run())
    return cases


def profile_cases(profile_text):
    lines = profile_text.splitlines(keepends=True)
    fields = [
        ("name", "name", "text", True),
        ("short", "short", "text", True),
        ("marking", "marking", "text", False),
        ("reference_prefix", "reference_prefix", "text", True),
        ("quorum", "quorum", "codes", False),
        ("agenda_lead_days", "agenda_lead_days", "count", False),
        ("minutes_due_working_days", "minutes_due_working_days", "count", False),
        ("due_soon_days", "due_soon_days", "count", False),
        ("remind_every_days", "remind_every_days", "count", False),
        ("escalate_after_days", "escalate_after_days", "count", False),
        ("attention_after_days", "attention_after_days", "count", False),
        ("coordinator.email", "email", "email", False, "coordinator"),
        ("coordinator.name", "name", "text", False, "coordinator"),
        ("complaints", "complaints", "count", False, "case_review"),
        ("closed_case_years", "closed_case_years", "count", False, "retention"),
    ]
    # a profile's codes are lists of defined codes; 'quorum' must name agencies
    cases = yaml_mutations("profile", profile_text, fields, lambda f: ["config", "import", f], "profile.yaml")
    # and at the level of the whole profile: a duplicated agency code, a category twice
    agency = next(l for l in lines if l.strip().startswith("- {code: POL"))
    cases.append(Case("profile", "agency-twice", ["config", "import", "profile.yaml"],
                      {"profile.yaml": enc(profile_text.replace(agency, agency + agency))}, file="profile.yaml",
                      line=True, words=("POL",)))
    # 'init --profile FILE' reads the same format into a register that does not exist yet: a refused
    # profile must leave no register (and no -wal or -shm) behind.
    for c in list(cases):
        cases.append(Case("init", c.name, ["--db", "new.db", "init", "--profile", "profile.yaml"], c.files,
                          file=c.file, line=c.line, words=c.words, creates="new.db"))
    return cases


# ---------------------------------------------------------------------------------------------

def dump(db):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        return "\n".join(con.iterdump())
    finally:
        con.close()


def run_panel(panel, argv, cwd, db, today, stdin=b""):
    env = dict(os.environ)
    for k in list(env):
        if k.startswith("PANEL_") or k in ("VISUAL", "EDITOR"):
            del env[k]
    env.update({"PANEL_DB": db, "PANEL_TODAY": today, "PANEL_USER": "hostile", "LC_ALL": "C.UTF-8",
                "EDITOR": "false"})
    return subprocess.run([panel] + argv, cwd=cwd, env=env, input=stdin, capture_output=True, timeout=TIMEOUT)


def setup_register(panel, work):
    db = os.path.join(work, "register.db")
    steps = [
        ["init", "--profile", "ccm"],
        ["refer", "--file", os.path.join(ROOT, "examples", "referrals.yaml")],
        ["meeting", "schedule", "--every", "second tuesday", "--from", "2017-09-01", "--to", "2017-12-31",
         "--time", "14:00", "--venue", "Guildhall"],
        ["triage", "CCM-2017-0001", "accept", "--meeting", "2017-09-12", "--lead", "ASC", "--risk", "high"],
        ["triage", "--accept-eligible"],
        ["agenda", "2017-09-12", "--issue"],
    ]
    for argv in steps:
        r = run_panel(panel, ["-q"] + argv, work, db, TODAY)
        if r.returncode != 0:
            sys.exit("hostile: setting up the register failed at %s: %s" % (argv, r.stderr.decode()))
    # a case review application, for 'trigger outcome'
    for argv in (["trigger", "apply", "--received", "2017-08-21", "--applicant", "Jo Bloggs", "--file",
                  os.path.join(ROOT, "examples", "case-review", "complaints.yaml")],
                 ["trigger", "acknowledge", "CT-2017-0001"],
                 ["trigger", "decide", "CT-2017-0001"],
                 ["trigger", "review", "CT-2017-0001", "--meeting", "2017-09-12"]):
        r = run_panel(panel, ["-q"] + argv, work, db, TODAY)
        if r.returncode != 0:
            sys.exit("hostile: setting up the register failed at %s: %s" % (argv, r.stderr.decode()))
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    for suffix in ("-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.unlink(db + suffix)
    profile = run_panel(panel, ["config", "show"], work, db, TODAY).stdout.decode()
    return db, profile


def controls():
    """The valid input of each reader, which must be accepted."""
    police = csv_line(POLICE_HEADER) + csv_line(POLICE_ROW)
    return [
        Case("referrals-yaml", "control", ["refer", "--file", "referrals.yaml"], {"referrals.yaml": enc(REFERRAL_YAML)},
             exits=(0,)),
        Case("referrals-csv", "control", ["refer", "--file", "referrals.csv"],
             {"referrals.csv": csv_line(REFERRAL_CSV_HEADER) + csv_line(REFERRAL_CSV_ROW)}, exits=(0,)),
        Case("minutes", "control", ["minute", "2017-09-12", "--file", "minutes.yaml"],
             {"minutes.yaml": enc(MINUTES_YAML)}, today=MINUTES_DAY, exits=(0,)),
        Case("complaints", "control", ["trigger", "apply", "--received", "2017-08-21", "--applicant", "Jo Bloggs",
                                       "--file", "complaints.yaml"], {"complaints.yaml": enc(COMPLAINTS_YAML)},
             exits=(0,)),
        Case("outcome", "control", ["trigger", "outcome", "CT-2017-0001", "--file", "outcome.yaml"],
             {"outcome.yaml": enc(OUTCOME_YAML)}, today=MINUTES_DAY, exits=(0,)),
        Case("police-csv", "control", ["incidents", "import", POLICE_NAME], {POLICE_NAME: police}, exits=(0,)),
        Case("templates", "control", ["--templates", "tpl", "template", "check"],
             {"tpl/warning-letter.yaml": enc(TEMPLATE_YAML)}, exits=(0,)),
        Case("command-line", "control", ["refer", "--received", "2017-08-21", "--agency", "POL", "--name",
                                         "Jo Bloggs", "--category", "harassment", "--summary", "Shouting at night"],
             exits=(0,)),
    ]


def check_case(panel, case, base_db, base_dump, work):
    """Runs one case on a fresh copy of the register; returns the list of what went wrong."""
    folder = tempfile.mkdtemp(prefix="case.", dir=work)
    db = os.path.join(folder, "panel.db")
    shutil.copyfile(base_db, db)
    os.chmod(db, 0o600)
    for name, body in case.files.items():
        path = os.path.join(folder, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(body() if callable(body) else body)
    problems = []
    try:
        r = run_panel(panel, case.argv, folder, db, case.today, case.stdin)
    except subprocess.TimeoutExpired:
        shutil.rmtree(folder, ignore_errors=True)
        return ["did not finish in %d s" % TIMEOUT]
    err = r.stderr.decode("utf-8", "replace")
    if r.returncode not in case.exits:
        problems.append("exit %d, expected %s" % (r.returncode, " or ".join(map(str, case.exits))))
    if case.exits != (0,):
        first = err.splitlines()[0] if err else ""
        if "internal error" in err or "std::" in err or "terminate" in err:
            problems.append("not a clear message: %r" % first[:200])
        elif not first.startswith("panel: error: "):
            problems.append("no 'panel: error:' message: %r" % first[:200])
        if case.file:
            pattern = re.escape(case.file) + (r":\d+" if case.line else "")
            if not re.search(pattern, err):
                problems.append("message does not name %s%s: %r" % (case.file, ":LINE" if case.line else "",
                                                                      first[:200]))
        for w in case.words:
            if not any(alt.lower() in err.lower() for alt in w.split("|")):
                problems.append("message does not name '%s': %r" % (w, first[:200]))
        if len(err) > 20000:
            problems.append("message of %d bytes (the input echoed back?)" % len(err))
        after = dump(db)
        if after != base_dump:
            problems.append("the register changed")
        if case.creates:
            left = [n for n in os.listdir(folder) if n.startswith(case.creates)]
            if left:
                problems.append("left %s behind" % ", ".join(sorted(left)))
    shutil.rmtree(folder, ignore_errors=True)
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("panel")
    parser.add_argument("--only", help="run only the cases of this reader (e.g. referrals-yaml)")
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args()
    panel = os.path.abspath(args.panel)
    work = tempfile.mkdtemp(prefix="panel-hostile.")
    os.chmod(work, 0o700)
    try:
        base_db, profile = setup_register(panel, work)
        cases = generate() + profile_cases(profile)
        if args.list:
            for c in cases:
                print("%s/%s" % (c.reader, c.name))
            print("%d cases" % len(cases))
            return 0
        base_dump = dump(base_db)
        failures = []
        ctl = controls() + [Case("profile", "control", ["config", "import", "profile.yaml"],
                                 {"profile.yaml": enc(profile)}, exits=(0,)),
                            Case("init", "control", ["--db", "new.db", "init", "--profile", "profile.yaml"],
                                 {"profile.yaml": enc(profile)}, exits=(0,))]
        for case in ctl:
            if args.only and case.reader != args.only:
                continue
            for p in check_case(panel, case, base_db, base_dump, work):
                failures.append("%s/%s: %s" % (case.reader, case.name, p))
        if failures:
            print("\n".join(failures))
            print("hostile: a valid input was refused, so its mutations prove nothing")
            return 1
        ran = 0
        by_reader = {}
        for case in cases:
            if args.only and case.reader != args.only:
                continue
            ran += 1
            by_reader[case.reader] = by_reader.get(case.reader, 0) + 1
            problems = check_case(panel, case, base_db, base_dump, work)
            if problems:
                failures.append("%s/%s: %s" % (case.reader, case.name, "; ".join(problems)))
        for reader, n in sorted(by_reader.items()):
            print("%-16s %4d cases" % (reader, n))
        print("%d cases, %d problems" % (ran, len(failures)))
        for f in failures:
            print("FAIL " + f)
        return 1 if failures else 0
    finally:
        if args.keep:
            print("work folder kept: " + work)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
