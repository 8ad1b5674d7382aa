#!/bin/sh
# Golden checks of the furigana edition, read back from the PDFs with
# poppler-utils, qpdf and pdfminer.six: for each sample and the fixture, the furigana PDF
# has the print PDF's text (readings are drawn as outlines, so they never
# reach the text); every ruby base (RB) holds kanji and neither begins nor
# ends with kana (okurigana left bare); every reading (RT /ActualText) is
# kana; there are more readings than in the print edition, one per RB;
# every kanji of the body text is under a reading (figure: coverage). The
# fixture adds: the author's ruby is not doubled, kana-only text and code
# get none. Figures: render time and size of both editions.
# once
set -u
export LC_ALL=C.UTF-8
. "$(dirname "$0")/../lib/golden.sh"
KANJI='[\x{4E00}-\x{9FFF}\x{3400}-\x{4DBF}\x{F900}-\x{FAFF}\x{3005}\x{3006}\x{3007}]'
KANA='[\x{3041}-\x{3096}\x{30A1}-\x{30FA}\x{30FC}]'
fixture="$ROOT/tests/data/furigana-fixture.md"
SOURCES="$fixture $SAMPLE_SOURCES"

# The body text of a PDF without page furniture (header above, footer
# below the A4 text block) and without the spaces and line breaks that
# differ where the ruby moved a line break.
body_text() {
    pdftotext -x 0 -y 60 -W 595 -H 735 "$1" - | tr -d ' \n\f'
}
# The text of every ruby base, one per line, in structure-tree order
# (tests/lib/struct_text.py, pdfminer.six: what `pdfinfo -struct-text`
# prints for each RB, in seconds where poppler takes minutes because it
# lays the page out again for every marked-content reference).
rb_texts() {
    "$ROOT/tests/lib/struct_text.py" "$1" RB || bad "$1: the structure tree's RB text could not be read" >&2
}
# The readings (RT /ActualText), one per line.
readings() {
    qpdf --json --json-key=qpdf "$1" | grep -o '"/ActualText": "u:[^"]*"' |
        sed 's/^"\/ActualText": "u://; s/"$//'
}

for src in $SOURCES; do
    stem=$(basename "$src" .md)
    render_measured furigana "$src" || continue
    "$HIRAKU" render "$src" -o "$OUT" --edition print || { bad "$stem: print render failed"; continue; }
    fpdf="$OUT/$stem.furigana.pdf"
    ppdf="$OUT/$stem.print.pdf"
    fpages=$(pdfinfo "$fpdf" | sed -n 's/^Pages: *//p')
    ppages=$(pdfinfo "$ppdf" | sed -n 's/^Pages: *//p')
    echo "figure: furigana $stem: $fpages pages (print $ppages), ${secs}s wall, $((kb / 1024)) MiB peak," \
        "$(($(stat -c %s "$fpdf") / 1024)) KiB (print $(($(stat -c %s "$ppdf") / 1024)) KiB)"

    qpdf --check "$fpdf" >"$OUT/check.txt" 2>&1 || bad "$stem: qpdf --check: $(tail -3 "$OUT/check.txt")"
    pdfinfo "$fpdf" | grep -q '^Title: .*（ふりがな付き）$' || bad "$stem: title lacks （ふりがな付き）"

    # the same text as the print edition
    body_text "$ppdf" >"$OUT/print.txt"
    body_text "$fpdf" >"$OUT/furigana.txt"
    [ -s "$OUT/print.txt" ] || bad "$stem: no text in the print PDF"
    cmp -s "$OUT/print.txt" "$OUT/furigana.txt" ||
        bad "$stem: text differs from the print edition: $(diff "$OUT/print.txt" "$OUT/furigana.txt" | head -4)"

    # readings over kanji, never over kana
    rb_texts "$fpdf" >"$OUT/rb.txt"
    readings "$fpdf" >"$OUT/rt.txt"
    cp "$OUT/rb.txt" "$OUT/$stem.rb.txt"
    cp "$OUT/rt.txt" "$OUT/$stem.rt.txt"
    readings "$ppdf" >"$OUT/rt-print.txt"
    nrb=$(wc -l <"$OUT/rb.txt")
    nrt=$(wc -l <"$OUT/rt.txt")
    nprint=$(wc -l <"$OUT/rt-print.txt")
    [ "$nrt" -gt "$nprint" ] || bad "$stem: $nrt readings, not more than the print edition's $nprint"
    [ "$nrb" -eq "$nrt" ] || bad "$stem: $nrb ruby bases but $nrt readings"
    grep -vP "$KANJI" "$OUT/rb.txt" | sed 's/^/    no kanji under a reading: /' | head -5 | grep . &&
        bad "$stem: a reading over a base without kanji"
    grep -P "^$KANA|$KANA\$" "$OUT/rb.txt" | sed 's/^/    kana at the edge of a base: /' | head -5 | grep . &&
        bad "$stem: a reading over kana (okurigana not trimmed)"
    grep -vxP '[\x{3041}-\x{3096}\x{30FC}]+' "$OUT/rt.txt" | sed 's/^/    not hiragana: /' | head -5 | grep . &&
        bad "$stem: a reading that is not hiragana"

    # every kanji of the text under a reading (code excepted)
    total=$(grep -oP "$KANJI" "$OUT/furigana.txt" | wc -l)
    covered=$(grep -oP "$KANJI" "$OUT/rb.txt" | wc -l)
    code=0
    [ "$src" = "$fixture" ] && code=$(sed -n '/^```$/,/^```$/p; s/.*`\([^`]*\)`.*/\1/p' "$src" | grep -oP "$KANJI" | wc -l)
    echo "figure: furigana $stem: $covered of $total kanji under a reading ($code in code), $nrt readings (print $nprint)"
    [ "$covered" -eq $((total - code)) ] || bad "$stem: $((total - code - covered)) kanji without a reading"
done

# the fixture's particulars (its ruby bases and readings as read above)
cp "$OUT/furigana-fixture.rb.txt" "$OUT/rb.txt" || bad "fixture: no ruby bases read"
cp "$OUT/furigana-fixture.rt.txt" "$OUT/rt.txt" || bad "fixture: no readings read"
[ "$(grep -cx '金沢' "$OUT/rb.txt")" -eq 2 ] || bad "fixture: the author's 金沢 not exactly twice"
[ "$(grep -cx 'かなざわ' "$OUT/rt.txt")" -eq 2 ] || bad "fixture: かなざわ doubled or missing"
grep -qx '育' "$OUT/rb.txt" && [ "$(grep -cx 'はぐく' "$OUT/rt.txt")" -eq 1 ] ||
    bad "fixture: the author's 育 doubled or missing"
grep -q '設定値' "$OUT/rb.txt" && bad "fixture: code got a reading"
grep -qx '区' "$OUT/rb.txt" || bad "fixture: 区 after the author's 金沢 got no reading"
# RB texts come in structure-tree order and readings in object order, which
# Cairo numbers in the same order: line n of each is one ruby.
for pair in '窓口 まどぐち' '業務 ぎょうむ' '取 と' '組 く' '相談 そうだん' '手引 てび'; do
    set -- $pair
    paste -d' ' "$OUT/rb.txt" "$OUT/rt.txt" | grep -qx "$1 $2" || bad "fixture: no reading $2 over $1"
done
exit $fail
