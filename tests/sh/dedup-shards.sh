#!/bin/sh
# dedup-shards.sh - glosy-dedup on sharded input: `glosy-dedup --sketch` run
# by GNU parallel on shards of 500 records (the header kept from the first
# job only, as glosy run -j does it), then one `glosy-dedup` over the merged
# stream, writes the very bytes of one `glosy-dedup` over the whole stream.
# Checked on the bundled sample and on 5,000 generated answers, each
# through import | normalize --redact-text | tokenize | stem, with the
# default options, with --by district --drop, and with -c terms --words.
top=${GLOSY_TOP:?}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

for p in glosy-import glosy-normalize glosy-tokenize glosy-stem glosy-dedup; do
	if [ ! -x "$top/bin/$p" ]; then
		echo "skip dedup-shards: bin/$p is not built"
		exit 0
	fi
done
if ! command -v parallel >/dev/null 2>&1; then
	echo "skip dedup-shards: GNU parallel is not installed"
	exit 0
fi

chain() {
	glosy-import -q "$@" | glosy-normalize --redact-text | glosy-tokenize |
	    glosy-stem
}

# sharded OPTIONS...: the two passes, the sketches made on shards.  Every
# job reads the header (--header 1) and writes one; only the first job's
# is kept.
sharded() {
	parallel --pipe --keep-order --header 1 -N 500 -j 2 \
	    "if [ {#} -eq 1 ]; then glosy-dedup --sketch $*; else
	    glosy-dedup --sketch $* | tail -n +2; fi" | glosy-dedup "$@"
}

if ! chain "$top/corpora/sample.csv" >"$tmp/sample.tsv" 2>"$tmp/err"; then
	echo "not ok dedup-shards: the sample chain failed:" \
	    "$(head -3 "$tmp/err")"
	exit 0
fi
if ! "$top/corpora/generate" 5000 1 >"$tmp/gen.csv" 2>"$tmp/err" ||
    ! chain "$tmp/gen.csv" >"$tmp/gen.tsv" 2>"$tmp/err"; then
	echo "not ok dedup-shards: the generated chain failed:" \
	    "$(head -3 "$tmp/err")"
	exit 0
fi

for input in sample gen; do
	in=$tmp/$input.tsv
	rows=$(($(wc -l <"$in") - 1))
	for opts in "" "--by district --drop" "-c terms --words"; do
		what="dedup-shards $input ($rows rows${opts:+, $opts})"
		# shellcheck disable=SC2086
		glosy-dedup $opts <"$in" >"$tmp/one" 2>"$tmp/err1"
		rc1=$?
		# shellcheck disable=SC2086
		sharded $opts <"$in" >"$tmp/two" 2>"$tmp/err2"
		rc2=$?
		if [ $rc1 -ne 0 ] || [ $rc2 -ne 0 ]; then
			echo "not ok $what: exit $rc1 and $rc2: $(head -2 \
			    "$tmp/err1" "$tmp/err2" | tr '\n' ' ')"
		elif ! cmp -s "$tmp/one" "$tmp/two"; then
			echo "not ok $what: the outputs differ"
		elif [ -s "$tmp/err2" ]; then
			echo "not ok $what: warnings: $(head -2 "$tmp/err2")"
		else
			echo "ok $what: sharded sketches give the same bytes"
		fi
	done
	# The sketches were used, not recomputed: a stream whose sketches
	# are all swapped for other texts' must fail their check.
	glosy-dedup --sketch <"$in" >"$tmp/sk"
	n=$(head -1 "$tmp/sk" | tr '\t' '\n' | grep -nx dup_sketch |
	    cut -d: -f1)
	awk -F '\t' -v n="$n" 'BEGIN { OFS = FS }
	    NR > 2 && prev != "" { t = $n; $n = prev; prev = t; print; next }
	    NR > 1 { prev = $n }
	    NR == 1 { print }' "$tmp/sk" >"$tmp/swapped"
	if glosy-dedup <"$tmp/swapped" >/dev/null 2>"$tmp/err"; then
		echo "not ok dedup-shards $input: swapped sketches went" \
		    "unnoticed"
	elif grep -q "dup_sketch does not match column 'tokens'" "$tmp/err"
	then
		echo "ok dedup-shards $input: a sketch of another text is" \
		    "an error"
	else
		echo "not ok dedup-shards $input: $(head -1 "$tmp/err")"
	fi
done

# The sample has duplicates that --drop removes: the outputs compared above
# are not trivial.
glosy-dedup --drop <"$tmp/sample.tsv" >"$tmp/one"
kept=$(($(wc -l <"$tmp/one") - 1))
rows=$(($(wc -l <"$tmp/sample.tsv") - 1))
if [ "$kept" -gt 0 ] && [ "$kept" -lt "$rows" ]; then
	echo "ok dedup-shards sample: --drop keeps $kept of $rows rows"
else
	echo "not ok dedup-shards sample: --drop keeps $kept of $rows rows"
fi
