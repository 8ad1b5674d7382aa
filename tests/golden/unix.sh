# Unix conventions of the command line: --help on every command, a source
# on stdin (-) named by --name, one output on stdout (--stdout), -q, -v,
# and the progress line only on a terminal with several files.
set -u
. "$(dirname "$0")/../lib/editions.sh"
fail=0
bad() {
    echo "FAIL: $*"
    fail=1
}

# --help: usage on stdout, exit 0, for the program and each command.
for cmd in "" render braille; do
    # shellcheck disable=SC2086 # the empty command must vanish
    "$HIRAKU" $cmd --help >"$OUT/help" 2>"$OUT/help.err" || bad "hiraku $cmd --help exits $?"
    grep -qi "usage" "$OUT/help" || bad "hiraku $cmd --help prints no usage"
    [ -s "$OUT/help.err" ] && bad "hiraku $cmd --help writes to stderr"
done
grep -q -- "--stdout" "$OUT/help" && bad "braille --help lists render's options"
"$HIRAKU" render --help | grep -q -- "--stdout" || bad "render --help lacks --stdout"
"$HIRAKU" braille --nonesuch </dev/null 2>/dev/null
[ $? -eq 2 ] || bad "braille with an unknown option must exit 2"

# The reference: ok.md rendered from its file.
"$HIRAKU" render tests/data/ok.md -o "$OUT/ref" --edition print || bad "ok.md does not render"

# render -: stdin, stem 'stdin'; the same document gives the same PDF.
mkdir -p "$OUT/in"
"$HIRAKU" render - -o "$OUT/in" --edition print <tests/data/ok.md || bad "render - fails"
[ "$(ls "$OUT/in")" = "stdin.print.pdf" ] || bad "render - wrote: $(ls "$OUT/in")"
cmp -s "$OUT/ref/ok.print.pdf" "$OUT/in/stdin.print.pdf" || bad "stdin PDF differs from the file's"
"$HIRAKU" render - -o "$OUT/in2" --edition print --name notice <tests/data/ok.md || bad "--name fails"
[ "$(ls "$OUT/in2")" = "notice.print.pdf" ] || bad "--name wrote: $(ls "$OUT/in2")"
# Bad input on stdin is located as stdin:line:col.
printf '%s\n' '---' 'author: x' '---' | "$HIRAKU" render - -o "$OUT/in3" 2>"$OUT/err"
[ $? -eq 2 ] && grep -q "^stdin:2:1: unknown front-matter key" "$OUT/err" || bad "bad stdin: $(cat "$OUT/err")"
[ -z "$(ls -A "$OUT/in3" 2>/dev/null)" ] || bad "bad stdin left files"
"$HIRAKU" render - - -o "$OUT/in4" </dev/null 2>/dev/null
[ $? -eq 2 ] || bad "stdin twice must be refused"
"$HIRAKU" render - -o "$OUT/in4" --name ../x </dev/null 2>/dev/null
[ $? -eq 2 ] || bad "--name with a / must be refused"

# --stdout: the one file on stdout, nothing left in TMPDIR or the cwd.
mkdir -p "$OUT/tmp" "$OUT/cwd"
(cd "$OUT/cwd" && TMPDIR="$OUT/tmp" "$HIRAKU" render - --stdout --edition print \
    <"$OLDPWD/tests/data/ok.md" >"$OUT/stdout.pdf") || bad "--stdout fails"
cmp -s "$OUT/ref/ok.print.pdf" "$OUT/stdout.pdf" || bad "--stdout PDF differs from the file's"
[ -z "$(ls -A "$OUT/tmp" "$OUT/cwd" | grep -v ':$')" ] || bad "--stdout left files: $(ls -AR "$OUT/tmp" "$OUT/cwd")"
for args in "--edition braille" "--edition print,large" "" "--edition print -o $OUT/x"; do
    # shellcheck disable=SC2086
    "$HIRAKU" render tests/data/ok.md --stdout $args >"$OUT/none" 2>"$OUT/err"
    [ $? -eq 2 ] || bad "--stdout $args must exit 2"
    [ -s "$OUT/none" ] && bad "--stdout $args wrote to stdout"
