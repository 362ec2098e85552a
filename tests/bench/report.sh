#!/bin/sh
# report.sh - make bench: time and peak memory of glosy-report on 12,000
# and 1,000,000 synthetic clustered answers (made here with awk: 16 themes,
# a second theme in 40%, 8 districts, 3 age groups, 2-7 terms from a
# vocabulary of 2,000, 10% duplicates, weights), next to two baselines in
# the same run on the same file: `mlr --tsv count-distinct -f theme` and
# `cut | sort | uniq -c` over the theme column, which count main themes
# only.  glosy-report does much more (multi-label counts, intervals, the
# cross-tabs, term and keyword tables, quotes), so a ratio near 1 means
# the whole report costs about what one count of one column costs.  For
# sharded input it times --partial on the whole stream and --merge of the
# partials of four shards, and prints the partials' sizes.  Ratios are glosy time / baseline time.  Wall seconds are the best
# of BENCH_REPEAT runs (default 3; one for 1,000,000).  No figure here is a
# pass/fail criterion.  Ratios use wall time; CPU time is shown beside it.
top=${GLOSY_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
PATH=$top/bin:$PATH
LC_ALL=C.UTF-8
export PATH LC_ALL
if [ -n "$BENCH_TMP" ]; then
	tmp=$BENCH_TMP/report
	mkdir -p "$tmp"
else
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
fi
repeat=${BENCH_REPEAT:-3}
sizes=
if ! command -v glosy-report >/dev/null; then
	echo "skip report: glosy-report is not built"
	exit 0
fi

makeinput() {
	f=$tmp/c$1.tsv
	[ -s "$f" ] && return
	awk -v n="$1" 'BEGIN {
		srand(11)
		nt = split("green transport cycling roads_parking housing " \
		    "jobs culture education health safety cleanliness sport " \
		    "seniors_access participation tourism_image d01", T, " ")
		nd = split("Centrum Kolejowa Lotnisko Nowe_Osiedle Podgórze " \
		    "Rzeczna Stare_Miasto Zielona", D, " ")
		na = split("18-34 35-64 65+", A, " ")
		for (v = 1; v <= 2000; v++)
			V[v] = sprintf("słowo%d%s", v, v % 10 == 0 ? "_fraza" : "")
		print "id\ttext\tterms\tdistrict\tage\tweight\tdup_group\t" \
		    "dup_size\tdup_kind\ttheme\tthemes\ttheme_p"
		for (i = 1; i <= n; i++) {
			if (rand() < 0.04) {
				m = "no_content"; th = m; terms = ""
			} else {
				m = T[int(rand() * nt) + 1]; th = m
				if (rand() < 0.4) {
					s = T[int(rand() * nt) + 1]
					if (s != m) th = th " " s
				}
				terms = ""
				for (k = int(rand() * 6) + 2; k > 0; k--)
					terms = terms (terms == "" ? "" : " ") \
					    V[int(rand() * rand() * 2000) + 1]
			}
			dg = i > 20 && rand() < 0.1 ? i - int(rand() * 20) - 1 : i
			printf "%d\tOdpowiedź mieszkańca numer %d: %s\t%s\t%s\t" \
			    "%s\t%.3f\t%d\t1\tunique\t%s\t%s\t%.3f\n", i, i, terms,
			    terms, D[int(rand() * nd) + 1], A[int(rand() * na) + 1],
			    0.4 + rand() * 1.8, dg, m, th, rand()
		}
	}' >"$f"
}

