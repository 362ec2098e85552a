#!/bin/sh
# stem-shards.sh - glosy-stem in two passes over shards gives, byte for
# byte, what one glosy-stem over the whole input gives: the input split in
# three, a tally of each (--tally), the tallies given together to a
# --votes run on each shard, the outputs joined without their repeated
# headers; and the same under GNU parallel --pipe --keep-order.  Also:
# tallies merge exactly (the summed tallies of the shards are the tally of
# the whole), a tally concatenated with its headers is read, a wrong tally
# gives a warning and the same output twice, and --votes holds no rows
# (its peak memory does not grow with the input).
# Inputs: the bundled sample and 3,000 generated answers, through
# glosy-import | glosy-normalize | glosy-tokenize.
top=${GLOSY_TOP:?}
if [ ! -f "$top/lexicons/pl/polish.dict" ]; then
	echo "skip stem shards: no lexicons/pl/polish.dict (run make)"
	exit 0
fi
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
cd "$d" || exit 1

glosy-import -q "$top/corpora/sample.csv" | glosy-normalize |
    glosy-tokenize >sample.tsv || { echo "not ok stem shards: sample"; exit 0; }
if "$top/corpora/generate" 3000 1 >gen.csv 2>/dev/null; then
	glosy-import -q gen.csv | glosy-normalize --redact-text |
	    glosy-tokenize >gen.tsv
else
	echo "skip stem shards on generated answers: corpora/generate failed"
fi

# Splits $1 into three shards $2.1 $2.2 $2.3 of about equal rows, each
# with the header.
split3() {
	awk -v p="$2" 'NR == FNR { n++; next }
	FNR == 1 { h = $0; for (i = 1; i <= 3; i++) print h > (p "." i); next }
	{ i = int((FNR - 2) * 3 / (n - 1)) + 1; print > (p "." i) }' "$1" "$1"
}

# Sums tallies (files $@, headers kept once) by key in order of first
# appearance, as glosy-stem --votes reads them.
sumtally() {
	awk -F '\t' 'FNR == 1 { if (NR == 1) print; next }
	{ k = $1 FS $2 FS $4; if (!(k in c)) o[++n] = k; c[k] += $3 }
	END { for (i = 1; i <= n; i++) {
		split(o[i], f, FS); print f[1] FS f[2] FS c[o[i]] FS f[3] } }' "$@"
}

check() {
	# $1 input, $2 label, $3 rows a parallel job; the rest: options
	in=$1 label=$2 rows=$3
	shift 3
	opts="$*"
	what="$label${opts:+ $opts}"
	glosy-stem "$@" "$in" >one.out 2>one.err ||
	    { echo "not ok stem shards $what: one pass failed"; return; }
	split3 "$in" x
	for i in 1 2 3; do
		glosy-stem --tally "$@" x.$i >t.$i || {
			echo "not ok stem shards $what: --tally failed"
			return
		}
	done
	glosy-stem --tally "$@" "$in" >t.all
	sumtally t.1 t.2 t.3 >t.sum
	if cmp -s t.sum t.all; then
		echo "ok stem shards $what: tallies of shards sum to the tally"
	else
		echo "not ok stem shards $what: tallies of shards do not sum" \
		    "to the tally of the whole"
	fi
	v="--votes t.1 --votes t.2 --votes t.3"
	{
		glosy-stem "$@" $v x.1
		glosy-stem "$@" $v x.2 | tail -n +2
		glosy-stem "$@" $v x.3 | tail -n +2
	} >shards.out 2>shards.err
	if cmp -s one.out shards.out && ! [ -s shards.err ]; then
		echo "ok stem shards $what: three --votes runs = one pass"
	else
		echo "not ok stem shards $what: three --votes runs differ from" \
		    "one pass: $(cmp one.out shards.out 2>&1 | head -1)" \
		    "$(head -1 shards.err)"
	fi
	# One file holding the three tallies, headers and all.
	cat t.1 t.2 t.3 >t.cat
	glosy-stem "$@" --votes t.cat "$in" >cat.out 2>cat.err
	if cmp -s one.out cat.out && ! [ -s cat.err ]; then
		echo "ok stem shards $what: concatenated tallies"
	else
		echo "not ok stem shards $what: concatenated tallies give" \
		    "other output $(head -1 cat.err)"
	fi
	if ! command -v parallel >/dev/null 2>&1; then
		echo "skip stem shards $what under parallel: no GNU parallel"
		return
	fi
	# Every job writes a header; all but the first job's go.
	parallel --pipe --keep-order --header 1 -N "$rows" -j 2 \
	    "if [ {#} -eq 1 ]; then glosy-stem --tally $opts; else" \
	    "glosy-stem --tally $opts | tail -n +2; fi" <"$in" >t.par
	parallel --pipe --keep-order --header 1 -N "$rows" -j 2 \
	    "if [ {#} -eq 1 ]; then glosy-stem --votes t.par $opts; else" \
	    "glosy-stem --votes t.par $opts | tail -n +2; fi" <"$in" \
	    >par.out 2>par.err
	if cmp -s one.out par.out && ! [ -s par.err ]; then
		echo "ok stem shards $what: parallel --pipe -N $rows = one pass"
	else
		echo "not ok stem shards $what: under parallel: " \
		    "$(cmp one.out par.out 2>&1 | head -1) $(head -1 par.err)"
	fi
}

