# once
# valgrind on the render of both samples in every edition: no memory errors
# and nothing definitely or indirectly lost. (Only the normal build: ASan and
# valgrind do not mix.)
set -u
log="$OUT/valgrind.log"
valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=3 \
    --log-file="$log" "$HIRAKU" render samples/kanazawa-r02-policy.md samples/kanazawa-r07-policy.md -o "$OUT/v"
rc=$?
grep -E "ERROR SUMMARY|definitely lost|indirectly lost" "$log" | sed 's/^==[0-9]*== */info: valgrind: /'
[ $rc -eq 0 ] || { tail -60 "$log"; exit 1; }
