#!/usr/bin/env python3
"""Ruby placement in a PDF, from the PDF itself: qpdf writes the content
streams uncompressed (QDF), each reading is the marked content of an /RT
element, drawn as glyph outline forms (Do); a reading's box is the union of
its glyphs' outline points, placed through the content stream's
transformations. The text block is the extent of the page text that
poppler's pdftotext -bbox finds (the lines of a justified edition fill it).

  rubybox.py PDF    prints the figures; exit 1 if two readings overlap or
                    a reading reaches outside the text block (by more than
                    0.1 pt), listing each case.
"""
import re
import subprocess
import sys
import tempfile

EPS = 0.1
NUM = r'-?\d+(?:\.\d+)?'


def mul(a, b):
    # PDF matrices [a b c d e f]: a then b
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def apply(m, x, y):
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def objects(qdf):
    out = {}
    for m in re.finditer(r'\n(\d+) 0 obj\n(.*?)\nendobj', qdf, re.S):
        out[int(m.group(1))] = m.group(2)
    return out


def form_extent(body):
    """The outline points' extent of a glyph form (its own space)."""
    s = body.split('stream\n', 1)[1] if 'stream\n' in body else ''
    xs, ys = [], []
    for m in re.finditer(r'((?:%s\s+)+)(m|l|c)\b' % NUM, s):
        v = [float(t) for t in m.group(1).split()]
        xs += v[0::2]
        ys += v[1::2]
    return (min(xs), min(ys), max(xs), max(ys)) if xs else None


def page_streams(qdf):
    """Each page's content stream text, in page order (QDF comments)."""
    pages = []
    for m in re.finditer(r'%% Contents for page (\d+)\n%% Original object ID: [^\n]*\n(\d+) 0 obj\n'
                         r'.*?stream\n(.*?)\nendstream', qdf, re.S):
        pages.append((int(m.group(1)), m.group(3)))
    return pages


TOKEN = re.compile(r'/[^\s/<>\[\]()]+|%s|<<|>>|[A-Za-z\'"*]+|\S' % NUM)


def rubies(qdf):
    objs = objects(qdf)
    names = {}
    for m in re.finditer(r'(/x\d+) (\d+) 0 R', qdf):
        names[m.group(1)] = int(m.group(2))
    extents = {}
    found = []  # (page, index, box)
    for page, stream in page_streams(qdf):
        ctm, stack, marks, operands = [1, 0, 0, 1, 0, 0], [], [], []
        box, n = None, 0
        for tok in TOKEN.findall(stream):
            if re.fullmatch(NUM, tok) or tok.startswith('/') or tok in ('<<', '>>'):
                operands.append(tok)
                continue
            if tok == 'q':
                stack.append(ctm)
            elif tok == 'Q':
                ctm = stack.pop() if stack else ctm
            elif tok == 'cm':
                v = [float(t) for t in operands[-6:]]
                ctm = mul(v, ctm)
            elif tok in ('BDC', 'BMC'):
                tag = [o for o in operands if o.startswith('/')]
                marks.append(tag[0] if tag else '')
                if marks[-1] == '/RT':
                    box = None
            elif tok == 'EMC':
                if marks and marks.pop() == '/RT' and box:
                    found.append((page, n, box))
                    n += 1
            elif tok == 'Do' and '/RT' in marks and operands:
                name = operands[-1]
                if name not in extents:
                    obj = names.get(name)
                    extents[name] = form_extent(objs.get(obj, '')) if obj else None
                e = extents[name]
                if e:
                    # readings on one line share their glyphs' origin line
                    line = round(apply(ctm, 0, 0)[1], 1)
                    pts = [apply(ctm, x, y) for x in (e[0], e[2]) for y in (e[1], e[3])]
                    b = (min(p[0] for p in pts), min(p[1] for p in pts),
                         max(p[0] for p in pts), max(p[1] for p in pts))
                    box = b + (line,) if not box else (min(box[0], b[0]), min(box[1], b[1]),
                                                       max(box[2], b[2]), max(box[3], b[3]),
                                                       box[4])
            operands = []
    return found


def text_block(pdf):
    out = subprocess.run(['pdftotext', '-bbox', pdf, '-'], check=True,
                         capture_output=True, text=True).stdout
    xs = [(float(a), float(b)) for a, b in
          re.findall(r'<word xMin="(%s)" yMin="%s" xMax="(%s)"' % (NUM, NUM, NUM), out)]
    return min(x[0] for x in xs), max(x[1] for x in xs)


def main(pdf):
    with tempfile.NamedTemporaryFile(suffix='.pdf') as t:
        subprocess.run(['qpdf', '--qdf', '--object-streams=disable', pdf, t.name], check=True)
        qdf = open(t.name, 'rb').read().decode('latin-1')
    rs = rubies(qdf)
    left, right = text_block(pdf)
    bad = []
    outside = overlaps = 0
    for page, i, b in rs:
        if b[0] < left - EPS or b[2] > right + EPS:
            outside += 1
            bad.append(f'p{page} ruby {i}: x {b[0]:.2f}..{b[2]:.2f} outside {left:.2f}..{right:.2f}')
    by_page = {}
    for page, i, b in rs:
        by_page.setdefault(page, []).append((i, b))
    for page, lst in by_page.items():
        lst.sort(key=lambda r: (r[1][4], r[1][0]))
        for (i, a), (j, b) in zip(lst, lst[1:]):
            if a[4] == b[4] and a[2] - b[0] > EPS:
                overlaps += 1
                bad.append(f'p{page} ruby {i} and {j} overlap by {a[2] - b[0]:.2f} pt '
                           f'(x {a[0]:.2f}..{a[2]:.2f} and {b[0]:.2f}..{b[2]:.2f})')
    name = pdf.rsplit('/', 1)[-1]
    print(f'figure: {name}: {len(rs)} readings, {overlaps} overlapping, {outside} outside the '
          f'text block {left:.2f}..{right:.2f}')
    for s in bad:
        print('  ' + s)
    return 1 if bad or not rs else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
