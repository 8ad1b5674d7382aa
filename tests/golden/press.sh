#!/bin/sh
# Golden checks of the press edition: every page has a TrimBox of A4 and a
# BleedBox 3 mm larger on each side, inside a media box with room for the
# crop marks; the marks are there (pixels on the doubled corner marks are
# dark; the bleed area is clear of them); a background touching the trim
# runs into the bleed (a layout with a top band); fonts are embedded
# subsets; scripts/pdfx makes PDF/X-3 with an output intent and keeps the
# boxes and fonts.
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

# PDF/X-3 by Ghostscript
pdf="$OUT/print-fixture.press.pdf"
start=$(date +%s.%N)
"$ROOT/scripts/pdfx" "$pdf" "$OUT/x.pdf" 2>"$OUT/pdfx.err" || bad "scripts/pdfx failed: $(cat "$OUT/pdfx.err")"
end=$(date +%s.%N)
echo "figure: scripts/pdfx print-fixture: $(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.2f", b-a}') s"
pdfinfo "$OUT/x.pdf" | grep -q '^PDF subtype: *PDF/X-3:2002' || bad "pdfx: not PDF/X-3:2002"
check_boxes "$OUT/x.pdf" pdfx >/dev/null || bad "pdfx: boxes lost"
pdffonts "$OUT/x.pdf" | tail -n +3 | awk '{ if ($(NF-4) != "yes") exit 1 }' || bad "pdfx: a font is not embedded"
qpdf --check "$OUT/x.pdf" >/dev/null 2>&1 || bad "pdfx: qpdf --check"
qpdf --qdf --object-streams=disable "$OUT/x.pdf" "$OUT/xq.pdf"
grep -aq '/OutputIntents' "$OUT/xq.pdf" || bad "pdfx: no output intent"
grep -aq '/S /GTS_PDFX' "$OUT/xq.pdf" || bad "pdfx: output intent is not GTS_PDFX"
grep -aq 'DeviceRGB' "$OUT/xq.pdf" && bad "pdfx: RGB colour left"
exit $fail
