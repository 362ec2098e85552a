#!/bin/sh
# cluster-hold.sh - glosy-cluster holds the rows in memory up to
# GLOSY_CLUSTER_MEM bytes and in a temporary file beyond: the output and the
# theme table (whose quotes are read back from the held rows) must not
# depend on where the rows wait.  Also an answer longer than the sweeps'
# table of denominators (64 term occurrences), which is scored the long way.
top=${GLOSY_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
g=$top/tests/golden/cluster
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# A bigger input than answers.tsv: every answer ten times, with its own id.
awk -F'\t' 'BEGIN { OFS = "\t" } NR == 1 { print; next }
    { for (i = 0; i < 10; i++) print $1 "-" i, $2, $3 }' \
    "$g/answers.tsv" >"$tmp/in"

run() {
	# run NAME MEM: output and model of a guided run with GLOSY_CLUSTER_MEM
	GLOSY_CLUSTER_MEM=$2 glosy-cluster -q -C "$g/themes.cb" \
	    -n "$g/nocontent.txt" -m "$tmp/$1.model" "$tmp/in" >"$tmp/$1.out"
}

if run mem "" && run file 0 && run half 2000; then
	for x in file half; do
		if cmp -s "$tmp/mem.out" "$tmp/$x.out" &&
		    cmp -s "$tmp/mem.model" "$tmp/$x.model"; then
			echo "ok cluster-hold: rows held in a file ($x) give the same output and model"
		else
			echo "not ok cluster-hold: rows held in a file ($x) change the output or model"
		fi
	done
else
	echo "not ok cluster-hold: glosy-cluster failed"
fi
if [ "$(wc -l <"$tmp/file.out")" -eq "$(wc -l <"$tmp/in")" ]; then
	echo "ok cluster-hold: every row comes out"
else
	echo "not ok cluster-hold: rows lost"
fi

GLOSY_CLUSTER_MEM=lots glosy-cluster -q "$tmp/in" >/dev/null 2>"$tmp/err"
st=$?
if [ $st -eq 1 ] && [ "$(cat "$tmp/err")" = \
    "glosy-cluster: GLOSY_CLUSTER_MEM: 'lots' is invalid" ]; then
	echo "ok cluster-hold: a bad GLOSY_CLUSTER_MEM is an error"
else
	echo "not ok cluster-hold: GLOSY_CLUSTER_MEM=lots: exit $st, $(cat "$tmp/err")"
fi

# One answer of 70 occurrences of park terms among short ones: it is
# scored without the table, the others with it; it must join the park
# answers (the terms are theirs) and the run must repeat byte for byte.
awk -F'\t' 'BEGIN { OFS = "\t" } { print }
    END { t = "zieleń"; for (i = 1; i < 35; i++) t = t " park zieleń"
    print "long", "", t " park" }' "$g/answers.tsv" >"$tmp/long"
glosy-cluster -k 3 -n "$g/nocontent.txt" "$tmp/long" >"$tmp/l1" &&
    glosy-cluster -k 3 -n "$g/nocontent.txt" "$tmp/long" >"$tmp/l2"
if cmp -s "$tmp/l1" "$tmp/l2" && awk -F'\t' '
    $1 == "g1" { a = $4 } $1 == "long" { b = $4 }
    END { exit !(a != "" && a == b) }' "$tmp/l1"; then
	echo "ok cluster-hold: a 70-term answer joins the answers of its terms, repeatably"
else
	echo "not ok cluster-hold: the 70-term answer: $(awk -F'\t' \
	    '$1 == "g1" || $1 == "long" { print $1, $4 }' "$tmp/l1" |
	    tr '\n' ' ')"
fi
