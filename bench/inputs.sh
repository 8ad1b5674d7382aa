# shellcheck shell=sh
# Inputs shared by bench/bench.sh and bench/profile.sh (sourced, POSIX sh).
# Everything is built from the repository (samples/, tests/data/) into $W.

# synth N OUT: the samples' bodies repeated N times under one front matter.
synth() {
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

# braille_text BYTES OUT: the libkuraji harness texts (the enabled cases'
# `text`) and the samples' original lines (tests/data/seeds), one item a
# line, repeated until OUT holds at least BYTES bytes of UTF-8.
braille_text() {
    bytes=$1 out=$2
    python3 - tests/data/braille/harness-dev.json >"$out.unit" <<'PY'
import json, sys
for case in json.load(open(sys.argv[1], encoding="utf-8")):
    text = case.get("text")
    if isinstance(text, str) and text.strip() and "\n" not in text:
        print(text.strip())
PY
    grep -hv '^[[:space:]]*$' tests/data/seeds/*.txt >>"$out.unit"
    : >"$out"
    while [ "$(wc -c <"$out")" -lt "$bytes" ]; do cat "$out.unit" >>"$out"; done
    rm -f "$out.unit"
}
