#!/bin/sh
# The kana table under liblouis's own test runner: tests/louis/ja-kana.yaml
# through lou_checkyaml (Debian liblouis-bin). It checks the table alone,
# without hiraku's code, so the binary under test does not matter.
# once
set -eu
cd "$(dirname "$0")/../.."
system_tables=$(pkg-config --variable=tablesdir liblouis 2>/dev/null || true)
[ -n "$system_tables" ] || system_tables=/usr/share/liblouis/tables
yaml=tests/louis/ja-kana.yaml
LOUIS_TABLEPATH="$PWD/tables,$system_tables" lou_checkyaml "$yaml"
echo "info: lou_checkyaml $yaml: $(grep -c '^  - \[' "$yaml") cases passed"
