#!/bin/sh
# `make bench`: speed and memory of every edition, as medians of RUNS runs.
# Prints one table and writes it to out/bench.txt. Not a test: it measures.
set -eu
cd "$(dirname "$0")/.."
HIRAKU=${HIRAKU:-build/hiraku}
RUNS=${RUNS:-5}
W=build/bench
rm -rf "$W"
mkdir -p "$W" out
TIME=/usr/bin/time

median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print 0; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

# measure LABEL CMD...: runs CMD RUNS times; sets T (median seconds) and M (median peak KiB).
measure() {
    label=$1
    shift
    : >"$W/t" && : >"$W/m"
    i=0
    while [ $i -lt "$RUNS" ]; do
        $TIME -f "%e %M" -o "$W/tm" "$@" >/dev/null 2>"$W/err" || { cat "$W/err" >&2; echo "bench: $label failed" >&2; exit 1; }
        awk '{print $1}' "$W/tm" >>"$W/t"
        awk '{print $2}' "$W/tm" >>"$W/m"
        i=$((i + 1))
    done
    T=$(median <"$W/t")
    M=$(median <"$W/m")
}

# A synthetic document: the samples' bodies repeated N times under one front matter.
synth() { # n, out
    n=$1 out=$2
    printf -- '---\ntitle: 合成文書 %s倍\nlang: ja\ndate: 2025-04-01\n---\n\n' "$n" >"$out"
    i=0
    while [ $i -lt "$n" ]; do
        for s in samples/kanazawa-*.md; do
            awk 'BEGIN{fm=0} NR==1 && /^---$/ {fm=1; next} fm && /^---$/ {fm=0; next} !fm' "$s" >>"$out"
            printf '\n' >>"$out"
        done
        i=$((i + 1))
    done
}
synth 1 "$W/x1.md"
synth 10 "$W/x10.md"
synth 100 "$W/x100.md"

editions=$("$HIRAKU" --help | awk '/^editions:/ {on=1; next} on && NF {print $1}')
{
printf '# hiraku benchmark: %s, %s cores, median of %s runs\n' "$(date -u +%Y-%m-%d)" "$(nproc)" "$RUNS"
printf '%-28s %-10s %8s %8s %10s %10s\n' "input" "edition" "pages" "seconds" "pages/s" "peak MiB"
for ed in print large press; do
    echo "$editions" | grep -qx "$ed" || continue
    for src in samples/kanazawa-r02-policy.md samples/kanazawa-r07-policy.md "$W/x1.md" "$W/x10.md" "$W/x100.md"; do
        stem=$(basename "$src" .md)
        measure "$ed $stem" "$HIRAKU" render "$src" -o "$W/o" --edition "$ed"
        pages=$(pdfinfo "$W/o/$stem.$ed.pdf" | awk '/^Pages:/ {print $2}')
        printf '%-28s %-10s %8s %8.3f %10.1f %10.1f\n' "$stem" "$ed" "$pages" "$T" "$(echo "$pages $T" | awk '{print ($2>0)?$1/$2:0}')" "$(echo "$M" | awk '{print $1/1024}')"
    done
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
        bytes=$(wc -c <"$f")
        measure "braille $f" sh -c "\"$HIRAKU\" braille <\"$f\""
        printf '%-28s %10s %8.3f %12.0f %12.2f %10.1f\n' "$(basename "$f")" "$chars" "$T" "$(echo "$chars $T" | awk '{print ($2>0)?$1/$2:0}')" "$(echo "$bytes $T" | awk '{print ($2>0)?$1/$2/1e6:0}')" "$(echo "$M" | awk '{print $1/1024}')"
    done
    printf '\n%-28s %10s %8s %12s %10s\n' "braille edition" "chars" "seconds" "chars/s" "peak MiB"
    for src in samples/kanazawa-r02-policy.md samples/kanazawa-r07-policy.md "$W/x10.md"; do
        stem=$(basename "$src" .md)
        chars=$(wc -m <"$src")
        measure "braille edition $stem" "$HIRAKU" render "$src" -o "$W/o" --edition braille
        printf '%-28s %10s %8.3f %12.0f %10.1f\n' "$stem" "$chars" "$T" "$(echo "$chars $T" | awk '{print ($2>0)?$1/$2:0}')" "$(echo "$M" | awk '{print $1/1024}')"
    done
fi
# The web page and the EPUB: size of the file and render time.
printf '\n%-28s %-10s %10s %8s %10s\n' "web editions" "edition" "KiB" "seconds" "peak MiB"
for ed in web epub; do
    echo "$editions" | grep -qx "$ed" || continue
    suffix=html
    [ "$ed" = epub ] && suffix=epub
    for src in samples/kanazawa-r02-policy.md samples/kanazawa-r07-policy.md "$W/x10.md" "$W/x100.md"; do
        stem=$(basename "$src" .md)
        measure "$ed $stem" "$HIRAKU" render "$src" -o "$W/o" --edition "$ed"
        printf '%-28s %-10s %10.1f %8.3f %10.1f\n' "$stem" "$ed" "$(stat -c %s "$W/o/$stem.$suffix" | awk '{print $1/1024}')" "$T" "$(echo "$M" | awk '{print $1/1024}')"
    done
done
measure "samples job" "$HIRAKU" render samples/kanazawa-r02-policy.md samples/kanazawa-r07-policy.md -o "$W/all" -j 2
printf '\n%-40s %8.3f s wall, %.1f MiB peak (largest process)\n' "all editions of both samples (-j 2)" "$T" "$(echo "$M" | awk '{print $1/1024}')"
measure "samples job serial" "$HIRAKU" render samples/kanazawa-r02-policy.md samples/kanazawa-r07-policy.md -o "$W/all"
printf '%-40s %8.3f s wall, %.1f MiB peak\n' "all editions of both samples (serial)" "$T" "$(echo "$M" | awk '{print $1/1024}')"
} | tee out/bench.txt
