# Every table of the hand-checked stream tiny.tsv (see tiny.calc), no
# suppression, keywords from 2 occurrences.
d=$(mktemp -d) || exit 1
trap 'rm -rf "$d"' EXIT
glosy-report -b district -c 0 -k 2 -o "$d/r" tiny.tsv || exit 1
for f in themes crosstab-district chisq-district terms keyness-district \
    quotes summary; do
	echo "== $f.tsv"
	cat "$d/r/$f.tsv"
done
