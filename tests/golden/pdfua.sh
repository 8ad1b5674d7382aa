#!/bin/sh
# PDF/UA-1 details of the print, large, furigana and press PDFs of both
# samples and of tests/data/pdfua-fixture.md (a link that starts mid-line
# and wraps, one longer than a page, Latin words, digits, ASCII Roman
# numerals), checked with poppler, xmllint and qpdf (tests/lib/pdfua.py):
# - XMP: well-formed, pdfuaid:part 1 in the PDF/UA namespace, dc:title;
#   the press edition keeps its GTS_PDFXVersion;
# - every Link annotation has /Contents, is reached from its Link element
#   by an OBJR and back by the parent tree; a wrapped link has one
#   quadrilateral per line with /Rect their union; a link over a page break
#   has an annotation on each page; the press edition has no annotation;
# - every CIDFontType2 font has /CIDToGIDMap, and pdftotext gives the same
#   text, pdftoppm the same pixels, with the map taken out again;
# - Latin words sit in a Span with /Lang (en), digits alone never;
# - the catalog keeps /Lang, MarkInfo and DisplayDocTitle; qpdf --check is
#   clean.
# once
set -u
. "$(dirname "$0")/../lib/golden.sh"
fixture="$ROOT/tests/data/pdfua-fixture.md"
UA_NS=http://www.aiim.org/pdfua/ns/id/

# The Latin words each source must have tagged in English.
lang_words() {
    case $1 in
    pdfua-fixture) echo "Wi-Fi GREEN×EXPO Kanabun DX ICT" ;;
    kanazawa-r07-policy) echo "Wi-Fi GREEN×EXPO Kanabun LINE" ;;
    kanazawa-r02-policy) echo "LINKAI PR ICT" ;;
    esac
}

xmp_value() { # file, namespace, local name
    xmllint --xpath "string(//*[local-name()='$3' and namespace-uri()='$2'])" "$1" 2>/dev/null
}

# The file with /CIDToGIDMap taken out (through QDF, which fix-qdf makes
# whole again), for comparing text and pixels.
without_map() { # in, out
    qpdf --qdf --object-streams=disable "$1" "$OUT/qdf.pdf" &&
        grep -av '^  /CIDToGIDMap /Identity$' "$OUT/qdf.pdf" >"$OUT/nomap-qdf.pdf" &&
        fix-qdf "$OUT/nomap-qdf.pdf" >"$2"
}

for src in $fixture $SAMPLE_SOURCES; do
    stem=$(basename "$src" .md)
    for ed in print large furigana press; do
        pdf="$OUT/$stem.$ed.pdf"
        render_measured "$ed" "$src" || continue
        name="$stem $ed"

        qpdf --check "$pdf" >"$OUT/check.txt" 2>&1 || bad "$name: qpdf --check: $(tail -3 "$OUT/check.txt")"
        grep -qi 'warning' "$OUT/check.txt" && bad "$name: qpdf --check warns"

        # XMP metadata
        pdfinfo -meta "$pdf" >"$OUT/xmp.xml" || bad "$name: pdfinfo -meta failed"
        xmllint --noout "$OUT/xmp.xml" 2>"$OUT/xmllint.txt" || bad "$name: XMP not well-formed: $(head -2 "$OUT/xmllint.txt")"
        [ "$(xmp_value "$OUT/xmp.xml" "$UA_NS" part)" = 1 ] || bad "$name: no pdfuaid:part 1 in the XMP"
        [ -n "$(xmp_value "$OUT/xmp.xml" http://purl.org/dc/elements/1.1/ title)" ] || bad "$name: no dc:title in the XMP"
        if [ "$ed" = press ]; then
            [ "$(xmp_value "$OUT/xmp.xml" http://www.npes.org/pdfx/ns/id/ GTS_PDFXVersion)" = PDF/X-4 ] ||
                bad "$name: the XMP lost GTS_PDFXVersion"
        fi

        # links, fonts, languages, catalog
        # (-struct-text takes minutes on the furigana edition's ruby: there,
        # the structure without text; the words are checked in print)
        if [ "$ed" = furigana ]; then
            pdfinfo -struct "$pdf" >"$OUT/struct.txt" || bad "$name: pdfinfo -struct failed"
            set -- "$pdf" "$OUT/struct.txt" --no-text
        else
            pdfinfo -struct-text "$pdf" >"$OUT/struct.txt" || bad "$name: pdfinfo -struct-text failed"
            set -- "$pdf" "$OUT/struct.txt"
        fi
        for w in $(lang_words "$stem"); do set -- "$@" --lang-word "$w"; done
        [ "$ed" = press ] && set -- "$@" --no-annots
        [ "$stem" = pdfua-fixture ] && [ "$ed" != press ] && set -- "$@" --wrapped --spans-pages
        python3 "$ROOT/tests/lib/pdfua.py" "$@" >"$OUT/ua.txt" 2>&1 || bad "$name: $(grep -v '^info' "$OUT/ua.txt" | head -5)"
        sed "s/^info: /info: $name: /" "$OUT/ua.txt" | grep '^info:' | head -3

        # the map changes neither the text nor the glyphs drawn
        if [ "$ed" = print ] || [ "$ed" = large ]; then
            if without_map "$pdf" "$OUT/nomap.pdf"; then
                pdftotext "$pdf" "$OUT/with.txt" && pdftotext "$OUT/nomap.pdf" "$OUT/without.txt" &&
                    cmp -s "$OUT/with.txt" "$OUT/without.txt" || bad "$name: text differs with /CIDToGIDMap"
                grep -aq '/CIDToGIDMap' "$OUT/nomap.pdf" && bad "$name: /CIDToGIDMap not taken out"
                pdftoppm -r 30 -gray -f 1 -l 2 "$pdf" "$OUT/with" &&
                    pdftoppm -r 30 -gray -f 1 -l 2 "$OUT/nomap.pdf" "$OUT/without" || bad "$name: pdftoppm failed"
                for png in "$OUT"/with-*.pgm; do
                    cmp -s "$png" "$OUT/without-${png##*/with-}" || bad "$name: pixels differ with /CIDToGIDMap (${png##*/})"
                done
                rm -f "$OUT"/with-*.pgm "$OUT"/without-*.pgm
            else
                bad "$name: cannot take /CIDToGIDMap out"
            fi
        fi
    done
done
exit $fail
