#!/bin/sh
# chain.sh - make bench: throughput and peak memory of every glosy stage and
# of the whole chain (glosy run, default pipeline, from cold processes, so
# counting the opening of the dictionary and lexicons), next to two peer
# baselines run in the same session on the same input:
#   - word counting with tr | sort | uniq -c, the shell analyst's tool;
#   - scikit-learn TF-IDF + k-means (k = 16) from raw text to clusters
#     (tests/bench/sklearn_baseline.py, /usr/bin/python3).
# Inputs are synthetic (corpora/generate N 1): 12,000 answers, the size of
# the survey glosy is built for, and with BENCH_BIG=1 also 1,000,000.
# Each figure is from the run with the least wall time of BENCH_REPEAT
# runs (default 3; one run for 1,000,000): wall seconds, CPU seconds (user +
# system, of every process of the step), rows/s and MB/s of input by wall
# time, and the peak RSS of the largest process.  The machine is shared (a
# load of 5 to 10 on 2 cores is common), so wall times move from run to
# run; CPU times are steadier.  Ratios are the headline.  No figure here is
# a pass/fail criterion.
top=${GLOSY_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
LC_ALL=C.UTF-8
export LC_ALL
. "$top/tests/bench/snapshot.sh" chain
repeat=${BENCH_REPEAT:-3}
sizes=12000
[ -n "$BENCH_BIG" ] && sizes="12000 1000000"
for p in glosy glosy-import glosy-normalize glosy-tokenize glosy-stem \
    glosy-dedup glosy-cluster glosy-report; do
	if ! command -v $p >/dev/null; then
		echo "skip chain: $p is not built"
		exit 0
	fi
done
codebook=$tmp/snap/lexicons/pl/themes
sk=
/usr/bin/python3 -c 'import sklearn' 2>/dev/null && sk=1

# Makes $tmp/aN.csv with N answers.
makeinput() {
	f=$tmp/a$1.csv
	[ -s "$f" ] && return
	if [ -x "$top/corpora/generate" ]; then
		"$top/corpora/generate" "$1" 1 >"$f"
	else
		# Without the generator: the sample's rows again and again,
		# renumbered.
		awk -v n="$1" 'NR == 1 { print; next } { r[++m] = $0 }
		    END { for (i = 1; i <= n; i++) {
			s = r[(i - 1) % m + 1]; sub(/^[^;]*/, "R" i, s); print s } }' \
		    "$top/corpora/sample.csv" >"$f"
	fi
}

# time_cmd N CMD: runs CMD (sh) N times; sets wall (best), and cpu and rss
# (KB) of that run; status 1 when a run failed.
time_cmd() {
	wall=
	cpu=
	rss=
	i=0
	while [ $i -lt "$1" ]; do
		if ! /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" sh -c "$2" \
		    >/dev/null 2>"$tmp/err"; then
			echo "# failed: $2: $(tail -2 "$tmp/err" | tr '\n' ' ')"
			return 1
		fi
		read -r w u y m <"$tmp/time"
		if [ -z "$wall" ] || awk -v a="$w" -v b="$wall" \
		    'BEGIN { exit !(a < b) }'; then
			wall=$w
			cpu=$(awk -v u="$u" -v y="$y" 'BEGIN { print u + y }')
			rss=$m
		fi
		i=$((i + 1))
	done
}

# row SIZE STEP ROWS BYTES: prints one line of the table.
row() {
	awk -v n="$1" -v s="$2" -v r="$3" -v b="$4" -v w="$wall" -v c="$cpu" \
	    -v m="$rss" 'BEGIN { if (w < 0.005) w = 0.005
	    printf "%-9s %-22s %8d %7.1f %7.2f %7.2f %9.0f %6.1f %7.1f\n",
		n, s, r, b / 1e6, w, c, r / w, b / 1e6 / w, m / 1024 }'
}

