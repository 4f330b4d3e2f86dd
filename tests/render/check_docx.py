#!/usr/bin/env python3
"""Checks a Word file panel wrote: the marking in a header and a footer that the last section of
the body references and not in the body itself, no title block above the letterhead, and that the document has a title
property.  check_docx.py FILE.docx MARKING; exits 1 with one line per problem."""
import re
import sys
import zipfile


def main():
    path, marking = sys.argv[1], sys.argv[2]
    problems = []
    with zipfile.ZipFile(path) as z:
        document = z.read("word/document.xml").decode()
        rels = z.read("word/_rels/document.xml.rels").decode()
        core = z.read("docProps/core.xml").decode()
        targets = dict(re.findall(r'<Relationship[^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"', rels))
        targets.update({i: t for t, i in re.findall(r'<Relationship[^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"', rels)})
        sections = re.findall(r"<w:sectPr.*?</w:sectPr>", document, re.S)
        if not sections:
            problems.append("the body has no section properties (sectPr)")
        else:
            for kind in ("header", "footer"):
                ids = re.findall(rf'<w:{kind}Reference[^>]*w:type="default"[^>]*r:id="([^"]+)"', sections[-1])
                ids += re.findall(rf'<w:{kind}Reference[^>]*r:id="([^"]+)"[^>]*w:type="default"', sections[-1])
                if not ids:
                    problems.append(f"the last section has no default {kind}")
                    continue
                part = "word/" + targets.get(ids[0], "?")
                if part not in z.namelist():
                    problems.append(f"the {kind} {part} is not in the file")
                elif marking.encode() not in z.read(part).replace(b"&amp;", b"&"):
                    problems.append(f"the {kind} {part} does not hold the marking '{marking}'")
        if marking.encode() in document.encode().replace(b"&amp;", b"&"):
            problems.append("the body prints the marking as well as the header and footer")
        if 'w:val="Title"' in document:
            problems.append("a title block is printed above the letterhead")
        if re.search(r"<dc:title>\s*</dc:title>", core) or "<dc:title" not in core:
            problems.append("the document has no title property")
    for p in problems:
        print(f"{path}: {p}")
    if not problems:
        print(f"{path}: marking in the header and footer of every page, no title block")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
