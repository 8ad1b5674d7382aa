# The BES files of both samples read back by an independent decoder
# (tests/tools/bes_decode.py, written from docs/bes-format.md, not from
# src/book/bes.c): the decoded pages must be the .braille.txt exactly; the
# header must give the layout's cells and lines, the page count of the
# body, and the title page's title; paragraphs that wrap must show both
# line ends (0D FE for a logical line, FE for a width break).
# once
set -u
fail=0
cd "$(dirname "$0")/../.."
dec=tests/tools/bes_decode.py
for md in samples/kanazawa-r02-policy.md samples/kanazawa-r07-policy.md; do
    stem=$(basename "$md" .md)
    dir="$OUT/$stem"
    mkdir -p "$dir"
    if ! "$HIRAKU" render "$md" -o "$dir" --edition braille 2>"$dir/stderr"; then
        echo "FAIL: $md: render failed: $(head -c 500 "$dir/stderr")"
        fail=1
        continue
    fi
    bes="$dir/$stem.bes"
    if ! python3 "$dec" "$bes" >"$dir/decoded.txt"; then
        echo "FAIL: $stem.bes does not decode"
        fail=1
        continue
    fi
    if ! cmp -s "$dir/decoded.txt" "$dir/$stem.braille.txt"; then
        echo "FAIL: $stem.bes decodes to other pages than $stem.braille.txt:"
        diff "$dir/decoded.txt" "$dir/$stem.braille.txt" | head -10
        fail=1
    fi
    python3 "$dec" --header "$bes" >"$dir/header"
    h() { sed -n "s/^$1=//p" "$dir/header"; }
    [ "$(h cols)" = 32 ] || { echo "FAIL: $stem.bes header cols $(h cols)"; fail=1; }
    [ "$(h rows)" = 18 ] || { echo "FAIL: $stem.bes header rows $(h rows)"; fail=1; }
    pages=$(($(grep -c "$(printf '^\f$')" "$dir/$stem.braille.txt") + 1))
    [ "$(h pages)" = "$pages" ] || { echo "FAIL: $stem.bes header pages $(h pages), want $pages"; fail=1; }
    # The title field is the title's braille, so it starts like the title
    # page's title line (line 4, from cell 5).
    first=$(sed -n 4p "$dir/$stem.braille.txt" | sed -e 's/^\(⠀\)*//' -e 's/⠀.*//')
    [ -n "$first" ] || { echo "FAIL: $stem: no title line on the title page"; fail=1; }
    case "$(h title)" in
    "$first"*) ;;
    *) echo "FAIL: $stem.bes title field '$(h title)' does not start with '$first'"; fail=1 ;;
    esac
    hard=$(python3 "$dec" --ends "$bes" | sed -n 's/^hard //p')
    soft=$(python3 "$dec" --ends "$bes" | sed -n 's/^soft //p')
    [ "$hard" -gt 0 ] && [ "$soft" -gt 0 ] || { echo "FAIL: $stem.bes line ends: hard $hard soft $soft"; fail=1; }
    echo "figure: $stem.bes: $pages pages, $hard logical line ends (0D FE), $soft width breaks (FE), $(wc -c <"$bes") bytes"
done
exit $fail
