#!/bin/sh
# Golden check of JLREQ line composition (src/print/compose.c): the print,
# large and furigana PDFs of every sample are read back with poppler
# (tests/tools/composition.py, character boxes from the content streams)
# and must have no gap above JLREQ's limit on a justified line, no line
# adjusted in one gap, consecutive punctuation squeezed and 四分アキ around
# Latin runs. The same checker must fail on the print edition set by
# Pango's own justification (the layout without its [composition] group),
# so that it is known to see what it checks.
# once
set -u
. "$(dirname "$0")/../lib/golden.sh"
CHECK="/usr/bin/python3 $ROOT/tests/tools/composition.py"

pdfs=""
for src in $SAMPLE_SOURCES; do
    stem=$(basename "$src" .md)
    for ed in print large furigana; do
        render_measured "$ed" "$src" || continue
        pdfs="$pdfs $OUT/$stem.$ed.pdf"
        pages=$(pdfinfo "$OUT/$stem.$ed.pdf" | sed -n 's/^Pages: *//p')
        echo "figure: composition $stem $ed: $pages pages"
    done
done
# shellcheck disable=SC2086
if $CHECK $pdfs >"$OUT/check.txt"; then
    sed 's/^/figure: composition: /' "$OUT/check.txt" | grep -v '^figure: composition:   '
else
    cat "$OUT/check.txt"
    bad "composition checks fail"
fi

# Without the composer: Pango's justification puts a line's slack in one
# space and never squeezes punctuation; the checker must say so.
sed '/^\[composition\]/,/^\[/{/^\[composition\]/d;/^\[/!d}' "$ROOT/layouts/print-a4.ini" >"$OUT/plain.ini"
grep -q '^table' "$OUT/plain.ini" && bad "plain layout still has a composition table"
mkdir -p "$OUT/plain"
for src in $SAMPLE_SOURCES; do
    "$HIRAKU" render "$src" -o "$OUT/plain" --edition print --layout "print=$OUT/plain.ini" -q ||
        bad "$(basename "$src"): render without the composer failed"
done
if $CHECK "$OUT"/plain/*.print.pdf >"$OUT/plain.txt"; then
    cat "$OUT/plain.txt"
    bad "the checker passes Pango's own justification"
fi
grep -q '^consecutive punctuation not squeezed: [1-9]' "$OUT/plain.txt" ||
    bad "the checker misses unsqueezed punctuation"
grep -q '^lines adjusted in one gap: [1-9]' "$OUT/plain.txt" || bad "the checker misses one-gap lines"
exit $fail
