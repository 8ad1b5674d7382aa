# The transcriber's data (front matter transcriber, proofreader, original,
# transcription_year, producer) in every braille file: the PEF's Dublin
# Core (read with xmllint), the BES header (read with the independent
# decoder tests/tools/bes_decode.py), the title page's foot and a 奥付 on
# the last page; the proof's title page and 奥付 are rendered as PNG
# ($OUT/credits/…-proof-{1,N}.png) for looking at. A document without such
# data gets no 奥付.
# once
set -u
fail=0
cd "$(dirname "$0")/../.."
md=tests/data/braille-credits.md
dir="$OUT/credits"
mkdir -p "$dir"
if ! "$HIRAKU" render "$md" -o "$dir" --edition braille 2>"$dir/stderr"; then
    echo "FAIL: $md: render failed: $(head -c 500 "$dir/stderr")"
    exit 1
fi
stem=braille-credits
pef="$dir/$stem.pef"
x() { xmllint --xpath "$1" "$pef"; }
for pair in "creator=横浜市金沢区" "contributor[1]=山田花子" "contributor[2]=鈴木一郎" \
    "publisher=金沢点訳の会" "source=金沢区の図書館案内 横浜市金沢区 2025年4月"; do
    name=${pair%%=*}
    want=${pair#*=}
    n=${name%%\[*}
    idx=$(echo "$name" | sed -n 's/.*\[\([0-9]*\)\]/\1/p')
    got=$(x "string((//*[local-name()='$n'])[${idx:-1}])")
    [ "$got" = "$want" ] || { echo "FAIL: $stem.pef dc:$name is '$got', want '$want'"; fail=1; }
done
xmllint --noout "$pef" || { echo "FAIL: $stem.pef does not parse"; fail=1; }

txt="$dir/$stem.braille.txt"
# The last page (the 奥付): label + value lines; the 点訳 line's value is
# the BES header's 点訳者 field.
awk 'BEGIN { RS = "\f\n" } { last = $0 } END { printf "%s", last }' "$txt" >"$dir/colophon"
python3 tests/tools/bes_decode.py --header "$dir/$stem.bes" >"$dir/header"
h() { sed -n "s/^$1=//p" "$dir/header"; }
tr_line=$(sed -n 4p "$dir/colophon" | sed -e 's/^\(⠀\)*//' -e 's/^[^⠀]*⠀//')
[ -n "$(h transcriber)" ] && [ "$(h transcriber)" = "$tr_line" ] ||
    { echo "FAIL: BES 点訳者 '$(h transcriber)' is not the 奥付's '$tr_line'"; fail=1; }
lines=$(grep -c . "$dir/colophon")
[ "$lines" -eq 6 ] || { echo "FAIL: the 奥付 has $lines lines, want the page line, 底本 (2 lines), 点訳, 校正, 製作"; cat "$dir/colophon"; fail=1; }
# Title page foot: the producer (the BES 備考 field) and the year.
foot=$(awk 'BEGIN { RS = "\f\n" } NR == 1' "$txt" | grep . | tail -n 1 | sed 's/^\(⠀\)*//')
case "$foot" in
"$(h remarks)"⠀⠼⠃⠚⠃⠑*) ;;
*) echo "FAIL: title page foot '$foot' is not the producer '$(h remarks)' and 2025"; fail=1 ;;
esac
pages=$(pdfinfo "$dir/$stem.proof.pdf" | awk '/^Pages:/ { print $2 }')
pdftoppm -png -r 50 -f 1 -l 1 "$dir/$stem.proof.pdf" "$dir/$stem-proof"
pdftoppm -png -r 50 -f "$pages" -l "$pages" "$dir/$stem.proof.pdf" "$dir/$stem-proof"
[ "$(ls "$dir"/$stem-proof-*.png | wc -l)" -eq 2 ] || { echo "FAIL: proof pages do not render"; fail=1; }
echo "figure: $stem: title page and 奥付 (page $pages) in $dir/$stem-proof-*.png"

# No transcriber's data: no 奥付 (the last page is body text).
sed '/^transcriber\|^proofreader\|^original\|^transcription_year\|^producer/d' "$md" >"$OUT/plain.md"
mkdir -p "$OUT/plain"
"$HIRAKU" render "$OUT/plain.md" -o "$OUT/plain" --edition braille 2>/dev/null || { echo "FAIL: plain render"; fail=1; }
if grep -q "⠟⠃⠮⠴" "$OUT/plain/plain.braille.txt"; then
    echo "FAIL: a document without transcriber's data has a 奥付"
    fail=1
fi
exit $fail
