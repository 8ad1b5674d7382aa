#!/bin/sh
# The large-type edition breaks lines between phrases (文節) only
# ([body] break_at_phrases = true in layouts/large-a4.ini; src/print/phrases.c),
# read back from the PDFs with poppler's pdftotext (tests/lib/linebreaks.py):
# - both samples: no line ends inside a word of tests/data/large-words.txt
#   (なま/ち, つく/る！ on the character-breaking edition);
# - a paragraph the test writes as its own phrases: every break between two
#   of them; the same paragraph with the key off breaks inside phrases, so
#   the check can fail;
# - a word longer than the line still breaks (inside it, as it must) and is
#   printed whole; no line starts with 、 or 。 (kinsoku still holds).
# once
set -u
. "$(dirname "$0")/../lib/golden.sh"
check="$ROOT/tests/lib/linebreaks.py"

for src in $SAMPLE_SOURCES; do
    stem=$(basename "$src" .md)
    render_measured large "$src" || continue
    python3 "$check" words "$OUT/$stem.large.pdf" "$ROOT/tests/data/large-words.txt" ||
        bad "$stem: a line breaks inside a word"
    pdftotext "$OUT/$stem.large.pdf" - | tr -d ' ' | grep -q '^、\|^。' &&
        bad "$stem: a line starts with 、 or 。"
done

phr='金沢区では、|地域の|皆様と|一緒に、|子どもたちが|安心して|遊べる|公園づくりや、|高齢者が|気軽に|集まれる|居場所づくりを|進めて|います。'
printf '%s\n' "$phr" >"$OUT/phrases.txt"
para=$(printf '%s' "$phr" | tr -d '|')
long='ジドウカンキョウセイビジギョウスイシンキョウギカイジムキョクチョウダイリホサカンリシャ'
printf -- '---\ntitle: 改行\n---\n\n%s\n\n%s\n' "$para$para$para$para" "$long" >"$OUT/p.md"
# The phrase list is the paragraph once; the check reads the first copy's
# lines and the rest as more of the same phrases.
printf '%s|%s|%s|%s\n' "$phr" "$phr" "$phr" "$phr" >"$OUT/phrases4.txt"
"$HIRAKU" render "$OUT/p.md" -o "$OUT/on" --edition large -q || bad "render"
python3 "$check" phrases "$OUT/on/p.large.pdf" "$OUT/phrases4.txt" || bad "a break inside a phrase"

sed 's/^break_at_phrases = true$/break_at_phrases = false/' "$ROOT/layouts/large-a4.ini" >"$OUT/off.ini"
grep -q '^break_at_phrases = false$' "$OUT/off.ini" || bad "large-a4.ini has no break_at_phrases"
"$HIRAKU" render "$OUT/p.md" -o "$OUT/off" --edition large --layout "large=$OUT/off.ini" -q ||
    bad "render with the key off"
if python3 "$check" phrases "$OUT/off/p.large.pdf" "$OUT/phrases4.txt" >"$OUT/off.txt"; then
    bad "character breaks were not caught: $(cat "$OUT/off.txt")"
fi
sed -n 's/^figure: /figure: key off: /p' "$OUT/off.txt"

text=$(pdftotext "$OUT/on/p.large.pdf" - | tr -d ' ')
printf '%s\n' "$text" | tr -d '\n' | grep -q "$long" || bad "the long word is not printed whole"
printf '%s\n' "$text" | grep -q "$long" && bad "the long word did not break"
printf '%s\n' "$text" | grep -q '^、\|^。' && bad "a line starts with 、 or 。"
exit $fail
