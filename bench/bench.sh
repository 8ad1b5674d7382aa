#!/bin/sh
# `make bench`: speed and memory of every edition, and of hiraku against its
# peers run on the same content in the same run (WeasyPrint for print and
# large type, MeCab alone for braille), alternating hiraku and the peer.
# Prints one report and writes it to out/bench.txt. Not a test: it measures.
# bench/README.md says what each figure is and how the peers are fed.
set -eu
cd "$(dirname "$0")/.."
HIRAKU=${HIRAKU:-build/hiraku}
RUNS=${RUNS:-3}
# WeasyPrint takes minutes a run on the x100 document (1,000 pages): its
# rows, hiraku's included, have their own count of runs (0: no x100 rows).
X100_RUNS=${X100_RUNS:-1}
# BENCH_DIR: the work directory (emptied); BENCH_OUT: the report.
W=${BENCH_DIR:-build/bench}
REPORT=${BENCH_OUT:-out/bench.txt}
X100=""
[ "$X100_RUNS" -gt 0 ] && X100="$W/x100.md"
TIME=/usr/bin/time
DICDIR=build/dict/hiraku-naist
USERDIC=build/dict/hiraku-user.dic
rm -rf "$W"
mkdir -p "$W" "$(dirname "$REPORT")"
. bench/inputs.sh

for tool in weasyprint cmark mecab pdfinfo python3; do
    command -v "$tool" >/dev/null 2>&1 || {
        echo "bench: $tool is missing: run scripts/install-deps bench (make bench does)" >&2
        exit 1
    }
done

# timeit KEY CMD...: runs CMD once (stdin from $IN, default /dev/null) and
# appends "wall peakKiB user sys" to $W/KEY.runs. The wall is read from the
# clock in nanoseconds (time(1) prints hundredths, 6 % of a 0.17 s run).
timeit() {
    _key=$1
    shift
    _t0=$(date +%s%N)
    $TIME -f "%M %U %S" -o "$W/tm" "$@" <"${IN:-/dev/null}" >/dev/null 2>"$W/err" || {
        tail -5 "$W/err" >&2
        echo "bench: $_key failed: $*" >&2
        exit 1
    }
    _t1=$(date +%s%N)
    tail -n 1 "$W/tm" | awk -v ns=$((_t1 - _t0)) '{print ns / 1e9, $1, $2, $3}' >>"$W/$_key.runs"
}

# stats KEY: sets T (median wall s), M (median peak MiB), C (median user+sys s).
median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print 0; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
stats() {
    T=$(awk '{print $1}' "$W/$1.runs" | median)
    M=$(awk '{print $2 / 1024}' "$W/$1.runs" | median)
    C=$(awk '{print $3 + $4}' "$W/$1.runs" | median)
}

# ratio KEYH KEYP: R = median(peer) / median(hiraku) wall; RLO, RHI = the
# least and greatest peer/hiraku over the runs, each run paired with the
# hiraku run just before it; RC = the ratio of the medians of CPU time.
ratio() {
    # RC: CPU time (user+sys), which a loaded machine disturbs less than the wall.
    RC=$(awk -v h="$(awk '{print $3 + $4}' "$W/$1.runs" | median)" -v p="$(awk '{print $3 + $4}' "$W/$2.runs" | median)" 'BEGIN {print (h > 0) ? p / h : 0}')
    R=$(awk -v h="$(awk '{print $1}' "$W/$1.runs" | median)" -v p="$(awk '{print $1}' "$W/$2.runs" | median)" 'BEGIN {print (h > 0) ? p / h : 0}')
    # shellcheck disable=SC2046 # two numbers, split on purpose
    set -- $(paste -d' ' "$W/$1.runs" "$W/$2.runs" | awk '{r = ($1 > 0) ? $5 / $1 : 0; if (NR == 1 || r < lo) lo = r; if (NR == 1 || r > hi) hi = r} END {print lo, hi}')
    RLO=$1 RHI=$2
}

# verdict VALUE OP LIMIT: "met" or "NOT met" (OP is >= or <).
verdict() {
    awk -v v="$1" -v op="$2" -v l="$3" 'BEGIN {ok = (op == ">=") ? v >= l : v < l; print ok ? "met" : "NOT met"}'
}

mib() { awk -v k="$1" 'BEGIN {printf "%.1f", k}'; }

synth 1 "$W/x1.md"
synth 10 "$W/x10.md"
synth 100 "$W/x100.md"
braille_text 2500000 "$W/braille.txt"