printf '%-9s %-22s %8s %7s %7s %7s %9s %6s %7s\n' answers step rows \
    "in MB" "wall s" "cpu s" "rows/s" "MB/s" "RSS MB"
for n in $sizes; do
	makeinput "$n"
	in=$tmp/a$n.csv
	bytes=$(wc -c <"$in")
	reps=$repeat
	[ "$n" -ge 100000 ] && reps=1
	k=$tmp/keep$n
	rm -rf "$k" "$tmp/r$n"
	# One untimed run keeps the stream in front of every stage.
	if ! glosy run -q --keep "$k" -o "$tmp/r$n" "$in" 2>"$tmp/err"; then
		echo "# glosy run failed: $(tail -3 "$tmp/err" | tr '\n' ' ')"
		continue
	fi
	set -- \
	    import "glosy-import -q '$in'" "$in" \
	    normalize "glosy-normalize --redact-text '$k/01-import.tsv'" \
		"$k/01-import.tsv" \
	    tokenize "glosy-tokenize '$k/02-normalize.tsv'" \
		"$k/02-normalize.tsv" \
	    stem "glosy-stem '$k/03-tokenize.tsv'" "$k/03-tokenize.tsv" \
	    dedup "glosy-dedup '$k/04-stem.tsv'" "$k/04-stem.tsv" \
	    cluster "glosy-cluster -q --codebook '$codebook' \
		--model '$tmp/m$n.tsv' '$k/05-dedup.tsv'" "$k/05-dedup.tsv" \
	    report "rm -rf '$tmp/h$n' && glosy-report --model '$k/model.tsv' \
		--by district --by age --format html -o '$tmp/h$n' \
		'$k/06-cluster.tsv'" "$k/06-cluster.tsv"
	while [ $# -gt 0 ]; do
		time_cmd "$reps" "$2" && row "$n" "$1" "$n" "$(wc -c <"$3")"
		shift 3
	done
	time_cmd "$reps" "rm -rf '$tmp/r$n' && glosy run -q -o '$tmp/r$n' '$in'" &&
		row "$n" "whole chain" "$n" "$bytes" && chain=$wall chaincpu=$cpu
	time_cmd "$reps" "tr -cs 'A-Za-z\\200-\\377' '\\n' <'$in' |
	    tr A-Z a-z | sort | uniq -c | sort -rn" &&
		row "$n" "tr|sort|uniq -c" "$n" "$bytes" && words=$wall wordscpu=$cpu
	skw= skc=
	if [ -n "$sk" ]; then
		time_cmd "$reps" "/usr/bin/python3 \
		    '$top/tests/bench/sklearn_baseline.py' '$in' 16" &&
			row "$n" "sklearn tfidf+kmeans" "$n" "$bytes" &&
			skw=$wall skc=$cpu
	fi
	eval "chain$n=\$chain words$n=\$words sk$n=\$skw"
	eval "cchain$n=\$chaincpu cwords$n=\$wordscpu csk$n=\$skc"
done

echo
echo "headline (same run, same input):"
for n in $sizes; do
	eval "c=\$chain$n w=\$words$n s=\$sk$n"
	eval "cc=\$cchain$n cw=\$cwords$n cs=\$csk$n"
	[ -n "$c" ] || continue
	awk -v n="$n" -v c="$c" -v w="$w" -v s="$s" -v cc="$cc" -v cw="$cw" \
	    -v cs="$cs" 'BEGIN {
		printf "  %d answers: whole chain %.2f s wall, %.2f s CPU\n",
		    n, c, cc
		if (w != "")
			printf "    %.1fx the wall time of tr|sort|uniq -c " \
			    "(%.1fx its CPU time)\n", c / w, cc / cw
		if (s != "")
			printf "    scikit-learn / glosy: %.2f by wall time, " \
			    "%.2f by CPU time (above 1: glosy is faster)\n",
			    s / c, cs / cc
		}'
done
[ -n "$sk" ] || echo "  (scikit-learn is not installed: no sklearn baseline)"
