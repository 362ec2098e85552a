#!/bin/sh
# parallel.sh - make bench: the speed-up of GNU parallel on the per-record
# stages, on the sharded forms of the others (stem's two passes, dedup's
# sketches, report's partials), of `glosy run -j 2` on the whole chain,
# and of the two-pass scheme for glosy-cluster (fit on a sample, --apply
# in parallel).
#
# Each step runs once as one process and once as parallel jobs
# (--pipe or --pipepart, --keep-order --header 1); the outputs must be
# byte for byte the same.  Then the whole chain runs with and without -j,
# and the reports must be the same.  Input:
# corpora/generate, 12,000 answers, or 1,000,000 with BENCH_BIG=1.
# Wall and CPU seconds via /usr/bin/time; the machine is shared, so the
# speed-up moves with its load (printed too).
top=${GLOSY_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
LC_ALL=C.UTF-8
export LC_ALL
if ! command -v parallel >/dev/null; then
	echo "skip parallel: GNU parallel is not installed"
	exit 0
fi
. "$top/tests/bench/snapshot.sh" parallel
jobs=${BENCH_JOBS:-2}
n=12000
[ -n "$BENCH_BIG" ] && n=1000000
in=$tmp/a$n.csv
[ -n "$BENCH_TMP" ] && [ -s "$BENCH_TMP/chain/a$n.csv" ] &&
	in=$BENCH_TMP/chain/a$n.csv
[ -s "$in" ] || "$top/corpora/generate" "$n" 1 >"$in" || exit 1

# t NAME CMD: runs CMD under /usr/bin/time, prints a line, sets wall.
t() {
	if ! /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" sh -c "$2" \
	    >/dev/null 2>"$tmp/err"; then
		echo "# failed: $1: $(tail -3 "$tmp/err" | tr '\n' ' ')"
		wall=
		return 1
	fi
	read -r wall u y m <"$tmp/time"
	awk -v s="$1" -v w="$wall" -v u="$u" -v y="$y" -v m="$m" 'BEGIN {
	    printf "%-34s %7.2f %7.2f %8.1f\n", s, w, u + y, m / 1024 }'
}

# same A B: says whether the two outputs are byte for byte the same.
same() {
	if cmp -s "$1" "$2"; then
		echo "  the outputs are identical"
	else
		echo "# the outputs DIFFER"
	fi
}

echo "$n answers, $jobs jobs, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-34s %7s %7s %8s\n' step "wall s" "cpu s" "RSS MB"
glosy-import -q "$in" >"$tmp/records.tsv" || exit 1
bytes=$(wc -c <"$tmp/records.tsv")
block=$((bytes / (4 * jobs) / 1024))
[ $block -lt 256 ] && block=256
[ $block -gt 32768 ] && block=32768
t "normalize|tokenize, 1 process" \
    "glosy-normalize --redact-text '$tmp/records.tsv' | glosy-tokenize \
    >'$tmp/serial.tsv'"
