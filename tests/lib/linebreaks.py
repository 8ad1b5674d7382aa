#!/usr/bin/env python3
"""Where the lines of a PDF break, read with poppler's pdftotext (one text
line per output line), checked against what the test itself knows of the
text, never against the analyser that placed the breaks:

  linebreaks.py phrases PDF PHRASES   PHRASES holds one paragraph as its
      phrases (文節) joined by '|'; every line break inside that paragraph
      must fall between two of them. Prints the figure; exit 1 if one
      falls inside a phrase (or the paragraph is not found).
  linebreaks.py words PDF WORDS      WORDS holds words, one a line; a line
      that ends with the start of a word whose rest starts the next line
      is a break inside the word. Prints the figure and each such break;
      exit 1 if there is one.
"""
import re
import subprocess
import sys


def pdf_lines(pdf):
    out = subprocess.run(['pdftotext', '-enc', 'UTF-8', pdf, '-'], check=True,
                         capture_output=True, text=True).stdout
    # Blanks are layout (the first-line indent, spaces between runs).
    return [ln.replace(' ', '').replace('\u3000', '') for ln in out.split('\n')]


def phrases(pdf, spec):
    with open(spec, encoding='utf-8') as f:
        parts = f.read().strip().split('|')
    text = ''.join(parts)
    bounds, at = set(), 0
    for p in parts:
        at += len(p)
        bounds.add(at)
    lines = pdf_lines(pdf)
    for i, first in enumerate(lines):
        if first and text.startswith(first) and len(first) < len(text):
            break
    else:
        print('FAIL: the paragraph is not in the PDF')
        return 1
    pos, breaks, inside = 0, 0, []
    for ln in lines[i:]:
        ln = ln.lstrip('\f')
        # a paragraph may run over a page: its footer (-1-), the next
        # page's running header (the title with the edition's suffix) and
        # the blank lines between are not the paragraph's
        if not ln or re.fullmatch(r'-\d+-', ln) or ln.endswith('版）'):
            continue
        if not text.startswith(ln, pos):
            break
        pos += len(ln)
        if pos >= len(text):
            break
        breaks += 1
        if pos not in bounds:
            inside.append(text[max(0, pos - 6):pos] + '/' + text[pos:pos + 6])
    if pos < len(text):
        print('FAIL: the paragraph ends early in the PDF, at', pos, 'of', len(text))
        return 1
    print(f'figure: {pdf.rsplit("/", 1)[-1]}: {breaks} line breaks in the paragraph, '
          f'{len(inside)} inside a phrase')
    for s in inside:
        print('  inside:', s)
    return 1 if inside else 0


def words(pdf, spec):
    with open(spec, encoding='utf-8') as f:
        ws = [w.strip() for w in f if w.strip()]
    lines = pdf_lines(pdf)
    found = []
    for a, b in zip(lines, lines[1:]):
        if not a or not b:
            continue
        for w in ws:
            if any(a.endswith(w[:k]) and b.startswith(w[k:]) for k in range(1, len(w))):
                found.append(f'{a[-6:]}/{b[:6]} ({w})')
                break
    n = sum(1 for a, b in zip(lines, lines[1:]) if a and b)
    print(f'figure: {pdf.rsplit("/", 1)[-1]}: {n} line breaks, {len(found)} inside a listed word')
    for s in found:
        print('  inside:', s)
    return 1 if found else 0


if __name__ == '__main__':
    mode, pdf, spec = sys.argv[1:4]
    sys.exit(phrases(pdf, spec) if mode == 'phrases' else words(pdf, spec))
