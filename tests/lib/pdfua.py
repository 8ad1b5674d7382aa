#!/usr/bin/env python3
"""PDF/UA-1 checks of a tagged PDF, written apart from hiraku's own code.

    tests/lib/pdfua.py FILE.pdf STRUCT.txt [--wrapped] [--spans-pages]
                       [--lang-word WORD]... [--no-annots] [--no-text]

Reads every object through `qpdf --json=2` and the structure as poppler
sees it (STRUCT.txt, the output of `pdfinfo -struct-text FILE.pdf`).
Fails (exit 1, one line per problem) on:
- a Link annotation without a non-empty /Contents; one that no Link
  structure element reaches by an OBJR, or whose /StructParent does not
  lead to that element through the parent tree; /QuadPoints that are not whole
  quadrilaterals, or a /Rect that is not their union, or in a file older
  than PDF 1.6 (which introduced them);
- --wrapped: no Link annotation with quadrilaterals on two or more lines
  of which one starts right of the /Rect's left edge (a link that begins
  mid-line and wraps);
- --spans-pages: no Link element with annotations on two pages (a link
  that runs over a page break needs one on each);
- --no-annots (PDF/X): any annotation;
- a CIDFontType2 font without /CIDToGIDMap;
- the catalog without /Lang, MarkInfo /Marked true, ViewerPreferences
  /DisplayDocTitle true;
- a structure tree whose elements, walked in document order, are not the
  ones poppler lists; a Span with /Lang (en) whose text has no Latin letter
  (digits alone are not English); --lang-word WORD: no Span whose text is
  WORD with /Lang (en). With --no-text STRUCT.txt is `pdfinfo -struct`
  (poppler's -struct-text takes minutes on a furigana edition's thousands
  of ruby elements): the words are only counted.
Prints what it found, so a test log shows the figures."""

import json
import re
import subprocess
import sys

problems = []


def bad(msg):
    problems.append(msg)


def load(path):
    out = subprocess.run(["qpdf", "--json=2", "--json-key=qpdf", path],
                         check=True, capture_output=True).stdout
    objs = {}
    for key, val in json.loads(out)["qpdf"][1].items():
        m = re.match(r"obj:(\d+) (\d+) R$", key)
        if m:
            v = val.get("value", val.get("stream", {}).get("dict"))
            objs["%s %s R" % m.groups()] = v
        elif key == "trailer":
            objs["trailer"] = val["value"]
    return objs


def deref(objs, v):
    seen = 0
    while isinstance(v, str) and re.match(r"\d+ \d+ R$", v) and seen < 10:
        v = objs.get(v)
        seen += 1
    return v


def text(v):
    if isinstance(v, str) and v.startswith("u:"):
        return v[2:]
    if isinstance(v, str) and v.startswith("b:"):
        raw = bytes.fromhex(v[2:])
        if raw.startswith(b"\xfe\xff"):
            return raw[2:].decode("utf-16-be", "replace")
        return raw.decode("latin-1")
    return None


def struct_elems(objs, root):
    """(elem, its ref) of the structure tree in document order."""
    out = []
    seen = set()

    def walk(node, depth):
        if depth > 200:
            return
        if isinstance(node, str) and node.endswith(" R"):
            if node in seen:
                return
            seen.add(node)
        node_v = deref(objs, node)
        if isinstance(node_v, list):
            for k in node_v:
                walk(k, depth + 1)
        elif isinstance(node_v, dict):
            if node_v.get("/Type") in ("/MCR", "/OBJR"):
                return
            if "/S" in node_v:
                out.append((node_v, node))
            if "/K" in node_v:
                walk(node_v["/K"], depth + 1)

    walk(root.get("/K"), 0)
    return out


def poppler_elems(path):
    """(type, text) of each element poppler lists, in order."""
    elems = []
    stack = []  # (indent, index in elems)
    for line in open(path, encoding="utf-8", errors="replace"):
        line = line.rstrip("\n")
        indent = len(line) - len(line.lstrip(" "))
        body = line.strip()
        if not body or body.startswith("Object "):
            continue
        if body.startswith('"'):
            t = body[1:-1] if body.endswith('"') else body[1:]
            for _, i in stack:
                elems[i][1].append(t)
            continue
        while stack and stack[-1][0] >= indent:
            stack.pop()
        elems.append((body.split(" ")[0], []))
        stack.append((indent, len(elems) - 1))
    return [(t, "".join(parts)) for t, parts in elems]


def latin_letter(ch):
    return ch.isalpha() and ord(ch) < 0x250


def annot_pages(objs):
    """annotation ref → page number (1-based), from the pages' /Annots."""
    pages = {}
    n = 0

    def walk(node, depth):
        nonlocal n
        v = deref(objs, node)
        if not isinstance(v, dict) or depth > 50:
            return
        if v.get("/Type") == "/Pages":
            for k in v.get("/Kids", []):
                walk(k, depth + 1)
            return
        n += 1
        for a in deref(objs, v.get("/Annots")) or []:
            pages[a] = n

    walk(deref(objs, objs["trailer"]["/Root"]).get("/Pages"), 0)
    return pages


def pdf_version(path, objs):
    with open(path, "rb") as f:
        m = re.match(rb"%PDF-(\d+)\.(\d+)", f.read(16))
    v = (int(m.group(1)), int(m.group(2))) if m else (0, 0)
    cat = deref(objs, objs["trailer"]["/Root"]).get("/Version")
    if isinstance(cat, str) and re.match(r"/\d+\.\d+$", cat):
        v = max(v, tuple(int(x) for x in cat[1:].split(".")))
    return v


