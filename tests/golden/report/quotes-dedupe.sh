# Copies of one answer that differ only in accents, case, punctuation or an
# emoji are quoted once; the next distinct answer takes the free place.
d=$(mktemp -d) || exit 1
trap 'rm -rf "$d"' EXIT
awk -F '\t' -v OFS='\t' '$1 == "green" {
	$8 = "Nie wycinajcie drzew w parku, proszę!"
	$9 = "nie wycinajcie drzew w parku prosze"
	$10 = "NIE WYCINAJCIE DRZEW W PARKU!!! Proszę \360\237\214\263"
} { print }' tiny-model.tsv >"$d/model.tsv"
glosy-report -m "$d/model.tsv" -o "$d/r" tiny.tsv || exit 1
grep '^green' "$d/r/quotes.tsv"
