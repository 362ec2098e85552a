# The grouping pass takes the band tags from dup_sketch, leaves the column
# out and writes the same bytes as a run without it: with --by and --drop,
# and with the column in the middle of the row.
t=$(mktemp -d) || exit 1
trap 'rm -rf "$t"' EXIT
glosy-dedup near.in >"$t/plain" || exit 1
glosy-dedup --sketch near.in | glosy-dedup | cmp - "$t/plain" && echo same
glosy-dedup --by session --drop by.in >"$t/plain" || exit 1
glosy-dedup --sketch by.in | glosy-dedup --by session --drop |
    cmp - "$t/plain" && echo same with --by and --drop
addcol() { awk 'BEGIN { FS = OFS = "\t" } { print $0, NR == 1 ? "x" : NR }'; }
addcol <near.in | glosy-dedup >"$t/plain" || exit 1
glosy-dedup --sketch near.in | addcol | glosy-dedup | cmp - "$t/plain" &&
    echo same with dup_sketch not last
