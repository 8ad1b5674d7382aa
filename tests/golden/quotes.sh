#!/bin/sh
# Smart quotes (src/source/quotes.c) as the editions give them, read back
# with poppler's pdftotext: ASCII "…" around Japanese prints as “…” (an
# opening and a closing quote, not two ”), '…' as ‘…’, it's as it’s, and
# -- stays as typed; the braille edition still writes the pair around
# Japanese as the 第1カギ ⠤…⠤ (てびき第4版 第4章 カギ類) and keeps it's one
# foreign word, exactly as it did for the straight quotes.
set -u
. "$(dirname "$0")/../lib/golden.sh"
src="$OUT/q.md"
printf -- '---\ntitle: 引用符\n---\n\n地域の皆様との"つながり"を強化\n\n'"'"'ことば'"'"'と it'"'"'s fine と 045--788\n' >"$src"
"$HIRAKU" render "$src" -o "$OUT/q" --edition print,braille -q || bad "render"
t=$(pdftotext "$OUT/q/q.print.pdf" - | tr -d '\n')
for want in '皆様との“つながり”を強化' '‘ことば’と' 'it’s fine' '045--788'; do
    case "$t" in *"$want"*) ;; *) bad "print: no '$want' in: $t" ;; esac
done
case "$t" in *'"'*) bad "print: a straight quote is left: $t" ;; esac

# Braille: the same cells as the straight quotes give the translator.
for line in '地域の皆様との"つながり"を強化' "it's fine"; do
    want=$(printf '%s\n' "$line" | "$HIRAKU" braille | sed 's/ /⠀/g')
    grep -q "$want" "$OUT/q/q.braille.txt" || bad "braille: no '$want' ($line)"
done
grep -q '⠤⠝⠅⠐⠡⠓⠤' "$OUT/q/q.braille.txt" || bad "braille: no 第1カギ around ツナガリ"
exit $fail
