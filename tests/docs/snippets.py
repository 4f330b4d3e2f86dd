#!/usr/bin/env python3
"""Checks that every crontab, cron.d file and systemd unit printed in the docs installs as printed.

Usage: snippets.py SOURCE_DIR

Snippets are the fenced code blocks marked ```crontab, ```cron.d or ```systemd in docs/*.md,
docs/cli/*.md and README.md, plus examples/crontab and examples/systemd/*. A fenced block with
another mark that nevertheless looks like one (a cron time line, a [Unit]/[Service]/[Timer]
section) is an error, so that none escapes the check.

Cron: a parser of cron's syntax written here (five time fields with ranges, steps and names, or
an @keyword; a user field in cron.d; NAME=value lines; no '\\' continuation; '%' escaped; a final
newline), and `crontab -n` (Debian's dry run; cronie calls it -T) where installed. systemd:
sections and Key=Value lines checked here, and `systemd-analyze verify` where it runs (a missing
ExecStart program is expected: panel is not installed where tests run).
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

MARKS = {"crontab", "cron.d", "systemd"}
FIELDS = [("minute", 0, 59, None), ("hour", 0, 23, None), ("day of month", 1, 31, None),
          ("month", 1, 12, "jan feb mar apr may jun jul aug sep oct nov dec".split()),
          ("day of week", 0, 7, "sun mon tue wed thu fri sat".split())]
KEYWORDS = {"@reboot", "@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"}
TIME_FIELD = re.compile(r"^(\*|[0-9a-zA-Z]+)([-/,][0-9a-zA-Z*]+)*$")
ENV = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*\s*=")
USER = re.compile(r"^[a-z_][a-z0-9_-]*\$?$")
SECTIONS = {"Unit", "Service", "Timer", "Install", "Socket", "Path"}
UNIT_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9]*=")


def value(text, low, high, names, what):
    if names and text.lower() in names:
        return None
    if not text.isdigit():
        return f"{what} '{text}' is not a number" + (f" or a name ({names[0]}..{names[-1]})" if names else "")
    if not low <= int(text) <= high:
        return f"{what} {text} is outside {low}-{high}"
    return None


def time_field(text, field):
    what, low, high, names = field
    for item in text.split(","):
        item, _, step = item.partition("/")
        if step and (not step.isdigit() or int(step) == 0):
            return f"{what}: step '/{step}' is not a positive number"
        if item == "*":
            continue
        first, dash, last = item.partition("-")
        for part in [first] + ([last] if dash else []):
            if problem := value(part, low, high, names, what):
                return problem
    return None


def check_cron(text, cron_d):
    """Problems of a crontab (or, with cron_d, an /etc/cron.d file), as (line, message)."""
    problems = []
    if not text.endswith("\n"):
        problems.append((text.count("\n") + 1, "no newline at the end: cron refuses the file"))
    for n, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if line.rstrip().endswith("\\"):
            problems.append((n, "ends with '\\': cron has no line continuations, each job must be one line"))
            continue
        if ENV.match(stripped):
            continue
        words = stripped.split()
        if words[0].startswith("@"):
            if words[0] not in KEYWORDS:
                problems.append((n, f"unknown keyword '{words[0]}'"))
                continue
            rest = words[1:]
        else:
            if len(words) < 6:
                problems.append((n, "a job needs five time fields and a command"))
                continue
            bad = [p for f, w in zip(FIELDS, words[:5]) if (p := time_field(w, f) if TIME_FIELD.match(w) else
                                                            f"{f[0]}: '{w}' is not a time field")]
            if bad:
                problems.append((n, bad[0]))
                continue
            rest = words[5:]
        if cron_d:
            if len(rest) < 2 or not USER.match(rest[0]):
                problems.append((n, "a cron.d job names the account to run as after the time fields"))
                continue
            rest = rest[1:]
        if not rest:
            problems.append((n, "no command"))
            continue
        command = stripped.split(None, len(words) - len(rest))[-1]
        if re.search(r"(?<!\\)%", command):
            problems.append((n, "an unescaped '%' ends the command (cron turns it into a new line): write '\\%'"))
    return problems


def crontab_dry_run(text, cron_d):
    """What `crontab -n` (Debian) or `crontab -T` (cronie) says, or None when neither is installed."""
    if shutil.which("crontab") is None:
        return None
    if cron_d:  # a user's crontab has no user field: drop it to check the rest
        lines = []
        for line in text.split("\n"):
            words = line.split()
            if words and not line.lstrip().startswith("#") and not ENV.match(line.strip()):
                keep = 1 if words[0].startswith("@") else 5
                line = " ".join(words[:keep] + words[keep + 1:])
            lines.append(line)
        text = "\n".join(lines)
    with tempfile.NamedTemporaryFile("w", suffix=".cron", delete=False) as f:
        f.write(text)
    try:
        for option in ("-n", "-T"):
            run = subprocess.run(["crontab", option, f.name], capture_output=True, text=True)
            said = (run.stdout + run.stderr).strip()
            if "invalid option" in said or "unrecognized option" in said:
                continue
            return "" if run.returncode == 0 else said
        return None
    finally:
        os.unlink(f.name)


def check_unit(text):
    problems = []
    section = None
    for n, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        if not stripped or stripped[0] in "#;":
            continue
        if stripped.startswith("["):
            section = stripped.strip("[]")
            if section not in SECTIONS:
                problems.append((n, f"unknown section [{section}]"))
            continue
        if section is None:
            problems.append((n, "a setting before the first [Section]"))
        elif line != line.lstrip():
            problems.append((n, "a setting starts in the first column"))
        elif not UNIT_KEY.match(stripped):
            problems.append((n, "not Key=Value"))
        elif stripped.endswith("\\"):
            problems.append((n, "ends with '\\': keep each setting on one line"))
    if not text.endswith("\n"):
        problems.append((text.count("\n") + 1, "no newline at the end"))
    return problems


def systemd_verify(units):
    """Problems systemd-analyze verify reports for units {name: text}; None when it cannot run here."""
    if shutil.which("systemd-analyze") is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for name, text in units.items():
            paths.append(os.path.join(folder, name))
            with open(paths[-1], "w") as f:
                f.write(text)
        try:
            run = subprocess.run(["systemd-analyze", "verify", "--man=no", *paths], capture_output=True, text=True,
                                 timeout=60, cwd=folder)
        except subprocess.TimeoutExpired:
            return None
        said = [line for line in (run.stdout + run.stderr).splitlines() if line.strip()]
        if any("Failed to initialize manager" in line or "Failed to set up" in line for line in said):
            return None
        # panel itself is not installed where the tests run.
        return [line.replace(folder + "/", "") for line in said
                if not re.search(r"Command /\S+ is not executable: No such file or directory", line)]


def fenced_blocks(path):
    """(first line, info string, text, name given just above) of each fenced block of a Markdown file."""
    lines = open(path, encoding="utf-8").read().split("\n")
    blocks = []
    n = 0
    while n < len(lines):
        m = re.match(r"^(\s*)(```+)\s*(\S*)", lines[n])
        if not m:
            n += 1
            continue
        indent, fence, info = m.group(1), m.group(2), m.group(3)
        start = n
        body = []
        n += 1
        while n < len(lines) and not lines[n].strip().startswith(fence):
            body.append(lines[n][len(indent):] if lines[n].startswith(indent) else lines[n].lstrip())
            n += 1
        above = " ".join(lines[max(0, start - 3):start])
        named = re.findall(r"`([\w.-]+\.(?:service|timer))`", above)
        blocks.append((start + 2, info, "\n".join(body) + "\n", named[-1] if named else None))
        n += 1
    return blocks


def looks_like(text):
    """'cron' or 'systemd' for a block that looks like one, whatever its mark."""
    for line in text.split("\n"):
        words = line.split()
        if re.match(r"^\[(Unit|Service|Timer|Install)\]\s*$", line.strip()):
            return "systemd"
        if len(words) >= 6 and all(TIME_FIELD.match(w) for w in words[:5]) and any("*" in w for w in words[:5]):
            return "cron"
    return None


def self_test():
    """The checks above catch what they are for (so that a pass means something)."""
    old_backup = ("30 1 * * *  panel  cd /srv/panel && umask 077 && \\\n"
                  "  panel check >>/var/log/panel/check.log 2>&1; \\\n"
                  "  panel backup /srv/backups/ccm-$(date +\\%F).db\n")
    cases = [
        (check_cron(old_backup, True), [1, 2, 3]),
        (check_cron("30 7 * * 1-5 panel remind\n", False), []),
        (check_cron("PATH=/bin\nMAILTO=\"\"\n*/15 8-18 1,15 jan-jun mon-fri panel remind\n@daily panel check\n", False), []),
        (check_cron("61 7 * * * panel remind\n", False), [1]),
        (check_cron("30 7 * * 8 panel remind\n", False), [1]),
        (check_cron("30 7 * * */0 panel remind\n", False), [1]),
        (check_cron("30 7 * * panel remind\n", False), [1]),
        (check_cron("30 7 * * * /usr/local/bin/panel remind\n", True), [1]),
        (check_cron("30 7 * * * panel panel remind\n", True), []),
        (check_cron("30 7 * * * panel backup x-$(date +%F).db\n", False), [1]),
        (check_cron("30 7 * * * panel remind", False), [1]),
        (check_cron("@sometimes panel remind\n", False), [1]),
        (check_unit("[Unit]\nDescription=x\n[Service]\nExecStart=/bin/true\n"), []),
        (check_unit("Description=x\n[Servce]\n  ExecStart=/bin/true\nnot a setting\n"), [1, 2, 3, 4]),
    ]
    for n, (problems, lines) in enumerate(cases):
        if [line for line, _ in problems] != lines:
            print(f"self-test {n}: expected problems on lines {lines}, got {problems}")
            return False
    if looks_like("30 1 * * *  panel  cd /srv\n") != "cron" or looks_like("[Service]\nType=oneshot\n") != "systemd" \
            or looks_like("panel check && panel backup x.db\n") is not None:
        print("self-test: looks_like does not recognise snippets")
        return False
    return True


def main():
    if not self_test():
        return 1
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    sources = [os.path.join(root, "README.md")]
    for folder in ("docs", os.path.join("docs", "cli")):
        sources += sorted(os.path.join(root, folder, f) for f in os.listdir(os.path.join(root, folder)) if f.endswith(".md"))
    snippets = []  # (where, kind, text, unit name)
    for path in sources:
        rel = os.path.relpath(path, root)
        for line, info, text, named in fenced_blocks(path):
            if info in MARKS:
                snippets.append((f"{rel}:{line}", info, text, named))
            elif kind := looks_like(text):
                print(f"{rel}:{line}: a {kind} snippet marked '```{info}': mark it ```crontab, ```cron.d or ```systemd "
                      "so that this test checks it")
                snippets.append((f"{rel}:{line}", "unmarked", text, None))
    crontab = os.path.join(root, "examples", "crontab")
    snippets.append(("examples/crontab:1", "crontab", open(crontab).read(), None))
    units_folder = os.path.join(root, "examples", "systemd")
    for name in sorted(os.listdir(units_folder)):
        snippets.append((f"examples/systemd/{name}:1", "systemd", open(os.path.join(units_folder, name)).read(), name))

    failures = sum(1 for s in snippets if s[1] == "unmarked")
    crontab_checked = systemd_checked = 0
    units_by_source = {}
    for where, kind, text, named in snippets:
        file, first = where.rsplit(":", 1)
        offset = int(first) - 1
        if kind in ("crontab", "cron.d"):
            for n, problem in check_cron(text, kind == "cron.d"):
                print(f"{file}:{offset + n}: {problem}")
                failures += 1
            said = crontab_dry_run(text, kind == "cron.d")
            if said is not None:
                crontab_checked += 1
                if said:
                    print(f"{where}: crontab's dry run refuses it: {said}")
                    failures += 1
        elif kind == "systemd":
            for n, problem in check_unit(text):
                print(f"{file}:{offset + n}: {problem}")
                failures += 1
            suffix = ".timer" if "[Timer]" in text else ".service"
            name = named or f"snippet-{first}{suffix}"
            units_by_source.setdefault(file, {})[name] = text
    for file, units in units_by_source.items():
        said = systemd_verify(units)
        if said is None:
            print(f"{file}: systemd-analyze verify cannot run here; checked sections and keys only")
            continue
        systemd_checked += len(units)
        for line in said:
            print(f"{file}: systemd-analyze verify: {line}")
            failures += 1
    if crontab_checked == 0:
        print("crontab is not installed (Debian package cron): checked with the parser here only")
    kinds = {}
    for _, kind, _, _ in snippets:
        kinds[kind] = kinds.get(kind, 0) + 1
    print(f"{len(snippets)} snippets ({', '.join(f'{v} {k}' for k, v in sorted(kinds.items()))}); "
          f"{crontab_checked} through crontab's dry run, {systemd_checked} units through systemd-analyze verify; "
          f"{failures} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
