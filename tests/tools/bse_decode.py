#!/usr/bin/env python3
"""An independent BASE (.bse) reader for hiraku's tests (standard library
only), written from facts §1.2 as recorded in docs/bes-format.md's BSE
section, not from src/book/bse.c.

    bse_decode.py FILE.bse           pages as Unicode braille (U+2800 for a
                                     blank cell), pages joined by "\\f\\n",
                                     each page's trailing empty lines dropped
    bse_decode.py --header FILE.bse  the header fields, "name=value" lines

Exit 1 with a message on anything that does not follow the format.
"""
import sys

# Braille ASCII 0x20..0x5F as cells (the North American table).
TABLE = ("⠀⠮⠐⠼⠫⠩⠯⠄⠷⠾⠡⠬⠠⠤⠨⠌⠴⠂⠆⠒⠲⠢⠖⠶⠦⠔⠱⠰⠣⠿⠜⠹"
         "⠈⠁⠃⠉⠙⠑⠋⠛⠓⠊⠚⠅⠇⠍⠝⠕⠏⠟⠗⠎⠞⠥⠧⠺⠭⠽⠵⠪⠳⠻⠘⠸")
FIELDS = [("saved", 0, 10), ("title", 10, 60), ("subtitle", 60, 110), ("author", 110, 160),
          ("publisher", 160, 210), ("published", 210, 230), ("code", 230, 266),
          ("transcriber", 266, 302), ("proofreader", 302, 338), ("created", 338, 358),
          ("remarks", 358, 458)]


def fail(msg):
    sys.stderr.write("bse_decode: %s\n" % msg)
    sys.exit(1)


def header(data):
    if len(data) < 512:
        fail("shorter than the 512-byte header")
    h = data[:512]
    out = {}
    for name, a, b in FIELDS:
        try:
            out[name] = h[a:b].decode("cp932").rstrip(" ")
        except UnicodeDecodeError:
            fail("field %s is not Shift_JIS" % name)
    for name, a, b in [("pages", 504, 508), ("cols", 508, 510), ("rows", 510, 512)]:
        v = h[a:b].decode("ascii")
        if not v.isdigit() or len(v) != b - a:
            fail("%s is not %d digits: %r" % (name, b - a, v))
        out[name] = int(v)
    return out


def pages(data, h):
    body = data[512:]
    if body and not body.endswith(b"\r\n"):
        fail("the body does not end with CR LF")
    lines = body.split(b"\r\n")[:-1] if body else []
    if any(b"\n" in l or b"\r" in l or b"\f" in l for l in lines):
        fail("a line break other than CR LF, or a form feed")
    out = []
    for i in range(0, len(lines), h["rows"]):
        page = []
        for l in lines[i:i + h["rows"]]:
            if any(not 0x20 <= c <= 0x5F for c in l):
                fail("a byte outside Braille ASCII 0x20-0x5F")
            if len(l) > h["cols"]:
                fail("a line of %d cells" % len(l))
            page.append("".join(TABLE[c - 0x20] for c in l))
        while page and page[-1] == "":
            page.pop()
        out.append(page)
    if len(out) != h["pages"]:
        fail("header says %d pages, the body has %d (by %d lines a page)"
             % (h["pages"], len(out), h["rows"]))
    return out


def main(argv):
    mode, path = (argv[1], argv[2]) if len(argv) == 3 else (None, argv[1])
    data = open(path, "rb").read()
    h = header(data)
    ps = pages(data, h)
    if mode == "--header":
        for k, v in h.items():
            print("%s=%s" % (k, v))
    else:
        sys.stdout.write("\f\n".join("".join(l + "\n" for l in p) for p in ps))


if __name__ == "__main__":
    main(sys.argv)
