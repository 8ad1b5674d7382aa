# The braille edition end to end on both samples: every file is written;
# every .brf page has at most `rows` lines of at most `cols` cells; the page
# lines number the pages 1..N (the title page unnumbered, a blank back
# counted but not numbered); the .pef parses
# and has the .brf's pages and rows, page by page; the .bes header and the
# .braille.txt's pages; the proof PDF has them too, at true size, and its
# first pages render (out/…-proof-*.png, for looking at). A bad layout is a
# located error and writes nothing.
# once
set -u
fail=0
cd "$(dirname "$0")/../.."
cols=32
rows=18

for md in samples/kanazawa-r02-policy.md samples/kanazawa-r07-policy.md; do
    stem=$(basename "$md" .md)
    dir="$OUT/$stem"
    mkdir -p "$dir"
    if ! "$HIRAKU" render "$md" -o "$dir" --edition braille 2>"$dir/stderr"; then
        echo "FAIL: $md: render failed: $(head -c 500 "$dir/stderr")"
        fail=1
        continue
    fi
    for ext in brf bes pef braille.txt proof.pdf; do
        [ -s "$dir/$stem.$ext" ] || { echo "FAIL: $stem.$ext missing or empty"; fail=1; }
    done
    split=$(grep -c "longer than a" "$dir/stderr")
    [ "$split" -eq 0 ] || echo "info: $stem: $(grep "longer than a" "$dir/stderr")"

    # BRF: Braille ASCII only, CR LF lines, FF after every page; per page the
    # line count; page lines right-aligned 数符 + digits numbering 1..N.
    brf="$dir/$stem.brf"
    if [ "$(tr -d '\r\n\f -_' <"$brf" | wc -c)" -ne 0 ]; then
        echo "FAIL: $stem.brf has bytes outside Braille ASCII"
        fail=1
    fi
    if [ "$(tr -cd '\r' <"$brf" | wc -c)" -ne "$(tr -cd '\n' <"$brf" | wc -c)" ]; then
        echo "FAIL: $stem.brf: not every line ends in CR LF"
        fail=1
    fi
    [ "$(tail -c 1 "$brf" | od -An -tx1 | tr -d ' ')" = 0c ] || { echo "FAIL: $stem.brf does not end with a form feed"; fail=1; }
    head -c -1 "$brf" | tr -d '\r' | awk -v cols=$cols -v rows=$rows -v stem="$stem" -v counts="$dir/brf-counts" '
        function end_page() {
            if (lines > rows) { print "FAIL: " stem ".brf page " page " has " lines " lines"; bad = 1 }
            if (back && lines > 1) { print "FAIL: " stem ".brf page " page ": unnumbered after numbered pages"; bad = 1 }
            back = 0
            print lines >counts
        }
        function page_line(l,    n, i, c) {
            if (l == "") {
                # After the numbering has begun, only a blank back (a page
                # line and nothing else): counted, its number not printed.
                if (expect != 1) { back = 1; expect++ }
                return
            }
            if (l !~ /^ +#[A-J]+$/ || length(l) != cols) {
                print "FAIL: " stem ".brf page " page ": page line \"" l "\" is not a right-aligned number"; bad = 1; return
            }
            n = 0
            for (i = index(l, "#") + 1; i <= length(l); i++) {
                c = index("JABCDEFGHI", substr(l, i, 1)) - 1
                n = n * 10 + c
            }
            if (n != expect) { print "FAIL: " stem ".brf page " page " is numbered " n ", want " expect; bad = 1 }
            expect++
        }
        BEGIN { page = 1; lines = 0; expect = 1; bad = 0 }
        {
            if (substr($0, 1, 1) == "\f") { end_page(); page++; lines = 0; $0 = substr($0, 2) }
            lines++
            if (length($0) > cols) { print "FAIL: " stem ".brf page " page " line " lines " has " length($0) " cells"; bad = 1 }
            if (lines == 1) page_line($0)
        }
        END { end_page(); print "figure: " stem ": " page " braille pages, numbered 1.." expect - 1; exit bad }
    ' || fail=1
    pages=$(wc -l <"$dir/brf-counts")

    # PEF: well-formed, in the PEF namespace, the layout's cols and rows,
    # title and language, and the .brf's rows page by page.
    pef="$dir/$stem.pef"
    if ! xmllint --noout "$pef"; then
        echo "FAIL: $stem.pef does not parse"
        fail=1
    else
        x() { xmllint --xpath "$1" "$pef"; }
        [ "$(x "namespace-uri(/*)")" = "http://www.daisy.org/ns/2008/pef" ] || { echo "FAIL: $stem.pef namespace"; fail=1; }
        [ "$(x "string(//*[local-name()='volume']/@cols)")" = $cols ] || { echo "FAIL: $stem.pef cols"; fail=1; }
        [ "$(x "string(//*[local-name()='volume']/@rows)")" = $rows ] || { echo "FAIL: $stem.pef rows"; fail=1; }
        [ "$(x "string(//*[local-name()='format'])")" = "application/x-pef+xml" ] || { echo "FAIL: $stem.pef dc:format"; fail=1; }
        [ "$(x "string(//*[local-name()='language'])")" = "ja" ] || { echo "FAIL: $stem.pef dc:language"; fail=1; }
        [ -n "$(x "string(//*[local-name()='title'])")" ] || { echo "FAIL: $stem.pef dc:title"; fail=1; }
        xmllint --format "$pef" | awk '/<page[ >\/]/ { if (n++) print r; r = 0 } /<row[ >\/]/ { r++ } END { if (n) print r }' >"$dir/pef-counts"
        if ! cmp -s "$dir/brf-counts" "$dir/pef-counts"; then
            echo "FAIL: $stem.pef pages/rows differ from the .brf: $(paste -d/ "$dir/brf-counts" "$dir/pef-counts" | tr '\n' ' ')"
            fail=1
        fi
    fi

    # BES: the signature and layout in the header (cells + 1, docs/bes-format.md);
    # tests/golden/braille-bes.sh reads the body back.
    bes="$dir/$stem.bes"
    [ "$(head -c 8 "$bes")" = "%BET400%" ] || { echo "FAIL: $stem.bes signature"; fail=1; }
    [ "$(head -c 26 "$bes" | tail -c 4)" = "$((cols + 1))$rows" ] || { echo "FAIL: $stem.bes cells/lines"; fail=1; }

    # braille.txt: the same pages.
    ff=$(grep -c "$(printf '^\f$')" "$dir/$stem.braille.txt")
    [ "$ff" -eq $((pages - 1)) ] || { echo "FAIL: $stem.braille.txt has $((ff + 1)) pages, want $pages"; fail=1; }

    # Proof: the same pages, at true size (32 cells x 6 mm + margins > 200 mm).
    proof="$dir/$stem.proof.pdf"
    pp=$(pdfinfo "$proof" | awk '/^Pages:/ { print $2 }')
    [ "$pp" = "$pages" ] || { echo "FAIL: $stem.proof.pdf has $pp pages, want $pages"; fail=1; }
    w=$(pdfinfo "$proof" | awk '/^Page size:/ { printf "%d", $3 * 25.4 / 72 }')
    [ "$w" -ge 200 ] || { echo "FAIL: $stem.proof.pdf is $w mm wide: not true size"; fail=1; }
    # Cells written out in the kana (⠠⠦…⠠⠴ around a URL) print as dot
    # numbers, not as missing-glyph boxes of the kana font.
    if [ "$stem" = kanazawa-r02-policy ] && ! pdftotext "$proof" - | grep -q '［6・236］https'; then
        echo "FAIL: $stem.proof.pdf: the URL's ⠠⠦ is not printed as ［6・236］"
        fail=1
    fi
    pdftoppm -png -r 50 -f 1 -l 3 "$proof" "$dir/$stem-proof"
    [ "$(ls "$dir/$stem"-proof-*.png 2>/dev/null | wc -l)" -ge 1 ] || { echo "FAIL: $stem.proof.pdf does not render"; fail=1; }
done

# A bad layout value: one located message, exit 2, no file.
sed 's/^cols = 32/cols = 0/' layouts/braille-32x18.ini >"$OUT/bad.ini"
mkdir -p "$OUT/bad"
"$HIRAKU" render samples/kanazawa-r07-policy.md -o "$OUT/bad" --edition braille --layout "braille=$OUT/bad.ini" 2>"$OUT/bad.err"
rc=$?
line=$(grep -n '^cols = 0' "$OUT/bad.ini" | cut -d: -f1)
if [ $rc -ne 2 ] || ! grep -q "^$OUT/bad.ini:$line:1: \[page\] cols: 0 is out of range" "$OUT/bad.err"; then
    echo "FAIL: bad layout: exit $rc, $(cat "$OUT/bad.err")"
    fail=1
fi
[ -z "$(ls -A "$OUT/bad")" ] || { echo "FAIL: bad layout left files"; fail=1; }
exit $fail
