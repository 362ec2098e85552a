# Small-cell suppression with --min-cell 3: hidden cells, their
# complements and hidden category bases (see tiny.calc).
d=$(mktemp -d) || exit 1
trap 'rm -rf "$d"' EXIT
glosy-report -b age -b district -c 3 -k 2 -o "$d/r" tiny.tsv || exit 1
for f in crosstab-age chisq-age crosstab-district chisq-district; do
	echo "== $f.tsv"
	cat "$d/r/$f.tsv"
done
glosy-report -b age -c 3 -f md -o "$d/m" tiny.tsv || exit 1
cat "$d/m/crosstab-age.md"