w1=$wall
t "normalize|tokenize, parallel -j $jobs" \
    "parallel --pipe --keep-order --header 1 --block ${block}k -j $jobs \
    'glosy-normalize --redact-text | glosy-tokenize |
    if [ {#} -gt 1 ]; then tail -n +2; else cat; fi' \
    <'$tmp/records.tsv' >'$tmp/parallel.tsv'"
w2=$wall
same "$tmp/serial.tsv" "$tmp/parallel.tsv"
rm -f "$tmp/parallel.tsv"

# The stages that need their whole input, in their sharded forms
# (glosy(7)): parallel --pipepart cuts the saved stream into one part a
# job, every job keeps its header, the first job's only is kept.
h='if [ {#} -gt 1 ]; then tail -n +2; else cat; fi'
pp="parallel --pipepart --keep-order --header 1 --block -1 -j $jobs"
t "stem, 1 process" "glosy-stem '$tmp/serial.tsv' >'$tmp/s1.tsv'"
w7=$wall
t "stem --tally, --votes, -j $jobs" \
    "$pp -a '$tmp/serial.tsv' 'glosy-stem --tally | $h' >'$tmp/tally.tsv' &&
    $pp -a '$tmp/serial.tsv' 'glosy-stem --votes $tmp/tally.tsv | $h' \
    >'$tmp/s2.tsv'"
w8=$wall
same "$tmp/s1.tsv" "$tmp/s2.tsv"
rm -f "$tmp/serial.tsv" "$tmp/s2.tsv" "$tmp/tally.tsv"
t "dedup, 1 process" "glosy-dedup '$tmp/s1.tsv' >'$tmp/d1.tsv'"
w9=$wall
t "dedup --sketch -j $jobs, grouping" \
    "$pp -a '$tmp/s1.tsv' 'glosy-dedup --sketch | $h' | glosy-dedup \
    >'$tmp/d2.tsv'"
w10=$wall
same "$tmp/d1.tsv" "$tmp/d2.tsv"
rm -f "$tmp/s1.tsv" "$tmp/d2.tsv"
glosy-cluster -q --model "$tmp/m0.tsv" "$tmp/d1.tsv" >"$tmp/c0.tsv" || exit 1
t "report, 1 process" "rm -rf '$tmp/p1' && glosy-report --model \
    '$tmp/m0.tsv' --by district --by age -o '$tmp/p1' '$tmp/c0.tsv'"
w11=$wall
t "report --partial -j $jobs, --merge" "rm -rf '$tmp/p2' &&
    $pp -a '$tmp/c0.tsv' 'glosy-report --partial --by district --by age' |
    glosy-report --merge --model '$tmp/m0.tsv' -o '$tmp/p2'"
w12=$wall
if diff -r "$tmp/p1" "$tmp/p2" >/dev/null; then
	echo "  the reports are identical"
else
	echo "# the reports DIFFER"
fi
rm -rf "$tmp/c0.tsv" "$tmp/p1" "$tmp/p2"

t "glosy run" "rm -rf '$tmp/r1' && glosy run -q -o '$tmp/r1' '$in'"
w3=$wall
t "glosy run -j $jobs" "rm -rf '$tmp/r2' && glosy run -q -j $jobs -o '$tmp/r2' '$in'"
w4=$wall
if diff -r "$tmp/r1" "$tmp/r2" >/dev/null; then
	echo "  the reports are identical"
else
	echo "# the reports DIFFER"
fi

# The two-pass scheme for cluster (glosy(7)): fit on a tenth of the
# answers, then assign them all with --apply under parallel.  Not the same
# output as one fit on everything: the agreement of the main themes is
# printed.
codebook=$tmp/snap/lexicons/pl/themes
mv "$tmp/d1.tsv" "$tmp/dedup.tsv"
rm -f "$tmp/records.tsv"
t "cluster, one fit on all" \
    "glosy-cluster -q --codebook '$codebook' --model '$tmp/m1.tsv' \
    '$tmp/dedup.tsv' >'$tmp/c1.tsv'"
w5=$wall
t "cluster, fit on 1/10 + apply -j $jobs" \
    "awk 'NR == 1 || NR % 10 == 2' '$tmp/dedup.tsv' |
    glosy-cluster -q --codebook '$codebook' --model '$tmp/m2.tsv' >/dev/null &&
    parallel --pipe --keep-order --header 1 --block ${block}k -j $jobs \
    'glosy-cluster --apply $tmp/m2.tsv |
    if [ {#} -gt 1 ]; then tail -n +2; else cat; fi' \
    <'$tmp/dedup.tsv' >'$tmp/c2.tsv'"
w6=$wall
awk -F '\t' 'FNR == 1 { for (i = 1; i <= NF; i++) if ($i == "theme") c = i
	next }
    NR == FNR { a[FNR] = $c; next }
    { n++; if (a[FNR] == $c) same++; if ($c !~ /^d[0-9]/) { m++
	if (a[FNR] == $c) msame++ } }
    END { if (n) printf "  same main theme: %.1f%% of answers " \
	"(%.1f%% of those the two-pass run gives a codebook theme)\n",
	100 * same / n, m ? 100 * msame / m : 0 }' "$tmp/c1.tsv" "$tmp/c2.tsv"
rm -f "$tmp/dedup.tsv" "$tmp/c1.tsv" "$tmp/c2.tsv"

echo
awk -v a="$w1" -v b="$w2" -v c="$w3" -v d="$w4" -v j="$jobs" 'BEGIN {
	if (a != "" && b != "")
		printf "speed-up of normalize|tokenize with %d jobs: %.2fx\n",
		    j, a / b
	if (c != "" && d != "")
		printf "speed-up of the whole chain with -j %d: %.2fx\n", j, c / d
}'
awk -v a="$w5" -v b="$w6" -v j="$jobs" 'BEGIN {
	if (a != "" && b != "")
		printf "speed-up of cluster, two passes with %d jobs: %.2fx\n",
		    j, a / b
}'
awk -v a="$w7" -v b="$w8" -v c="$w9" -v d="$w10" -v e="$w11" -v f="$w12" \
    -v j="$jobs" 'BEGIN {
	if (a != "" && b != "")
		printf "speed-up of stem, two passes with %d jobs: %.2fx\n", j,
		    a / b
	if (c != "" && d != "")
		printf "speed-up of dedup, sketches with %d jobs: %.2fx\n", j,
		    c / d
	if (e != "" && f != "")
		printf "speed-up of report, partials with %d jobs: %.2fx\n", j,
		    e / f
}'
