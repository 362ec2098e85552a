# Sharded input merges exactly: two shards read together, in either order,
# give the same tables as the whole stream (glosy-report(1), SHARDED INPUT).
d=$(mktemp -d) || exit 1
trap 'rm -rf "$d"' EXIT
head -1 tiny.tsv >"$d/a.tsv"
head -1 tiny.tsv >"$d/b.tsv"
sed -n '2,5p' tiny.tsv >>"$d/a.tsv"
sed -n '6,$p' tiny.tsv >>"$d/b.tsv"
opts="-d -b district -b age -c 3 -k 2"
glosy-report $opts -o "$d/whole" tiny.tsv || exit 1
glosy-report $opts -o "$d/ab" "$d/a.tsv" "$d/b.tsv" || exit 1
glosy-report $opts -o "$d/ba" "$d/b.tsv" "$d/a.tsv" || exit 1
diff -r "$d/whole" "$d/ab" && echo "a b: same tables"
diff -r "$d/whole" "$d/ba" && echo "b a: same tables"
ls "$d/whole" | wc -l