# best N CMD...: the best wall time (seconds, from date +%s%N, so finer
# than /usr/bin/time's hundredths), the best CPU time (user + system) and
# the peak RSS (KB) of N runs.  The machine is shared, so the CPU time is
# the steadier figure.
best() {
	n=$1
	shift
	bt= bc= bm=0
	i=0
	while [ $i -lt "$n" ]; do
		t0=$(date +%s%N)
		/usr/bin/time -f '%M %U %S' -o "$tmp/time" sh -c "$*" \
		    >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; return 1; }
		t1=$(date +%s%N)
		t=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
		read -r m u s <"$tmp/time"
		c=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
		if [ -z "$bt" ] || awk "BEGIN { exit !($t < $bt) }"; then
			bt=$t
		fi
		if [ -z "$bc" ] || awk "BEGIN { exit !($c < $bc) }"; then
			bc=$c
		fi
		[ "$m" -gt "$bm" ] && bm=$m
		i=$((i + 1))
	done
	echo "$bt $bc $bm"
}

ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		if (b > 0) printf "%.2f", a / b; else printf "n/a" }'
}

printf '%-9s %-30s %8s %7s %9s %7s %7s\n' answers run "wall s" "cpu s" \
    "peak KB" "÷mlr" "÷sort"
for n in 12000 1000000; do
	makeinput $n
	f=$tmp/c$n.tsv
	r=$repeat
	[ $n -ge 1000000 ] && r=1
	set -- $(best $r "mlr --tsv count-distinct -f theme '$f'")
	tm=$1 cm=$2 mm=$3
	set -- $(best $r "cut -f 10 '$f' | sort | uniq -c")
	ts=$1 cs=$2 ms=$3
	printf '%-9s %-30s %8s %7s %9s %7s %7s\n' $n "mlr count-distinct" $tm \
	    $cm $mm 1.00 "$(ratio $tm $ts)"
	printf '%-9s %-30s %8s %7s %9s %7s %7s\n' $n "cut | sort | uniq -c" \
	    $ts $cs $ms "$(ratio $ts $tm)" 1.00
	for run in "report: themes to stdout|" \
	    "report: all tables, 2 --by|-b district -b age -o $tmp/o$n" \
	    "report: html, -w, -d, 2 --by|-d -w weight -b district -b age -f html -o $tmp/h$n"; do
		name=${run%%|*}
		opts=${run#*|}
		set -- $(best $r "glosy-report $opts '$f'") || continue
		printf '%-9s %-30s %8s %7s %9s %7s %7s\n' $n "$name" $1 $2 \
		    $3 "$(ratio $1 $tm)" "$(ratio $1 $ts)"
	done
	# Sharded: the partial of the whole stream (--partial), then the
	# stream in four shards, each reduced to a partial, and their merge
	# into all the tables (--merge), which is what one machine does when
	# others sent it their partials.
	rm -f "$tmp/s$n".*
	awk -v n=$((n / 4 + 1)) -v o="$tmp/s$n" 'NR == 1 { h = $0; next }
	{
		f = o "." int((NR - 2) / n) ".tsv"
		if (!(f in seen)) { print h > f; seen[f] = 1 }
		print > f
	}' "$f"
	set -- $(best $r "glosy-report --partial -b district -b age '$f' \
	    >'$tmp/p$n.part'") || continue
	printf '%-9s %-30s %8s %7s %9s %7s %7s\n' $n \
	    "report --partial, 2 --by" $1 $2 $3 "$(ratio $1 $tm)" \
	    "$(ratio $1 $ts)"
	for s in "$tmp/s$n".*.tsv; do
		glosy-report --partial -b district -b age "$s" >"$s.part" ||
		    continue 2
	done
	set -- $(best $r "glosy-report --merge -o '$tmp/m$n' '$tmp/s$n'.*.part")
	printf '%-9s %-30s %8s %7s %9s %7s %7s\n' $n \
	    "report --merge, 4 partials" $1 $2 $3 "$(ratio $1 $tm)" \
	    "$(ratio $1 $ts)"
	sizes="$sizes$(cat "$tmp/s$n".*.part | wc -c | awk -v n=$n \
	    -v a="$(wc -c <"$f")" -v b="$(wc -c <"$tmp/p$n.part")" '{
		printf "%s answers: stream %.1f MB, its partial %.2f MB " \
		    "(%.1f%%), 4 shard partials %.2f MB together\\n", n,
		    a / 1e6, b / 1e6, 100 * b / a, $1 / 1e6 }')"
done
printf %b "$sizes"
