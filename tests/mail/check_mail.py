#!/usr/bin/python3
"""Checks for tests/mail/remind_smtp.sh: what the SMTP sink received from one `panel remind` run.

    check_mail.py verify --panel BIN --today DATE --sink DIR --after N --names FILE
                         [--only CODE,...] [--skip CODE,...] [--no-digest]
    check_mail.py names --names FILE TEXTFILE...
    check_mail.py count --sink DIR

verify works out on its own, from `panel action list`, `panel agency list`, `panel case list`
and `panel config get` (PANEL_DB must be set), which agencies must have received a reminder at
DATE and with which actions, and whether the coordinator's digest is due; then checks the
messages the sink received after message number N: one per agency (or only those in --only,
none of those in --skip), each to the right envelope recipient and To:, with the headers,
marking, case references, action ids and action text, and no name of a person from the
referrals file anywhere. It prints the number of checks passed on stdout; each failure goes to
stderr as "FAIL: ..." and the exit code is 1.

The expected digest covers escalations (open actions overdue by more than escalate_after_days)
and cases past their review date; interventions past their review or expiry date are not
worked out here, so the test keeps its dates before the first one (the ABC's review on
2017-12-12).

Standard library only (python3-yaml is used for the referrals file when it is there).
"""
import argparse
import datetime
import email
import email.policy
import email.utils
import json
import os
import re
import subprocess
import sys

failures = []
passed = 0


def check(ok, message):
    global passed
    if ok:
        passed += 1
    else:
        failures.append(message)
        print("FAIL: " + message, file=sys.stderr)
    return ok


def panel(bin_, *args):
    r = subprocess.run([bin_, *args], capture_output=True, text=True)
    if r.returncode != 0:
        print("FAIL: panel %s exited %d: %s" % (" ".join(args), r.returncode, r.stderr.strip()), file=sys.stderr)
        sys.exit(1)
    return r.stdout


def config(bin_, key):
    return panel(bin_, "config", "get", key).strip()


def day(text):
    return datetime.date.fromisoformat(text)


# --- names of people in the referrals file -----------------------------------------------------

TITLES = {"PC", "DC", "Dr", "Mr", "Mrs", "Ms", "Miss", "Paramedic", "Supt", "Sgt"}


