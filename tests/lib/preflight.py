#!/usr/bin/env python3
"""PDF/X preflight of a press PDF, written apart from hiraku's own code.

    tests/lib/preflight.py FILE.pdf [--k-only-text]

Reads the file through `qpdf --json` (every object, streams decoded) and
walks every content stream of every page and of every form XObject it
draws, with its own content-stream lexer and graphics-state tracker.
Fails (exit 1, one line per problem) on:
- any RGB colour: DeviceRGB/CalRGB names anywhere in the file (colour
  spaces, transparency groups, images), ICCBased RGB, rg/RG operators,
  inline RGB images;
- text with a grey component (cyan, magenta and yellow all inked: rich
  black) and, with --k-only-text, the commonest text colour not 0/0/0/100;
- printer's marks (paths outside the BleedBox) not in registration colour
  (Separation /All, tint 1), or a page with no marks;
- no GTS_PDFX output intent with an embedded CMYK output profile and an
  OutputConditionIdentifier; no GTS_PDFXVersion in Info or XMP (or the two
  disagree); no Trapped; no dates; no trailer /ID;
- a font not embedded; a page without TrimBox and BleedBox nested in the
  MediaBox; an annotation on the printed area;
- PDF/X-1a: a PDF version above 1.3 or any transparency.
Prints what it found, so a test log shows the figures."""

import base64
import collections
import json
import re
import subprocess
import sys

REF = re.compile(r"^(\d+) (\d+) R$")
problems = []


def bad(msg):
    problems.append(msg)


def load(path):
    out = subprocess.run(
        ["qpdf", "--json=2", "--json-key=qpdf", "--json-stream-data=inline",
         "--decode-level=generalized", path],
        check=True, capture_output=True).stdout
    header, objects = json.loads(out)["qpdf"]
    return header, objects


class Doc:
    def __init__(self, path):
        self.header, self.objects = load(path)
        self.trailer = self.objects["trailer"]["value"]

    def get(self, v):
        """Follows references."""
        while isinstance(v, str) and REF.match(v):
            o = self.objects.get("obj:" + v)
            if o is None:
                return None
            v = o["stream"] if "stream" in o else o["value"]
        return v

    def dict_of(self, v):
        v = self.get(v)
        if isinstance(v, dict) and "dict" in v and ("data" in v or "datafile" in v):
            return v["dict"]
        return v if isinstance(v, dict) else {}

    def data(self, v):
        v = self.get(v)
        if isinstance(v, dict) and "data" in v:
            return base64.b64decode(v["data"])
        return b""

    def is_stream(self, v):
        v = self.get(v)
        return isinstance(v, dict) and "dict" in v and "data" in v


def pdf_string(v):
    if isinstance(v, str) and v.startswith("u:"):
        return v[2:]
    if isinstance(v, str) and v.startswith("b:"):
        return bytes.fromhex(v[2:]).decode("latin-1")
    return None


# ---- the content-stream lexer -------------------------------------------
WS = b" \t\r\n\f\0"
DELIM = b"()<>[]{}/%"


def tokens(data):
    """Yields (kind, value): kind is 'num', 'name', 'str', 'op', '[', ']',
    '<<', '>>'. Inline image data after ID is skipped."""
    i, n = 0, len(data)
    while i < n:
        c = data[i:i + 1]
        if c in WS and c != b"":
            i += 1
        elif c == b"%":
            while i < n and data[i:i + 1] not in b"\r\n":
                i += 1
        elif c == b"(":
            depth, i0 = 0, i
            while i < n:
                ch = data[i:i + 1]
                if ch == b"\\":
                    i += 1
                elif ch == b"(":
                    depth += 1
                elif ch == b")":
                    depth -= 1
                    if depth == 0:
                        break
                i += 1
            i += 1
            yield "str", data[i0:i]
        elif data[i:i + 2] in (b"<<", b">>"):
            yield data[i:i + 2].decode(), None
            i += 2
        elif c == b"<":
            j = data.index(b">", i)
            yield "str", data[i:j + 1]
            i = j + 1
        elif c in (b"[", b"]", b"{", b"}"):
            yield c.decode(), None
            i += 1
        else:
            j = i + 1 if c == b"/" else i
            while j < n and data[j:j + 1] not in WS and data[j:j + 1] not in DELIM:
                j += 1
            word = data[i:j].decode("latin-1")
            i = j
            if word.startswith("/"):
                yield "name", word
            elif re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)", word):
                yield "num", float(word)
            else:
                yield "op", word
                if word == "ID":
                    i += 1
                    m = re.compile(rb"[ \t\r\n\f\0]EI(?=[ \t\r\n\f\0]|$)").search(data, i)
                    i = m.end() if m else n


# ---- the graphics-state walk ---------------------------------------------
def mul(a, b):
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def apply(m, x, y):
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


