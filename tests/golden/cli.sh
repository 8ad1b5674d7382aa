# The command line: usage, exit codes, and bad input that must give one
# located message, a non-zero exit and no output file.
set -u
fail=0
check() { # description, expected exit, expected stderr pattern, command...
    desc=$1 want=$2 pat=$3
    shift 3
    "$@" >"$OUT/stdout" 2>"$OUT/stderr"
    got=$?
    if [ "$got" -ne "$want" ] || ! grep -qE -- "$pat" "$OUT/stderr"; then
        echo "FAIL: $desc: exit $got (want $want), stderr: $(head -c 300 "$OUT/stderr")"
        fail=1
    fi
}
no_output() { # description, dir
    if [ -n "$(ls -A "$2" 2>/dev/null)" ]; then
        echo "FAIL: $1 left files: $(ls -A "$2")"
        fail=1
    fi
}

"$HIRAKU" --help | grep -q "usage: hiraku render" || { echo "FAIL: --help"; fail=1; }
"$HIRAKU" --version | grep -qE '^hiraku [0-9]+\.[0-9]+' || { echo "FAIL: --version"; fail=1; }
check "no arguments" 2 "usage" "$HIRAKU"
check "unknown command" 2 "unknown command" "$HIRAKU" frobnicate
check "render without -o" 2 "need -o DIR" "$HIRAKU" render tests/data/ok.md
check "unknown edition" 2 "unknown edition 'nonesuch'" "$HIRAKU" render tests/data/ok.md -o "$OUT/x" --edition nonesuch
check "bad -j" 2 "-j takes" "$HIRAKU" render tests/data/ok.md -o "$OUT/x" -j 0
check "missing source" 2 "^tests/data/nope.md:1:1: cannot read" "$HIRAKU" render tests/data/nope.md -o "$OUT/x" --edition print

