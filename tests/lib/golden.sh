# Shared by the golden scripts of the PDF editions (sourced, not run):
# failure reporting, the list of samples, and a render that records its
# wall time and peak memory as figures for the log (never as a pass/fail).
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
fail=0
bad() {
    echo "FAIL: $*"
    fail=1
}
# samples/README.md describes the samples; it is not one.
SAMPLE_SOURCES=$(ls "$ROOT"/samples/*.md 2>/dev/null | grep -v '/README\.md$')

# render_measured EDITION SRC: renders SRC into $OUT; sets secs and kb.
render_measured() {
    if ! /usr/bin/time -f '%e %M' -o "$OUT/time.txt" "$HIRAKU" render "$2" -o "$OUT" --edition "$1" 2>"$OUT/stderr.txt"; then
        bad "$(basename "$2" .md): render failed: $(head -3 "$OUT/stderr.txt")"
        return 1
    fi
    read -r secs kb <"$OUT/time.txt"
}