def check_links(objs, elems, wrapped, spans, no_annots, version):
    annots = {}
    for ref, v in objs.items():
        if isinstance(v, dict) and v.get("/Type") == "/Annot":
            annots[ref] = v
    if no_annots:
        if annots:
            bad("%d annotations in a PDF/X file" % len(annots))
        return
    links = {r: v for r, v in annots.items() if v.get("/Subtype") == "/Link"}
    reached = {}
    on_page = annot_pages(objs)
    split = 0
    for e, eref in elems:
        if e.get("/S") != "/Link":
            continue
        kids = e.get("/K")
        kids = kids if isinstance(kids, list) else [kids]
        for k in kids:
            k = deref(objs, k)
            if isinstance(k, dict) and k.get("/Type") == "/OBJR":
                reached[k.get("/Obj")] = eref
        pages = {on_page.get(k.get("/Obj")) for k in map(lambda k: deref(objs, k), kids)
                 if isinstance(k, dict) and k.get("/Type") == "/OBJR"}
        if len(pages - {None}) >= 2:
            split += 1
    root = deref(objs, objs["trailer"]["/Root"])
    str_root = deref(objs, root.get("/StructTreeRoot")) or {}
    nums = (deref(objs, deref(objs, str_root.get("/ParentTree")) or {}) or {}).get("/Nums", [])
    parent = {nums[i]: nums[i + 1] for i in range(0, len(nums) - 1, 2)}
    multi = 0
    for ref, a in links.items():
        c = text(a.get("/Contents"))
        if not c or not c.strip():
            bad("Link annotation %s has no /Contents" % ref)
        if ref not in reached:
            bad("Link annotation %s is reached by no Link element" % ref)
        # the parent tree gives the element that holds the OBJR (ISO 32000-1
        # 14.7.4.4)
        if ref in reached and parent.get(a.get("/StructParent")) != reached[ref]:
            bad("Link annotation %s: /StructParent does not lead to its Link element" % ref)
        q = a.get("/QuadPoints")
        rect = a.get("/Rect")
        if q is None:
            continue
        if version < (1, 6):
            bad("Link annotation %s: /QuadPoints in a PDF %d.%d file" % ((ref,) + version))
        if len(q) == 0 or len(q) % 8:
            bad("Link annotation %s: %d QuadPoints numbers" % (ref, len(q)))
            continue
        xs, ys = q[0::2], q[1::2]
        union = [min(xs), min(ys), max(xs), max(ys)]
        if any(abs(u - r) > 0.01 for u, r in zip(union, rect)):
            bad("Link annotation %s: /Rect %s is not the union %s" % (ref, rect, union))
        quads = [q[i:i + 8] for i in range(0, len(q), 8)]
        lines = {round(min(qq[1::2]), 1) for qq in quads}
        starts_in = any(min(qq[0::2]) > rect[0] + 1 for qq in quads)
        if len(lines) >= 2 and starts_in:
            multi += 1
    print("info: %d link annotations, %d with /Contents, %d wrapped with one quad a line, "
          "%d links over a page break" % (len(links), sum(1 for a in links.values()
                                                         if text(a.get("/Contents"))), multi, split))
    if wrapped and not multi:
        bad("no wrapped link with one quadrilateral per line")
    if spans and not split:
        bad("no link with an annotation on each of two pages")


def check_fonts(objs):
    n = 0
    for ref, v in objs.items():
        if isinstance(v, dict) and v.get("/Subtype") == "/CIDFontType2":
            n += 1
            if "/CIDToGIDMap" not in v:
                bad("CIDFontType2 %s (%s) has no /CIDToGIDMap" % (ref, v.get("/BaseFont")))
    print("info: %d CIDFontType2 fonts" % n)


def check_catalog(objs):
    root = deref(objs, objs["trailer"]["/Root"])
    if not text(root.get("/Lang")):
        bad("catalog has no /Lang")
    if (deref(objs, root.get("/MarkInfo")) or {}).get("/Marked") is not True:
        bad("catalog has no MarkInfo /Marked true")
    if (deref(objs, root.get("/ViewerPreferences")) or {}).get("/DisplayDocTitle") is not True:
        bad("catalog has no DisplayDocTitle true")
    return deref(objs, root.get("/StructTreeRoot"))


def check_lang(elems, popp, words, no_text):
    types = [e.get("/S", "")[1:] for e, _ in elems]
    if types != [t for t, _ in popp]:
        bad("structure tree walked in order differs from poppler's (%d vs %d elements)"
            % (len(types), len(popp)))
        return
    en = 0
    found = set()
    for (e, _), (_, t) in zip(elems, popp):
        if e.get("/S") != "/Span":
            continue
        lang = text(e.get("/Lang"))
        if lang == "en":
            en += 1
            if not no_text and not any(latin_letter(ch) for ch in t):
                bad("Span /Lang (en) without a Latin letter: %r" % t)
            if t in words:
                found.add(t)
    if no_text:
        if en < len(words):
            bad("%d Spans with /Lang (en), fewer than the %d words" % (en, len(words)))
        words = []
    for w in words:
        if w not in found:
            bad("no Span %r with /Lang (en)" % w)
    print("info: %d Spans with /Lang (en)" % en)


def main():
    args = sys.argv[1:]
    pdf, struct = args[0], args[1]
    words = [args[i + 1] for i, a in enumerate(args) if a == "--lang-word"]
    objs = load(pdf)
    str_root = check_catalog(objs)
    elems = struct_elems(objs, str_root or {})
    check_links(objs, elems, "--wrapped" in args, "--spans-pages" in args, "--no-annots" in args,
                pdf_version(pdf, objs))
    check_fonts(objs)
    check_lang(elems, poppler_elems(struct), words, "--no-text" in args)
    for p in problems:
        print("FAIL: %s" % p)
    sys.exit(1 if problems else 0)


main()
