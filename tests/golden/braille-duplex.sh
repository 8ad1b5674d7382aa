# PEF and BRF describe the same sheets: with tests/tools/sides.py (an
# independent reader of both), every page has the same page number and is
# on the same side (front/back) in the .pef and in the .brf, for the
# two-sided 32x18 layout and the one-sided 32x22 one. Two-sided, every
# numbered page is a front exactly when its number is odd, so the body of
# both samples starts on a front after a blank back. A PEF that starts
# sections without the blank backs (the old output) makes sides.py fail:
# checked on a copy of the .brf with one blank page removed.
# once
set -u
fail=0
cd "$(dirname "$0")/../.."
sides=tests/tools/sides.py
for layout in braille-32x18 braille-32x22; do
    for md in samples/kanazawa-r02-policy.md samples/kanazawa-r07-policy.md; do
        stem=$(basename "$md" .md)
        dir="$OUT/$layout/$stem"
        mkdir -p "$dir"
        if ! "$HIRAKU" render "$md" -o "$dir" --edition braille --layout "braille=layouts/$layout.ini" 2>"$dir/stderr"; then
            echo "FAIL: $layout $md: render failed: $(head -c 500 "$dir/stderr")"
            fail=1
            continue
        fi
        if ! python3 "$sides" "$dir/$stem.pef" "$dir/$stem.brf" >"$dir/sides"; then
            echo "FAIL: $layout $stem: the .pef and .brf put pages on different sides:"
            grep differs "$dir/sides" | head -5
            fail=1
            continue
        fi
        n=$(wc -l <"$dir/sides")
        blank=$(awk '$4 == "-" && NR > 1' "$dir/sides" | wc -l)
        if [ "$layout" = braille-32x18 ]; then
            # Numbered pages: odd ⇔ front.
            odd=$(awk '$4 != "-" && (($4 % 2 == 1) != ($5 == "front"))' "$dir/sides" | wc -l)
            [ "$odd" -eq 0 ] || { echo "FAIL: $layout $stem: $odd numbered pages on the wrong side"; fail=1; }
            [ "$blank" -ge 1 ] || { echo "FAIL: $layout $stem: no blank back after the title page"; fail=1; }
            # The test fails on a BRF without a blank back.
            awk 'BEGIN { RS = "\f"; ORS = "\f" } !(NR == 2 && $0 == "\r\n")' "$dir/$stem.brf" >"$dir/noback.brf"
            if python3 "$sides" "$dir/$stem.pef" "$dir/noback.brf" >/dev/null; then
                echo "FAIL: $layout $stem: sides.py accepts a BRF without the blank back"
                fail=1
            fi
        else
            [ "$blank" -eq 0 ] || { echo "FAIL: $layout $stem: one-sided output has $blank blank pages"; fail=1; }
        fi
        echo "figure: $layout $stem: $n pages, $blank blank backs, same side in .pef and .brf"
    done
done
exit $fail
