# make install / make uninstall: PREFIX and DESTDIR honoured; the installed
# program, run from a directory outside the source tree, finds its data
# through its prefix (or HIRAKU_DATA_DIR), never through the source tree
# or the current directory, and renders every edition exactly as the
# build in the tree does; uninstall leaves nothing.
# once
set -u
. "$(dirname "$0")/../lib/editions.sh"
fail=0
bad() {
    echo "FAIL: $*"
    fail=1
}
ROOT=$PWD
MAKE=${MAKE:-make}
unset HIRAKU_DATA_DIR SOURCE_DATE_EPOCH
sample=kanazawa-r07-policy
# The reference: the tree's build, rendered in its own scratch directory.
mkdir -p "$OUT/ref"
cp "samples/$sample.md" "$OUT/ref/"
(cd "$OUT/ref" && "$HIRAKU" render -q "$sample.md" -o out) || bad "reference render"

same_as_ref() { # label, output dir
    n=0
    for f in "$OUT/ref/out"/*; do
        n=$((n + 1))
        cmp -s "$f" "$2/${f##*/}" || bad "$1: ${f##*/} differs from the tree build's"
    done
    [ "$n" -eq "$ALL_FILES" ] && [ "$(ls "$2" | wc -l)" -eq "$ALL_FILES" ] || bad "$1: $(ls "$2" | wc -l) files, want $ALL_FILES"
}

# 1. A real install into a temporary PREFIX.
P=$OUT/prefix
$MAKE -s install BUILD="$BUILD" PREFIX="$P" >"$OUT/install.log" 2>&1 || { bad "make install: $(tail -5 "$OUT/install.log")"; exit 1; }
(cd "$P" && find . -type f | sort) >"$OUT/tree"
for f in ./bin/hiraku ./share/man/man1/hiraku.1 ./share/hiraku/fonts/fonts.conf \
    ./share/hiraku/layouts/print-a4.ini ./share/hiraku/layouts/braille-40x25.ini \
    ./share/hiraku/tables/ja-kana.ctb ./share/hiraku/dict/hiraku-user.dic \
    ./share/hiraku/dict/hiraku-naist/sys.dic ./share/hiraku/dict/LICENSE-libkuraji-jtalk-dic.txt; do
    grep -qx "$f" "$OUT/tree" || bad "not installed: $f"
done
[ "$(stat -c %a "$P/bin/hiraku")" = 755 ] || bad "bin/hiraku mode $(stat -c %a "$P/bin/hiraku")"
[ "$(stat -c %a "$P/share/hiraku/layouts/print-a4.ini")" = 644 ] || bad "layout mode"
# The program's constant data names the prefix and not the source tree.
objcopy -O binary --only-section=.rodata "$P/bin/hiraku" "$OUT/rodata"
grep -qa "$P/share/hiraku" "$OUT/rodata" || bad "the installed program does not name its prefix"
grep -qa "$ROOT" "$OUT/rodata" && bad "the installed program names the source tree $ROOT"
# Rendered from elsewhere, next to a decoy data tree in the current
# directory that would fail every edition if it were read.
mkdir -p "$OUT/elsewhere/layouts" "$OUT/elsewhere/fonts" "$OUT/elsewhere/tables"
for d in layouts fonts tables; do
    for f in "$P/share/hiraku/$d"/*; do echo 'not a data file [' >"$OUT/elsewhere/$d/${f##*/}"; done
done
cp "samples/$sample.md" "$OUT/elsewhere/"
cd "$OUT/elsewhere" || exit 1
"$P/bin/hiraku" render -q "$sample.md" -o out || bad "installed render (HIRAKU_DATA_DIR unset)"
same_as_ref "installed" "$OUT/elsewhere/out"
HIRAKU_DATA_DIR=$P/share/hiraku "$P/bin/hiraku" render -q "$sample.md" -o out-env ||
    bad "installed render (HIRAKU_DATA_DIR set)"
same_as_ref "installed, HIRAKU_DATA_DIR" "$OUT/elsewhere/out-env"
# HIRAKU_DATA_DIR really is what is read: the decoy fails.
HIRAKU_DATA_DIR=$OUT/elsewhere "$P/bin/hiraku" render -q "$sample.md" -o out-bad --edition print 2>/dev/null &&
    bad "HIRAKU_DATA_DIR pointing at a broken tree still rendered"
cd "$ROOT" || exit 1
$MAKE -s uninstall PREFIX="$P" >>"$OUT/install.log" 2>&1 || bad "make uninstall"
left=$(find "$P" -type f)
[ -z "$left" ] || bad "uninstall left: $left"
[ -e "$P/share/hiraku" ] && bad "uninstall left share/hiraku"

# 2. A staged install (DESTDIR) for the default prefix: the data is found
# through HIRAKU_DATA_DIR, and never in the tree if /usr/local has none.
D=$OUT/stage
$MAKE -s install BUILD="$BUILD" DESTDIR="$D" >>"$OUT/install.log" 2>&1 || bad "make install DESTDIR"
[ -x "$D/usr/local/bin/hiraku" ] || bad "DESTDIR install has no $D/usr/local/bin/hiraku"
mkdir -p "$OUT/elsewhere2"
cp "samples/$sample.md" "$OUT/elsewhere2/"
cd "$OUT/elsewhere2" || exit 1
HIRAKU_DATA_DIR=$D/usr/local/share/hiraku "$D/usr/local/bin/hiraku" render -q "$sample.md" -o out ||
    bad "staged render with HIRAKU_DATA_DIR"
same_as_ref "staged" "$OUT/elsewhere2/out"
if [ ! -e /usr/local/share/hiraku ]; then
    "$D/usr/local/bin/hiraku" render "$sample.md" -o out-none --edition print 2>"$OUT/none.err" &&
        bad "staged program rendered without any data directory"
    grep -q "/usr/local/share/hiraku" "$OUT/none.err" || bad "no data: $(cat "$OUT/none.err")"
fi
cd "$ROOT" || exit 1
$MAKE -s uninstall DESTDIR="$D" >>"$OUT/install.log" 2>&1 || bad "make uninstall DESTDIR"
left=$(find "$D" -type f)
[ -z "$left" ] || bad "DESTDIR uninstall left: $left"
exit $fail
