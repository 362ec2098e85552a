# glosy-dedup(1) EXAMPLES: the duplicates of the bundled sample, by kind.
t=$(mktemp -d) || exit 1
trap 'rm -rf "$t"' EXIT
glosy-import ../../../corpora/sample.csv 2>/dev/null | glosy-normalize |
    glosy-tokenize >"$t/tokens.tsv" || exit 1
glosy-dedup "$t/tokens.tsv" >"$t/dedup.tsv" || exit 1
cut -f "$(head -1 "$t/dedup.tsv" | tr '\t' '\n' | grep -nx dup_kind |
    cut -d: -f1)" "$t/dedup.tsv" | tail -n +2 | sort | uniq -c
