#!/bin/sh
# The kana table under liblouis's own test runner (Debian liblouis-bin),
# without hiraku's code, so the binary under test does not matter:
# tests/louis/ja-kana.yaml names the table; tests/louis/braille-specs/
# ja-kana.yaml finds it by its metadata (language ja, 6 dots, grade 1), as
# upstream's tests/braille-specs do, with hiragana, half-width katakana and
# back-translation cases (and ja-kana-brf.yaml the same with Braille ASCII
# through en-us-brf.dis). lou_checktable must find no error, and the
# metadata query must pick ja-kana.ctb even with liblouis's own tables
# (ja-kantenji.utb, 8 dots) searched first.
# once
set -eu
cd "$(dirname "$0")/../.."
system_tables=$(pkg-config --variable=tablesdir liblouis 2>/dev/null || true)
[ -n "$system_tables" ] || system_tables=/usr/share/liblouis/tables
for path in "$PWD/tables,$system_tables" "$system_tables,$PWD/tables"; do
    export LOUIS_TABLEPATH="$path"
    for yaml in tests/louis/ja-kana.yaml tests/louis/braille-specs/*.yaml; do
        lou_checkyaml "$yaml"
        echo "info: lou_checkyaml $yaml: $(grep -c "^  - \[" "$yaml") cases passed (LOUIS_TABLEPATH=$path)"
    done
done
lou_checktable tables/ja-kana.ctb
