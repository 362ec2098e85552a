# glosy-dedup(1) EXAMPLES: the duplicates of the bundled sample, by kind.
glosy-import ../../../corpora/sample.csv 2>/dev/null | glosy-normalize |
    glosy-tokenize >tokens-sample.tsv || exit 1
glosy-dedup tokens-sample.tsv >dedup.tsv || exit 1
cut -f "$(head -1 dedup.tsv | tr '\t' '\n' | grep -nx dup_kind |
    cut -d: -f1)" dedup.tsv | tail -n +2 | sort | uniq -c
rm -f tokens-sample.tsv dedup.tsv