class State:
    def __init__(self, ctm):
        self.ctm = ctm
        self.fill = ("DeviceGray", (0.0,))
        self.stroke = ("DeviceGray", (0.0,))

    def copy(self):
        s = State(list(self.ctm))
        s.fill, s.stroke = self.fill, self.stroke
        return s


class Walk:
    """Collects, for one page, every text show and painted subpath with its
    colour, and counts the content streams it read."""

    def __init__(self, doc, bleed):
        self.doc = doc
        self.bleed = bleed
        self.texts = collections.Counter()
        self.marks = 0
        self.streams = 0
        self.seen_forms = set()

    def space(self, res, name):
        if name in ("/DeviceGray", "/DeviceCMYK", "/Pattern"):
            return name[1:]
        if name in ("/DeviceRGB", "/CalRGB", "/RGB"):
            bad("content sets colour space %s" % name)
            return "RGB"
        cs = self.doc.get(self.doc.dict_of(res.get("/ColorSpace", {})).get(name))
        if isinstance(cs, list) and cs and cs[0] == "/Separation":
            return "Separation" + cs[1]
        if isinstance(cs, list) and cs and cs[0] == "/ICCBased":
            n = self.doc.dict_of(cs[1]).get("/N")
            return "ICC%d" % n
        return "unknown " + name

    def outside_bleed(self, pts):
        x0, y0, x1, y1 = self.bleed
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        e = 0.01  # a mark may start on the bleed line (the L at the bleed corner)
        return max(xs) <= x0 + e or min(xs) >= x1 - e or max(ys) <= y0 + e or min(ys) >= y1 - e

    def paint(self, st, subpaths, stroke):
        colour = st.stroke if stroke else st.fill
        for sp in subpaths:
            if sp and self.outside_bleed(sp):
                if colour != ("Separation/All", (1.0,)):
                    bad("a printer's mark is in %s %s, not registration (Separation /All 1)"
                        % colour)
                self.marks += 1

    def run(self, data, res, st):
        self.streams += 1
        stack, ops, path, sub = [], [], [], None
        for kind, v in tokens(data):
            if kind != "op":
                ops.append(v)
                continue
            nums = [x for x in ops if isinstance(x, float)]
            if v == "q":
                stack.append(st.copy())
            elif v == "Q" and stack:
                st = stack.pop()
            elif v == "cm" and len(nums) == 6:
                st.ctm = mul(nums, st.ctm)
            elif v in ("rg", "RG"):
                bad("DeviceRGB colour operator %s %s" % (" ".join("%g" % x for x in nums), v))
                if v == "rg":
                    st.fill = ("DeviceRGB", tuple(nums))
                else:
                    st.stroke = ("DeviceRGB", tuple(nums))
            elif v in ("g", "G", "k", "K"):
                c = ("DeviceGray" if v in "gG" else "DeviceCMYK", tuple(nums))
                if v.islower():
                    st.fill = c
                else:
                    st.stroke = c
            elif v in ("cs", "CS") and ops:
                c = (self.space(res, ops[-1]), ())
                if v == "cs":
                    st.fill = c
                else:
                    st.stroke = c
            elif v in ("sc", "scn", "SC", "SCN"):
                if v[0] == "s":
                    st.fill = (st.fill[0], tuple(nums))
                else:
                    st.stroke = (st.stroke[0], tuple(nums))
            elif v in ("m", "l", "c", "v", "y") and len(nums) >= 2:
                if v == "m" or sub is None:
                    sub = []
                    path.append(sub)
                for i in range(0, len(nums) - 1, 2):
                    sub.append(apply(st.ctm, nums[i], nums[i + 1]))
            elif v == "re" and len(nums) == 4:
                x, y, w, h = nums
                path.append([apply(st.ctm, x, y), apply(st.ctm, x + w, y + h),
                             apply(st.ctm, x + w, y), apply(st.ctm, x, y + h)])
                sub = None
            elif v in ("S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"):
                if v != "n":
                    self.paint(st, path, v in ("S", "s"))
                    if v in ("B", "B*", "b", "b*"):
                        self.paint(st, path, True)
                path, sub = [], None
            elif v in ("Tj", "TJ", "'", '"'):
                self.texts[st.fill] += 1
            elif v == "ID" and any(x in ("/RGB", "/DeviceRGB", "/CalRGB") for x in ops):
                bad("an inline image in RGB")
            elif v == "Do" and ops:
                self.xobject(res, ops[-1], st)
            elif v == "sh":
                bad("a shading (sh) on press")
            ops = []

    def xobject(self, res, name, st):
        ref = self.doc.dict_of(res.get("/XObject", {})).get(name)
        d = self.doc.dict_of(ref)
        if d.get("/Subtype") != "/Form":
            return
        sub = st.copy()
        sub.ctm = mul(d.get("/Matrix", [1, 0, 0, 1, 0, 0]), st.ctm)
        if ref in self.seen_forms and ref is not None:
            # a form drawn again (a cached glyph): its colours are known, only
            # its marks would count again
            pass
        self.seen_forms.add(ref)
        self.run(self.doc.data(ref), self.doc.dict_of(d.get("/Resources", {})), sub)


