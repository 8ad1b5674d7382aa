# once
# Hostile and unlucky input (issue 9): every reproducer in tests/data/repro/
# is either refused (a located "file:line:col:" message, a non-zero exit and
# no output file) or rendered (exit 0, well-formed output), each in bounded
# time and memory. The large inputs are made here with a few lines of shell
# (README.md there), some at two sizes to show that cost grows linearly;
# their figures are printed as "figure:" lines.
#
# The ceilings are generous on purpose: this is not a timing test, but a
# quadratic cost or a paragraph held whole in memory goes through them.
# Run once (not under ASan, which multiplies time and memory).
set -u
fail=0
R=tests/data/repro
G=$OUT/gen   # generated inputs
mkdir -p "$G"
# Per render: CPU seconds (a loaded machine does not make them grow), a
# wall-clock timeout that catches a hang, and KB of peak RSS.
CPU_CEIL=${CPU_CEIL:-120}
WALL_CEIL=${WALL_CEIL:-600}
MEM_CEIL=${MEM_CEIL:-1500000}

# run NAME OUTDIR ARGS...: renders with time and memory measured; sets rc,
# secs, kb, and leaves stderr in $OUT/stderr.
run() {
    name=$1 dir=$2
    shift 2
    rm -rf "$dir"
    mkdir -p "$dir"
    /usr/bin/time -f '%e %M %U' -o "$OUT/time" timeout "$WALL_CEIL" "$HIRAKU" "$@" \
        >"$OUT/stdout" 2>"$OUT/stderr"
    rc=$?
    secs=$(tail -n 1 "$OUT/time" | cut -d' ' -f1)
    kb=$(tail -n 1 "$OUT/time" | cut -d' ' -f2)
    cpu=$(tail -n 1 "$OUT/time" | cut -d' ' -f3)
    if [ "$rc" -eq 124 ]; then
        echo "FAIL: $name: over ${WALL_CEIL}s"
        fail=1
    fi
    if [ "${cpu%%.*}" -ge "$CPU_CEIL" ] 2>/dev/null; then
        echo "FAIL: $name: ${cpu} s of CPU, over ${CPU_CEIL} s"
        fail=1
    fi
    case $kb in '' | *[!0-9]*) kb=0 ;; esac
    if [ "$kb" -gt "$MEM_CEIL" ]; then
        echo "FAIL: $name: peak ${kb} KB over ${MEM_CEIL} KB"
        fail=1
    fi
}

# refused FILE EDITION PATTERN [ARGS...]: exit 2, one located message
# matching PATTERN, and nothing left in the output directory.
refused() {
    f=$1 ed=$2 pat=$3
    shift 3
    run "$f" "$OUT/o" render "$f" -o "$OUT/o" --edition "$ed" "$@"
    first=$(head -n 1 "$OUT/stderr")
    if [ "$rc" -ne 2 ] || ! printf '%s\n' "$first" | grep -qE "^[^ ]+:[0-9]+:[0-9]+: " ||
        ! printf '%s\n' "$first" | grep -qE -- "$pat"; then
        echo "FAIL: $f ($ed): exit $rc (want 2), stderr: $(head -c 300 "$OUT/stderr")"
        fail=1
    fi
    if [ -n "$(ls -A "$OUT/o")" ]; then
        echo "FAIL: $f ($ed) left files: $(ls -A "$OUT/o")"
        fail=1
    fi
    if grep -q '\.XXXXXX\|/\.[^/]*\.pdf\.' "$OUT/stderr"; then
        echo "FAIL: $f ($ed): the message names a temporary file"
        fail=1
    fi
}