# The peer's input: the same source as HTML (cmark) with the edition's CSS.
cp bench/print-a4.css bench/large-a4.css "$W/"
peer_html() { # src edition -> path of the HTML
    _html="$W/$(basename "$1" .md).$2.html"
    [ -f "$_html" ] || bench/peer-html.sh "$1" "$2-a4.css" >"$_html"
    echo "$_html"
}
pages() { pdfinfo "$1" | awk '/^Pages:/ {print $2}'; }

editions=$("$HIRAKU" --help | awk '/^editions:/ {on=1; next} on && /^  [a-z]/ {print $1}')
SAMPLE=samples/kanazawa-r07-policy.md
{
printf '# hiraku benchmark: %s UTC, commit %s, %s cores, median of %s runs (x100: %s)\n' \
    "$(date -u '+%Y-%m-%d %H:%M')" "$(git rev-parse --short HEAD 2>/dev/null || echo '?')" "$(nproc)" "$RUNS" "$X100_RUNS"
printf '# load average at start: %s (figures from a loaded machine are noisy)\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '# peers: %s; MeCab %s with hiraku'"'"'s dictionary (%s)\n' \
    "$(weasyprint --version)" "$(mecab --version 2>&1 | awk '{print $NF}')" "$DICDIR"
printf '\n## print editions (peer: WeasyPrint on the same text as cmark HTML + bench/<edition>-a4.css)\n'
printf '%-22s %-6s %6s %8s %8s %8s | %6s %8s %8s %7s %13s %7s  %s\n' \
    "input" "ed." "pages" "seconds" "pages/s" "peak MiB" "pages" "seconds" "peak MiB" "ratio" "min-max" "CPU" "target (wall ratio)"
for ed in print large press; do
    echo "$editions" | grep -qx "$ed" || continue
    for src in samples/kanazawa-r02-policy.md samples/kanazawa-r07-policy.md "$W/x1.md" "$W/x10.md" $X100; do
        stem=$(basename "$src" .md)
        key="$ed.$stem"
        peer=no
        case "$ed:$src" in
        print:"$SAMPLE" | large:"$SAMPLE" | print:"$W/x10.md" | large:"$W/x10.md" | print:"$W/x100.md" | large:"$W/x100.md") peer=yes ;;
        esac
        n=$RUNS
        [ "$stem" = x100 ] && n=$X100_RUNS
        [ $peer = yes ] && html=$(peer_html "$src" "$ed")
        i=0
        while [ $i -lt "$n" ]; do
            timeit "h.$key" "$HIRAKU" render "$src" -o "$W/o" --edition "$ed"
            [ $peer = yes ] && timeit "p.$key" weasyprint "$html" "$W/peer.pdf"
            i=$((i + 1))
        done
        stats "h.$key"
        p=$(pages "$W/o/$stem.$ed.pdf")
        printf '%-22s %-6s %6s %8.3f %8.1f %8.1f |' "$stem" "$ed" "$p" "$T" "$(awk -v p="$p" -v t="$T" 'BEGIN {print (t > 0) ? p / t : 0}')" "$M"
        if [ $peer = yes ]; then
            stats "p.$key"
            ratio "h.$key" "p.$key"
            target="-"
            case $stem in
            x10) target="≥ 30×: $(verdict "$R" ">=" 30)" ;;
            x100) target="(no ratio target)" ;;
            *) target="≥ 20×: $(verdict "$R" ">=" 20)" ;;
            esac
            printf ' %6s %8.3f %8.1f %6.1f× %5.1f–%5.1f× %6.1f×  %s\n' "$(pages "$W/peer.pdf")" "$T" "$M" "$R" "$RLO" "$RHI" "$RC" "$target"
        else
            printf ' %6s %8s %8s %7s %13s %7s\n' - - - - - -
        fi
    done
done
# Memory flat in page count: peak at x100 within 3x of x1 (issue 15).
printf '\n%-40s %8s %8s %7s  %s\n' "peak memory, x100 against x1" "x1 MiB" "x100 MiB" "ratio" "target"
[ -n "$X100" ] || echo "(not measured: X100_RUNS=0)"
for ed in print large press; do
    [ -f "$W/h.$ed.x100.runs" ] || continue
    stats "h.$ed.x1"
    m1=$M
    stats "h.$ed.x100"
    r=$(awk -v a="$m1" -v b="$M" 'BEGIN {print (a > 0) ? b / a : 0}')
    printf '%-40s %8.1f %8.1f %6.2f×  ≤ 3×: %s\n' "hiraku $ed" "$m1" "$M" "$r" "$(verdict "$r" "<" 3.0000001)"
