#!/bin/sh
# parallel.sh - make bench: the speed-up of GNU parallel on the per-record
# stages, of `glosy run -j 2` on the whole chain, and of the two-pass
# scheme for glosy-cluster (fit on a sample, --apply in parallel).
#
# The per-record stages (normalize | tokenize) run once as one process and
# once as `parallel --pipe --keep-order --header 1` jobs on the imported
# stream; the outputs must be byte for byte the same.  Then the whole chain
# runs with and without -j, and the reports must be the same.  Input:
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
if cmp -s "$tmp/serial.tsv" "$tmp/parallel.tsv"; then
	echo "  the outputs are identical"
else
	echo "# the outputs DIFFER"
fi
rm -f "$tmp/serial.tsv" "$tmp/parallel.tsv"
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
glosy-normalize --redact-text "$tmp/records.tsv" | glosy-tokenize |
    glosy-stem | glosy-dedup >"$tmp/dedup.tsv" || exit 1
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
