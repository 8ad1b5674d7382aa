# The program calls setlocale(LC_ALL, ""): GOption's help comes out in the
# user's language, but no output may change with the locale. Locales are
# compiled here with localedef into a private LOCPATH (a bare system often
# has only C.UTF-8): ja_JP.UTF-8 for the ward's users and de_DE.UTF-8,
# whose decimal comma would show any number printed through the C library.
# once
set -u
. "$(dirname "$0")/../lib/editions.sh"
fail=0
bad() {
    echo "FAIL: $*"
    fail=1
}
LOCPATH=$OUT/locales
export LOCPATH
mkdir -p "$LOCPATH"
for l in ja_JP de_DE; do
    localedef -i "$l" -f UTF-8 "$LOCPATH/$l.UTF-8" 2>/dev/null || bad "localedef $l failed"
done
[ "$(LC_ALL=de_DE.UTF-8 locale decimal_point)" = "," ] || bad "de_DE.UTF-8 locale not in force"
unset LANGUAGE
LC_ALL=C "$HIRAKU" render -q tests/data/ok.md samples/kanazawa-r02-policy.md -o "$OUT/C" || bad "C render"
for l in ja_JP.UTF-8 de_DE.UTF-8 C.UTF-8; do
    LC_ALL=$l "$HIRAKU" render -q tests/data/ok.md samples/kanazawa-r02-policy.md -o "$OUT/$l" || bad "$l render"
    for f in "$OUT"/C/*; do
        cmp -s "$f" "$OUT/$l/${f##*/}" || bad "${f##*/} differs under LC_ALL=$l"
    done
    [ "$(ls "$OUT/$l" | wc -l)" -eq $((2 * ALL_FILES)) ] || bad "$l: $(ls "$OUT/$l" | wc -l) files, want $((2 * ALL_FILES))"
done
# The help is translated where GLib has the language (Debian ships it).
if [ -f /usr/share/locale/ja/LC_MESSAGES/glib20.mo ]; then
    LC_ALL=ja_JP.UTF-8 "$HIRAKU" render --help | grep -q "用法" || bad "render --help not in Japanese"
fi
exit $fail