# rendered FILE EDITIONS [ARGS...]: exit 0, every PDF checks with qpdf.
rendered() {
    f=$1 ed=$2
    shift 2
    run "$f" "$OUT/o" render "$f" -o "$OUT/o" --edition "$ed" "$@"
    if [ "$rc" -ne 0 ]; then
        echo "FAIL: $f ($ed): exit $rc, stderr: $(head -c 300 "$OUT/stderr")"
        fail=1
        return
    fi
    if [ -z "$(ls -A "$OUT/o")" ]; then
        echo "FAIL: $f ($ed): no output"
        fail=1
    fi
    for p in "$OUT"/o/*.pdf; do
        [ -f "$p" ] || continue
        if ! qpdf --check "$p" >/dev/null 2>&1; then
            echo "FAIL: $f ($ed): $(basename "$p") does not check with qpdf"
            fail=1
        fi
    done
}

figure() { # label: the last run's cost
    echo "figure: $1: ${secs} s (${cpu} s CPU), ${kb} KB peak"
}

fm() { printf -- '---\ntitle: T\n---\n\n'; }
# rep STRING N: STRING N times, no newline
rep() { awk -v s="$1" -v n="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }'; }
# lines STRING PER N: N lines, each STRING PER times
lines() { awk -v s="$1" -v p="$2" -v n="$3" \
    'BEGIN { l = ""; for (i = 0; i < p; i++) l = l s; for (i = 0; i < n; i++) print l }'; }

# ---- crashes ----
# The proof's word cache was emptied at 4,096 words while a line pointed
# into it (use after free); 6,000 headings, 9,000 distinct words.
rendered $R/proof-uaf.md braille
{ fm; awk 'BEGIN { for (i = 0; i < 6000; i++) printf "## 見出し%d\n\n", i }'; } >"$G/headings6k.md"
rendered "$G/headings6k.md" braille
figure "headings6k braille"
# An ideographic variation selector or a combining mark just after a link,
# ruby or emphasis: the split fell inside a glyph cluster.
for f in ivs-link-print ivs-ruby-print ivs-emph-print ivs-fe0f combining-after-link vs vs-min \
    vs-ruby vsx; do
    rendered $R/$f.md print,large,press
done
rendered $R/ivs-furigana.md furigana
rendered $R/vs-furigana.md furigana
# The whole selector sequence is drawn once, in the link's run, and its
# text survives extraction.
rendered $R/ivs-link-print.md print
if ! pdftotext "$OUT/o/ivs-link-print.print.pdf" - | grep -q "$(printf '\350\276\273\363\240\204\201')さん"; then
    echo "FAIL: ivs-link-print: 辻+U+E0101 not extracted whole"
    fail=1
fi
# Nesting: 64 levels at most, counting every container, empty ones too.
rendered $R/q62.md print
refused $R/n64.md print "nesting deeper than 64 levels"
refused $R/nest70.md print "nesting deeper than 64 levels"
refused $R/nb100.md print "nesting deeper than 64 levels"
refused $R/nb2000.md print "nesting deeper than 64 levels"
{ rep '#
' 50000; echo; rep '>' 50000; echo; } >"$G/nb50000.md"
refused "$G/nb50000.md" print "nesting deeper than 64 levels"
{ rep '#
' 200000; echo; rep '>' 200000; echo; } >"$G/nest-bypass.md"
refused "$G/nest-bypass.md" print "nesting deeper than 64 levels"
figure "nest-bypass (600 KB)"
# Pages that hold only rules: the body had fewer pages than the furniture.
rendered $R/hr30.md print,large,press,furigana
rendered $R/hr60.md print,large
rendered $R/list28.md large
rendered $R/list20.md large
n=$(pdfinfo "$OUT/o/list20.large.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
[ "${n:-0}" -ge 1 ] || { echo "FAIL: list20: no pages"; fail=1; }
# 100,000 headings: past the document's element limit, refused at once.
{ fm; awk 'BEGIN { for (i = 0; i < 100000; i++) printf "## 見出し%d\n\n", i }'; } >"$G/headings100k.md"
refused "$G/headings100k.md" print "more than 50000 blocks"
figure "headings100k (1.9 MB)"

# ---- cost: linear, with memory bounded ----
# One paragraph of 100 KB and of 400 KB (Pango's line breaking is
# quadratic in a paragraph: it is laid out in pieces).
for k in 100 400; do
    { fm; lines '金沢区の運営方針。' 37 "$k"; } >"$G/para$k.md"
    rendered "$G/para$k.md" print
    figure "para$k print (one $k KB paragraph)"
    # Laid out in pieces, it still breaks as one paragraph: every line but
    # the last is full (43 or 44 characters, as kinsoku moves a 。), none
    # cut short where a piece ends.
    short=$(pdftotext "$OUT/o/para$k.print.pdf" - | grep -E '^[金沢区の運営方針。]+$' |
        awk '{ if (length($0) < 129) n++ } END { print n + 0 }')
    if [ "$short" -gt 1 ]; then
        echo "FAIL: para$k: $short short lines inside the paragraph"
        fail=1
    fi
done
# 3 MB in one paragraph (over five minutes before).
{ fm; lines '金沢区の運営方針。' 37 3000; } >"$G/bigpara.md"
rendered "$G/bigpara.md" print
figure "bigpara print (one 3 MB paragraph)"
# 10,000 and 20,000 ruby in one paragraph.
for k in 10 20; do
    { fm; lines '{漢|かん}' 1000 "$k"; } >"$G/rmany$k.md"
    rendered "$G/rmany$k.md" print
    figure "rmany$k print ($k,000 ruby in one paragraph)"
done
# The furigana edition: a reading over every kanji word, 36 and 72 KB.
for k in 4 8; do
    { fm; lines '東京と大阪と' 500 $((k * 3 / 2)); } >"$G/furi$k.md"
    rendered "$G/furi$k.md" furigana
    figure "furi$k furigana"
done
# 60,000 readings: past the furigana edition's limit, refused at the block.
{ fm; awk 'BEGIN { for (i = 0; i < 60; i++) { for (j = 0; j < 500; j++) printf "東京と大阪と"; printf "\n\n" } }'; } >"$G/furi-many.md"
refused "$G/furi-many.md" furigana "furigana: more than 50000 readings"
# A title of 1.2 and 2.4 MB (its running header is cut to one line before
# layout on every page).
for n in 100 200; do
    awk -v n="$n" 'BEGIN { l = ""; for (i = 0; i < 1000; i++) l = l "長い題名"
        printf "---\ntitle: \"%s\n", l; for (i = 1; i < n; i++) printf "  %s\n", l
        printf "  \"\n---\n\n本文\n" }' >"$G/fm-bigtitle-$n.md"
    rendered "$G/fm-bigtitle-$n.md" print
    figure "fm-bigtitle ($n lines of 12 KB) print"
done
# 100,000 and 1,000,000 list items: refused at the element limit, at once.
for n in 100000 1000000; do
    { fm; rep '- 項
' "$n"; } >"$G/list$n.md"
    refused "$G/list$n.md" print "more than 50000 blocks"
    figure "list$n ($n items)"
done
# 20,000 items (40,000 elements, under the limit) render.
{ fm; rep '- 項
' 20000; } >"$G/list20000.md"
rendered "$G/list20000.md" print
figure "list20000 print"

# ---- sources and layouts that are not files, or too large ----
refused /dev/zero print "is a device: only regular files are read"
rm -f "$G/fifo.md"
mkfifo "$G/fifo.md"
refused "$G/fifo.md" print "is a FIFO: only regular files are read"
refused $R/lay.md print "layout is a FIFO" --layout "$G/fifo.md"
refused $R/lay.md print "layout is a device" --layout /dev/zero
refused $R "print" "is a directory"
truncate -s 65M "$G/big.md"
refused "$G/big.md" print "source larger than 64 MiB"
figure "64 MiB + 1 source"
{ rep 'x' 300000; echo; } >"$G/bigline.md"
refused "$G/bigline.md" print "line longer than 256 KiB"

# ---- images ----
# the PNGs (kept compressed) are unpacked beside copies of the sources
# that name them
D=$OUT/img
mkdir -p "$D"
for f in huge bomb bomb2 bomb30000 bomb32767 bomb32768; do
    gzip -dc "$R/$f.png.gz" >"$D/$f.png"
    cp "$R/image-$f.md" "$D/"
    refused "$D/image-$f.md" print "pixels .* more than the layout's \[figure\] max_megapixels"
done
figure "image-huge (20000 x 20000 PNG)"
mkfifo "$D/fifo.png"
cp $R/image-fifo.md "$D/"
refused "$D/image-fifo.md" print "is a FIFO: only regular files are read"
for f in image-1bit image-1x1 image-tall; do
    rendered $R/$f.md print,large
done

# ---- hiraku braille: one line of standard input ----
lines '金沢区の運営方針。' 1000 1 >"$G/line9k.txt"
/usr/bin/time -f '%e %M' -o "$OUT/time" "$HIRAKU" braille <"$G/line9k.txt" >/dev/null 2>"$OUT/stderr" ||
    { echo "FAIL: braille: 9 KB line: $(head -c 200 "$OUT/stderr")"; fail=1; }
echo "figure: braille stdin, one 9 KB line: $(tail -n 1 "$OUT/time" | sed 's/ / s, /') KB peak"
rep 'a' 8000000 >"$G/line8m.txt"
/usr/bin/time -f '%e %M' -o "$OUT/time" "$HIRAKU" braille <"$G/line8m.txt" >/dev/null 2>"$OUT/stderr"
rc=$?
if [ "$rc" -ne 2 ] || ! grep -q '^hiraku: stdin:1:1: line longer than 256 KiB' "$OUT/stderr"; then
    echo "FAIL: braille: 8 MB line: exit $rc, $(head -c 200 "$OUT/stderr")"
    fail=1
fi
echo "figure: braille stdin, one 8 MB line (refused): $(tail -n 1 "$OUT/time" | sed 's/ / s, /') KB peak"

exit $fail
