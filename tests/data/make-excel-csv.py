#!/usr/bin/env python3
"""Writes a referral CSV the way UK Excel's "CSV UTF-8 (Comma delimited)" save does.

    make-excel-csv.py [OUTPUT]     (default: standard output)

What Excel does, and this script copies, byte for byte:
- a UTF-8 byte order mark (EF BB BF) before the header;
- CRLF after every row, the last one included;
- dates as the UK locale shows them: dd/mm/yyyy, day first with leading zeros;
- a field quoted only when it holds a comma, a double quote or a line break, a quote doubled;
- rows of empty cells (",,,,") at the end, left by cells that were once formatted or cleared;
- whatever columns the coordinator added to the sheet (here "Notes"), and headers as typed
  ("Source Ref", "DOB"), with names that have accents and apostrophes.

The output is committed as tests/data/excel/referrals.csv; ctest ("data: the Excel CSV fixture")
checks that this script still writes exactly those bytes.
"""
import sys

HEADER = ["Received", "Agency", "Source Ref", "Name", "DOB", "Postcode", "Categories", "Vulnerable",
          "Incidents 12m", "Summary", "Notes"]

ROWS = [
    ["01/08/2017", "POL", "CAD-7001", "Zoë O'Brien", "03/02/1980", "ec2y8ds", "suicide; mental-health", "Yes",
     "3", "Found on the bridge, distressed; taken to A&E", "Called twice by PC Jones"],
    ["15/08/2017", "HSG", "HSG-0412", "José Martínez", "14/11/1975", "EC2Y 8DT", "neighbour-dispute", "No",
     "2", 'Neighbour says he "shouts all night", plays music', ""],
    ["22/08/2017", "ASC", "ASC-88", "Siân D'Arcy", "", "NFA", "rough-sleeping, dementia", "Yes",
     "1", "Sleeping in the car park behind the library", "no fixed abode"],
    ["01/09/2017", "POL", "CAD-7002", "Zoë O'Brien", "03/02/1980", "EC2Y 8DS", "suicide", "Yes",
     "4", "Second attempt, same bridge", ""],
]

BLANK_ROWS = 3


def cell(text: str) -> str:
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def main() -> None:
    lines = [",".join(cell(c) for c in HEADER)]
    lines += [",".join(cell(c) for c in row) for row in ROWS]
    lines += ["," * (len(HEADER) - 1)] * BLANK_ROWS
    data = b"\xef\xbb\xbf" + "".join(line + "\r\n" for line in lines).encode("utf-8")
    if len(sys.argv) > 1:
        with open(sys.argv[1], "wb") as out:
            out.write(data)
    else:
        sys.stdout.buffer.write(data)


if __name__ == "__main__":
    main()
