#!/usr/bin/env python3
"""Page-making checker for the PDF editions, from poppler's text boxes.

usage: pagemaking.py PDF SOURCE.md LAYOUT.ini

Reads the lines of every page from `pdftotext -bbox-layout` (an independent
reading of the PDF: poppler's glyph boxes, not hiraku's own plan), keeps the
lines of the text block (the layout's margins; ruby and running header and
footer left out), and checks what the source's Markdown says they are:

- no page (but the last) ends with a heading of the source;
- no page ends with a label: a paragraph ending with one of the layout's
  [keep] label_endings, one that introduces a list, or the one-line lead of
  a list item whose text goes on (・税務課 left at the foot);
- no page begins with the last line of a paragraph alone (a widow);
- the heading after a paragraph holding one of [keep] next_page_phrases
  (次頁以降をご覧ください) begins a page;
- the last page has at least [keep] last_page_lines lines.

Prints `figure:` lines (pages, the largest empty space at a page's foot in
body lines) and one `FAIL:` line a fault; exits 1 on any fault.
"""
import configparser
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

MM = 72 / 25.4
NS = "{http://www.w3.org/1999/xhtml}"


def layout(path):
    cp = configparser.ConfigParser(interpolation=None, inline_comment_prefixes=None)
    cp.read(path, encoding="utf-8")

    def get(group, key, dflt):
        return cp.get(group, key, fallback=dflt).strip()

    size = float(get("body", "size", "10.5"))
    # the press edition's page is the trimmed page and a slug around it
    slug = 0.0
    if cp.has_option("press", "bleed_mm"):
        marks = get("press", "crop_marks", "true") == "true"
        slug = max(
            float(get("press", "slug_mm", "12" if marks else "0")),
            float(get("press", "bleed_mm", "3")),
        )
    return {
        "top": (slug + float(get("page", "margin_top_mm", "25"))) * MM,
        "bottom": (slug + float(get("page", "margin_bottom_mm", "25"))) * MM,
        "size": size,
        "pitch": size * float(get("body", "leading", "1.5")),
        "endings": get("keep", "label_endings", "：:"),
        "last": int(get("keep", "last_page_lines", "4")),
        "bullet": get("list", "bullet", "・"),
        "turns": [t.strip() for t in get("keep", "next_page_phrases", "").split(",") if t.strip()],
    }


def plain(md):
    """Markdown inline text as printed, spaces removed (poppler splits
    words at spaces, and the composer may add or drop them)."""
    t = re.sub(r"\{([^|}]*)\|[^}]*\}", r"\1", md)
    t = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", t)
    t = re.sub(r"[*_`]+", "", t)
    t = t.replace("\\", "")
    return re.sub(r"\s+", "", t)


def source_blocks(path):
    """The source's blocks as (kind, text, extra): kind heading, para,
    item (a list item's first paragraph; extra: the item goes on), in
    order. Front matter is skipped."""
    lines = open(path, encoding="utf-8").read().split("\n")
    if lines and lines[0].strip() == "---":
        end = lines.index("---", 1)
        lines = lines[end + 1 :]
    blocks, cur = [], None
    item_re = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s+(.*)$")
    for ln in lines + [""]:
        m = item_re.match(ln)
        if ln.strip() == "":
            cur = None
            continue
        if ln.startswith("#"):
            blocks.append(["heading", ln.lstrip("#").strip(), len(ln) - len(ln.lstrip("#"))])
            cur = None
        elif m:
            cur = ["item", m.group(2), len(m.group(1))]
            blocks.append(cur)
        elif ln.startswith("  ") and blocks and blocks[-1][0] in ("item", "itembody") and cur is None:
            cur = ["itembody", ln.strip(), 0]
            blocks.append(cur)
        elif cur is not None:
            cur[1] += ln.strip()
        else:
            cur = ["para", ln.strip(), 0]
            blocks.append(cur)
    return blocks


def labels(blocks, endings):
    """Texts a page may not end with: headings, and labels."""
    heads, labs = set(), set()
    for i, (kind, text, _) in enumerate(blocks):
        nxt = blocks[i + 1][0] if i + 1 < len(blocks) else None
        t = plain(text)
        if not t:
            continue
        if kind == "heading":
            heads.add(t)
        elif kind == "para" and (nxt == "item" or (t[-1] in endings and nxt)):
            labs.add(t)
        elif kind == "item" and nxt == "itembody":
            labs.add(t)
    return heads, labs


