#!/usr/bin/env python3
"""Checks a printed document the way a reader would: its page count, the protective marking at
the top and bottom of every page, and no word beyond the right margin.

  check_pdf.py FILE.pdf --marking TEXT --pages MIN[:MAX] [--right-margin-mm 20] [--png PREFIX]

Uses poppler-utils (pdfinfo, pdftotext, pdftoppm). Prints one line per problem and exits 1 when
there is any; exits 0 otherwise."""
import argparse
import html
import re
import subprocess
import sys

MM = 72 / 25.4


def run(*argv):
    return subprocess.run(argv, check=True, capture_output=True, text=True).stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pdf")
    ap.add_argument("--marking", default="")
    ap.add_argument("--pages", required=True, help="MIN or MIN:MAX")
    ap.add_argument("--right-margin-mm", type=float, default=20.0)
    ap.add_argument("--tolerance-pt", type=float, default=3.0)
    ap.add_argument("--png", default="", help="write PNGs at 60 dpi with this prefix")
    ap.add_argument("--label", default="")
    a = ap.parse_args()
    label = a.label or a.pdf
    problems = []

    info = run("pdfinfo", a.pdf)
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    low, _, high = a.pages.partition(":")
    low, high = int(low), int(high) if high else 10**6
    if not low <= pages <= high:
        problems.append(f"{pages} pages, expected {a.pages}")

    if a.marking:
        for n in range(1, pages + 1):
            text = run("pdftotext", "-layout", "-f", str(n), "-l", str(n), a.pdf, "-")
            lines = [line.strip() for line in text.splitlines() if line.strip()]
            count = text.count(a.marking)
            if count != 2:
                # Twice: the top and bottom margins. More means the body prints it as well.
                problems.append(f"page {n}: the marking '{a.marking}' is there {count} times, "
                                "not once at the top and once at the bottom")
            elif a.marking not in lines[0] or not any(a.marking in line for line in lines[-2:]):
                problems.append(f"page {n}: the marking is not the first and last text of the page "
                                f"(first: {lines[0][:60]!r}, last: {lines[-1][:60]!r})")

    bbox = run("pdftotext", "-bbox", a.pdf, "-")
    page = 0
    width = 0.0
    for m in re.finditer(r'<page width="([\d.]+)"|<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)</word>', bbox):
        if m.group(1):
            page += 1
            width = float(m.group(1))
            continue
        limit = width - a.right_margin_mm * MM + a.tolerance_pt
        if float(m.group(3)) > limit:
            problems.append(f"page {page}: '{html.unescape(m.group(4))[:40]}' ends at {float(m.group(3)):.1f} pt, "
                            f"beyond the right margin at {limit - a.tolerance_pt:.1f} pt")

    if a.png:
        subprocess.run(["pdftoppm", "-r", "60", "-png", a.pdf, a.png], check=True)

    for p in problems[:20]:
        print(f"{label}: {p}")
    if len(problems) > 20:
        print(f"{label}: ... and {len(problems) - 20} more problems")
    if not problems:
        print(f"{label}: {pages} pages, marking top and bottom of each, nothing past the right margin")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