# Each bad source: exit 2, message naming file:line:col, nothing written.
for case in "empty:1:1: empty source" \
    "invalid-utf8:3:3: invalid UTF-8" \
    "nul:3:3: NUL byte" \
    "unterminated-front-matter:1:1: front matter opened" \
    "unknown-key:3:1: unknown front-matter key 'author'" \
    "missing-image:3:1: image 'missing.png' not found" \
    "no-alt:3:1: image '../print-ok.md' has no alt text" \
    "bad-ruby:3:1: ruby \{漢字\|kanji\}: the reading must be kana"; do
    name=${case%%:*}
    rest=${case#*:}
    dir="$OUT/bad-$name"
    mkdir -p "$dir"
    check "$name" 2 "^tests/data/bad/$name.md:$rest" "$HIRAKU" render "tests/data/bad/$name.md" -o "$dir"
    no_output "$name" "$dir"
done

# Runaway input made on the fly: a 10 MB single line and 1,000 nested list
# levels. Each is refused with a located message before anything is written.
awk 'BEGIN { printf "# 見出し\n\n"; for (i = 0; i < 10 * 1024 * 1024 / 8; i++) printf "abcdefgh"; printf "\n" }' >"$OUT/long-line.md"
mkdir -p "$OUT/o-long"
check "10 MB line" 2 "long-line.md:3:1: line longer than" "$HIRAKU" render "$OUT/long-line.md" -o "$OUT/o-long"
no_output "10 MB line" "$OUT/o-long"
awk 'BEGIN { for (i = 0; i < 1000; i++) { for (j = 0; j < i * 2; j++) printf " "; printf "- x\n" } }' >"$OUT/nested.md"
mkdir -p "$OUT/o-nested"
check "1,000 nested lists" 2 "nested.md:[0-9]+:[0-9]+: nesting deeper than 64 levels" "$HIRAKU" render "$OUT/nested.md" -o "$OUT/o-nested"
no_output "1,000 nested lists" "$OUT/o-nested"

# Absurd layout values, for each kind of edition: refused at the key.
sed "s/^cols = 32/cols = 0/" layouts/braille-32x18.ini >"$OUT/zero-cells.ini"
mkdir -p "$OUT/o-cells"
check "0 cells a line" 2 "zero-cells.ini:[0-9]+:1: \\[page\\] cols" \
    "$HIRAKU" render tests/data/ok.md -o "$OUT/o-cells" --edition braille --layout "$OUT/zero-cells.ini"
no_output "0 cells a line" "$OUT/o-cells"
sed 's/^size = 10.5/size = 900/' layouts/print-a4.ini >"$OUT/huge-type.ini"
mkdir -p "$OUT/o-huge"
check "900 pt body" 2 "huge-type.ini:[0-9]+:1: \\[body\\] size" \
    "$HIRAKU" render tests/data/ok.md -o "$OUT/o-huge" --edition print --layout "$OUT/huge-type.ini"
no_output "900 pt body" "$OUT/o-huge"

# Layouts: unreadable and invalid.
check "missing layout" 2 "^tests/data/nope.ini:1:1: cannot read layout" \
    "$HIRAKU" render tests/data/ok.md -o "$OUT/l1" --edition print --layout tests/data/nope.ini
no_output "missing layout" "$OUT/l1"
check "broken layout" 2 "^tests/data/broken-layout.ini:1:1: invalid layout file" \
    "$HIRAKU" render tests/data/ok.md -o "$OUT/l2" --edition print --layout tests/data/broken-layout.ini
no_output "broken layout" "$OUT/l2"

# An output directory that cannot be written: exit 1, nothing left behind.
# (root ignores permissions, so use a path below a regular file instead.)
: >"$OUT/file"
check "unwritable output" 1 "cannot" "$HIRAKU" render tests/data/ok.md -o "$OUT/file/sub" --edition print

# A good file renders; a second identical run gives byte-identical output.
"$HIRAKU" render tests/data/ok.md -o "$OUT/a" --edition print || { echo "FAIL: ok.md"; fail=1; }
"$HIRAKU" render tests/data/ok.md -o "$OUT/b" --edition print
cmp -s "$OUT/a/ok.print.pdf" "$OUT/b/ok.print.pdf" || { echo "FAIL: output not deterministic"; fail=1; }
# -j with several files gives the same files as one at a time.
cp tests/data/ok.md "$OUT/ok2.md"
"$HIRAKU" render tests/data/ok.md "$OUT/ok2.md" -o "$OUT/j" --edition print -j 2 || { echo "FAIL: -j 2"; fail=1; }
cmp -s "$OUT/a/ok.print.pdf" "$OUT/j/ok.print.pdf" || { echo "FAIL: -j output differs"; fail=1; }
[ -f "$OUT/j/ok2.print.pdf" ] || { echo "FAIL: -j lost a file"; fail=1; }
# Without -j several files render at once (one process a CPU), and the
# messages (warnings, -v) come in the order of the files whatever order the
# children finish in: the slow file first, then two quick ones that warn.
mkdir -p "$OUT/order"
printf '# 一\n\n絵文字\360\237\230\200を含む。\n' >"$OUT/order/a.md"
printf '# 二\n\n別の絵文字\360\237\230\201を含む。\n' >"$OUT/order/b.md"
cp samples/kanazawa-r02-policy.md "$OUT/order/slow.md"
set -- "$OUT/order/slow.md" "$OUT/order/a.md" "$OUT/order/b.md" -v --edition braille,print
"$HIRAKU" render "$@" -o "$OUT/order/1" -j 1 2>"$OUT/order/serial.err" || { echo "FAIL: -j 1 run"; fail=1; }
"$HIRAKU" render "$@" -o "$OUT/order/d" 2>"$OUT/order/default.err" &
pid=$!
children=""
while kill -0 $pid 2>/dev/null && [ -z "$children" ]; do
    children=$(pgrep -P $pid | head -n 1)
done
wait $pid || { echo "FAIL: default-jobs run"; fail=1; }
if [ "$(nproc)" -gt 1 ] && [ -z "$children" ]; then
    echo "FAIL: several files on $(nproc) CPUs rendered in one process without -j"
    fail=1
fi
sed "s|$OUT/order/1/|DIR/|" "$OUT/order/serial.err" >"$OUT/order/serial.said"
sed "s|$OUT/order/d/|DIR/|" "$OUT/order/default.err" >"$OUT/order/default.said"
grep -q "a.md:.*warning" "$OUT/order/serial.said" || { echo "FAIL: order test: no warning to order"; fail=1; }
cmp -s "$OUT/order/serial.said" "$OUT/order/default.said" ||
    { echo "FAIL: messages out of file order in parallel: $(diff "$OUT/order/serial.said" "$OUT/order/default.said" | head -5)"; fail=1; }
for f in "$OUT"/order/1/*; do
    cmp -s "$f" "$OUT/order/d/${f##*/}" || { echo "FAIL: default -j changed ${f##*/}"; fail=1; }
done
exit $fail
