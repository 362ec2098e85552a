# A stream with a header and no rows: every table, with its header, empty.
d=$(mktemp -d) || exit 1
trap 'rm -rf "$d"' EXIT
head -1 tiny.tsv | glosy-report -b district -b age -o "$d/r" || exit 1
for f in "$d"/r/*; do
	echo "== ${f##*/}"
	cat "$f"
done
head -1 tiny.tsv | glosy-report -f md -b district -o "$d/m" || exit 1
cat "$d/m/crosstab-district.md"
