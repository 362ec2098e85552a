#!/bin/sh
# driver-real.sh - glosy run with the real stages on the bundled sample:
# the default pipeline passes its checks, the run writes the report where
# it says, --keep holds the columns glosy(7) promises, -j 2 gives the same
# report, a failing real stage is named, and an installed glosy finds its
# pipeline, sample and lexicons.
top=${GLOSY_TOP:?}
for p in glosy glosy-import glosy-normalize glosy-tokenize glosy-stem \
    glosy-dedup glosy-cluster glosy-report; do
	if [ ! -x "$top/bin/$p" ]; then
		echo "skip driver-real: bin/$p is not built"
		exit 0
	fi
done
if [ ! -f "$top/corpora/sample.csv" ]; then
	echo "skip driver-real: no corpora/sample.csv"
	exit 0
fi
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
cd "$d" || exit 1

if glosy run -n >dry 2>err; then
	echo "ok the default pipeline passes its checks"
else
	echo "not ok glosy run -n: $(head -3 err | tr '\n' ' ')"
fi

glosy run --keep kept >out 2>err
rc=$?
if [ $rc -eq 0 ] && [ -s report/index.html ] && [ -s report/themes.tsv ] &&
    grep -q '^glosy: report written to report/index.html$' err; then
	echo "ok glosy run writes report/index.html and says so"
else
	echo "not ok glosy run: exit $rc: $(tail -3 err | tr '\n' ' ')"
fi
[ ! -s out ] && echo "ok glosy run writes nothing on stdout" ||
	echo "not ok glosy run wrote on stdout: $(head -2 out)"
n=$(($(wc -l <kept/01-import.tsv) - 1))
bad=
for want in "01-import text" "02-normalize norm" "03-tokenize tokens" \
    "04-stem lemmas terms" "05-dedup dup_group dup_size dup_kind" \
    "06-cluster theme themes theme_p"; do
	set -- $want
	f=kept/$1.tsv
	shift
	for c in id "$@"; do
		head -1 "$f" | tr '\t' '\n' | grep -qx "$c" ||
			bad="$bad $f:$c"
	done
	[ $(($(wc -l <"$f") - 1)) -eq "$n" ] || bad="$bad $f:rows"
done
[ -z "$bad" ] && echo "ok --keep: every stream has its columns and all $n rows" ||
	echo "not ok --keep:$bad"
[ -s kept/model.tsv ] && echo "ok --keep keeps the theme table" ||
	echo "not ok --keep has no model.tsv"

if command -v parallel >/dev/null; then
	if glosy run -q -j 2 -o report-j2 2>err &&
	    diff -r report report-j2 >/dev/null; then
		echo "ok glosy run -j 2 writes the same report"
	else
		echo "not ok glosy run -j 2: $(tail -3 err | tr '\n' ' ')"
	fi
	# Small blocks, so that every sharded step really gets several
	# shards: normalize|tokenize, stem's tally and votes.
	if GLOSY_BLOCK=40k glosy run -q -j 3 --keep kept-j3 -o report-j3 \
	    2>err && diff -r report report-j3 >/dev/null; then
		echo "ok glosy run -j 3 in 40 KB blocks writes the same report"
	else
		echo "not ok glosy run -j 3 in 40 KB blocks: $(tail -3 err |
		    tr '\n' ' ')"
	fi
	if [ -s kept-j3/04-stem-tally.tsv ] &&
	    [ "$(head -1 kept-j3/04-stem-tally.tsv | cut -f 1)" = key ] &&
	    [ "$(grep -c '^key' kept-j3/04-stem-tally.tsv)" -eq 1 ]; then
		echo "ok -j 3 sums the shards' stem tallies in one tally file"
	else
		echo "not ok -j 3: no single-header stem tally in --keep"
	fi
	if cmp -s kept/04-stem.tsv kept-j3/04-stem.tsv &&
	    cmp -s kept/06-cluster.tsv kept-j3/06-cluster.tsv; then
		echo "ok -j 3: the streams after stem and cluster are one job's"
	else
		echo "not ok -j 3: the streams after stem or cluster differ"
	fi
else
	echo "skip glosy run -j 2: GNU parallel is not installed"
fi

glosy run -q -s cluster.themes=100000 -o failed >out 2>err
rc=$?
if [ $rc -ne 0 ] && [ ! -e failed ] &&
    grep -q "^glosy: stage 'cluster' failed with exit status $rc\$" err; then
	echo "ok a failing cluster is named and leaves no report"
else
	echo "not ok failing cluster: exit $rc: $(tail -2 err | tr '\n' ' ')"
fi

if glosy stages >out 2>err && [ "$(grep -c '^[a-z+]' out)" -ge 7 ]; then
	echo "ok glosy stages lists the stages"
else
	echo "not ok glosy stages: $(head -2 err)"
fi

if make -s -C "$top" install DESTDIR="$d/inst" PREFIX=/opt/glosy \
    >log 2>&1; then
	if (cd / && GLOSY_DATADIR=$d/inst/opt/glosy/share/glosy \
	    PATH=/usr/bin:/bin "$d/inst/opt/glosy/bin/glosy" run -q \
	    -o "$d/inst-report") 2>err && [ -s inst-report/index.html ]; then
		echo "ok an installed glosy runs on its installed sample"
	else
		echo "not ok installed glosy: $(tail -3 err | tr '\n' ' ')"
	fi
else
	echo "not ok make install: $(tail -2 log | tr '\n' ' ')"
fi