done

# Braille against MeCab alone: the 2.5 MB harness+seeds text, one item a line.
bytes=$(wc -c <"$W/braille.txt")
printf '\n## braille (%s bytes, %s lines: tests/data harness texts and seeds repeated; peer: mecab alone, same dictionary)\n' \
    "$bytes" "$(wc -l <"$W/braille.txt")"
printf '%-24s %8s %8s %8s %8s %8s %8s | %-16s %-18s %s\n' "command" "seconds" "MB/s" "peak MiB" "×MeCab" "CPU s" "CPU×MeCab" "target ≥ 2 MB/s" "target ≤ 2× MeCab" "target < 120 MiB"
i=0
while [ $i -lt "$RUNS" ]; do
    IN="$W/braille.txt" timeit br.kana "$HIRAKU" braille --kana
    IN="$W/braille.txt" timeit br.mecab mecab -r /dev/null -d "$DICDIR" -u "$USERDIC"
    IN="$W/braille.txt" timeit br.cells "$HIRAKU" braille
    i=$((i + 1))
done
stats br.mecab
tm=$T cm=$C
printf '%-24s %8.3f %8.2f %8.1f %8s %8.3f %9s |\n' "mecab alone" "$T" "$(awk -v b="$bytes" -v t="$T" 'BEGIN {print (t > 0) ? b / t / 1e6 : 0}')" "$M" "1.00" "$C" "1.00"
for k in kana cells; do
    stats "br.$k"
    rate=$(awk -v b="$bytes" -v t="$T" 'BEGIN {print (t > 0) ? b / t / 1e6 : 0}')
    x=$(awk -v h="$T" -v m="$tm" 'BEGIN {print (m > 0) ? h / m : 0}')
    label="hiraku braille"
    [ $k = kana ] && label="hiraku braille --kana"
    printf '%-24s %8.3f %8.2f %8.1f %7.2f× %8.3f %8.2f× | %-16s %-18s %s\n' "$label" "$T" "$rate" "$M" "$x" \
        "$C" "$(awk -v h="$C" -v m="$cm" 'BEGIN {print (m > 0) ? h / m : 0}')" \
        "$(verdict "$rate" ">=" 2)" "$(verdict "$x" "<" 2.0000001)" "$(verdict "$M" "<" 120)"
done

if echo "$editions" | grep -qx braille; then
    # The translator alone: the samples' text, line by line, through `hiraku braille`.
    # Plain text of both samples: front matter, Markdown markers and ruby
    # markup removed (ruby keeps its base), one paragraph a line.
    for s in samples/kanazawa-*.md; do
        awk 'NR==1 && /^---$/ {fm=1; next} fm && /^---$/ {fm=0; next} !fm' "$s"
    done | sed -E 's/\{([^|}]*)\|[^}]*\}/\1/g; s/^#+ //; s/^ *[-*] //; s/\*\*//g; s/\[([^]]*)\]\([^)]*\)/\1/g; s/[<>]//g' |
        grep -v '^ *$' >"$W/text1.txt"
    i=0
    : >"$W/text50.txt"
    while [ $i -lt 50 ]; do cat "$W/text1.txt" >>"$W/text50.txt"; i=$((i + 1)); done
    printf '\n%-28s %10s %8s %12s %12s %10s\n' "translator input" "chars" "seconds" "chars/s" "MB/s" "peak MiB"
    for f in "$W/text1.txt" "$W/text50.txt"; do
        chars=$(wc -m <"$f")
        fb=$(wc -c <"$f")
        key="tr.$(basename "$f" .txt)"
        i=0
        while [ $i -lt "$RUNS" ]; do IN="$f" timeit "$key" "$HIRAKU" braille; i=$((i + 1)); done
        stats "$key"
        printf '%-28s %10s %8.3f %12.0f %12.2f %10.1f\n' "$(basename "$f")" "$chars" "$T" "$(echo "$chars $T" | awk '{print ($2>0)?$1/$2:0}')" "$(echo "$fb $T" | awk '{print ($2>0)?$1/$2/1e6:0}')" "$M"
    done
    printf '\n%-28s %10s %8s %12s %10s\n' "braille edition" "chars" "seconds" "chars/s" "peak MiB"
    for src in samples/kanazawa-r02-policy.md samples/kanazawa-r07-policy.md "$W/x10.md"; do
        stem=$(basename "$src" .md)
        chars=$(wc -m <"$src")
        i=0
        while [ $i -lt "$RUNS" ]; do timeit "be.$stem" "$HIRAKU" render "$src" -o "$W/o" --edition braille; i=$((i + 1)); done
        stats "be.$stem"
        printf '%-28s %10s %8.3f %12.0f %10.1f\n' "$stem" "$chars" "$T" "$(echo "$chars $T" | awk '{print ($2>0)?$1/$2:0}')" "$M"
    done
