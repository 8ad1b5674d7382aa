# The manual page: renders without a warning on an ASCII and a UTF-8
# terminal, and names every option the commands accept and every
# environment variable the program reads.
# once
set -u
fail=0
bad() {
    echo "FAIL: $*"
    fail=1
}
page=docs/hiraku.1
for l in C C.UTF-8; do
    w=$(LANG=$l LC_ALL=$l MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
    [ -z "$w" ] || bad "man -l under $l warns: $w"
    w=$(LC_ALL=$l groff -k -man -ww -z "$page" 2>&1)
    [ -z "$w" ] || bad "groff under $l warns: $w"
done
# The text as a reader sees it, hyphens plain.
text=$(LC_ALL=C.UTF-8 MANWIDTH=200 man -l "$page" 2>/dev/null | sed 's/‐/-/g')
for cmd in render braille; do
    for opt in $("$HIRAKU" $cmd --help | grep -oE -- '--[a-z][a-z-]*' | sort -u); do
        printf '%s\n' "$text" | grep -q -- "$opt" || bad "hiraku $cmd $opt is not in the man page"
    done
done
for var in $(grep -rhoE 'g_getenv\("[A-Z_]+"\)' src | sed 's/.*("\(.*\)")/\1/' | sort -u); do
    printf '%s\n' "$text" | grep -q "$var" || bad "environment variable $var is not in the man page"
done
for status in 0 1 2; do
    printf '%s\n' "$text" | sed -n '/^EXIT STATUS/,/^[A-Z]/p' | grep -qE "^ +$status +[A-Z]" || bad "exit status $status undocumented"
done
exit $fail
