# BSE (BASE) files of both samples and of the transcriber's-data fixture,
# read back by an independent decoder (tests/tools/bse_decode.py, written
# from facts §1.2, not from src/book/bse.c): the pages (counted by lines,
# trailing empty lines aside) must be the .braille.txt's; the header must
# give the page count, 32 cells and 18 lines and the front matter's print
# text in Shift_JIS (title, organization, 点訳者, 校正者).
# once
set -u
fail=0
cd "$(dirname "$0")/../.."
norm() { # a .braille.txt or decoded file → pages without trailing empty lines
    python3 -c 'import sys
pages = open(sys.argv[1], encoding="utf-8").read().split("\f\n")
print("\f".join("\n".join(p.rstrip("\n").split("\n")).rstrip("\n") for p in pages))' "$1"
}
for md in samples/kanazawa-r02-policy.md samples/kanazawa-r07-policy.md tests/data/braille-credits.md; do
    stem=$(basename "$md" .md)
    dir="$OUT/$stem"
    mkdir -p "$dir"
    if ! "$HIRAKU" render "$md" -o "$dir" --edition braille 2>"$dir/stderr"; then
        echo "FAIL: $md: render failed: $(head -c 500 "$dir/stderr")"
        fail=1
        continue
    fi
    bse="$dir/$stem.bse"
    if ! python3 tests/tools/bse_decode.py "$bse" >"$dir/decoded.txt"; then
        echo "FAIL: $stem.bse does not decode"
        fail=1
        continue
    fi
    norm "$dir/decoded.txt" >"$dir/a"
    norm "$dir/$stem.braille.txt" >"$dir/b"
    if ! cmp -s "$dir/a" "$dir/b"; then
        echo "FAIL: $stem.bse has other pages than $stem.braille.txt:"
        diff "$dir/a" "$dir/b" | head -6
        fail=1
    fi
    python3 tests/tools/bse_decode.py --header "$bse" >"$dir/header"
    h() { sed -n "s/^$1=//p" "$dir/header"; }
    fm() { sed -n "s/^$1: //p" "$md" | head -n 1; }
    pages=$(($(grep -c "$(printf '^\f$')" "$dir/$stem.braille.txt") + 1))
    [ "$(h pages)" = "$pages" ] || { echo "FAIL: $stem.bse header pages $(h pages), want $pages"; fail=1; }
    [ "$(h cols)/$(h rows)" = 32/18 ] || { echo "FAIL: $stem.bse header $(h cols)/$(h rows)"; fail=1; }
    for k in title organization:author transcriber proofreader; do
        key=${k%%:*}
        field=${k#*:}
        [ "$(h "$field")" = "$(fm "$key")" ] || { echo "FAIL: $stem.bse $field '$(h "$field")', want '$(fm "$key")'"; fail=1; }
    done
    echo "figure: $stem.bse: $(wc -c <"$bse") bytes, $pages pages, title '$(h title)'"
done
exit $fail
