#!/bin/sh
# `make profile`: where hiraku's time goes, sampled with perf (linux-perf).
# Three workloads, each written to out/profile-NAME.txt as plain text:
#   print-x10    the print edition of the x10 synthetic document
#   braille      `hiraku braille` (cells) on the 2.5 MB harness+seeds text
#   editions     every edition of both samples in one command
# Each summary has the top shared objects, the top symbols by self time
# (--no-children) and the top symbols by time including callees (--children).
# Call chains are unwound from DWARF (perf record --call-graph dwarf): Debian
# builds its libraries without frame pointers, so `-g` (frame pointers) loses
# every caller above a library frame. Library symbols Debian strips show as
# addresses. Not a test: it measures.
set -eu
cd "$(dirname "$0")/.."
HIRAKU=${HIRAKU:-build/hiraku}
OUT=${PROFILE_OUT:-out}
W=build/profile
TOP=${TOP:-25}
FREQ=${FREQ:-999}
# Each workload runs REPEAT times under one recording, for enough samples.
REPEAT=${REPEAT:-4}
rm -rf "$W"
mkdir -p "$W" "$OUT"
. bench/inputs.sh

command -v perf >/dev/null 2>&1 || {
    echo "profile: perf is missing: scripts/install-deps bench installs linux-perf" >&2
    exit 1
}
# Hardware cycles when the kernel lets us count them (root or
# perf_event_paranoid <= 1 and a PMU, often absent in a VM), else the
# cpu-clock software timer; --user when only user-space sampling is allowed.
EVENT=cycles
if ! perf stat -e cycles -x, true >/dev/null 2>"$W/probe" || grep -q "not supported\|<not counted>" "$W/probe"; then
    EVENT=cpu-clock
fi
SCOPE=""
paranoid=$(cat /proc/sys/kernel/perf_event_paranoid 2>/dev/null || echo 2)
if [ "$(id -u)" -ne 0 ] && [ "$paranoid" -gt 1 ]; then
    SCOPE="--user"
    EVENT=cpu-clock:u
fi

synth 10 "$W/x10.md"
braille_text 2500000 "$W/braille.txt"

# merge N: perf report lines whose first N fields are percentages; sums the
# lines of the same object and symbol (each run's process maps its objects
# anew, so perf lists one entry a run) and sorts by the first figure.
merge() {
    grep -v '^#' | grep -v '^$' | awk -v n="$1" '{
        key = ""
        for (i = n + 1; i <= NF; i++) key = key (i > n + 1 ? " " : "") $i
        for (i = 1; i <= n; i++) { v = $i; sub(/%$/, "", v); sum[key, i] += v }
        keys[key] = 1
    } END {
        for (k in keys) {
            line = ""
            for (i = 1; i <= n; i++) line = line sprintf("%7.2f%%  ", sum[k, i])
            print line k
        }
    }' | sort -rn
}

# children: `perf script` call chains (one sample a blank-line-separated
# block, one frame a line: address, symbol, (object)) to the share of
# samples in which each symbol is on the stack, counted once a sample even
# when it recurses or a forked job repeats its parent's frames. Frames
# without a symbol are left out.
children() {
    awk '
    function flush() { if (nf) { total++; for (k in seen) count[k]++ } delete seen; nf = 0 }
    /^[[:space:]]*$/ { flush(); next }
    {
        obj = $NF; gsub(/[()]/, "", obj); sub(/.*\//, "", obj)
        if (obj == "inlined") obj = "(inlined)"
        sym = $0; sub(/^[[:space:]]*[0-9a-f]+ /, "", sym); sub(/ \([^()]*\)$/, "", sym)
        nf++
        if (sym == "[unknown]" || sym ~ /^0x[0-9a-f]+$/) next
        seen[obj " " sym] = 1
    }
    END {
        flush()
        for (k in count) printf "%7.2f%%  %s\n", 100 * count[k] / total, k
    }' | sort -rn
}

# profile NAME CMD...: records CMD (stdin from $IN, default /dev/null;
# stdout and stderr discarded) and writes
# the three tables to $OUT/profile-NAME.txt.
profile() {
    name=$1
    shift
    data="$W/$name.data"
    start=$(date +%s.%N)
    # shellcheck disable=SC2086
    perf record -q --call-graph dwarf,8192 -F "$FREQ" -e "$EVENT" $SCOPE -o "$data" -- \
        sh -c 'n=$1 in=$2; shift 2; i=0; while [ $i -lt "$n" ]; do "$@" <"$in" || exit 1; i=$((i + 1)); done' \
        sh "$REPEAT" "${IN:-/dev/null}" "$@" >/dev/null 2>"$W/$name.err" || {
        cat "$W/$name.err" >&2
        echo "profile: $name failed" >&2
        exit 1
    }
    end=$(date +%s.%N)
    rep="perf report -i $data --stdio -g none --percent-limit 0.5"
    {
        printf '# hiraku profile %s: %s < %s\n' "$name" "$*" "${IN:-/dev/null}"
        printf '# %s UTC, commit %s, event %s, %s cores, %s runs, wall %.2f s a run (under perf)\n' \
            "$(date -u '+%Y-%m-%d %H:%M')" "$(git rev-parse --short HEAD 2>/dev/null || echo '?')" \
            "$EVENT" "$(nproc)" "$REPEAT" "$(echo "$start $end $REPEAT" | awk '{print ($2 - $1) / $3}')"
        printf '# load average at start: %s; %s samples\n' "$(cut -d' ' -f1-3 /proc/loadavg)" \
            "$(perf report -i "$data" --stdio --no-children --sort dso 2>/dev/null | awk '/^# Samples:/ {print $3; exit}')"
        printf '\n## shared objects (self time)\n'
        $rep --no-children --sort dso 2>/dev/null | merge 1 | head -n "$TOP"
        printf '\n## symbols (self time)\n'
        $rep --no-children --sort dso,sym 2>/dev/null | merge 1 | head -n "$TOP"
        printf '\n## symbols including callees (share of samples with the symbol on the stack)\n'
        perf script -i "$data" -F ip,sym,dso 2>/dev/null | children | head -n $((TOP * 2))
    } >"$OUT/profile-$name.txt"
    echo "profile: wrote $OUT/profile-$name.txt"
}

profile print-x10 "$HIRAKU" render "$W/x10.md" -o "$W/o" --edition print
IN="$W/braille.txt" profile braille "$HIRAKU" braille
profile editions "$HIRAKU" render samples/kanazawa-r02-policy.md samples/kanazawa-r07-policy.md -o "$W/all"