fi
# The web page and the EPUB: size of the file and render time.
printf '\n%-28s %-10s %10s %8s %10s\n' "web editions" "edition" "KiB" "seconds" "peak MiB"
for ed in web epub; do
    echo "$editions" | grep -qx "$ed" || continue
    suffix=html
    [ "$ed" = epub ] && suffix=epub
    for src in samples/kanazawa-r02-policy.md samples/kanazawa-r07-policy.md "$W/x10.md" $X100; do
        stem=$(basename "$src" .md)
        n=$RUNS
        [ "$stem" = x100 ] && n=$X100_RUNS
        i=0
        while [ $i -lt "$n" ]; do timeit "web.$ed.$stem" "$HIRAKU" render "$src" -o "$W/o" --edition "$ed"; i=$((i + 1)); done
        stats "web.$ed.$stem"
        printf '%-28s %-10s %10.1f %8.3f %10.1f\n' "$stem" "$ed" "$(stat -c %s "$W/o/$stem.$suffix" | awk '{print $1/1024}')" "$T" "$M"
    done
done

# Every edition of both samples in one command (issue 15: under 1.0 s wall,
# under 0.6 s CPU a sample). CPU is user+sys of the command and the job
# processes it waits for; "a sample" is each sample's own command.
printf '\n## every edition in one command (%s editions)\n' "$(echo "$editions" | wc -l)"
printf '%-44s %8s %8s %8s  %-18s %s\n' "command" "wall s" "CPU s" "peak MiB" "target wall < 1 s" "target CPU < 0.6 s a sample"
i=0
while [ $i -lt "$RUNS" ]; do
    timeit all.default "$HIRAKU" render samples/kanazawa-r02-policy.md samples/kanazawa-r07-policy.md -o "$W/all"
    timeit all.serial "$HIRAKU" render samples/kanazawa-r02-policy.md samples/kanazawa-r07-policy.md -o "$W/all" -j 1
    timeit all.j2 "$HIRAKU" render samples/kanazawa-r02-policy.md samples/kanazawa-r07-policy.md -o "$W/all" -j 2
    for s in samples/kanazawa-r02-policy.md samples/kanazawa-r07-policy.md; do
        timeit "all.$(basename "$s" .md)" "$HIRAKU" render "$s" -o "$W/all"
    done
    i=$((i + 1))
done
stats all.default
printf '%-44s %8.3f %8.3f %8.1f  %-18s %s\n' "both samples (the default: one process a CPU)" "$T" "$C" "$M" "$(verdict "$T" "<" 1)" "$(awk -v c="$C" 'BEGIN {printf "%.3f", c / 2}') a sample on average"
stats all.serial
printf '%-44s %8.3f %8.3f %8.1f  %-18s %s\n' "both samples (-j 1, serial)" "$T" "$C" "$M" "$(verdict "$T" "<" 1)" "$(awk -v c="$C" 'BEGIN {printf "%.3f", c / 2}') a sample on average"
stats all.j2
printf '%-44s %8.3f %8.3f %8.1f  %-18s %s\n' "both samples (-j 2; peak: largest process)" "$T" "$C" "$M" "$(verdict "$T" "<" 1)" "$(awk -v c="$C" 'BEGIN {printf "%.3f", c / 2}') a sample on average"
for s in kanazawa-r02-policy kanazawa-r07-policy; do
    stats "all.$s"
    printf '%-44s %8.3f %8.3f %8.1f  %-18s %s\n' "$s alone" "$T" "$C" "$M" "-" "$(verdict "$C" "<" 0.6)"
done
printf '\nmake test wall time: not measured here (it builds and runs the whole suite; time `make test` on an idle machine)\n'
: >"$W/done"
} | tee "$REPORT"
# The report goes through tee: a step that failed inside it shows here.
[ -f "$W/done" ] || {
    echo "bench: failed ($REPORT is incomplete)" >&2
    exit 1
}
