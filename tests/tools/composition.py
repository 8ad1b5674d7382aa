#!/usr/bin/python3
"""composition: checks JLREQ line composition in a PDF from the character
boxes poppler reports (an independent reader of the glyph positions the
content streams give).

Poppler's box of a character runs from its origin to where the next
character starts (a blank too wide for that becomes a space character of
its own). A kana or kanji, or a full-width bracket or comma, is an em wide
when set solid, so what its box has beyond or short of an em is the
adjustment the composer made after it; a Latin letter's natural width is
not known here and counts as its box. Figures are in em of the line's
ideographs.

Checks (JLREQ 3.1, 3.8; JIS X 4051):
  gap      on a justified line no blank between two characters is wider
           than half an em (the most JLREQ's spreading steps give one gap);
  one-gap  no justified line puts its adjustment into one blank (a blank
           past that limit while every other gap is set solid);
  punct    consecutive punctuation (」「 ）」 ）） 、「 ...) is squeezed: the
           blank between the two inks is under a full em (half an em for
           a closing and an opening bracket, none before a closing one);
  latin    四分アキ: between a kana or kanji and a Latin letter or digit
           there is at least an eighth of an em (JIS X 4051's minimum);
  overflow no line's ink runs past the measure (a closing mark's blank
           may, once squeezed at the line's end).
Prints the figures, and exits 1 if any check fails.

usage: composition.py [--no-fail] FILE.pdf...
"""
import sys
import unicodedata

import gi

gi.require_version("Poppler", "0.18")
from gi.repository import Poppler  # noqa: E402

OPENING = set("「『（［｛〔〈《【〘〖“‘(")
CLOSING = set("」』）］｝〕〉》】〙〗”’)")
STOPS = set("、。，．")
PUNCT = OPENING | CLOSING | STOPS


def japanese(c):
    if c in PUNCT or c in "・：；！？　ー〜～":
        return False
    o = ord(c)
    return (0x3041 <= o <= 0x30FF or 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF
            or c in "々〆")


def latin(c):
    return c.isascii() and c.isalnum()


def lines_of(page):
    """The page's lines, left to right: characters on one baseline. Poppler
    starts a new text line at a wide blank, so its newlines are not used."""
    text = page.get_text()
    ok, rects = page.get_text_layout()
    if not ok:
        return []
    rows = {}
    for ch, r in zip(text, rects):
        if ch == "\n":
            continue
        key = round(r.y2 * 2)
        rows.setdefault(key, []).append((ch, r.x1, r.x2, r.y1, r.y2))
    return [sorted(rows[k], key=lambda c: c[1]) for k in sorted(rows)]


def ink_end(line):
    """Where a line's last ink ends: a closing mark's at the middle of its
    em, a middle dot's a quarter em before its end, since their blanks may
    hang past the measure once squeezed."""
    ch, x1, x2, _, _ = line[-1]
    em = em_of(line) or (x2 - x1)
    if ch in "・：；":
        return x1 + em * 0.75
    return x1 + em / 2 if ch in CLOSING | STOPS and not ch.isascii() else x2


