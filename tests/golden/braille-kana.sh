#!/bin/sh
# hiraku braille --kana: one line out per line in, every line of both
# sample texts transcribed without an error, and invalid UTF-8 reported as
# stdin:line:col with exit status 2.
set -eu
seeds="$(dirname "$0")/../data/seeds"
n_in=0
n_out=0
for f in "$seeds"/*.txt; do
    [ -f "$f" ] || continue
    "$HIRAKU" braille --kana < "$f" > "$OUT/kana.txt"
    n_in=$((n_in + $(awk 'END { print NR }' "$f")))
    n_out=$((n_out + $(wc -l < "$OUT/kana.txt")))
done
[ "$n_in" -gt 0 ] || { echo "no sample texts in $seeds"; exit 1; }
[ "$n_in" -eq "$n_out" ] || { echo "lines in $n_in, out $n_out"; exit 1; }
echo "figure: braille --kana transcribed $n_in sample lines"

out=$(printf '学校へ行く\n' | "$HIRAKU" braille --kana)
[ "$out" = "ガッコーエ イク" ] || { echo "got '$out'"; exit 1; }

set +e
printf 'ok\nab\377c\n' | "$HIRAKU" braille --kana > "$OUT/bad.txt" 2> "$OUT/err.txt"
rc=$?
set -e
[ "$rc" -eq 2 ] || { echo "invalid UTF-8: exit $rc, want 2"; exit 1; }
grep -q '^hiraku: stdin:2:3: invalid UTF-8' "$OUT/err.txt" || { cat "$OUT/err.txt"; exit 1; }
