#!/usr/bin/env python3
"""Which side of which sheet each braille page is on, in a PEF and in the
BRF files of the same book (standard library only).

    sides.py BOOK.pef VOL1.brf [VOL2.brf ...]

PEF (2008-1): every volume and every section starts on a new sheet; with
duplex="true" pages alternate front/back within a section. BRF: one file
per volume, pages separated by form feeds, read one after the other, so a
page is a front or a back only by its position. Prints one line per page,
"VOLUME PAGE-NUMBER SIDE" (number "-" for an unnumbered page), for the PEF
and the BRF side by side, and exits 1 if any page differs in number or
side, or if the page counts differ.
"""
import sys
import xml.etree.ElementTree as ET

NS = "{http://www.daisy.org/ns/2008/pef}"
DIGITS = "⠚⠁⠃⠉⠙⠑⠋⠛⠓⠊"
BRF_DIGITS = "JABCDEFGHI"


def number(line, sign, digits):
    line = line.strip(" \u2800")
    if not line.startswith(sign) or len(line) < 2:
        return "-"
    return "".join(str(digits.index(c)) for c in line[1:])


def pef_pages(path):
    out = []
    for vi, vol in enumerate(ET.parse(path).getroot().iter(NS + "volume"), 1):
        duplex = vol.get("duplex") == "true"
        for sec in vol.iter(NS + "section"):
            d = sec.get("duplex", "true" if duplex else "false") == "true"
            for pi, page in enumerate(sec.iter(NS + "page")):
                rows = [r.text or "" for r in page.iter(NS + "row")]
                side = "back" if d and pi % 2 else "front"
                out.append((vi, number(rows[0] if rows else "", "⠼", DIGITS), side))
    return out, duplex


def brf_pages(paths, duplex):
    out = []
    for vi, path in enumerate(paths, 1):
        data = open(path, "rb").read().decode("ascii")
        pages = data.split("\f")
        if pages and pages[-1] == "":
            pages.pop()  # the final form feed ends the last page
        for pi, page in enumerate(pages):
            first = page.split("\r\n", 1)[0]
            side = "back" if duplex and pi % 2 else "front"
            out.append((vi, number(first, "#", BRF_DIGITS), side))
    return out


def main(argv):
    pef, duplex = pef_pages(argv[1])
    brf = brf_pages(argv[2:], duplex)
    bad = len(pef) != len(brf)
    for i in range(max(len(pef), len(brf))):
        a = pef[i] if i < len(pef) else None
        b = brf[i] if i < len(brf) else None
        mark = "" if a == b else "  <-- differs"
        bad = bad or a != b
        print("%3d pef %-16s brf %-16s%s" % (i + 1, " ".join(map(str, a or ())),
                                              " ".join(map(str, b or ())), mark))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main(sys.argv)