done
grep -q "exclude each other" "$OUT/err" || bad "--stdout with -o: $(cat "$OUT/err")"
script -qec "'$HIRAKU' render tests/data/ok.md --edition print --stdout" /dev/null >"$OUT/ttyout"
grep -q "will not write a PDF to a terminal" "$OUT/ttyout" || bad "--stdout to a terminal: $(head -c 200 "$OUT/ttyout" | cat -v)"

# -v names every file written, and exactly those (this checks each
# edition's declared file list against what it really writes).
"$HIRAKU" render tests/data/ok.md -o "$OUT/v" -v 2>"$OUT/v.err" || bad "-v render fails"
sed -n 's/^hiraku: wrote //p' "$OUT/v.err" | sort >"$OUT/said"
ls "$OUT/v" | sed "s#^#$OUT/v/#" | sort >"$OUT/written"
cmp -s "$OUT/said" "$OUT/written" || bad "-v said $(cat "$OUT/said"), wrote $(cat "$OUT/written")"
[ "$(wc -l <"$OUT/written")" -eq "$ALL_FILES" ] || bad "all editions wrote $(wc -l <"$OUT/written") files, want $ALL_FILES"
"$HIRAKU" render tests/data/ok.md -o "$OUT/v2" --edition print 2>"$OUT/v2.err"
[ -s "$OUT/v2.err" ] && bad "without -v the render says: $(cat "$OUT/v2.err")"

# -q: a character with no braille warns (and is dropped), unless -q.
printf '# 見出し\n\n絵文字\360\237\230\200を含む。\n' >"$OUT/warn.md"
s=$OUT/warn.md
"$HIRAKU" render "$s" -o "$OUT/w" --edition braille 2>"$OUT/w.err" || bad "braille render fails"
grep -q "^$s:[0-9]*:[0-9]*: warning: " "$OUT/w.err" || bad "no warning without -q: $(cat "$OUT/w.err")"
"$HIRAKU" render "$s" -o "$OUT/q" --edition braille -q 2>"$OUT/q.err" || bad "-q render fails"
[ -s "$OUT/q.err" ] && bad "-q still says: $(cat "$OUT/q.err")"
for f in "$OUT"/w/*; do cmp -s "$f" "$OUT/q/${f##*/}" || bad "-q changed ${f##*/}"; done

# Progress: on a terminal (script(1) gives one) with two files, never with
# one file or when stderr is not a terminal. Serially (-j 1) it names the
# file and edition under way; in parallel (the default) it counts files.
cp tests/data/ok.md "$OUT/two.md"
script -qec "'$HIRAKU' render tests/data/ok.md '$OUT/two.md' -j 1 -o '$OUT/p' --edition print,large" /dev/null >"$OUT/tty" ||
    bad "render under script fails"
grep -q "0 of 2 files done; ok: large" "$OUT/tty" || bad "no progress on a terminal: $(cat -v "$OUT/tty")"
grep -q "1 of 2 files done; two: print" "$OUT/tty" || bad "progress does not count files: $(cat -v "$OUT/tty")"
script -qec "'$HIRAKU' render tests/data/ok.md '$OUT/two.md' -j 2 -o '$OUT/pj' --edition print" /dev/null >"$OUT/ttyj" ||
    bad "-j render under script fails"
grep -q "2 of 2 files done" "$OUT/ttyj" || bad "no progress with -j: $(cat -v "$OUT/ttyj")"
script -qec "'$HIRAKU' render tests/data/ok.md -o '$OUT/p1' --edition print" /dev/null >"$OUT/tty1"
grep -q "files done" "$OUT/tty1" && bad "progress for a single file"
"$HIRAKU" render tests/data/ok.md "$OUT/two.md" -o "$OUT/p2" --edition print 2>"$OUT/notty"
[ -s "$OUT/notty" ] && bad "progress when stderr is not a terminal: $(cat -v "$OUT/notty")"
exit $fail
