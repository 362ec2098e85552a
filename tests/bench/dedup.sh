#!/bin/sh
# dedup.sh - time and peak memory of glosy-dedup on 12,000 and 1,000,000
# answers, against `cut -f2 | sort -u` on the same column (exact duplicates
# only) measured in the same run.
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
	# $1: label, rest: command; prints "seconds user-seconds KB"
	label=$1
	shift
	"$tm" -f '%e %U %M' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" ||
		{ echo "dedup bench: $label failed: $(cat "$tmp/err")" >&2
		return 1; }
	cat "$tmp/time"
}

for n in 12000 1000000; do
	in=$tmp/dedup-$n.tsv
	gen "$n" >"$in"
	set -- $(measure glosy-dedup "$top/bin/glosy-dedup" "$in") || exit 1
	dt=$1 du=$2 dm=$3
	set -- $(measure "sort -u" sh -c "cut -f2 '$in' | sort -u") || exit 1
	st=$1 su=$2 sm=$3
	groups=$("$top/bin/glosy-dedup" --drop "$in" | tail -n +2 | wc -l)
	uniq=$(cut -f2 "$in" | tail -n +2 | sort -u | wc -l)
	echo "dedup $n answers: glosy-dedup $dt s ($du s user), $dm KB peak;" \
	    "cut|sort -u $st s ($su s user), $sm KB peak"
	echo "dedup $n answers: $uniq distinct texts, $groups groups" \
	    "after near duplicates"
	awk -v n="$n" -v a="$dt" -v b="$st" -v c="$dm" -v d="$sm" 'BEGIN {
		printf "dedup %s answers: time ratio %.2f, memory ratio %.2f " \
		    "(glosy-dedup / sort -u)\n", n, (b > 0 ? a / b : 0), \
		    (d > 0 ? c / d : 0) }'
	rm -f "$in"
done
