#!/bin/sh
# hiraku braille on two threads (the default: the next lines analysed
# while the rules and cells of the last ones are done) against one
# (-j 1): the same cells, kana, warnings and exit status, byte for byte,
# on the harness texts, the samples' lines, lines cut and joined at random
# with characters that have no braille (warnings on many lines), enough
# to fill the pipe many times over; and a line of invalid UTF-8 in the
# middle stops both at that line with the same output before it.
set -eu
data="$(dirname "$0")/../data"
python3 - "$data/braille/harness-dev.json" "$data"/seeds/*.txt >"$OUT/in.txt" <<'PY'
import json, random, sys
lines = [c["text"].strip() for c in json.load(open(sys.argv[1], encoding="utf-8"))
         if isinstance(c.get("text"), str) and c["text"].strip() and "\n" not in c["text"]]
for f in sys.argv[2:]:
    lines += [l.strip() for l in open(f, encoding="utf-8") if l.strip()]
odd = ["\u309b", "ｶﾞ", "\ue000", "\u200b", "\u202e", "\ufe0f", "😀", "∞", "━", "ά",
       "Ð", "\t", "　", "①", "№", "℃", "※", "々", "\U00020b9f", "〜", "http://example.jp/a"]
rnd = random.Random(15)
out = list(lines)
for _ in range(4000):
    parts = []
    for _ in range(rnd.randint(1, 3)):
        l = rnd.choice(lines)
        a = rnd.randint(0, len(l))
        parts.append(l[a:rnd.randint(a, len(l))] if rnd.random() < 0.6 else l)
    s = rnd.choice(["", " ", "、"]).join(parts)
    for _ in range(rnd.randint(0, 2)):
        p = rnd.randint(0, len(s))
        s = s[:p] + rnd.choice(odd) + s[p:]
    out.append(s)
print("\n".join(out))
PY
n=$(wc -l <"$OUT/in.txt")
fail=0
for mode in cells kana; do
    opt=""
    [ $mode = kana ] && opt=--kana
    for j in 1 2; do
        # shellcheck disable=SC2086 # no option or one
        "$HIRAKU" braille -j $j $opt <"$OUT/in.txt" >"$OUT/$mode.$j.out" 2>"$OUT/$mode.$j.err" ||
            { echo "FAIL: braille -j $j $opt: exit $?"; fail=1; }
    done
    [ "$(wc -l <"$OUT/$mode.2.out")" -eq "$n" ] || { echo "FAIL: $mode: lines in $n, out $(wc -l <"$OUT/$mode.2.out")"; fail=1; }
    [ -s "$OUT/$mode.2.err" ] || { echo "FAIL: $mode: no warnings (the test needs some)"; fail=1; }
    cmp -s "$OUT/$mode.1.out" "$OUT/$mode.2.out" || { echo "FAIL: $mode: output of -j 2 differs from -j 1"; fail=1; }
    cmp -s "$OUT/$mode.1.err" "$OUT/$mode.2.err" || { echo "FAIL: $mode: warnings of -j 2 differ from -j 1"; fail=1; }
done
echo "figure: braille -j 2 = -j 1 on $n lines, $(wc -l <"$OUT/cells.2.err") warnings"

# A bad line after some thousands: both stop there, with the lines before it.
bad=$((n / 2))
{ head -n $((bad - 1)) "$OUT/in.txt"; printf 'ab\377c\n'; tail -n +"$bad" "$OUT/in.txt"; } >"$OUT/bad.txt"
for j in 1 2; do
    set +e
    "$HIRAKU" braille -j $j <"$OUT/bad.txt" >"$OUT/bad.$j.out" 2>"$OUT/bad.$j.err"
    echo $? >"$OUT/bad.$j.rc"
    set -e
done
[ "$(cat "$OUT/bad.2.rc")" -eq 2 ] || { echo "FAIL: bad line: exit $(cat "$OUT/bad.2.rc"), want 2"; fail=1; }
[ "$(wc -l <"$OUT/bad.2.out")" -eq $((bad - 1)) ] || { echo "FAIL: bad line: $(wc -l <"$OUT/bad.2.out") lines before it, want $((bad - 1))"; fail=1; }
tail -n 1 "$OUT/bad.2.err" | grep -q "^hiraku: stdin:$bad:3: invalid UTF-8" || { echo "FAIL: bad line: $(tail -n 1 "$OUT/bad.2.err")"; fail=1; }
cmp -s "$OUT/bad.1.out" "$OUT/bad.2.out" && cmp -s "$OUT/bad.1.err" "$OUT/bad.2.err" ||
    { echo "FAIL: bad line: -j 2 differs from -j 1"; fail=1; }
exit $fail
