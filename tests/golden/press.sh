#!/bin/sh
# Golden checks of the press edition: every page has a TrimBox of A4 and a
# BleedBox 3 mm larger on each side, inside a media box with room for the
# crop marks; the marks are there (pixels on the doubled corner marks are
# dark; the bleed area is clear of them); a background touching the trim
# runs into the bleed (a layout with a top band); fonts are embedded
# subsets; the file is PDF/X-4 (PDF/X-1a with a layout that says so),
# checked by tests/lib/preflight.py and on Ghostscript's plates; the same
# bytes twice; press layouts that cannot make PDF/X are refused.
# once
set -u
. "$(dirname "$0")/../lib/golden.sh"
SOURCES="$ROOT/tests/data/print-fixture.md $SAMPLE_SOURCES"
A4W=595.28
A4H=841.89
BLEED=8.50 # 3 mm

# Checks the boxes of every page: prints the media offset of the trim box.
check_boxes() { # pdf, name
    pdfinfo -box -f 1 -l 9999 "$1" | awk -v w=$A4W -v h=$A4H -v b=$BLEED -v name="$2" '
        function near(a, c) { return a - c < 0.02 && c - a < 0.02 }
        /MediaBox:/ { p = $2; mx0[p] = $4; my0[p] = $5; mx1[p] = $6; my1[p] = $7 }
        /TrimBox:/ { p = $2; tx0[p] = $4; ty0[p] = $5; tx1[p] = $6; ty1[p] = $7 }
        /BleedBox:/ { p = $2; bx0[p] = $4; by0[p] = $5; bx1[p] = $6; by1[p] = $7 }
        END {
            bad = 0
            for (p in mx0) {
                if (!(p in tx0) || !(p in bx0)) { print name " page " p ": no TrimBox/BleedBox"; bad = 1; continue }
                if (!near(tx1[p] - tx0[p], w) || !near(ty1[p] - ty0[p], h)) { print name " page " p ": TrimBox is not A4"; bad = 1 }
                if (!near(tx0[p] - bx0[p], b) || !near(ty0[p] - by0[p], b) || !near(bx1[p] - tx1[p], b) || !near(by1[p] - ty1[p], b)) { print name " page " p ": BleedBox is not 3 mm outside the TrimBox"; bad = 1 }
                if (bx0[p] - mx0[p] < 17 || by0[p] - my0[p] < 17 || mx1[p] - bx1[p] < 17 || my1[p] - by1[p] < 17) { print name " page " p ": no room for crop marks outside the bleed"; bad = 1 }
                off = tx0[p]; n++
            }
            if (n == 0) { print name ": no pages"; bad = 1 }
            if (bad) exit 1
            print off
        }'
}

# Darkest grey value (0-255) in a box of page 1 given in points from the
# media box's top left.
darkest() { # pdf, x, y, w, h
    pdftoppm -r 288 -gray -f 1 -l 1 -x "$(awk -v v="$2" 'BEGIN{printf "%d", v*4}')" \
        -y "$(awk -v v="$3" 'BEGIN{printf "%d", v*4}')" -W "$(awk -v v="$4" 'BEGIN{printf "%d", v*4}')" \
        -H "$(awk -v v="$5" 'BEGIN{printf "%d", v*4}')" "$1" >"$OUT/px.pgm"
    # P5 header: 3 lines, then bytes
    tail -c +"$(($(head -3 "$OUT/px.pgm" | wc -c) + 1))" "$OUT/px.pgm" | od -An -v -tu1 |
        tr -s ' ' '\n' | awk 'NF { if (min == "" || $1 < min) min = $1 } END { print min }'
}
# Colour of one pixel (r g b) at 72 dpi, point coordinates.
pixel() { # pdf, x, y
    pdftoppm -r 72 -f 1 -l 1 -x "$2" -y "$3" -W 1 -H 1 "$1" >"$OUT/px.ppm"
    tail -c 3 "$OUT/px.ppm" | od -An -tu1 | awk '{ print $1, $2, $3 }'
}