def pages(pdf, lay):
    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", pdf, "-"], check=True, capture_output=True
    ).stdout
    root = ET.fromstring(xml)
    out = []
    for page in root.iter(NS + "page"):
        h = float(page.get("height"))
        top, bottom = lay["top"] - 2, h - lay["bottom"] + 2
        rows = []
        for line in page.iter(NS + "line"):
            y0, y1 = float(line.get("yMin")), float(line.get("yMax"))
            if y0 < top or y1 > bottom or y1 - y0 < 0.8 * lay["size"]:
                continue  # header, footer, ruby
            words = "".join(w.text or "" for w in line.iter(NS + "word"))
            rows.append((y0, y1, float(line.get("xMin")), words))
        rows.sort()
        # poppler may cut one printed line in two (a label, its text):
        # lines whose boxes overlap vertically are one line
        merged = []
        for r in rows:
            if merged and r[0] < merged[-1][1] - 0.3 * lay["size"]:
                p = merged[-1]
                text = p[3] + r[3] if p[2] <= r[2] else r[3] + p[3]
                merged[-1] = (min(p[0], r[0]), max(p[1], r[1]), min(p[2], r[2]), text)
            else:
                merged.append(r)
        out.append((h - lay["bottom"], merged))
    return out


def strip_label(text, bullet):
    return re.sub(r"^(?:%s|\d+[.)．])" % re.escape(bullet), "", text)


def main():
    pdf, src, ini = sys.argv[1:4]
    lay = layout(ini)
    blocks = source_blocks(src)
    heads, labs = labels(blocks, lay["endings"])
    pp = pages(pdf, lay)
    name = pdf.rsplit("/", 1)[-1]
    faults = []
    worst = 0.0
    # headings after a paragraph holding one of [keep] next_page_phrases
    # (次頁以降をご覧ください): each must begin a page
    turned = []
    for i, (kind, text, _) in enumerate(blocks):
        if kind != "heading" and any(t in text for t in lay["turns"]):
            nxt = next((plain(t) for k, t, _ in blocks[i + 1 :] if k == "heading"), None)
            if nxt:
                turned.append((nxt, plain(text)))
    tops = [strip_label(rows[0][3], lay["bullet"]) if rows else "" for _, rows in pp]

    def turns_before(n):  # does page n (from 1) begin with a turned heading?
        return n <= len(pp) and any(tops[n - 1] and h.startswith(tops[n - 1]) for h, _ in turned)

    for n, (foot, rows) in enumerate(pp, 1):
        if not rows:
            continue
        if n < len(pp):
            if not turns_before(n + 1):  # a forced page turn leaves room
                worst = max(worst, (foot - rows[-1][1]) / lay["pitch"])
            # the page's last one, two or three lines, read as one text
            tails = [
                strip_label("".join(r[3] for r in rows[-k:]), lay["bullet"])
                for k in range(1, min(3, len(rows)) + 1)
            ]
            if any(t in heads for t in tails):
                faults.append("p%d ends with a heading: %s" % (n, rows[-1][3]))
            elif any(t in labs for t in tails):
                faults.append("p%d ends with a label: %s" % (n, rows[-1][3]))
    # a page that begins with the last line of a paragraph alone (a widow)
    texts = [plain(t) for k, t, _ in blocks if k != "heading"]
    for n in range(1, len(pp)):
        prev, rows = pp[n - 1][1], pp[n][1]
        if not prev or not rows:
            continue
        first = strip_label(rows[0][3], lay["bullet"])
        carried = strip_label(prev[-1][3], lay["bullet"]) + first
        if len(rows) > 0 and any(
            t.endswith(carried) and t.endswith(first) and len(t) > len(first) for t in texts
        ):
            nxt = rows[1][3] if len(rows) > 1 else ""
            if not any(t.endswith(carried + nxt) and nxt for t in texts):
                faults.append("p%d begins with one stranded line: %s" % (n + 1, rows[0][3]))
    for h, text in turned:
        if not any(top and h.startswith(top) for top in tops):
            faults.append("%s does not begin a page after %s" % (h, text))
    if len(pp) > 1 and len(pp[-1][1]) < lay["last"]:
        faults.append(
            "the last page (p%d) has %d lines, fewer than last_page_lines = %d"
            % (len(pp), len(pp[-1][1]), lay["last"])
        )
    print("figure: %s: %d pages, largest empty page foot %.1f lines" % (name, len(pp), worst))
    for f in faults:
        print("FAIL: %s: %s" % (name, f))
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main())