def em_of(line):
    ws = sorted(x2 - x1 for ch, x1, x2, _, _ in line if japanese(ch) and x2 > x1)
    return ws[len(ws) // 2] if ws else None


def full_width(c):
    return japanese(c) or c in PUNCT and not c.isascii() or c in "・：；　"


def gaps(line, em):
    """(left char, right char, blank) between visible neighbours, the
    blank being what the composer added (or took) after the left one:
    the distance between the two boxes (where poppler puts its spaces),
    less an ideographic space's own em."""
    out, prev, blank = [], None, 0.0
    for ch, x1, x2, _, _ in line:
        if ch in " \u00a0\u3000":
            blank -= em if ch == "\u3000" else 0
            continue
        if prev is not None:
            out.append((prev[0], ch, blank + x1 - prev[2]))
        blank = (x2 - x1 - em) if full_width(ch) else 0.0
        prev = (ch, x1, x2)
    return out


def ink_blank(a, b, xa, xb, em):
    """The blank between the inks of two full-width punctuation marks whose
    boxes start at xa and xb: a closing mark's ink is the left half of its
    em, an opening one's the right half."""
    end_a = xa + (em if a in OPENING else em / 2)
    start_b = xb + (em / 2 if b in OPENING else 0)
    return (start_b - end_a) / em


class Stats:
    def __init__(self):
        self.justified = 0
        self.max_gap = 0.0
        self.max_where = ""
        self.one_gap = []
        self.punct_bad = []
        self.punct_total = 0
        self.latin_bad = []
        self.latin_total = 0
        self.overflow = []


def page_right(lines):
    """The measure's right edge as one page shows it: the furthest a line
    ending in a kana or kanji reaches (a closing mark's blank may hang past
    it), or None where no line does."""
    plain = [ln[-1][2] for ln in lines if japanese(ln[-1][0])]
    return max(plain) if plain else None


def check_page(doc_name, pno, lines, block_right, st):
    if not lines:
        return
    if block_right is None:
        block_right = max(ink_end(ln) for ln in lines)
    ems = sorted(e for e in map(em_of, lines) if e)
    body_em = ems[len(ems) // 2] if ems else 0
    for ln in lines:
        em = em_of(ln)
        if not em:
            continue
        # the running header and footer are set smaller than the body
        furniture = em < 0.85 * body_em
        text = "".join(c[0] for c in ln)
        gs = [(a, b, g / em) for a, b, g in gaps(ln, em)]
        vis = [c for c in ln if c[0] not in " \u00a0"]
        for (a, xa, _, _, _), (b, xb, _, _, _) in zip(vis, vis[1:]):
            if not (a in PUNCT and b in PUNCT and not a.isascii() and not b.isascii()):
                continue
            if a in OPENING and b not in OPENING:
                continue
            if a not in OPENING and b not in OPENING and b not in CLOSING and b not in STOPS:
                continue
            st.punct_total += 1
            blank = ink_blank(a, b, xa, xb, em)
            # JLREQ 3.1.4: half an em between a closing and an opening
            # mark, none before a closing one or after an opening one
            target = 0.5 if b in OPENING and a not in OPENING else 0.0
            if blank > target + 0.25:
                st.punct_bad.append(f"{doc_name} p{pno}: {a}{b} blank {blank:.2f} em in {text}")
        for a, b, g in gs:
            if japanese(a) and latin(b) or latin(a) and japanese(b):
                st.latin_total += 1
                if g < 0.125 - 0.01:
                    st.latin_bad.append(f"{doc_name} p{pno}: {a}{b} {g:.2f} em in {text}")
        if not furniture and ink_end(ln) > block_right + 0.05 * em:
            st.overflow.append(f"{doc_name} p{pno}: {ink_end(ln) - block_right:.2f} pt past the measure: {text}")
        flush = min(abs(ln[-1][2] - block_right), abs(ink_end(ln) - block_right))
        justified = not furniture and flush < 0.1 * em and len(gs) > 16
        if not justified:
            continue
        st.justified += 1
        if not gs:
            continue
        big = max(gs, key=lambda t: t[2])
        if big[2] > st.max_gap:
            st.max_gap = big[2]
            st.max_where = f"{doc_name} p{pno}: {big[0]}|{big[1]} in {text}"
        wide = [g for _, _, g in gs if g > 0.55]
        others = [g for _, _, g in gs if 0.02 < g <= 0.55]
        if len(wide) == 1 and not others:
            st.one_gap.append(f"{doc_name} p{pno}: {big[2]:.2f} em at {big[0]}|{big[1]} in {text}")


def main(argv):
    fail_ok = "--no-fail" in argv
    files = [a for a in argv if a != "--no-fail"]
    st = Stats()
    for f in files:
        doc = Poppler.Document.new_from_file("file://" + __import__("os").path.abspath(f), None)
        name = __import__("os").path.basename(f)
        pages = [lines_of(doc.get_page(i)) for i in range(doc.get_n_pages())]
        # every body page has the same text block: take its edge from the
        # whole document, not from a page that holds only short lines
        rights = [r for r in map(page_right, pages) if r is not None]
        block_right = max(rights) if rights else None
        for i, lines in enumerate(pages):
            check_page(name, i + 1, lines, block_right, st)
    print(f"justified lines: {st.justified}")
    print(f"largest gap on a justified line: {st.max_gap:.2f} em ({st.max_where})")
    for label, items, total in (("lines adjusted in one gap", st.one_gap, None),
                                ("consecutive punctuation not squeezed", st.punct_bad, st.punct_total),
                                ("Japanese/Latin boundaries without 四分アキ", st.latin_bad, st.latin_total),
                                ("lines past the measure", st.overflow, None)):
        print(f"{label}: {len(items)}" + (f" of {total}" if total is not None else ""))
        for s in items[:5]:
            print("  " + s)
    bad = st.max_gap > 0.52 or st.one_gap or st.punct_bad or st.latin_bad or st.overflow
    if bad and not fail_ok:
        print("composition: FAIL")
        return 1
    print("composition: ok" if not bad else "composition: would fail")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
