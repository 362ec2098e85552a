# Partials merge exactly: the partials of two shards (glosy-report
# --partial), read as files in either order, as one concatenated stream,
# or combined first (--merge --partial), give every table of the whole
# stream byte for byte, in every format (glosy-report(1), PARTIALS).
d=$(mktemp -d) || exit 1
trap 'rm -rf "$d"' EXIT
head -1 tiny.tsv >"$d/a.tsv"
head -1 tiny.tsv >"$d/b.tsv"
sed -n '2,5p' tiny.tsv >>"$d/a.tsv"
sed -n '6,$p' tiny.tsv >>"$d/b.tsv"
sums="-d -w w -b district -b age"
glosy-report --partial $sums "$d/a.tsv" >"$d/a.part" || exit 1
glosy-report --partial $sums "$d/b.tsv" >"$d/b.part" || exit 1
cat "$d/b.part" "$d/a.part" | glosy-report --merge --partial >"$d/ba.part" ||
    exit 1
for f in tsv md html csv; do
	tables="-m tiny-model.tsv -c 3 -k 2 -f $f"
	glosy-report $sums $tables -o "$d/whole-$f" tiny.tsv || exit 1
	glosy-report --merge $tables -o "$d/ab-$f" "$d/a.part" "$d/b.part" ||
	    exit 1
	glosy-report --merge $sums $tables -o "$d/ba-$f" "$d/b.part" \
	    "$d/a.part" || exit 1
	cat "$d/a.part" "$d/b.part" |
	    glosy-report --merge $tables -o "$d/cat-$f" || exit 1
	glosy-report --merge $tables -o "$d/comb-$f" "$d/ba.part" || exit 1
	for m in ab ba cat comb; do
		diff -r "$d/whole-$f" "$d/$m-$f" && echo "$f $m: same tables"
	done
done
ls "$d/whole-tsv"
