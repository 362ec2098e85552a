# The output is the same bytes in any locale and for any operand form.
t=$(mktemp -d) || exit 1
trap 'rm -rf "$t"' EXIT
glosy-dedup near.in >"$t/utf8" || exit 1
LC_ALL=C glosy-dedup <near.in >"$t/c" || exit 1
LC_ALL=pl_PL.UTF-8 glosy-dedup - <near.in >"$t/pl" 2>/dev/null || exit 1
cmp "$t/utf8" "$t/c" && cmp "$t/utf8" "$t/pl" && echo same
