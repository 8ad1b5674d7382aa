# The samples' review (tests/data/braille/samples-review.tsv): every sure
# and likely finding of the categories symbol and lost (波線 framing a
# subtitle, the range sign's spacing, nested parentheses as 第2カッコ, a
# colon before an address, quotation marks as カギ, the print's reading
# in parentheses) is fixed: the correct kana appears in the transcription
# of the row's source text and hiraku's old kana, where it differs, does
# not. Rows of the other categories are counted for information.
set -u
fail=0
cd "$(dirname "$0")/../.."
tsv=tests/data/braille/samples-review.tsv
dir="$OUT/review"
mkdir -p "$dir"
awk -F'\t' 'NR > 1 && ($6 == "symbol" || $6 == "lost") && ($7 == "sure" || $7 == "likely")' "$tsv" >"$dir/rows"
# The kana of each sample, line by line, its Markdown markup (heading and
# list marks, autolink brackets, emphasis) taken off: the review quotes
# the text, often shortened, so the row's kana is looked for in the
# whole document's.
for doc in $(cut -f1 "$dir/rows" | sort -u); do
    sed -e 's/^#* *//' -e 's/^[-*] //' -e 's/<\(https*:[^>]*\)>/\1/g' -e 's/\*\*//g' \
        "samples/$doc" >"$dir/$doc.txt"
    "$HIRAKU" braille --kana <"$dir/$doc.txt" >"$dir/$doc.kana" 2>"$dir/$doc.stderr" ||
        { echo "FAIL: hiraku braille --kana failed on $doc: $(head -3 "$dir/$doc.stderr")"; exit 1; }
done
fixed=0
left=0
while IFS="$(printf '\t')" read -r doc line src old want cat cert rule gold; do
    kana="$dir/$doc.kana"
    if ! grep -qF -- "$want" "$kana"; then
        echo "FAIL: $doc:$line ($cat, $cert): \"$want\" not in the kana ($rule)"
        left=$((left + 1))
    elif [ "$old" != "$want" ] && ! printf '%s' "$want" | grep -qF -- "$old" && grep -qF -- "$old" "$kana"; then
        echo "FAIL: $doc:$line ($cat, $cert): the old \"$old\" is still in the kana"
        left=$((left + 1))
    else
        fixed=$((fixed + 1))
    fi
done <"$dir/rows"
echo "figure: samples review, symbol and lost rows (sure, likely): $fixed fixed, $left left"
[ "$left" -eq 0 ] || fail=1
awk -F'\t' 'NR > 1 { n[$6 "/" $7]++ } END { for (k in n) printf "info: review rows %s: %d\n", k, n[k] }' "$tsv" | sort
exit $fail
