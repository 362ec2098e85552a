#!/bin/sh
# chain-pipe.sh - the chain typed by hand as one pipe: glosy-report reads
# the model that glosy-cluster writes in the same pipe, and every row of the
# sample reaches the end.
top=${GLOSY_TOP:?}
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
cd "$d" || exit 1
glosy-import -q "$top/corpora/sample.csv" | glosy-normalize --redact-text |
    glosy-tokenize | glosy-stem | glosy-dedup |
    glosy-cluster -q --codebook "$top/lexicons/pl/themes" --model model.tsv |
    tee clustered.tsv | glosy-report --model model.tsv >themes.tsv 2>err
rc=$?
[ $rc -eq 0 ] && echo "ok cluster | report with one model file in one pipe" ||
	echo "not ok cluster | report in one pipe exits $rc: $(cat err)"
n=$(awk 'NR > 1' clustered.tsv | wc -l)
want=$(python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], encoding="utf-8-sig"), delimiter=";")) - 1)' "$top/corpora/sample.csv")
[ "$n" -eq "$want" ] && echo "ok all $want sample rows pass the whole chain" ||
	echo "not ok $n of $want rows came out of the chain"
m=$(awk 'NR > 1' model.tsv | wc -l)
t=$(mlr --tsv --headerless-tsv-output cut -f theme then uniq -g theme then count clustered.tsv)
[ "$m" -ge "$t" ] && echo "ok the model has a row for each of the $t main themes" ||
	echo "not ok the model has $m rows for $t main themes"
