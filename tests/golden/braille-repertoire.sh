# Every character gets braille (issue 10): each non-kanji character of
# JIS X 0208 (rows 1–8, made with iconv from EUC-JP) and every code point of
# the symbol blocks Japanese documents draw on goes through `hiraku braille`
# and through the braille edition. Each one must come out as braille, or
# (a character with no braille at all) be dropped with one warning naming
# its line and column; no JIS X 0208 character may be dropped; exit 0.
# once
set -u
fail=0
dir="$OUT/repertoire"
mkdir -p "$dir"

# UTF-8 of code points lo..hi, one per line (awk computes the bytes: the
# printf of coreutils refuses \u below U+00A0).
utf8_lines() {
    awk -v lo="$1" -v hi="$2" 'BEGIN {
        for (c = lo; c <= hi; c++) {
            if (c == 10 || c == 13) continue
            if (c < 128) printf "\\%03o", c
            else if (c < 2048) printf "\\%03o\\%03o", 192 + int(c / 64), 128 + c % 64
            else printf "\\%03o\\%03o\\%03o", 224 + int(c / 4096), 128 + int(c / 64) % 64, 128 + c % 64
            printf "\\n"
        }
    }'
}
hex() { printf '%d' "0x$1"; }

# JIS X 0208 rows 1–8: every EUC-JP code of the rows, the unassigned ones
# left out by iconv -c.
codes=$(awk 'BEGIN { for (r = 161; r <= 168; r++) for (c = 161; c <= 254; c++) printf "\\%03o\\%03o\\n", r, c }')
/usr/bin/printf "$codes" | iconv -c -f EUC-JP -t UTF-8 | grep -v '^$' >"$dir/jis.txt"
njis=$(wc -l <"$dir/jis.txt")
[ "$njis" -eq 524 ] || { echo "FAIL: JIS X 0208 rows 1-8 gave $njis characters, want 524"; fail=1; }

# The Unicode blocks: Basic Latin (printable), Latin-1 Supplement, Latin
# Extended-A, Greek, Cyrillic, General Punctuation, Letterlike Symbols,
# Arrows, Mathematical Operators, Miscellaneous Technical, Enclosed
# Alphanumerics, Box Drawing, Block Elements, Geometric Shapes,
# Miscellaneous Symbols, Dingbats, CJK Symbols and Punctuation, Enclosed
# CJK Letters and Months, CJK Compatibility, Halfwidth and Fullwidth Forms.
: >"$dir/blocks.txt"
for range in 0020-007E 0080-00FF 0100-017F 0370-03FF 0400-04FF 2000-206F 2100-214F 2190-21FF \
    2200-22FF 2300-23FF 2460-24FF 2500-257F 2580-259F 25A0-25FF 2600-26FF 2700-27BF \
    3000-303F 3200-32FF 3300-33FF FF00-FFEF; do
    lo=$(hex "${range%-*}")
    hi=$(hex "${range#*-}")
    /usr/bin/printf "$(utf8_lines "$lo" "$hi")" >>"$dir/blocks.txt"
done
# One character per line, each once; written between two kana so that a
# blank or a sign that only spaces still shows in the cells.
cat "$dir/jis.txt" "$dir/blocks.txt" | awk '!seen[$0]++' >"$dir/chars.txt"
n=$(wc -l <"$dir/chars.txt")
sed 's/^/ア/; s/$/ア/' "$dir/chars.txt" >"$dir/input.txt"

# --- hiraku braille -----------------------------------------------------
"$HIRAKU" braille <"$dir/input.txt" >"$dir/cells.txt" 2>"$dir/stderr"
rc=$?
[ "$rc" -eq 0 ] || { echo "FAIL: hiraku braille exited $rc: $(grep -v warning "$dir/stderr" | head -3)"; fail=1; }
[ "$(wc -l <"$dir/cells.txt")" -eq "$n" ] || { echo "FAIL: $(wc -l <"$dir/cells.txt") lines of cells for $n lines"; fail=1; }
bad=$(grep -v '^stdin:[0-9]*:[0-9]*: warning: ' "$dir/stderr" | head -3)
[ -z "$bad" ] || { echo "FAIL: stderr lines that are not located warnings: $bad"; fail=1; }
# The line of each dropped character, and of each warning.
grep -o '^stdin:[0-9]*:[0-9]*: .* dropped' "$dir/stderr" | cut -d: -f2 | sort -un >"$dir/dropped-lines"
cut -d: -f2 "$dir/stderr" | sort -un >"$dir/warned-lines"
# A character with neither braille of its own nor a warning: its line is
# the cells of アア alone.
awk -v warned="$dir/warned-lines" 'BEGIN { while ((getline l < warned) > 0) w[l] = 1 }
    $0 == "⠁⠁" && !(NR in w) { print NR }' "$dir/cells.txt" >"$dir/silent"
if [ -s "$dir/silent" ]; then
    echo "FAIL: $(wc -l <"$dir/silent") characters lost without a warning, e.g. line(s) $(head -5 "$dir/silent" | tr '\n' ' ')"
    fail=1
