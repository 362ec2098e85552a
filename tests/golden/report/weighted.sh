# Weights and --dedup in the cross-tabulation: weighted counts, tests on
# counts rescaled to Kish's effective n.
d=$(mktemp -d) || exit 1
trap 'rm -rf "$d"' EXIT
glosy-report -d -w w -b district -c 0 -o "$d/r" tiny.tsv || exit 1
for f in crosstab-district chisq-district summary; do
	echo "== $f.tsv"
	cat "$d/r/$f.tsv"
done