# ---- whole-file checks -----------------------------------------------------
def scan_rgb(doc, v, where, depth=0):
    if depth > 40:
        return
    if isinstance(v, str) and v in ("/DeviceRGB", "/CalRGB"):
        bad("%s in %s" % (v, where))
    elif isinstance(v, list):
        if len(v) == 2 and v[0] == "/ICCBased" and doc.dict_of(v[1]).get("/N") == 3:
            bad("an RGB ICC colour space in %s" % where)
        for x in v:
            scan_rgb(doc, x, where, depth + 1)
    elif isinstance(v, dict):
        for k, x in v.items():
            if k != "data":
                scan_rgb(doc, x, where, depth + 1)


def inherited(doc, page, key):
    while page:
        if key in page:
            return doc.get(page[key])
        page = doc.dict_of(page.get("/Parent"))
    return None


def pages(doc):
    root = doc.dict_of(doc.trailer.get("/Root"))
    out = []

    def walk(node, depth=0):
        d = doc.dict_of(node)
        if d.get("/Type") == "/Page":
            out.append(d)
        for k in d.get("/Kids", []) if depth < 50 else []:
            walk(k, depth + 1)
    walk(root.get("/Pages"))
    return root, out


def check_fonts(doc, res, seen):
    for name, ref in doc.dict_of(res.get("/Font", {})).items():
        if ref in seen:
            continue
        seen.add(ref)
        f = doc.dict_of(ref)
        if f.get("/Subtype") == "/Type3":
            continue
        desc = f
        if f.get("/Subtype") == "/Type0":
            desc = doc.dict_of(doc.get(f.get("/DescendantFonts"))[0])
        fd = doc.dict_of(desc.get("/FontDescriptor"))
        if not any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            bad("font %s (%s) is not embedded" % (name, f.get("/BaseFont")))
    for ref in doc.dict_of(res.get("/XObject", {})).values():
        d = doc.dict_of(ref)
        if d.get("/Subtype") == "/Form" and ref not in seen:
            seen.add(ref)
            check_fonts(doc, doc.dict_of(d.get("/Resources", {})), seen)


def inside(a, b):
    return a[0] >= b[0] - 0.01 and a[1] >= b[1] - 0.01 and a[2] <= b[2] + 0.01 and a[3] <= b[3] + 0.01


def check_output_intent(doc, root):
    found = None
    for oi in doc.get(root.get("/OutputIntents")) or []:
        oi = doc.dict_of(oi)
        if oi.get("/S") == "/GTS_PDFX":
            found = oi
    if not found:
        bad("no /OutputIntents entry with /S /GTS_PDFX")
        return "none"
    ident = pdf_string(found.get("/OutputConditionIdentifier")) or ""
    if not ident:
        bad("the output intent has no OutputConditionIdentifier")
    prof = found.get("/DestOutputProfile")
    icc = doc.data(prof)
    if len(icc) < 128 or icc[36:40] != b"acsp":
        bad("the output intent's DestOutputProfile is not an ICC profile")
    elif icc[16:20] != b"CMYK" or icc[12:16] != b"prtr" or doc.dict_of(prof).get("/N") != 4:
        bad("the output profile is not a CMYK output profile")
    return "%s (%s, %d-byte profile)" % (ident, pdf_string(found.get("/Info")), len(icc))


def xmp_value(xmp, prop):
    m = re.search(r"<%s>([^<]*)</%s>" % (prop, prop), xmp) or \
        re.search(r'%s="([^"]*)"' % prop, xmp)
    return m.group(1) if m else None


def check_metadata(doc, root):
    info = doc.dict_of(doc.trailer.get("/Info"))
    xmp = doc.data(doc.dict_of(root).get("/Metadata")).decode("utf-8", "replace")
    v_info = pdf_string(info.get("/GTS_PDFXVersion"))
    v_xmp = xmp_value(xmp, "pdfxid:GTS_PDFXVersion")
    if not v_info and not v_xmp:
        bad("no GTS_PDFXVersion in Info or XMP")
    if v_info and v_xmp and v_info != v_xmp:
        bad("GTS_PDFXVersion differs: Info %s, XMP %s" % (v_info, v_xmp))
    version = v_xmp or v_info or ""
    trapped = info.get("/Trapped")
    if trapped not in ("/True", "/False") and xmp_value(xmp, "pdf:Trapped") not in ("True", "False"):
        bad("no Trapped key (True or False)")
    for k in ("/CreationDate", "/ModDate", "/Title"):
        if not pdf_string(info.get(k)):
            bad("Info has no %s" % k)
    if version.startswith("PDF/X-4"):
        for p in ("xmp:CreateDate", "xmp:ModifyDate", "xmpMM:DocumentID", "xmpMM:VersionID",
                  "xmpMM:RenditionClass", "pdf:Trapped"):
            if not xmp_value(xmp, p):
                bad("XMP has no %s (PDF/X-4)" % p)
    if not doc.trailer.get("/ID"):
        bad("the trailer has no /ID")
    return version