def names_in(path):
    """Every name in the referrals file (subjects, other parties, referrers): whole names and words."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    full = set()
    try:
        import yaml

        def walk(node):
            if isinstance(node, dict):
                for k, v in node.items():
                    if k == "name" and isinstance(v, str):
                        full.add(v.strip())
                    else:
                        walk(v)
            elif isinstance(node, list):
                for v in node:
                    walk(v)

        walk(yaml.safe_load(text))
    except ImportError:
        for m in re.finditer(r"\bname:\s*([^,}\n#]+)", text):
            full.add(m.group(1).strip().strip("'\""))
    words = set()
    for name in full:
        for w in re.split(r"\s+", name):
            if w and w not in TITLES:
                words.add(w)
    # Spellings a system might fold a name to.
    folded = set()
    for w in words | full:
        plain = w.replace("ë", "e").replace("’", "'")
        folded |= {plain, plain.replace("'", ""), w.replace("'", "’")}
    return sorted(full), sorted((words | folded) - full - {""})


def names_found(text, names_file):
    full, words = names_in(names_file)
    found = []
    for n in full:
        if n.lower() in text.lower():
            found.append(n)
    for w in words:
        # Case-sensitive, as a whole word: "Marsh", "Doyle", "Zoë", "O'Brien".
        if re.search(r"(?<![\w'’])" + re.escape(w) + r"(?![\w'’])", text):
            found.append(w)
    return sorted(set(found))


# --- the sink -----------------------------------------------------------------------------------

def received(sink):
    out = []
    for name in sorted(os.listdir(sink)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(sink, name), encoding="utf-8") as f:
            meta = json.load(f)
        with open(os.path.join(sink, meta["eml"]), "rb") as f:
            meta["raw"] = f.read()
        out.append(meta)
    return out


def addr(text):
    return email.utils.parseaddr(text)[1].lower()


def body_text(msg):
    try:
        return msg.get_content()
    except Exception as e:  # a body that cannot be decoded is a failure, not a crash
        check(False, "body of %s cannot be decoded: %s" % (msg.get("To"), e))
        return msg.get_payload(decode=False) or ""


def flat(text):
    return re.sub(r"\s+", " ", text)


def has_id(text, action_id):
    return re.search(r"(?<![\w-])" + re.escape(action_id) + r"(?![\w-])", text) is not None


def check_message(m, names_file, marking, sender, to, what):
    """The checks every message gets; returns (message, subject, body)."""
    raw = m["raw"]
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    head = re.split(rb"\r?\n\r?\n", raw, maxsplit=1)[0]
    check(m["rcpt_tos"] == [to], "%s: envelope recipients %s, expected [%s]" % (what, m["rcpt_tos"], to))
    check(addr(m["mail_from"]) == addr(sender), "%s: envelope sender %r, expected %r" % (what, m["mail_from"], addr(sender)))
    for h in ("Date", "From", "To", "Subject", "Message-ID", "MIME-Version", "Content-Type"):
        n = len(msg.get_all(h) or [])
        check(n == 1, "%s: %d %s: headers, expected exactly 1" % (what, n, h))
    tos = [a.lower() for _, a in email.utils.getaddresses([str(v) for v in (msg.get_all("To") or [])])]
    check(tos == [to], "%s: To: holds %s, expected [%s]" % (what, tos, to))
    check(addr(str(msg.get("From", ""))) == addr(sender), "%s: From: %r, expected the address of %r" % (what, msg.get("From"), sender))
    date = str(msg.get("Date", ""))
    try:
        ok = email.utils.parsedate_to_datetime(date) is not None
    except (TypeError, ValueError):
        ok = False
    check(ok, "%s: Date: %r is not an RFC 5322 date" % (what, date))
    check(re.fullmatch(r"<[^<>@\s]+@[^<>@\s]+>", str(msg.get("Message-ID", "")).strip()) is not None,
          "%s: Message-ID: %r is not <left@right>" % (what, msg.get("Message-ID")))
    check(str(msg.get("MIME-Version", "")).strip() == "1.0", "%s: MIME-Version: %r, expected 1.0" % (what, msg.get("MIME-Version")))
    ctype = msg.get_content_type()
    charset = (msg.get_param("charset") or "").lower()
    check(ctype == "text/plain" and charset == "utf-8", "%s: Content-Type: %r, expected text/plain; charset=utf-8" % (what, msg.get("Content-Type")))
    raw_ct = re.search(rb"(?im)^Content-Type:[ \t]*(.*)$", head)
    check(raw_ct is not None and re.fullmatch(rb'text/plain;\s*charset="?utf-8"?\s*', raw_ct.group(1), re.I) is not None,
          "%s: raw Content-Type header %r" % (what, raw_ct.group(1) if raw_ct else None))
    check(all(b < 0x80 for b in head), "%s: the header has bytes that are not ASCII (RFC 2047 needed): %r"
          % (what, [l for l in head.splitlines() if any(b >= 0x80 for b in l)]))
    check(all(len(l) <= 998 for l in raw.splitlines()), "%s: a line is longer than 998 characters" % what)
    subject = str(msg.get("Subject", ""))
    body = body_text(msg)
    check("=?" not in subject and "\n" not in subject, "%s: Subject %r does not decode cleanly" % (what, subject))
    check(marking in subject, "%s: Subject %r does not carry the marking %s" % (what, subject, marking))
    check(marking in body, "%s: body does not carry the marking %s" % (what, marking))
    # No names: in the raw message, and in the decoded headers and body (RFC 2047, base64, QP).
    everything = raw.decode("utf-8", "replace") + "\n" + "\n".join("%s: %s" % (k, v) for k, v in msg.items()) + "\n" + body
    found = names_found(everything, names_file)
    check(not found, "%s: carries the name(s) of people from the referrals: %s" % (what, ", ".join(found)))
    return msg, subject, body


def verify(a):
    only = set(filter(None, (a.only or "").split(",")))
    skip = set(filter(None, (a.skip or "").split(",")))
    today = day(a.today)
    due_soon = int(config(a.panel, "due_soon_days"))
    escalate = int(config(a.panel, "escalate_after_days"))
    marking = config(a.panel, "marking")
    sender = config(a.panel, "mail.from")
    coordinator = config(a.panel, "coordinator.email").lower()
    emails = {ag["code"]: (ag.get("email") or "").lower() for ag in json.loads(panel(a.panel, "agency", "list", "--format", "json"))}
    actions = [x for x in json.loads(panel(a.panel, "action", "list", "--status", "open", "--format", "json")) if x["status"] == "open"]
    cases = json.loads(panel(a.panel, "case", "list", "--format", "json"))

    # What must have gone out, worked out from the register.
    horizon = today + datetime.timedelta(days=due_soon)
    expected = {}
    for x in actions:
        if day(x["due"]) <= horizon:
            expected.setdefault(x["owner"], []).append(x)
    if only:
        expected = {k: v for k, v in expected.items() if k in only}
    expected = {k: v for k, v in expected.items() if k not in skip}
    for code in expected:
        if not emails.get(code):
            print("FAIL: test set-up: agency %s has no email address" % code, file=sys.stderr)
            sys.exit(1)
        if emails[code] == coordinator:
            print("FAIL: test set-up: agency %s shares the coordinator's address" % code, file=sys.stderr)
            sys.exit(1)
    escalations = [x for x in actions if (today - day(x["due"])).days > escalate]
    reviews = [c for c in cases if c.get("status") == "open" and c.get("review_date") and day(c["review_date"]) < today]
    want_digest = not a.no_digest and bool(escalations or reviews)

    everything = received(a.sink)
    before = [m for m in everything if m["seq"] <= a.after]
    new = [m for m in everything if m["seq"] > a.after]
    by_rcpt = {}
    for m in new:
        for r in m["rcpt_tos"]:
            by_rcpt.setdefault(r.lower(), []).append(m)
    want_count = len(expected) + (1 if want_digest else 0)
    check(len(new) == want_count,
          "at %s the sink received %d message(s) (to %s), expected %d: one each to %s%s"
          % (a.today, len(new), sorted(r for m in new for r in m["rcpt_tos"]), want_count,
             ", ".join("%s <%s>" % (c, emails[c]) for c in sorted(expected)) or "no agency",
             " and the digest to <%s>" % coordinator if want_digest else ""))

    for code, rows in sorted(expected.items()):
        to = emails[code]
        got = by_rcpt.get(to, [])
        if not check(len(got) == 1, "%s <%s> received %d messages at %s, expected 1" % (code, to, len(got), a.today)):
            continue
        what = "%s's reminder at %s" % (code, a.today)
        msg, subject, body = check_message(got[0], a.names, marking, sender, to, what)
        for x in rows:
            check(has_id(body, x["id"]), "%s: body does not carry action %s" % (what, x["id"]))
            check(x["case"] in body, "%s: body does not carry case %s (action %s)" % (what, x["case"], x["id"]))
            check(flat(x["description"]) in flat(body), "%s: body does not carry the text of %s: %r" % (what, x["id"], x["description"]))
        want_ids = {x["id"] for x in rows}
        other = {x["id"] for x in actions if x["id"] not in want_ids and has_id(body, x["id"])}
        check(not other, "%s: body carries actions that are not this agency's or not due: %s" % (what, sorted(other)))

    digests = by_rcpt.get(coordinator, [])
    if want_digest:
        if check(len(digests) == 1, "the coordinator <%s> received %d messages at %s, expected the digest (escalations %s, reviews %s)"
                 % (coordinator, len(digests), a.today, [x["id"] for x in escalations], [c["reference"] for c in reviews])):
            what = "the digest at %s" % a.today
            msg, subject, body = check_message(digests[0], a.names, marking, sender, coordinator, what)
            for x in escalations:
                check(has_id(body, x["id"]), "%s: does not carry escalated action %s (due %s)" % (what, x["id"], x["due"]))
                check(x["case"] in body, "%s: does not carry case %s of escalated action %s" % (what, x["case"], x["id"]))
            for c in reviews:
                check(c["reference"] in body, "%s: does not carry case %s, past its review date %s" % (what, c["reference"], c["review_date"]))
    else:
        check(not digests, "the coordinator <%s> received %d message(s) at %s, expected none" % (coordinator, len(digests), a.today))

    ids = [str(email.message_from_bytes(m["raw"], policy=email.policy.default).get("Message-ID", "")).strip() for m in new]
    old = {str(email.message_from_bytes(m["raw"], policy=email.policy.default).get("Message-ID", "")).strip() for m in before}
    check(len(set(ids)) == len(ids), "Message-IDs repeat within the run at %s: %s" % (a.today, ids))
    check(not (set(ids) & old), "Message-IDs of earlier messages again at %s: %s" % (a.today, sorted(set(ids) & old)))


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    v = sub.add_parser("verify")
    v.add_argument("--panel", required=True)
    v.add_argument("--today", required=True)
    v.add_argument("--sink", required=True)
    v.add_argument("--after", type=int, required=True)
    v.add_argument("--names", required=True)
    v.add_argument("--only")
    v.add_argument("--skip")
    v.add_argument("--no-digest", action="store_true")
    n = sub.add_parser("names")
    n.add_argument("--names", required=True)
    n.add_argument("files", nargs="+")
    c = sub.add_parser("count")
    c.add_argument("--sink", required=True)
    a = p.parse_args()
    if a.cmd == "verify":
        verify(a)
    elif a.cmd == "names":
        for f in a.files:
            with open(f, encoding="utf-8", errors="replace") as fh:
                found = names_found(fh.read(), a.names)
            check(not found, "%s carries the name(s) of people from the referrals: %s" % (f, ", ".join(found)))
    elif a.cmd == "count":
        print(max([m["seq"] for m in received(a.sink)] or [0]))
        return 0
    print(passed)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
