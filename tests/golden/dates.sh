#!/bin/sh
# The front-matter date as the editions print it (src/source/era.c): the
# era form by default (令和元年 on the era's first day), the Western form
# with [document] date_style = western, read back from the PDFs with
# poppler's pdftotext; the braille title page's cells for the era date
# (レイワ ガンネン: the reader reads the era name and 元年), and a bad
# date_style refused with file:line:col and exit status 2.
set -u
. "$(dirname "$0")/../lib/golden.sh"
src="$OUT/d.md"
printf -- '---\ntitle: 日付の確認\ndate: 2019-05-01\n---\n\n本文です。\n' >"$src"

"$HIRAKU" render "$src" -o "$OUT/era" --edition print,large,braille -q || bad "render"
for e in print large; do
    t=$(pdftotext -l 1 "$OUT/era/d.$e.pdf" - | tr -d ' \n')
    case "$t" in *令和元年5月1日*) ;; *) bad "$e: no 令和元年5月1日 in: $t" ;; esac
    case "$t" in *2019*) bad "$e: the Western year is printed: $t" ;; esac
done

# The braille title page: レイワ ガンネン 5ガツ ツイタチ.
# The text file writes a blank cell as U+2800, the translator a space.
want=$(printf 'レイワ ガンネン 5ガツ\n' | "$HIRAKU" braille --from-kana | sed 's/ /⠀/g')
grep -q "$want" "$OUT/era/d.braille.txt" || bad "braille: no '$want' on the title page"
[ "$(printf '令和7年\n' | "$HIRAKU" braille --kana)" = "レイワ 7ネン" ] ||
    bad "braille --kana of 令和7年: $(printf '令和7年\n' | "$HIRAKU" braille --kana)"
# ⠛⠃⠄ レイワ, ⠼⠛ 7, ⠏⠴ ネン (数符 before the digit, てびき 第3章).
[ "$(printf '令和7年\n' | "$HIRAKU" braille)" = "⠛⠃⠄ ⠼⠛⠏⠴" ] ||
    bad "braille of 令和7年: $(printf '令和7年\n' | "$HIRAKU" braille)"

sed 's/^date_style = era$/date_style = western/' "$ROOT/layouts/print-a4.ini" >"$OUT/western.ini"
grep -q '^date_style = western$' "$OUT/western.ini" || bad "print-a4.ini has no date_style key"
"$HIRAKU" render "$src" -o "$OUT/west" --edition print --layout "print=$OUT/western.ini" -q ||
    bad "render western"
t=$(pdftotext -l 1 "$OUT/west/d.print.pdf" - | tr -d ' \n')
case "$t" in *2019年5月1日*) ;; *) bad "western: no 2019年5月1日 in: $t" ;; esac

sed 's/^date_style = era$/date_style = wareki/' "$ROOT/layouts/print-a4.ini" >"$OUT/badstyle.ini"
"$HIRAKU" render "$src" -o "$OUT/bad" --edition print --layout "print=$OUT/badstyle.ini" \
    2>"$OUT/err.txt"
rc=$?
[ "$rc" -eq 2 ] || bad "bad date_style: exit $rc, want 2"
grep -q "badstyle.ini:[0-9]*:[0-9]*: .*'wareki' is not era or western" "$OUT/err.txt" ||
    bad "bad date_style message: $(cat "$OUT/err.txt")"
[ ! -e "$OUT/bad/d.print.pdf" ] || bad "bad date_style left a PDF"
exit $fail
