# 分冊: a long synthetic document (24 chapters, ~190 braille pages) with the
# default 32x18 layout ([volumes] max_pages = 100) becomes several volumes:
# one .pef with a <volume> each and per volume <stem>-k.{brf,bes,bse,
# braille.txt,proof.pdf}; every volume at most 100 pages; the PEF's volumes
# are the BRF files page by page and side by side (tests/tools/sides.py);
# each volume's title page has its 巻数 line (ダイkカン) and the BES header
# its volume field; each volume's 目次 lists the headings of its own part
# with page numbers inside the volume; a volume starts at a heading; page
# numbers continue, or restart with `numbering = restart`; the 奥付 is in
# the last volume only; `max_pages = 0` keeps one volume.
# once
set -u
fail=0
cd "$(dirname "$0")/../.."
md="$OUT/long.md"
python3 - >"$md" <<'PY'
print("---\ntitle: 長い資料の点訳\norganization: 横浜市金沢区\ndate: 2025-04-01\n"
      "transcriber: 山田花子\nproducer: 金沢点訳の会\ntranscription_year: 2025\n---\n")
for c in range(1, 25):
    print(f"## 第{c}章 区の取り組み\n")
    for s in range(1, 4):
        print(f"### {c}の{s} 地域の活動\n")
        for p in range(10):
            print("金沢区では、地域の皆さんと一緒に、安全で住みやすいまちづくりを進めています。"
                  "公園や道路の整備、防災の訓練、子育ての支援などに取り組んでいます。\n")
PY
# One volume's .braille.txt → "label first last entries outside body":
# label 1 if the title page has the ダイkカン line, the first and last page
# numbers, the 目次 entries and how many point outside first..last, body 1
# if the page of the first entry starts with a first-rank heading (9th
# cell).
cat >"$OUT/volume.py" <<'PY'
import sys
D = "⠚⠁⠃⠉⠙⠑⠋⠛⠓⠊"
num = lambda s: int("".join(str(D.index(c)) for c in s))
cells = lambda n: "⠼" + "".join(D[int(c)] for c in str(n))
pages = [p.split("\n") for p in open(sys.argv[1], encoding="utf-8").read().split("\f\n")]
k = int(sys.argv[2])
label = int(any("⠐⠕⠃" + cells(k) + "⠡⠴" in l for l in pages[0]))
numbers = {}
for i, p in enumerate(pages):
    l = p[0].strip("⠀")
    if l.startswith("⠼"):
        numbers[num(l[1:])] = i
entries = [num(l.rsplit("⠀⠼", 1)[1]) for p in pages for l in p[1:]
           if "⠂⠂⠀⠼" in l and p is not pages[0]]
first, last = min(numbers), max(numbers)
outside = sum(1 for e in entries if not first <= e <= last)
body = pages[numbers[entries[0]]] if entries and entries[0] in numbers else [""]
text = [l for l in body[1:] if l]
ok = int(bool(text) and text[0].startswith("⠀" * 8) and text[0][8] != "⠀")
print(label, first, last, len(entries), outside, ok)
PY
render() { # dir, layout
    mkdir -p "$1"
    "$HIRAKU" render "$md" -o "$1" --edition braille --layout "braille=$2" 2>"$1/stderr" ||
        { echo "FAIL: render ($2): $(head -c 300 "$1/stderr")"; fail=1; }
}

dir="$OUT/continue"
render "$dir" layouts/braille-32x18.ini
n=$(ls "$dir"/long-*.brf 2>/dev/null | wc -l)
[ "$n" -ge 2 ] || { echo "FAIL: $n volumes, want at least 2"; ls "$dir"; exit 1; }
[ ! -e "$dir/long.brf" ] || { echo "FAIL: long.brf written beside the volumes"; fail=1; }
pv=$(xmllint --xpath "count(//*[local-name()='volume'])" "$dir/long.pef")
[ "$pv" = "$n" ] || { echo "FAIL: the .pef has $pv volumes, the BRF files $n"; fail=1; }
python3 tests/tools/sides.py "$dir/long.pef" "$dir"/long-*.brf >"$dir/sides" ||
    { echo "FAIL: .pef volumes and .brf files differ:"; grep differs "$dir/sides" | head -3; fail=1; }
prev_last=0
for k in $(seq 1 "$n"); do
    txt="$dir/long-$k.braille.txt"
    pages=$(($(grep -c "$(printf '^\f$')" "$txt") + 1))
    [ "$pages" -le 100 ] || { echo "FAIL: volume $k has $pages pages"; fail=1; }
    set -- $(python3 "$OUT/volume.py" "$txt" "$k")
    [ "$1" = 1 ] || { echo "FAIL: volume $k's title page has no ダイ${k}カン line"; fail=1; }
    first=$2 last=$3 entries=$4
    [ "$entries" -gt 0 ] && [ "$5" -eq 0 ] || { echo "FAIL: volume $k's 目次: $entries entries, $5 outside pages $first..$last"; fail=1; }
    [ "$6" = 1 ] || { echo "FAIL: volume $k's body does not start with a first-rank heading"; fail=1; }
    [ "$first" -eq $((prev_last + 1)) ] || { echo "FAIL: volume $k starts at page $first, want $((prev_last + 1))"; fail=1; }
    vol=$(python3 tests/tools/bes_decode.py --header "$dir/long-$k.bes" | sed -n 's/^volume=//p')
    want=$(python3 -c "import sys; print('⠼' + ''.join('⠚⠁⠃⠉⠙⠑⠋⠛⠓⠊'[int(c)] for c in sys.argv[1]))" "$k")
    [ "$vol" = "$want" ] || { echo "FAIL: long-$k.bes volume field '$vol', want '$want'"; fail=1; }
    python3 tests/tools/bse_decode.py "$dir/long-$k.bse" >/dev/null || { echo "FAIL: long-$k.bse"; fail=1; }
    # The 奥付 (its 点訳 line) only in the last volume.
    has=$(grep -c '⠟⠴⠌⠩⠀⠌⠵⠐⠕' "$txt")
    want=$([ "$k" -eq "$n" ] && echo 1 || echo 0)
    [ "$has" -eq "$want" ] || { echo "FAIL: volume $k has $has 奥付 lines, want $want"; fail=1; }
    echo "figure: volume $k: $pages pages, numbered $first..$last, $entries 目次 entries, $(wc -c <"$dir/long-$k.brf") bytes BRF"
    prev_last=$last
done

sed 's/^numbering = continue/numbering = restart/' layouts/braille-32x18.ini >"$OUT/restart.ini"
render "$OUT/restart" "$OUT/restart.ini"
k=0
for f in "$OUT"/restart/long-*.braille.txt; do
    k=$((k + 1))
    first=$(python3 "$OUT/volume.py" "$f" "$k" | cut -d' ' -f2)
    [ "$first" = 1 ] || { echo "FAIL: restart: $(basename "$f") starts at page $first"; fail=1; }
done
[ "$k" -ge 2 ] || { echo "FAIL: restart: $k volumes"; fail=1; }
sed 's/^max_pages = 100/max_pages = 0/' layouts/braille-32x18.ini >"$OUT/one.ini"
render "$OUT/one" "$OUT/one.ini"
[ -e "$OUT/one/long.brf" ] && [ "$(ls "$OUT"/one/long-* 2>/dev/null | wc -l)" -eq 0 ] ||
    { echo "FAIL: max_pages = 0 did not keep one volume"; fail=1; }
echo "figure: max_pages = 0: one volume of $(($(tr -cd '\f' <"$OUT/one/long.brf" | wc -c))) pages"
exit $fail
