# glosy-dedup(1) EXAMPLES: the sketches made on shards by GNU parallel,
# then one grouping pass, give the output of one run.  Without parallel,
# the shards are cut by awk and signed one after the other.
t=$(mktemp -d) || exit 1
trap 'rm -rf "$t"' EXIT
glosy-import ../../../corpora/sample.csv 2>/dev/null | glosy-normalize |
    glosy-tokenize >"$t/tokens.tsv" || exit 1
if command -v parallel >/dev/null; then
	parallel --pipe --keep-order --header 1 -N 100 'if [ {#} -eq 1 ];
	    then glosy-dedup --sketch; else glosy-dedup --sketch |
	    tail -n +2; fi' <"$t/tokens.tsv" >"$t/sketched.tsv" || exit 1
else
	awk -v d="$t" 'NR == 1 { h = $0; next }
	    (NR - 2) % 100 == 0 { f = d "/shard." (NR - 2) / 100 + 1000
		print h >f }
	    { print >f }' "$t/tokens.tsv" || exit 1
	for f in "$t"/shard.*; do
		glosy-dedup --sketch "$f" | { [ -s "$t/sketched.tsv" ] &&
		    tail -n +2 || cat; } >>"$t/sketched.tsv" || exit 1
	done
fi
glosy-dedup "$t/sketched.tsv" >"$t/sharded.tsv" || exit 1
glosy-dedup "$t/tokens.tsv" | cmp - "$t/sharded.tsv" && echo same
