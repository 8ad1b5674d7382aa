#!/bin/sh
# Golden checks of the print edition with poppler-utils and qpdf: every
# sample (and the test fixture) renders; fonts are embedded subsets; the PDF
# is tagged with headings, paragraphs and lists, has /Lang, DisplayDocTitle,
# XMP metadata, an outline, Figure /Alt; qpdf --check is clean; the output is
# byte-identical from run to run. Then the print path's bad inputs: a
# missing font, a broken font configuration, an absurd layout value, an
# image that is not PNG: each a clear message, non-zero exit, no file.
# (The text-in-order check is tests/unit/test_print_text.c.)
# once
set -u
. "$(dirname "$0")/../lib/golden.sh"
SOURCES="$ROOT/tests/data/print-fixture.md $SAMPLE_SOURCES"

for src in $SOURCES; do
    stem=$(basename "$src" .md)
    pdf="$OUT/$stem.print.pdf"
    render_measured print "$src" || continue
    pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
    echo "figure: print $stem: $pages pages, $secs wall, $((kb / 1024)) MiB peak"

    # fonts: every one embedded and subset
    pdffonts "$pdf" >"$OUT/fonts.txt" || bad "$stem: pdffonts failed"
    nfonts=$(tail -n +3 "$OUT/fonts.txt" | wc -l)
    [ "$nfonts" -gt 0 ] || bad "$stem: no fonts"
    tail -n +3 "$OUT/fonts.txt" | awk '{ if ($(NF-4) != "yes" || $(NF-3) != "yes") { print; exit 1 } }' ||
        bad "$stem: a font is not an embedded subset"
    tail -n +3 "$OUT/fonts.txt" | grep -qv 'BIZUD' && bad "$stem: a font other than BIZ UD is used"

    # tags and structure
    pdfinfo "$pdf" | grep -q '^Tagged: *yes' || bad "$stem: not tagged"
    pdfinfo -struct "$pdf" >"$OUT/struct.txt" || bad "$stem: pdfinfo -struct failed"
    for tag in Document H1 H2 P; do
        grep -Eq "^ *$tag( |$)" "$OUT/struct.txt" || bad "$stem: no $tag in the structure tree"
    done
    if grep -Eq '^ *([-*+]|[0-9]+\.) ' "$src"; then
        for tag in L LI Lbl LBody; do
            grep -Eq "^ *$tag( |$)" "$OUT/struct.txt" || bad "$stem: no $tag in the structure tree"
        done
    fi

    # catalog and metadata, seen through qpdf
    qpdf --check "$pdf" >"$OUT/check.txt" 2>&1 || bad "$stem: qpdf --check: $(tail -3 "$OUT/check.txt")"
    grep -qi 'warning' "$OUT/check.txt" && bad "$stem: qpdf --check warns"
    qpdf --qdf --object-streams=disable "$pdf" "$OUT/qdf.pdf" || bad "$stem: qpdf --qdf failed"
    grep -aq '/Lang (ja)' "$OUT/qdf.pdf" || bad "$stem: no /Lang (ja) on the catalog"
    grep -aq '/DisplayDocTitle true' "$OUT/qdf.pdf" || bad "$stem: no DisplayDocTitle"
    grep -aq '/Marked true' "$OUT/qdf.pdf" || bad "$stem: no MarkInfo"
    grep -aq '/Outlines' "$OUT/qdf.pdf" || bad "$stem: no outline"
    grep -aq '<dc:title>' "$OUT/qdf.pdf" || bad "$stem: no XMP dc:title"
    grep -aq '/Artifact BMC' "$OUT/qdf.pdf" || bad "$stem: no artifact-marked furniture"
    grep -aq '/CreationDate (D:' "$OUT/qdf.pdf" || bad "$stem: CreationDate lacks D:"
    if grep -q '!\[' "$src"; then
        grep -aq '/Alt <feff' "$OUT/qdf.pdf" || bad "$stem: a Figure has no /Alt"
    fi
    if grep -q '{[^}|]*|' "$src"; then
        grep -aq '/ActualText <feff' "$OUT/qdf.pdf" || bad "$stem: ruby RT has no /ActualText"
    fi

    # byte-identical on a second run
    mkdir -p "$OUT/again"
    "$HIRAKU" render "$src" -o "$OUT/again" --edition print || bad "$stem: second render failed"
    cmp -s "$pdf" "$OUT/again/$stem.print.pdf" || bad "$stem: output differs between runs"
