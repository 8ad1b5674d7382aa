#!/bin/sh
# Ruby at the edges of a line (src/print/rubyfit.c), measured on the PDFs
# with tests/lib/rubybox.py (qpdf's uncompressed content streams: the glyph
# outlines of every /RT reading; the text block from pdftotext -bbox): no
# two readings overlap, none reaches outside the text block.
# - the furigana, print and large editions of both samples (on the
#   character-overhang typesetter, 情報共有 at a line end of FY2020 p2 had
#   じょうほう and きょうゆう drawn 3 pt over each other);
# - a paragraph the test writes so that 情報共有 with the author's ruby ends
#   the first line and を, which きょうゆう reached over, starts the next.
# once
set -u
. "$(dirname "$0")/../lib/golden.sh"
check="$ROOT/tests/lib/rubybox.py"

for src in $SAMPLE_SOURCES; do
    stem=$(basename "$src" .md)
    for e in furigana print large; do
        render_measured "$e" "$src" || continue
        python3 "$check" "$OUT/$stem.$e.pdf" || bad "$stem $e: readings collide or overhang"
    done
done

# The body is 44 characters wide and indented by one: the 40th to the 43rd
# of the first line are 情報共有, and を would be the 44th.
a=$(printf 'あ%.0s' $(seq 1 39))
i=$(printf 'い%.0s' $(seq 1 41))
printf -- '---\ntitle: ルビ\n---\n\n%s{情報|じょうほう}{共有|きょうゆう}をします。\n\n%s{情報|じょうほう}{共有|きょうゆう}\n' \
    "$a" "$i" >"$OUT/r.md"
"$HIRAKU" render "$OUT/r.md" -o "$OUT/r" --edition print -q || bad "render"
python3 "$check" "$OUT/r/r.print.pdf" || bad "readings collide at a line end"
exit $fail
