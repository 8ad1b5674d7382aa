#!/usr/bin/env python3
"""An independent BES reader for hiraku's tests (standard library only).

Written from the field table in docs/bes-format.md, not from hiraku's C
writer, so that a test comparing its output with the braille text checks
the writer against the documented format rather than against itself.

    bes_decode.py FILE.bes           pages as Unicode braille, U+2800 for a
                                     blank cell, pages joined by "\\f\\n"
                                     (the .braille.txt form)
    bes_decode.py --header FILE.bes  the header fields, one "name=value" a
                                     line, braille fields as Unicode braille
    bes_decode.py --ends FILE.bes    "hard N" and "soft N": lines ending
                                     0D FE (a logical line) and FE alone

Exit 1 with a message on anything that does not follow the format.
"""
import sys

HEADER = 1024


def fail(msg):
    sys.stderr.write("bes_decode: %s\n" % msg)
    sys.exit(1)


def cells(raw, base):
    """Bytes base+mask as Unicode braille; trailing blanks dropped."""
    out = []
    for b in raw:
        if not base <= b < base + 64:
            fail("byte 0x%02X is not a cell (base 0x%02X)" % (b, base))
        out.append(chr(0x2800 + b - base))
    return "".join(out).rstrip("\u2800")


def header(data):
    h = data[:HEADER]
    if len(h) < HEADER:
        fail("shorter than the 1024-byte header")
    if h[0:8] != b"%BET400%":
        fail("no %BET400% signature")
    if h[512:516] != b"\xff\xff\xff\x54":
        fail("bytes 512-515 are not FF FF FF 54")
    ascii_ = lambda a, b: h[a:b].decode("ascii")
    return {
        "date": ascii_(8, 18),
        "kind": ascii_(18, 22),
        "cols": int(ascii_(22, 24)) - 1,  # stored as cells + 1
        "rows": int(ascii_(24, 26)),
        "pages": int(ascii_(30, 33)) + 1,  # stored as pages - 1
        "title": cells(h[47:97], 0x20),
        "author": cells(h[97:117], 0x20),
        "volume": cells(h[165:169], 0x20),
        "transcriber": cells(h[172:192], 0x20),
        "remarks": cells(h[192:242], 0x20),
    }


def pages(data):
    """[(lines, ends)] per page; ends[i] is 'hard', 'soft' or 'last'."""
    i, n, out = HEADER, len(data), []
    while True:
        if i >= n:
            fail("no FF at the end")
        if data[i] != 0xFF:
            fail("byte %d: 0x%02X where a page (FF) or the end was due" % (i, data[i]))
        if i + 1 == n:
            break
        size = data[i + 1] | data[i + 2] << 8
        start, end = i + 1, i + 1 + size
        if end > n or data[i + 3] != 0xFD:
            fail("byte %d: page chunk without FD or longer than the file" % i)
        lines, ends, cur = [], [], bytearray()
        j = i + 4
        while j < end:
            b = data[j]
            if b == 0x0D and j + 1 < end and data[j + 1] == 0xFE:
                lines.append(cells(cur, 0xA0)), ends.append("hard")
                cur, j = bytearray(), j + 2
            elif b == 0xFE:
                lines.append(cells(cur, 0xA0)), ends.append("soft")
                cur, j = bytearray(), j + 1
            elif b == 0x0D and j + 1 == end:
                lines.append(cells(cur, 0xA0)), ends.append("last")
                cur, j = bytearray(), j + 1
            elif 0xA0 <= b <= 0xDF:
                cur.append(b)
                j += 1
            else:
                fail("byte %d: 0x%02X inside a page" % (j, b))
        if cur:
            fail("page at byte %d: a line without an end code" % i)
        out.append((lines, ends))
        i = end
    if not out:
        fail("no pages")
    if out[-1][1][-1] != "last" or any("last" in e for _, e in out[:-1]):
        fail("the book's last line must end 0D alone, and only it")
    return out


def main(argv):
    mode, path = (argv[1], argv[2]) if len(argv) == 3 else (None, argv[1])
    data = open(path, "rb").read()
    h = header(data)
    ps = pages(data)
    if h["pages"] != len(ps):
        fail("header says %d pages, the body has %d" % (h["pages"], len(ps)))
    for lines, _ in ps:
        if len(lines) > h["rows"] or any(len(l) > h["cols"] for l in lines):
            fail("a page exceeds %d lines of %d cells" % (h["rows"], h["cols"]))
    if mode == "--header":
        for k, v in h.items():
            print("%s=%s" % (k, v))
    elif mode == "--ends":
        ends = [e for _, es in ps for e in es]
        print("hard %d" % ends.count("hard"))
        print("soft %d" % ends.count("soft"))
    else:
        sys.stdout.write("\f\n".join("".join(l + "\n" for l in lines) for lines, _ in ps))


if __name__ == "__main__":
    main(sys.argv)