done

# --- bad input: each must fail clearly and leave no file behind ---
fixture="$ROOT/tests/data/print-fixture.md"
expect_fail() { # name, expected exit, message regex, command...
    name=$1 code=$2 re=$3
    shift 3
    rm -rf "$OUT/bad" && mkdir -p "$OUT/bad"
    "$@" >"$OUT/bad.out" 2>"$OUT/bad.err"
    rc=$?
    [ "$rc" -eq "$code" ] || bad "$name: exit $rc, wanted $code"
    grep -Eq "$re" "$OUT/bad.err" || bad "$name: message '$(cat "$OUT/bad.err")' does not match '$re'"
    [ "$(wc -l <"$OUT/bad.err")" -eq 1 ] || bad "$name: more than one line on stderr"
    [ -z "$(ls -A "$OUT/bad")" ] || bad "$name: left files: $(ls -A "$OUT/bad")"
}

data="$OUT/data"
mkdir -p "$data"
cp -r "$ROOT/layouts" "$ROOT/fonts" "$data/"
# fonts.conf that points at an empty directory: the fonts are "missing"
mkdir -p "$data/nofonts"
sed "s#<dir>[^<]*</dir>#<dir>$data/nofonts</dir>#" "$ROOT/fonts/fonts.conf" >"$data/fonts/fonts.conf"
expect_fail "missing font" 2 "print-a4.ini:[0-9]+:[0-9]+: \[body\] font: font 'BIZ UDMincho' is not available" \
    env HIRAKU_DATA_DIR="$data" "$HIRAKU" render "$fixture" -o "$OUT/bad" --edition print
# a font configuration that is not XML
echo '<fontconfig><dir>' >"$data/fonts/fonts.conf"
expect_fail "broken fonts.conf" 1 "fonts/fonts.conf:[0-9]+:[0-9]+: invalid font configuration" \
    env HIRAKU_DATA_DIR="$data" "$HIRAKU" render "$fixture" -o "$OUT/bad" --edition print
rm -f "$data/fonts/fonts.conf"
expect_fail "no fonts.conf" 1 "fonts/fonts.conf:1:1: font configuration not found" \
    env HIRAKU_DATA_DIR="$data" "$HIRAKU" render "$fixture" -o "$OUT/bad" --edition print

# absurd layout values
sed 's/^size = 10.5$/size = 72/' "$ROOT/layouts/print-a4.ini" >"$OUT/huge.ini"
expect_fail "body size 72" 2 "huge.ini:[0-9]+:1: \[body\] size: 72 is out of range \(8 to 14\)" \
    "$HIRAKU" render "$fixture" -o "$OUT/bad" --edition print --layout "$OUT/huge.ini"
sed 's/^margin_left_mm = 22$/margin_left_mm = -3/' "$ROOT/layouts/print-a4.ini" >"$OUT/neg.ini"
expect_fail "negative margin" 2 "neg.ini:[0-9]+:1: \[page\] margin_left_mm: -3 is out of range" \
    "$HIRAKU" render "$fixture" -o "$OUT/bad" --edition print --layout "$OUT/neg.ini"
sed 's/^leading = 1.75$/leading = lots/' "$ROOT/layouts/print-a4.ini" >"$OUT/word.ini"
expect_fail "leading not a number" 2 "word.ini:[0-9]+:1: \[body\] leading: 'lots' is not a number" \
    "$HIRAKU" render "$fixture" -o "$OUT/bad" --edition print --layout "$OUT/word.ini"

# an image that is not a PNG
mkdir -p "$OUT/src"
printf 'not an image\n' >"$OUT/src/photo.png"
printf '# 見出し\n\n本文。\n\n![写真の説明](photo.png)\n' >"$OUT/src/img.md"
expect_fail "image not PNG" 2 "img.md:5:1: image 'photo.png' is not a PNG file" \
    "$HIRAKU" render "$OUT/src/img.md" -o "$OUT/bad" --edition print

exit $fail
