#!/usr/bin/env python3
"""What Ghostscript puts on each printing plate, for the press golden test.

    tests/lib/plates.py FILE.pdf PAGE DPI X0 Y0 X1 Y1

Renders page PAGE of FILE with Ghostscript's CMYK device (pamcmyk32: one
byte of ink per plate and pixel, spot colours separated onto the process
plates as a RIP would) and reports, for the box X0 Y0 X1 Y1 (points from
the media box's top left corner):

    max C M Y K (0-255), pixels with a grey component (cyan, magenta and
    yellow all inked: rich black), pixels inked on K alone, pixels inked on
    all four plates at 250 or more (registration), and the box's pixels.

Ghostscript is an interpreter of its own, so this checks hiraku's output
independently of the preflight's reading of the PDF."""

import subprocess
import sys


def render(pdf, page, dpi):
    out = subprocess.run(
        ["gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-dPDFSTOPONERROR", "-sDEVICE=pamcmyk32",
         "-r%d" % dpi, "-dFirstPage=%d" % page, "-dLastPage=%d" % page, "-sOutputFile=-", pdf],
        check=True, capture_output=True).stdout
    head = {}
    pos = 0
    while True:
        end = out.index(b"\n", pos)
        line = out[pos:end].decode()
        pos = end + 1
        if line == "ENDHDR":
            break
        parts = line.split()
        if len(parts) == 2:
            head[parts[0]] = parts[1]
    return int(head["WIDTH"]), int(head["HEIGHT"]), out[pos:]


def main():
    pdf, page, dpi = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    box = [float(v) * dpi / 72 for v in sys.argv[4:8]]
    w, h, px = render(pdf, page, dpi)
    x0, y0 = max(0, int(box[0])), max(0, int(box[1]))
    x1, y1 = min(w, int(box[2] + 0.999)), min(h, int(box[3] + 0.999))
    top = [0, 0, 0, 0]
    rich = konly = reg = n = 0
    for y in range(y0, y1):
        row = px[(y * w + x0) * 4:(y * w + x1) * 4]
        for i in range(0, len(row), 4):
            c, m, yy, k = row[i], row[i + 1], row[i + 2], row[i + 3]
            n += 1
            top = [max(a, b) for a, b in zip(top, (c, m, yy, k))]
            if c and m and yy:
                rich += 1
            if k and not (c or m or yy):
                konly += 1
            if min(c, m, yy, k) >= 250:
                reg += 1
    print("max_c=%d max_m=%d max_y=%d max_k=%d rich=%d k_only=%d registration=%d pixels=%d"
          % (top[0], top[1], top[2], top[3], rich, konly, reg, n))


if __name__ == "__main__":
    main()
