#!/bin/sh
# Golden checks of the large-type edition: for every sample (and the test
# fixture) the smallest text on any page is at least 18 pt, measured from
# the PDF: pdftotext -bbox-layout gives each word's box, whose height is the
# font size times the font's ascent+descent, 0.999 em for the BIZ UD fonts
# (checked here on the print edition's known 10.5 pt body). Ruby is drawn as
# outlines, not text, so pdftotext cannot see it; its size is checked on the
# typeset plan (tests/unit/test_typeset.c, large_nothing_under_18pt) and
# enforced by the edition's layout limits. Also: BIZ UD Gothic only (and
# its proportional face for Latin runs), tagged
# with headings and lists, the title suffix in the metadata, an outline,
# /Lang; and layouts that break the promise are refused.
# (Same text as the print edition: tests/unit/test_pdf_text.c.)
# once
set -u
. "$(dirname "$0")/../lib/golden.sh"
SOURCES="$ROOT/tests/data/print-fixture.md $SAMPLE_SOURCES"

# word box height per point of font size, from the print edition's body
"$HIRAKU" render "$ROOT/tests/data/print-fixture.md" -o "$OUT/cal" --edition print || bad "print render"
ratio=$(pdftotext -bbox-layout -f 1 -l 1 "$OUT/cal/print-fixture.print.pdf" - |
    awk -F'"' '/<word/ { h = $8 - $4; n[sprintf("%.3f", h)]++ }
        END { best = 0; for (k in n) if (n[k] > best) { best = n[k]; mode = k }; print mode / 10.5 }')
awk -v r="$ratio" 'BEGIN { exit !(r > 0.98 && r < 1.02) }' || bad "word height/size ratio $ratio is not ~1"

for src in $SOURCES; do
    stem=$(basename "$src" .md)
    pdf="$OUT/$stem.large.pdf"
    render_measured large "$src" || continue
    pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')

    smallest=$(pdftotext -bbox-layout "$pdf" - |
        awk -F'"' -v r="$ratio" '/<word/ { s = ($8 - $4) / r; if (min == "" || s < min) min = s; n++ }
            END { printf "%.2f %d", min, n }')
    words=${smallest#* }
    smallest=${smallest% *}
    echo "figure: large $stem: $pages pages, $secs wall, $((kb / 1024)) MiB peak, smallest text ${smallest} pt over $words words"
    [ "$words" -gt 20 ] || bad "$stem: too few words measured ($words)"
    awk -v s="$smallest" 'BEGIN { exit !(s >= 17.99) }' || bad "$stem: text at $smallest pt (< 18)"

    pdffonts "$pdf" | tail -n +3 >"$OUT/fonts.txt"
    # BIZ UDPGothic is the same family's proportional face, which the
    # layout's [composition] latin_fonts gives Latin runs
    grep -Eqv 'BIZUDP?Gothic' "$OUT/fonts.txt" && bad "$stem: a font other than BIZ UD Gothic: $(grep -Ev 'BIZUDP?Gothic' "$OUT/fonts.txt")"
    awk '{ if ($(NF-4) != "yes" || $(NF-3) != "yes") exit 1 }' "$OUT/fonts.txt" || bad "$stem: font not an embedded subset"
    pdfinfo "$pdf" | grep -q '^Tagged: *yes' || bad "$stem: not tagged"
    pdfinfo "$pdf" | grep -q '^Title: .*（拡大文字版）$' || bad "$stem: no 拡大文字版 in the title"
    pdfinfo -struct "$pdf" >"$OUT/struct.txt"
    tags="Document H1 H2 P"
    grep -Eq '^ *([-*+]|[0-9]+\.) ' "$src" && tags="$tags L LI Lbl LBody"
    for tag in $tags; do
        grep -Eq "^ *$tag( |$)" "$OUT/struct.txt" || bad "$stem: no $tag in the structure tree"
    done
    qpdf --check "$pdf" >/dev/null 2>&1 || bad "$stem: qpdf --check"
    qpdf --qdf --object-streams=disable "$pdf" "$OUT/qdf.pdf"
    grep -aq '/Lang (ja)' "$OUT/qdf.pdf" || bad "$stem: no /Lang"
    grep -aq '/Outlines' "$OUT/qdf.pdf" || bad "$stem: no outline"
    grep -aq '/DisplayDocTitle true' "$OUT/qdf.pdf" || bad "$stem: no DisplayDocTitle"
done

# layouts that break the large-type promise
fixture="$ROOT/tests/data/print-fixture.md"
try_layout() { # name, sed expression, expected message regex
    sed "$2" "$ROOT/layouts/large-a4.ini" >"$OUT/l.ini"
    rm -rf "$OUT/bad" && mkdir -p "$OUT/bad"
    "$HIRAKU" render "$fixture" -o "$OUT/bad" --edition large --layout "$OUT/l.ini" 2>"$OUT/err.txt"
    rc=$?
    [ "$rc" -eq 2 ] || bad "$1: exit $rc, wanted 2"
    grep -Eq "$3" "$OUT/err.txt" || bad "$1: message '$(cat "$OUT/err.txt")'"
    [ -z "$(ls -A "$OUT/bad")" ] || bad "$1: left files"
}
try_layout "body 16 pt" 's/^size = 22$/size = 16/' 'l.ini:[0-9]+:1: \[body\] size: 16 is out of range \(18 to 30\)'
try_layout "body 32 pt" 's/^size = 22$/size = 32/' 'l.ini:[0-9]+:1: \[body\] size: 32 is out of range \(18 to 30\)'
try_layout "footer 12 pt" '/^\[footer\]/,/^\[/ s/^size = 20$/size = 12/' 'l.ini:[0-9]+:1: \[footer\] size: 12 is out of range \(18 to'
try_layout "ruby 12 pt" 's/^min_size = 18$/min_size = 12/' 'l.ini:[0-9]+:1: \[ruby\] min_size: 12 is out of range \(18 to'
try_layout "heading below body" '/^\[heading3\]/,/^\[/ s/^size = 25$/size = 20/' 'l.ini:[0-9]+:1: \[heading3\] size: headings may not be smaller than the body'
exit $fail