check sample.tsv sample 150
check sample.tsv sample 150 --lang auto
check sample.tsv sample 150 --explain
if [ -s gen.tsv ]; then
	check gen.tsv generated 1000
	check gen.tsv generated 1000 --lang auto --explain
fi

# A tally of other answers: a warning, every row out, and the same bytes
# from every run.
[ -s gen.tsv ] || cp sample.tsv gen.tsv
head -n 50 sample.tsv >few.tsv
glosy-stem --tally few.tsv >few.tally
glosy-stem --votes few.tally gen.tsv >w1.out 2>w1.err
rc=$?
glosy-stem --votes few.tally gen.tsv >w2.out 2>/dev/null
if [ $rc -eq 0 ] && cmp -s w1.out w2.out &&
    grep -q 'token types were not in the tally$' w1.err &&
    [ "$(wc -l <w1.out)" -eq "$(wc -l <gen.tsv)" ]; then
	echo "ok stem shards: a wrong tally warns ($(cat w1.err))"
else
	echo "not ok stem shards: a wrong tally: exit $rc, $(cat w1.err)"
fi
# The lemmas stay one for one with the tokens.
if awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    { if (split($c["tokens"], a, " ") != split($c["lemmas"], b, " "))
	exit 1 }' w1.out; then
	echo "ok stem shards: a wrong tally keeps lemmas one for one"
else
	echo "not ok stem shards: a wrong tally breaks lemmas one for one"
fi

# --votes streams: ten times the rows take no more memory (the one-pass
# run holds them all).
if [ -x /usr/bin/time ]; then
	glosy-stem --tally gen.tsv >g.tally
	{ head -n 1 gen.tsv; for i in 1 2 3 4 5 6 7 8 9 10; do
		tail -n +2 gen.tsv; done; } >ten.tsv
	/usr/bin/time -f %M -o m1 glosy-stem --votes g.tally gen.tsv \
	    >/dev/null 2>&1
	/usr/bin/time -f %M -o m10 glosy-stem --votes g.tally ten.tsv \
	    >/dev/null 2>&1
	m1=$(tail -n 1 m1) m10=$(tail -n 1 m10)
	mb=$(( $(wc -c <ten.tsv) / 1024 ))
	if [ $((m10 - m1)) -lt $((mb / 4)) ]; then
		echo "ok stem shards: --votes on 10x the rows: $m1 KB ->" \
		    "$m10 KB (input $mb KB)"
	else
		echo "not ok stem shards: --votes grows with its input:" \
		    "$m1 KB -> $m10 KB (input $mb KB)"
	fi
else
	echo "skip stem shards memory: no /usr/bin/time"
fi
