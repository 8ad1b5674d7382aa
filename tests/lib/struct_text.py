#!/usr/bin/python3
"""The text of a tagged PDF's structure elements of one type, read apart
from hiraku's own code (pdfminer.six, Debian's python3-pdfminer).

    tests/lib/struct_text.py FILE.pdf TYPE

Prints, in structure-tree order (depth first, kids in order), one line per
structure element whose /S is TYPE: the text of every marked-content
sequence the element owns (its MCIDs, on its own /Pg or the nearest
ancestor's), decoded through the fonts' ToUnicode maps.

It gives what `pdfinfo -struct-text` prints for those elements, but reads
every page once: poppler lays out the whole page again for each marked-
content reference, which takes minutes on a furigana PDF with thousands of
ruby bases. Exit 1 if the file has no structure tree or an MCID that no
page draws."""

import sys

from pdfminer.pdfdevice import PDFDevice
from pdfminer.pdffont import PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdftypes import PDFObjRef, resolve1
from pdfminer.psparser import PSLiteral


class MarkedText(PDFDevice):
    """Collects the text drawn inside each MCID of one page."""

    def __init__(self, rsrcmgr):
        super().__init__(rsrcmgr)
        self.stack = []
        self.text = {}

    def begin_tag(self, tag, props=None):
        mcid = None
        if isinstance(props, dict) and isinstance(props.get("MCID"), int):
            mcid = props["MCID"]
        self.stack.append(mcid)

    def end_tag(self):
        if self.stack:
            self.stack.pop()

    def render_string(self, textstate, seq, ncs, graphicstate):
        mcid = next((m for m in reversed(self.stack) if m is not None), None)
        if mcid is None:
            return
        font = textstate.font
        out = []
        for obj in seq:
            if not isinstance(obj, bytes):
                continue
            for cid in font.decode(obj):
                try:
                    out.append(font.to_unichr(cid))
                except PDFUnicodeNotDefined:
                    pass
        self.text[mcid] = self.text.get(mcid, "") + "".join(out)


def page_texts(doc):
    """{page object id: {mcid: text}} for every page."""
    rsrcmgr = PDFResourceManager()
    texts = {}
    for page in PDFPage.create_pages(doc):
        dev = MarkedText(rsrcmgr)
        PDFPageInterpreter(rsrcmgr, dev).process_page(page)
        texts[page.pageid] = dev.text
    return texts


def objid(ref):
    return ref.objid if isinstance(ref, PDFObjRef) else None


def element_text(elem, page, texts, missing):
    """The text of every MCID under elem, in order."""
    page = objid(elem.get("Pg")) or page
    kids = resolve1(elem.get("K"))
    if kids is None:
        return ""
    if not isinstance(kids, list):
        kids = [kids]
    out = []
    for kid in kids:
        kid = resolve1(kid)
        if isinstance(kid, int):
            out.append(mcid_text(page, kid, texts, missing))
        elif isinstance(kid, dict) and _name(kid.get("Type")) == "MCR":
            pg = objid(kid.get("Pg")) or page
            out.append(mcid_text(pg, resolve1(kid.get("MCID")), texts, missing))
        elif isinstance(kid, dict) and _name(kid.get("Type")) != "OBJR":
            out.append(element_text(kid, page, texts, missing))
    return "".join(out)


def mcid_text(page, mcid, texts, missing):
    text = texts.get(page, {}).get(mcid)
    if text is None:
        missing.append((page, mcid))
        return ""
    return text


def _name(value):
    value = resolve1(value)
    return value.name if isinstance(value, PSLiteral) else value


def walk(elem, page, want, texts, missing, out):
    """Depth first through the structure tree: each element of type want."""
    page = objid(elem.get("Pg")) or page
    if _name(elem.get("S")) == want:
        out.append(element_text(elem, page, texts, missing))
    kids = resolve1(elem.get("K"))
    if kids is None:
        return
    if not isinstance(kids, list):
        kids = [kids]
    for kid in kids:
        kid = resolve1(kid)
        if isinstance(kid, dict) and _name(kid.get("Type")) not in ("MCR", "OBJR"):
            walk(kid, page, want, texts, missing, out)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: struct_text.py FILE.pdf TYPE")
    with open(sys.argv[1], "rb") as fp:
        doc = PDFDocument(PDFParser(fp))
        root = resolve1(doc.catalog.get("StructTreeRoot"))
        if not isinstance(root, dict):
            print(f"{sys.argv[1]}: no structure tree", file=sys.stderr)
            return 1
        texts = page_texts(doc)
        missing = []
        out = []
        walk(root, None, sys.argv[2], texts, missing, out)
    for line in out:
        print(line)
    if missing:
        print(f"{sys.argv[1]}: {len(missing)} marked-content references no page draws, "
              f"first: page object {missing[0][0]} MCID {missing[0][1]}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