for src in $SOURCES; do
    stem=$(basename "$src" .md)
    pdf="$OUT/$stem.press.pdf"
    render_measured press "$src" || continue
    pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
    echo "figure: press $stem: $pages pages, $secs wall, $((kb / 1024)) MiB peak"
    off=$(check_boxes "$pdf" "$stem") || { bad "$off"; continue; }

    pdffonts "$pdf" | tail -n +3 | awk '{ if ($(NF-4) != "yes" || $(NF-3) != "yes") exit 1 }' ||
        bad "$stem: a font is not an embedded subset"
    qpdf --check "$pdf" >/dev/null 2>&1 || bad "$stem: qpdf --check"

    # crop marks: the corner L at the bleed corner (top left), 5 mm out
    b=$BLEED
    d=$(darkest "$pdf" "$(awk -v o="$off" -v b=$b 'BEGIN{print o-b-14.2}')" \
        "$(awk -v o="$off" -v b=$b 'BEGIN{print o-b-1}')" 2 2)
    [ "$d" -lt 128 ] || bad "$stem: no corner crop mark (outer, horizontal): grey $d"
    d=$(darkest "$pdf" "$(awk -v o="$off" 'BEGIN{print o-1}')" \
        "$(awk -v o="$off" -v b=$b 'BEGIN{print o-b-14.2}')" 2 2)
    [ "$d" -lt 128 ] || bad "$stem: no corner crop mark (trim, vertical): grey $d"
    # centre mark on the top edge
    d=$(darkest "$pdf" "$(awk -v o="$off" -v w=$A4W 'BEGIN{print o+w/2-1}')" \
        "$(awk -v o="$off" -v b=$b 'BEGIN{print o-b-10}')" 2 4)
    [ "$d" -lt 128 ] || bad "$stem: no centre crop mark: grey $d"
    # nothing inside the bleed area around the corner
    d=$(darkest "$pdf" "$(awk -v o="$off" -v b=$b 'BEGIN{print o-b+0.5}')" \
        "$(awk -v o="$off" -v b=$b 'BEGIN{print o-b+0.5}')" 7 7)
    [ "$d" -gt 250 ] || bad "$stem: ink inside the bleed at the corner: grey $d"
done

# A band touching the trim runs into the bleed, not beyond.
sed 's/^band_mm = 0$/band_mm = 12/' "$ROOT/layouts/press-a4.ini" >"$OUT/band.ini"
mkdir -p "$OUT/band"
"$HIRAKU" render "$ROOT/tests/data/print-fixture.md" -o "$OUT/band" --edition press --layout "$OUT/band.ini" ||
    bad "band render"
bpdf="$OUT/band/print-fixture.press.pdf"
off=$(check_boxes "$bpdf" band) || bad "$off"
in_bleed=$(pixel "$bpdf" "$(awk -v o="$off" 'BEGIN{printf "%d", o+100}')" "$(awk -v o="$off" 'BEGIN{printf "%d", o-4}')")
in_trim=$(pixel "$bpdf" "$(awk -v o="$off" 'BEGIN{printf "%d", o+100}')" "$(awk -v o="$off" 'BEGIN{printf "%d", o+10}')")
beyond=$(pixel "$bpdf" "$(awk -v o="$off" 'BEGIN{printf "%d", o+100}')" "$(awk -v o="$off" 'BEGIN{printf "%d", o-12}')")
[ "$in_bleed" = "$in_trim" ] || bad "band: bleed pixel $in_bleed differs from the band $in_trim"
[ "$in_trim" != "255 255 255" ] || bad "band: no band drawn"
[ "$beyond" = "255 255 255" ] || bad "band: runs beyond the bleed ($beyond)"

# PDF/X, by the preflight (tests/lib/preflight.py: qpdf --json, its own
# content-stream walk): no RGB anywhere, text K only, marks in
# Separation /All, output intent, version keys, fonts, boxes.
preflight() { # pdf, name
    if ! python3 "$ROOT/tests/lib/preflight.py" "$1" --k-only-text >"$OUT/preflight.txt" 2>&1; then
        bad "$2: preflight: $(grep -m 5 'FAIL\|Error' "$OUT/preflight.txt" | tr '\n' ' ')"
    fi
    sed "s/^/    /" "$OUT/preflight.txt"
}
for src in $SOURCES; do
    stem=$(basename "$src" .md)
    pdf="$OUT/$stem.press.pdf"
    [ -f "$pdf" ] || continue
    echo "figure: preflight $stem.press.pdf:"
    preflight "$pdf" "$stem"
    pdfinfo "$pdf" | grep -q '^PDF subtype: *PDF/X-4' || bad "$stem: poppler does not see PDF/X-4"
    # the same bytes from a second run
    mkdir -p "$OUT/again"
    "$HIRAKU" render "$src" -o "$OUT/again" --edition press || bad "$stem: second render"
    cmp -s "$pdf" "$OUT/again/$stem.press.pdf" || bad "$stem: press PDF differs from run to run"
done
# The preflight can fail: the print edition (RGB, no output intent) must.
"$HIRAKU" render "$ROOT/tests/data/print-fixture.md" -o "$OUT/rgb" --edition print
if python3 "$ROOT/tests/lib/preflight.py" "$OUT/rgb/print-fixture.print.pdf" >"$OUT/rgb.txt" 2>&1; then
    bad "preflight passes an RGB print PDF"
fi
for what in '/DeviceRGB in' 'DeviceRGB colour operator' "no printer's marks" 'no TrimBox' \
    'no /OutputIntents' 'no GTS_PDFXVersion' 'no Trapped'; do
    grep -q "$what" "$OUT/rgb.txt" || bad "preflight did not report '$what' on the print PDF"
done

