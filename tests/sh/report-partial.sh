#!/bin/sh
# report-partial.sh - glosy-report's partials merge exactly: a clustered
# stream X is split into shards (three by awk, and blocks of 200 rows by
# GNU parallel --pipe --header 1 -N 200), each shard is reduced to a partial
# (--partial), and the partials merged (--merge) give every table, in
# every file, byte for byte the same as `glosy-report X` with the same
# options (diff -r).  Streams: the bundled sample and 5,000 answers of
# corpora/generate, through the whole chain (glosy run --keep); options:
# --by district --by age, with and without --weight (fractional weights
# with nine decimals, whose sums round differently in another order) and
# --dedup; formats tsv and html, and md and csv for the fullest options.
top=${GLOSY_TOP:?}
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT

if command -v parallel >/dev/null 2>&1; then
	par=1
else
	par=
fi

# check NAME DIR OPTS...: DIR holds w.tsv (the stream) and model.tsv.
check() {
	name=$1
	dir=$2
	shift 2
	o=$d/out
	rm -rf "$o"
	mkdir "$o"
	n=$(($(wc -l <"$dir/w.tsv") / 3 + 1))
	awk -v n="$n" -v o="$o" 'NR == 1 { h = $0; next }
	{
		f = o "/shard" int((NR - 2) / n) ".tsv"
		if (!(f in seen)) { print h > f; seen[f] = 1 }
		print > f
	}' "$dir/w.tsv"
	for s in "$o"/shard*.tsv; do
		if ! glosy-report --partial "$@" "$s" >"$s.part"; then
			echo "not ok $name: --partial failed"
			return
		fi
	done
	if [ -n "$par" ] && ! parallel --pipe --header 1 -N 200 -k \
	    glosy-report --partial "$@" <"$dir/w.tsv" >"$o/par.part"; then
		echo "not ok $name: --partial under parallel failed"
		return
	fi
	case $* in
	*-w*-d*)	formats="tsv html md csv" ;;
	*)		formats="tsv html" ;;
	esac
	for f in $formats; do
		if ! glosy-report "$@" -m "$dir/model.tsv" -f "$f" \
		    -o "$o/one-$f" "$dir/w.tsv"; then
			echo "not ok $name $f: the one-pass report failed"
			continue
		fi
		if glosy-report --merge -m "$dir/model.tsv" -f "$f" \
		    -o "$o/merged-$f" "$o"/shard*.tsv.part &&
		    diff -r "$o/one-$f" "$o/merged-$f" >"$o/diff"; then
			echo "ok $name $f: three merged partials, same bytes" \
			    "($(ls "$o/one-$f" | wc -l) files)"
		else
			echo "not ok $name $f: three merged partials differ"
			head -20 "$o/diff" | sed 's/^/# /'
		fi
		if [ -z "$par" ]; then
			echo "skip $name $f parallel: GNU parallel is not" \
			    "installed"
			continue
		fi
		if glosy-report --merge -m "$dir/model.tsv" -f "$f" \
		    -o "$o/par-$f" "$o/par.part" &&
		    diff -r "$o/one-$f" "$o/par-$f" >"$o/diff"; then
			echo "ok $name $f: $(grep -c '^partial' "$o/par.part")" \
			    "partials of parallel --pipe -N 200, same bytes"
		else
			echo "not ok $name $f: partials of parallel --pipe differ"
			head -20 "$o/diff" | sed 's/^/# /'
		fi
	done
}

# stream NAME DIR: adds a weight column to DIR/06-cluster.tsv.
weights() {
	awk -F '\t' -v OFS='\t' 'NR == 1 { print $0, "weight"; next }
	{ printf "%s\t%.9f\n", $0, 0.4 + (NR * 7919 % 10007) / 5003.7 }' \
	    "$1/06-cluster.tsv" >"$1/w.tsv"
}

suite() {
	check "$1" "$2" -b district -b age
	check "$1 -w" "$2" -b district -b age -w weight
	check "$1 -d" "$2" -b district -b age -d
	check "$1 -w -d" "$2" -b district -b age -w weight -d
}

if glosy run -q --keep "$d/sample" -o "$d/sample-report" 2>"$d/err"; then
	weights "$d/sample"
	suite sample "$d/sample"
else
	echo "not ok sample: glosy run failed"
	sed 's/^/# /' "$d/err"
fi

if ! command -v python3 >/dev/null 2>&1; then
	echo "skip generate-5000: no python3 for corpora/generate"
elif "$top/corpora/generate" 5000 1 >"$d/g.csv" &&
    glosy run -q --keep "$d/g" -o "$d/g-report" "$d/g.csv" 2>"$d/err"; then
	weights "$d/g"
	suite generate-5000 "$d/g"
else
	echo "not ok generate-5000: the chain failed"
	sed 's/^/# /' "$d/err"
fi
