#!/usr/bin/env python3
"""Heading hierarchy of a PDF edition against its Markdown source.

usage: headings.py PDF SOURCE.md

The expected levels come from the source alone: the front matter's title
is level 1 and every `#` heading sits one level below the nearest heading
before it with fewer `#` (so every `##` of a document is at one level, and
a skipped level is closed up). The PDF is read with independent tools:
the tag of every heading from `pdfinfo -struct` (poppler) and the outline
(title and depth of every bookmark) from `qpdf --json`. Prints one `FAIL:`
line a difference; exits 1 on any.
"""
import json
import re
import subprocess
import sys


def expected(src):
    text = open(src, encoding="utf-8").read()
    out = []
    body = text
    m = re.match(r"---\n(.*?)\n---\n", text, re.S)
    if m:
        body = text[m.end() :]
        t = re.search(r"^title:\s*(.+)$", m.group(1), re.M)
        if t:
            out.append((1, t.group(1).strip().strip("\"'")))
    base = 1 if out else 0
    stack = []
    fence = False
    for ln in body.split("\n"):
        if ln.startswith("```"):
            fence = not fence
        h = re.match(r"^(#{1,6})\s+(.*?)\s*#*\s*$", ln)
        if fence or not h:
            continue
        lv = len(h.group(1))
        while stack and stack[-1] >= lv:
            stack.pop()
        stack.append(lv)
        title = re.sub(r"\{([^|}]*)\|[^}]*\}", r"\1", h.group(2))
        title = re.sub(r"[*_`]+", "", title)
        out.append((min(len(stack) + base, 6), title))
    return out


def tags(pdf):
    s = subprocess.run(["pdfinfo", "-struct", pdf], check=True, capture_output=True, text=True)
    return [int(m.group(1)) for m in re.finditer(r"^\s*H([1-6])\b", s.stdout, re.M)]


def outline(pdf):
    s = subprocess.run(
        ["qpdf", "--json", "--json-key=outlines", pdf], check=True, capture_output=True, text=True
    )
    out = []

    def walk(items, depth):
        for it in items:
            out.append((depth, it.get("title", "")))
            walk(it.get("kids", []), depth + 1)

    walk(json.loads(s.stdout)["outlines"], 1)
    return out


def squash(t):
    # the document model sets ASCII quotes as curly ones (src/source/quotes.c)
    t = t.translate(str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"}))
    return re.sub(r"\s+", "", t)


def main():
    pdf, src = sys.argv[1:3]
    name = pdf.rsplit("/", 1)[-1]
    want = expected(src)
    faults = []
    got = tags(pdf)
    if got != [lv for lv, _ in want]:
        faults.append("heading tags %s, the source has %s" % (got, [lv for lv, _ in want]))
    ol = outline(pdf)
    if [(d, squash(t)) for d, t in ol] != [(lv, squash(t)) for lv, t in want]:
        for i, (a, b) in enumerate(zip(ol, want)):
            if (a[0], squash(a[1])) != (b[0], squash(b[1])):
                faults.append("bookmark %d is %s at depth %d, the source has %s at %d"
                              % (i + 1, a[1], a[0], b[1], b[0]))
                break
        else:
            faults.append("%d bookmarks, the source has %d headings" % (len(ol), len(want)))
    print("figure: %s: %d headings, tags and outline checked" % (name, len(want)))
    for f in faults:
        print("FAIL: %s: %s" % (name, f))
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main())
