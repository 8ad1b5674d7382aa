#!/bin/sh
# plain-text.sh FILE.md > FILE.txt: the text of a hiraku source as
# bench/bare.c reads it: one block a paragraph, heading or list item,
# blocks separated by blank lines, a heading marked "# " to "###### ".
# The blocks come from libcmark's own parse (`cmark --to xml`, the
# library hiraku parses with), so they are the blocks hiraku sets; the
# front matter gives the title block hiraku prints (title, organisation,
# date); ruby markup {base|reading} keeps its base (bare sets no ruby).
set -eu
src=$1
meta() { awk -v k="$1" 'NR==1 && /^---$/ {fm=1; next} fm && /^---$/ {exit} fm && index($0, k ": ") == 1 {print substr($0, length(k) + 3); exit}' "$src"; }
title=$(meta title)
[ -n "$title" ] && printf '# %s\n\n' "$title"
for k in organization date; do
    v=$(meta "$k")
    [ -n "$v" ] && printf '%s\n\n' "$v"
done
awk 'NR==1 && /^---$/ {fm=1; next} fm && /^---$/ {fm=0; next} !fm' "$src" |
    sed -E 's/\{([^{}|]+)\|([^{}]+)\}/\1/g' |
    cmark --to xml |
    python3 -c '
import sys
import xml.etree.ElementTree as ET
NS = "{http://commonmark.org/xml/1.0}"
def text(e):
    # Inline content: a soft break joins (Japanese has no word spaces),
    # a hard break stays a line break; raw HTML is dropped.
    out = []
    for c in e:
        tag = c.tag[len(NS):]
        if tag in ("text", "code"):
            out.append(c.text or "")
        elif tag == "linebreak":
            out.append("\n")
        elif tag != "html_inline" and tag != "softbreak":
            out.append(text(c))
    return "".join(out)
def blocks(e, bullet=""):
    for c in e:
        tag = c.tag[len(NS):]
        if tag == "heading":
            yield "#" * int(c.get("level")) + " " + text(c)
        elif tag == "paragraph":
            yield bullet + text(c)
            bullet = ""
        elif tag == "code_block":
            yield (c.text or "").rstrip("\n")
        elif tag == "list":
            for n, item in enumerate(c, int(c.get("start", "1"))):
                mark = "・" if c.get("type") == "bullet" else "%d. " % n
                yield from blocks(item, mark)
        elif tag in ("block_quote", "item", "document"):
            yield from blocks(c)
for b in blocks(ET.parse(sys.stdin).getroot()):
    if b.strip():
        print(b + "\n")
'
