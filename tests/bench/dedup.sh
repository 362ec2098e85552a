#!/bin/sh
# dedup.sh - time and peak memory of glosy-dedup on 12,000 and 1,000,000
# answers, against `cut -f2 | sort -u` on the same column (exact duplicates
# only) measured in the same run: one run, the first pass alone
# (--sketch, one record at a time), and the grouping pass over the
# sketched stream, whose output must be the same bytes as that of one run.
#
# The input is synthetic `id tokens` rows made by awk from the words of the
# bundled sample (corpora/sample.csv), drawn with a Zipf-like skew: 3 to 14
# words an answer, 25% exact copies of an earlier answer and 10% near
# copies (one word replaced, or one added), as a survey with copy-paste
# might look after glosy-tokenize.
top=${GLOSY_TOP:?}
tmp=${BENCH_TMP:?}
tm=/usr/bin/time
sample=$top/corpora/sample.csv
[ -f "$sample" ] || { echo "skip dedup bench: no corpora/sample.csv"; exit 0; }
[ -x "$tm" ] || { echo "skip dedup bench: /usr/bin/time is missing"; exit 0; }

gen() {
	LC_ALL=C awk -v n="$1" '
	NR > 1 {	# the vocabulary: words of 3 bytes or more, lower case
		$0 = tolower($0)
		gsub(/[^a-z\200-\377]+/, " ")
		for (i = 1; i <= NF; i++)
			if (length($i) >= 3 && !($i in seen)) {
				seen[$i] = 1
				voc[++nv] = $i
			}
	}
	function rnd(m) {
		seed = (seed * 16807) % 2147483647
		return int(seed / 2147483647 * m)
	}
	function word(    r) {	# Zipf-like: low ids far more often
		r = rnd(nv)
		return voc[int(r * r / nv) + 1]
	}
	END {
		seed = 2030
		print "id\ttokens"
		for (i = 1; i <= n; i++) {
			r = rnd(100)
			if (i > 1 && r < 25) {
				t = keep[rnd(i < 5000 ? i - 1 : 5000)]
			} else if (i > 1 && r < 35) {
				c = split(keep[rnd(i < 5000 ? i - 1 : 5000)], w,
				    " ")
				p = rnd(c) + 1
				w[p] = rnd(2) ? word() : w[p] " " word()
				t = w[1]
				for (j = 2; j <= c; j++)
					t = t " " w[j]
			} else {
				c = 3 + rnd(12)
				t = word()
				for (j = 2; j <= c; j++)
					t = t " " word()
			}
			keep[i % 5000] = t
			print i "\t" t
		}
	}' "$sample"
}

measure() {
	# $1: label, $2: output file, rest: command, run $reps times; prints
	# "seconds user+system-seconds KB" of one run
	label=$1
	out=$2
	shift 2
	"$tm" -f '%e %U %S %M' -o "$tmp/time" sh -c '
	    i=1; r=$1; o=$2; shift 2
	    while [ $i -le $r ]; do "$@" >"$o" || exit; i=$((i + 1)); done' \
	    sh "$reps" "$out" "$@" 2>"$tmp/err" ||
		{ echo "dedup bench: $label failed: $(cat "$tmp/err")" >&2
		return 1; }
	awk -v r="$reps" '{ printf "%.3f %.3f %s\n", $1 / r, ($2 + $3) / r,
	    $4 }' "$tmp/time"
}

ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		if (b > 0)
			printf "%.2f", a / b
		else
			printf "n/a"
	}'
}

# The times of 12,000 answers are the mean of 10 runs, which the resolution
# of time(1) needs.
for n in 12000 1000000; do
	reps=1
	[ "$n" -lt 100000 ] && reps=10
	in=$tmp/dedup-$n.tsv
	gen "$n" >"$in"
	set -- $(measure glosy-dedup "$tmp/one" "$top/bin/glosy-dedup" "$in") ||
		exit 1
	dt=$1 dc=$2 dm=$3
	set -- $(measure "sort -u" /dev/null sh -c "cut -f2 '$in' | sort -u") ||
		exit 1
	st=$1 sc=$2 sm=$3
	set -- $(measure "glosy-dedup --sketch" "$tmp/sk" \
	    "$top/bin/glosy-dedup" --sketch "$in") || exit 1
	kt=$1 kc=$2 km=$3
	set -- $(measure "glosy-dedup (sketched)" "$tmp/two" \
	    "$top/bin/glosy-dedup" "$tmp/sk") || exit 1
	gt=$1 gc=$2 gm=$3
	groups=$(tail -n +2 "$tmp/one" | cut -f3 | sort -u | wc -l)
	uniq=$(cut -f2 "$in" | tail -n +2 | sort -u | wc -l)
	same=same
	cmp -s "$tmp/one" "$tmp/two" || same=DIFFERENT
	echo "dedup $n answers: $uniq distinct texts, $groups groups" \
	    "after near duplicates"
	echo "dedup $n answers: glosy-dedup $dt s ($dc s cpu), $dm KB peak;" \
	    "cut|sort -u $st s ($sc s cpu), $sm KB peak"
	echo "dedup $n answers: time ratio $(ratio "$dt" "$st")," \
	    "cpu ratio $(ratio "$dc" "$sc"), memory ratio $(ratio "$dm" "$sm")" \
	    "(glosy-dedup / sort -u)"
	echo "dedup $n answers: --sketch $kt s ($kc s cpu), $km KB peak," \
	    "$(awk -v n="$n" -v t="$kc" 'BEGIN { if (t > 0)
	    printf "%.0f", n / t }') answers/s cpu; time ratio" \
	    "$(ratio "$kt" "$st")" \
	    "to sort -u"
	echo "dedup $n answers: grouping the sketched stream $gt s ($gc s" \
	    "cpu), $gm KB peak; time ratio $(ratio "$gt" "$st") to sort -u;" \
	    "output $same as one run"
	rm -f "$in" "$tmp/one" "$tmp/two" "$tmp/sk"
done