fi
# No JIS X 0208 character is dropped (they are lines 1..njis).
jisdrop=$(awk -v n="$njis" '$1 <= n' "$dir/dropped-lines" | wc -l)
if [ "$jisdrop" -ne 0 ]; then
    echo "FAIL: $jisdrop JIS X 0208 characters dropped: $(awk -v n="$njis" '$1 <= n' "$dir/dropped-lines" | head -10 | while read -r l; do sed -n "${l}p" "$dir/chars.txt"; done | tr -d '\n')"
    fail=1
fi
# The warning's column is the character's (column 2, after ア), where the
# source stage saw it.
awk -F: '$3 != 2 && $3 != 1 { print }' "$dir/stderr" | head -3 | grep . && { echo "FAIL: warnings with a wrong column"; fail=1; }
ndrop=$(wc -l <"$dir/dropped-lines")
echo "figure: repertoire $n characters ($njis of JIS X 0208): $((n - ndrop)) written as braille, $ndrop dropped with a warning"

# --- the braille edition ------------------------------------------------
# The same characters, one paragraph each; Markdown's own signs are
# escaped with a backslash so that each reaches the text as itself.
doc="$dir/repertoire.md"
{
    printf -- '---\ntitle: 文字の一覧\n---\n\n'
    sed 's/[][\\`*_{}()#+.!<>&|~"$^-]/\\&/g; s/^/ア/; s/$/ア\n/' "$dir/chars.txt"
} >"$doc"
"$HIRAKU" render "$doc" -o "$dir/out" --edition braille 2>"$dir/ed-stderr"
rc=$?
[ "$rc" -eq 0 ] || { echo "FAIL: the braille edition exited $rc: $(grep -v warning "$dir/ed-stderr" | head -3)"; fail=1; }
for ext in brf bes pef braille.txt proof.pdf; do
    [ -s "$dir/out/repertoire.$ext" ] || { echo "FAIL: repertoire.$ext not written"; fail=1; }
done
bad=$(grep -v "^$doc:[0-9]*:[0-9]*: warning: " "$dir/ed-stderr" | head -3)
[ -z "$bad" ] || { echo "FAIL: edition stderr lines that are not located warnings: $bad"; fail=1; }
# Each warning at column 2 names the character that stands there: line L
# of the document is character (L - 3) / 2 of the list.
awk -F: -v chars="$dir/chars.txt" 'BEGIN { while ((getline l < chars) > 0) c[++n] = l }
    $3 == 2 {
        i = ($2 - 3) / 2
        if (i != int(i) || i < 1 || i > n) { print "FAIL: warning on line " $2 " is not a character line"; exit 1 }
        located++
    }
    END { print "info: " located " edition warnings at the character itself" }' "$dir/ed-stderr" || fail=1
edrop=$(grep -c ' dropped' "$dir/ed-stderr")
echo "figure: braille edition of the repertoire: $edrop characters dropped with a warning, exit $rc"
[ "$edrop" -le "$((ndrop + 5))" ] || { echo "FAIL: the edition drops $edrop characters, hiraku braille $ndrop"; fail=1; }
# --- bad input ------------------------------------------------------------
# An unpaired surrogate (as the bytes ED A0 80), a control character, a bidi
# control, a variation selector and a private-use character: the edition
# and `hiraku braille` still write everything else, one warning each, at
# the character's own column, exit 0.
bad="$dir/bad.md"
/usr/bin/printf -- '---\ntitle: 試験\n---\n\n本文\355\240\200です\001と\u200eと\ufe0fと\ue000。\n' >"$bad"
"$HIRAKU" render "$bad" -o "$dir/bad" --edition braille 2>"$dir/bad-stderr"
rc=$?
[ "$rc" -eq 0 ] || { echo "FAIL: the edition of bad input exited $rc: $(head -3 "$dir/bad-stderr")"; fail=1; }
[ -s "$dir/bad/bad.brf" ] || { echo "FAIL: bad.brf not written"; fail=1; }
cols=$(grep -o "^$bad:5:[0-9]*: warning: braille: .* dropped" "$dir/bad-stderr" | cut -d: -f3 | tr '\n' ' ')
[ "$cols" = "3 6 8 10 12 " ] || { echo "FAIL: bad input warnings at columns '$cols', want '3 6 8 10 12 '"; cat "$dir/bad-stderr"; fail=1; }
sed -n 5p "$bad" | "$HIRAKU" braille >"$dir/bad-cells" 2>"$dir/bad-cli-stderr"
rc=$?
[ "$rc" -eq 0 ] && [ -s "$dir/bad-cells" ] || { echo "FAIL: hiraku braille on bad input: exit $rc"; fail=1; }
n=$(grep -c '^stdin:1:[0-9]*: warning: braille: .* dropped' "$dir/bad-cli-stderr")
[ "$n" -eq 5 ] || { echo "FAIL: hiraku braille gave $n warnings for 5 bad characters"; fail=1; }
exit $fail
