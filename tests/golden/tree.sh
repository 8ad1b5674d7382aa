# The tree itself: no file the project ships holds a merge's conflict
# markers (a README once landed with them, and every test still passed).
# The line patterns are built from repeated characters so that this file
# does not match itself.
# once
set -u
cd "$(dirname "$0")/../.." || exit 1
fail=0
open=$(printf '%7s' '' | tr ' ' '<')
shut=$(printf '%7s' '' | tr ' ' '>')
hits=$(grep -rIn -E "^($open|$shut)( |\$)" \
    --exclude-dir=.git --exclude-dir=build --exclude-dir=build-san --exclude-dir=node_modules \
    --exclude-dir=out . 2>/dev/null)
if [ -n "$hits" ]; then
    echo "FAIL: conflict markers:"
    printf '%s\n' "$hits" | head -20
    fail=1
fi
echo "figure: files checked for conflict markers: $(find . -path ./.git -prune -o -path ./build -prune -o -path ./build-san -prune -o -path '*/node_modules' -prune -o -path ./out -prune -o -type f -print | wc -l)"
exit $fail