def check_x1a(doc):
    if float(doc.header["pdfversion"]) > 1.3:
        bad("PDF/X-1a:2001 is PDF 1.3, not %s" % doc.header["pdfversion"])
    for key, o in doc.objects.items():
        d = doc.dict_of(o.get("stream", o.get("value")))
        if not isinstance(d, dict):
            continue
        if "/Group" in d or (isinstance(d.get("/SMask"), str) and d["/SMask"] != "/None"):
            bad("transparency (%s) in PDF/X-1a" % key)
        for k in ("/ca", "/CA"):
            if isinstance(d.get(k), (int, float)) and d[k] < 1:
                bad("constant alpha < 1 in PDF/X-1a")


def main():
    path = sys.argv[1]
    k_only = "--k-only-text" in sys.argv[2:]
    doc = Doc(path)
    for key, o in doc.objects.items():
        v = o.get("stream", {}).get("dict") if "stream" in o else o.get("value")
        scan_rgb(doc, v, key)
    root, pgs = pages(doc)
    texts, streams, fonts = collections.Counter(), 0, set()
    for i, page in enumerate(pgs, 1):
        media = inherited(doc, page, "/MediaBox")
        trim, bleed = page.get("/TrimBox"), page.get("/BleedBox")
        if not trim or not bleed:
            bad("page %d has no TrimBox or BleedBox" % i)
            trim = bleed = media  # walk the content all the same
        trim, bleed = doc.get(trim), doc.get(bleed)
        if not inside(trim, bleed) or not inside(bleed, media):
            bad("page %d: TrimBox ⊄ BleedBox ⊄ MediaBox" % i)
        for a in doc.get(page.get("/Annots")) or []:
            a = doc.dict_of(a)
            r = a.get("/Rect", [0, 0, 0, 0])
            if a.get("/Subtype") not in ("/PrinterMark", "/TrapNet") and not (
                    r[2] < bleed[0] or r[0] > bleed[2] or r[3] < bleed[1] or r[1] > bleed[3]):
                bad("page %d: a %s annotation on the printed area" % (i, a.get("/Subtype")))
        res = doc.dict_of(inherited(doc, page, "/Resources") or {})
        check_fonts(doc, res, fonts)
        w = Walk(doc, bleed)
        contents = doc.get(page.get("/Contents"))
        for s in contents if isinstance(contents, list) else [page.get("/Contents")]:
            w.run(doc.data(s), res, State([1, 0, 0, 1, 0, 0]))
        if w.marks == 0:
            bad("page %d has no printer's marks outside the bleed" % i)
        texts.update(w.texts)
        streams += w.streams
        print("  page %d: %d content streams, %d text shows, %d mark paths outside the bleed"
              % (i, w.streams, sum(w.texts.values()), w.marks))
    for colour, n in texts.items():
        space, vals = colour
        if space == "DeviceCMYK" and len(vals) == 4 and min(vals[:3]) > 0:
            bad("%d text shows in rich black/grey (CMYK %s)" % (n, " ".join("%g" % v for v in vals)))
        if space not in ("DeviceCMYK", "DeviceGray"):
            bad("%d text shows in %s" % (n, space))
    if k_only and texts:
        top = texts.most_common(1)[0][0]
        if top != ("DeviceCMYK", (0.0, 0.0, 0.0, 1.0)):
            bad("the body text is %s %s, not CMYK 0/0/0/100" % top)
    intent = check_output_intent(doc, root)
    version = check_metadata(doc, root)
    if version.startswith("PDF/X-1"):
        check_x1a(doc)
    elif float(doc.header["pdfversion"]) > 1.6:
        bad("PDF/X-4 is PDF 1.6 at most, not %s" % doc.header["pdfversion"])
    summary = ", ".join("%s %s ×%d" % (s, "/".join("%g" % (v * 100) for v in vals), n)
                        for (s, vals), n in texts.most_common())
    print("  %s, PDF %s; output intent %s" % (version or "no PDF/X version", doc.header["pdfversion"], intent))
    print("  %d pages, %d content streams walked; text colours: %s" % (len(pgs), streams, summary))
    for p in problems:
        print("  FAIL " + p)
    print("preflight %s: %s" % (path, "FAIL (%d)" % len(problems) if problems else "PASS"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
