# Reproducible outputs: every edition rendered twice, from two different
# directories (different absolute source paths, relative and absolute
# arguments, a second apart), with and without SOURCE_DATE_EPOCH, gives
# byte-identical files; SOURCE_DATE_EPOCH dates a source without a date.
# once
set -u
. "$(dirname "$0")/../lib/editions.sh"
fail=0
bad() {
    echo "FAIL: $*"
    fail=1
}
ROOT=$PWD
unset SOURCE_DATE_EPOCH
# ok.md declares no date; the sample does (its date wins over the epoch).
for src in tests/data/ok.md samples/kanazawa-r02-policy.md; do
    stem=$(basename "$src" .md)
    mkdir -p "$OUT/one" "$OUT/two/deeper/still"
    cp "$src" "$OUT/one/"
    cp "$src" "$OUT/two/deeper/still/"
    for epoch in "" 1700000000; do
        tag=${epoch:-none}
        (cd "$OUT/one" && env ${epoch:+SOURCE_DATE_EPOCH=$epoch} \
            "$HIRAKU" render -q "$stem.md" -o "$OUT/r1-$tag-$stem") || bad "$stem: first run"
        sleep 1 # a clock with one-second resolution must show
        (cd "$OUT" && env ${epoch:+SOURCE_DATE_EPOCH=$epoch} \
            "$HIRAKU" render -q "$OUT/two/deeper/still/$stem.md" -o "r2-$tag-$stem") || bad "$stem: second run"
        n=0
        for f in "$OUT/r1-$tag-$stem"/*; do
            n=$((n + 1))
            cmp -s "$f" "$OUT/r2-$tag-$stem/${f##*/}" || bad "${f##*/} differs between runs (SOURCE_DATE_EPOCH=${epoch:-unset})"
        done
        [ "$n" -eq "$ALL_FILES" ] || bad "$stem: $n files, want $ALL_FILES"
        [ "$(ls "$OUT/r2-$tag-$stem" | wc -l)" -eq "$ALL_FILES" ] || bad "$stem: second run wrote other files"
    done
done
# The epoch dates ok.md's PDFs (2023-11-14T22:13:20Z), and only with it set.
pdfinfo -isodates "$OUT/r1-1700000000-ok/ok.print.pdf" | grep -q "^CreationDate: *2023-11-14T22:13:20" ||
    bad "SOURCE_DATE_EPOCH not recorded: $(pdfinfo -isodates "$OUT/r1-1700000000-ok/ok.print.pdf" | grep Date)"
# (PDF/X must carry a date: the press file alone takes the epoch, 1970,
# with a warning; see press.sh.)
for f in "$OUT"/r1-none-ok/*.pdf; do
    [ "${f##*/}" = ok.press.pdf ] && continue
    pdfinfo "$f" | grep -q "^CreationDate:" && bad "${f##*/} records a date no one gave"
done
# The sample's front-matter date wins over the epoch.
cmp -s "$OUT/r1-none-kanazawa-r02-policy/kanazawa-r02-policy.print.pdf" \
    "$OUT/r1-1700000000-kanazawa-r02-policy/kanazawa-r02-policy.print.pdf" ||
    bad "SOURCE_DATE_EPOCH overrides the sample's own date"
cd "$ROOT" || exit 1
exit $fail
