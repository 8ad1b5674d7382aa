#!/bin/sh
# A/B of bench.sh's "every edition in one command" between two builds, the
# runs alternating (A B A B ...) so that the load of a shared machine
# falls on both alike. Prints the median wall and CPU (user + sys, the
# children included) of each case. Not a test: it measures.
#   bench/editions-ab.sh A_ROOT B_ROOT [RUNS]
# A_ROOT and B_ROOT are source trees with build/hiraku (each run with its
# own HIRAKU_DATA_DIR).
set -eu
A=$1 B=$2 RUNS=${3:-5}
cd "$(dirname "$0")/.."
W=$(mktemp -d)
S1=samples/kanazawa-r02-policy.md S2=samples/kanazawa-r07-policy.md
one() { # root key args...: appends "wall cpu" to $W/key
    _root=$1 _key=$2
    shift 2
    rm -rf "$W/o"
    _t0=$(date +%s%N)
    HIRAKU_DATA_DIR=$_root /usr/bin/time -f "%U %S" -o "$W/tm" "$_root/build/hiraku" render "$@" -o "$W/o" >/dev/null 2>&1
    _t1=$(date +%s%N)
    awk -v w=$(((_t1 - _t0) / 1000)) '{printf "%.3f %.3f\n", w / 1e6, $1 + $2}' "$W/tm" >>"$W/$_key"
}
cases="serial default j2 r02 r07"
args() {
    case $1 in
    serial) echo "$S1 $S2 -j 1" ;;
    default) echo "$S1 $S2" ;;
    j2) echo "$S1 $S2 -j 2" ;;
    r02) echo "$S1" ;;
    r07) echo "$S2" ;;
    esac
}
i=0
while [ $i -lt "$RUNS" ]; do
    for c in $cases; do
        one "$A" "A.$c" $(args $c)
        one "$B" "B.$c" $(args $c)
    done
    i=$((i + 1))
done
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
printf '%-10s %10s %10s %10s %10s   (median of %s alternating runs)\n' case "A wall s" "A CPU s" "B wall s" "B CPU s" "$RUNS"
for c in $cases; do
    printf '%-10s %10s %10s %10s %10s\n' "$c" \
        "$(cut -d' ' -f1 "$W/A.$c" | median)" "$(cut -d' ' -f2 "$W/A.$c" | median)" \
        "$(cut -d' ' -f1 "$W/B.$c" | median)" "$(cut -d' ' -f2 "$W/B.$c" | median)"
done
rm -rf "$W"