# Ghostscript, an interpreter apart, on the plates: inside the trim no
# pixel carries a grey component (C, M and Y together), black text is on K
# alone; the corner mark is on all four plates. (Debian has no PDF/X
# validator; veraPDF is not packaged and checks PDF/A and UA, not X.)
plates() { # pdf, dpi, x0 y0 x1 y1
    python3 "$ROOT/tests/lib/plates.py" "$1" 1 "$2" "$3" "$4" "$5" "$6"
}
for stem in $(for s in $SAMPLE_SOURCES; do basename "$s" .md; done); do
    pdf="$OUT/$stem.press.pdf"
    [ -f "$pdf" ] || continue
    off=$(pdfinfo -box "$pdf" | awk '/TrimBox/ { print $2; exit }')
    trim=$(plates "$pdf" 72 "$off" "$off" "$(awk -v o="$off" -v w=$A4W 'BEGIN{print o+w}')" \
        "$(awk -v o="$off" -v h=$A4H 'BEGIN{print o+h}')")
    echo "figure: plates $stem page 1 trim (72 dpi): $trim"
    case $trim in *" rich=0 "*) ;; *) bad "$stem: rich black inside the trim: $trim" ;; esac
    case $trim in *" k_only=0 "*) bad "$stem: no K-only text on page 1: $trim" ;; esac
    # shellcheck disable=SC2046 # four numbers
    mark=$(plates "$pdf" 288 $(awk -v o="$off" -v b=$BLEED 'BEGIN{print o-b-14.2, o-b-1, o-b-12.2, o-b+1}'))
    echo "figure: plates $stem corner mark (288 dpi): $mark"
    case $mark in *" registration=0 "*) bad "$stem: the crop mark is not on all four plates: $mark" ;; esac
done

# PDF/X-1a where the layout says so: PDF 1.3, nothing transparent, the
# figure laid on white and converted to CMYK.
sed 's|^pdfx = .*|pdfx = PDF/X-1a|' "$ROOT/layouts/press-a4.ini" >"$OUT/x1a.ini"
mkdir -p "$OUT/x1a"
if "$HIRAKU" render "$ROOT/tests/data/print-fixture.md" -o "$OUT/x1a" --edition press --layout "$OUT/x1a.ini"; then
    echo "figure: preflight print-fixture.press.pdf as PDF/X-1a:"
    preflight "$OUT/x1a/print-fixture.press.pdf" x1a
    pdfinfo "$OUT/x1a/print-fixture.press.pdf" | grep -q '^PDF subtype: *PDF/X-1' || bad "x1a: poppler does not see PDF/X-1"
else
    bad "PDF/X-1a render"
fi

# What a press layout may not say: an RGB colour, a profile that is not a
# CMYK press profile; and a document with no date cannot be PDF/X.
expect_fail() { # name, status, message, layout
    mkdir -p "$OUT/$1"
    "$HIRAKU" render "$ROOT/tests/data/print-fixture.md" -o "$OUT/$1" --edition press --layout "$4" 2>"$OUT/$1.err"
    st=$?
    [ "$st" = "$2" ] || bad "$1: exit $st, expected $2"
    grep -q "$3" "$OUT/$1.err" || bad "$1: message '$(cat "$OUT/$1.err")' lacks '$3'"
    [ -z "$(ls -A "$OUT/$1")" ] || bad "$1: left a file"
}
sed 's|^colour = cmyk(0, 0, 0, 100)|colour = #000000|' "$ROOT/layouts/press-a4.ini" >"$OUT/rgb.ini"
expect_fail rgb-colour 2 "rgb.ini:[0-9]*:1: \[body\] colour: '#000000': the press edition prints CMYK inks" "$OUT/rgb.ini"
sed 's|^icc_profile = .*|icc_profile = /usr/share/color/icc/ghostscript/srgb.icc|' "$ROOT/layouts/press-a4.ini" >"$OUT/srgb.ini"
expect_fail rgb-profile 2 "srgb.ini:[0-9]*:1: \[press\] icc_profile: .*srgb.icc is not a CMYK output (printer) ICC profile" "$OUT/srgb.ini"
mkdir -p "$OUT/nodate"
"$HIRAKU" render "$ROOT/tests/data/ok.md" -o "$OUT/nodate" --edition press 2>"$OUT/nodate.err" ||
    bad "an undated document made no press PDF: $(cat "$OUT/nodate.err")"
grep -q "ok.md:1:1: warning: the press edition (PDF/X) needs a date" "$OUT/nodate.err" || bad "undated: no warning: $(cat "$OUT/nodate.err")"
pdfinfo -isodates "$OUT/nodate/ok.press.pdf" | grep -q '^CreationDate: *1970-01-01T00:00:00' ||
    bad "undated: not dated at the epoch: $(pdfinfo -isodates "$OUT/nodate/ok.press.pdf" | grep Date)"
rm -f "$OUT/nodate/ok.press.pdf"
SOURCE_DATE_EPOCH=1735689600 "$HIRAKU" render "$ROOT/tests/data/ok.md" -o "$OUT/nodate" --edition press ||
    bad "SOURCE_DATE_EPOCH does not date the press PDF"
exit $fail
