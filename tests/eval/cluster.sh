#!/bin/sh
# tests/eval/cluster.sh - quality of glosy-cluster: NMI and ARI against gold
# labels, next to scikit-learn TF-IDF + k-means on the same terms with the
# same k, computed in the same run (tests/eval/cluster-baseline.py), and
# the reference figures of ../shared/corpora/README.md.
#
# Polish sets go through glosy-import | glosy-normalize | glosy-tokenize |
# glosy-stem (the sample of survey answers, some in English, Russian or
# Ukrainian, with --lang auto as in pipeline/default); the STTM sets are
# already lower-cased and stopword-filtered, so their text is fed as
# terms.  k is the number of gold labels.
# Environment: CLUSTER_ARGS (extra options), TERMS_COLUMN (default terms),
# NOCONTENT (nocontent lexicon for the Polish sets), EVAL_SETS (names to
# run, default all), EVAL_SEEDS (default "1 2 3": runs averaged, since a
# single seed moves NMI by up to +-0.02 on the small sets).
top=${GLOSY_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
data=$top/../shared/corpora
py=/usr/bin/python3
base=$top/tests/eval/cluster-baseline.py
col=${TERMS_COLUMN:-terms}
seeds=${EVAL_SEEDS:-1 2 3}
if [ ! -d "$data" ]; then
	echo "skip cluster eval: $data is absent"
	exit 0
fi
if ! $py -c 'import sklearn' 2>/dev/null; then
	echo "skip cluster eval: $py has no sklearn (apt install python3-sklearn)"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
nc=
[ -n "$NOCONTENT" ] && nc="-n $NOCONTENT"

want() {
	case " ${EVAL_SETS:-$1} " in *" $1 "*) return 0 ;; esac
	return 1
}

# run NAME FILE GOLDCOL NOCONTENT-OPTION REFERENCE TARGET
run() {
	# The sample's gold holds several ids, main first.
	k=$(awk -F'\t' -v c="$3" 'NR == 1 { for (i = 1; i <= NF; i++)
	    if ($i == c) g = i; next } { v = $g; if (c == "gold")
	    sub(/ .*/, "", v); if (!(v in s)) { s[v]; n++ } }
	    END { print n }' "$2")
	n=$(($(wc -l <"$2") - 1))
	outs=
	t=0
	for seed in $seeds; do
		t0=$(date +%s.%N)
		# shellcheck disable=SC2086
		glosy-cluster -q -c "$col" -k "$k" -s "$seed" $4 $CLUSTER_ARGS \
		    "$2" >"$tmp/out.$seed" || return 1
		t1=$(date +%s.%N)
		t=$(echo "$t + $t1 - $t0" | bc)
		outs="$outs $tmp/out.$seed"
	done
	cp "$tmp/out.${seeds%% *}" "$tmp/out"
	# shellcheck disable=SC2086
	set -- "$1" "$5" "$6" $($py "$base" "$k" "$3" $outs) \
	    "$(echo "$t / $(echo $seeds | wc -w)" | bc -l)"
	# $4 NMI $5 ARI $6 min $7 max $8 base NMI $9 base ARI ${10} base s
	# ${11} glosy s
	verdict=ok
	if [ "$(echo "$4 < $3" | bc)" = 1 ] ||
	    [ "$(echo "$4 <= $8" | bc)" = 1 ]; then
		verdict=BELOW
	fi
	printf '%-15s %6d %4d  %5.3f %5.3f %5.3f-%5.3f %6.2fs  %5.3f %6.3f %6.2fs  %5s %5s  %s\n' \
	    "$1" "$n" "$k" "$4" "$5" "$6" "$7" "${11}" "$8" "$9" "${10}" \
	    "$2" "$3" "$verdict"
}

# polish NAME SOURCE [ID-PREFIX-REGEX]: runs the chain, keeps one block
polish() {
	glosy-import -q -t text "$2" | glosy-normalize | glosy-tokenize |
	    glosy-stem >"$tmp/$1.all" || return 1
	if [ -n "$3" ]; then
		awk -F'\t' -v re="$3" 'NR == 1 || $1 ~ re' "$tmp/$1.all" \
		    >"$tmp/$1"
	else
		mv "$tmp/$1.all" "$tmp/$1"
	fi
}

sttm() {
	awk -F'\t' 'BEGIN { OFS = "\t" } NR == 1 { print "id", "terms",
	    "tokens", "label"; next } { print $1, $3, $3, $2 }' \
	    "$data/sttm/$1.tsv" >"$tmp/$1"
}

echo "cluster quality: NMI/ARI against gold, k = number of gold labels"
echo "glosy: mean over seeds $seeds (NMI range), time per run;" \
    "sklearn: one run, n_init=10"
printf '%-15s %6s %4s  %-37s  %-21s  %5s %5s\n' set n k \
    "glosy NMI ARI NMI-range time" "sklearn NMI ARI time" ref target
pb=$data/polish/pb_titles.tsv
if want waw-2017-25; then
	polish waw "$pb" '^waw-20(1[7-9]|2[0-5])' &&
	    run waw-2017-25 "$tmp/waw" label "$nc" 0.214 0.264
fi
if want waw-2026; then
	polish w26 "$pb" '^waw-2026' &&
	    run waw-2026 "$tmp/w26" label "$nc" 0.150 0.200
fi
if want krk; then
	polish krk "$pb" '^krk-' && run krk "$tmp/krk" label "$nc" 0.118 0.168
fi
if want ktw; then
	polish ktw "$pb" '^ktw-' && run ktw "$tmp/ktw" label "$nc" 0.196 0.246
fi
if want 8tags; then
	polish et "$data/polish/eighttags.tsv" &&
	    run 8tags "$tmp/et" label "$nc" 0.236 0.286
fi
if want sib200; then
	polish sib "$data/polish/sib200.tsv" &&
	    run sib200 "$tmp/sib" label "$nc" 0.067 0.117
fi
if want sample && [ -f "$top/corpora/sample.csv" ]; then
	glosy-import -q "$top/corpora/sample.csv" | glosy-normalize |
	    glosy-tokenize | glosy-stem --lang auto >"$tmp/sample" &&
	    run sample "$tmp/sample" gold "$nc" - 0
	# Guided by the project codebook (its themes are the gold's ids).
	[ -f "$top/lexicons/pl/themes" ] &&
	    run sample+codebook "$tmp/sample" gold \
	    "$nc -C $top/lexicons/pl/themes" - 0 &&
	    $py - $outs <<'PY'
import sys
# Several themes per answer: `themes` against the gold ids, micro-averaged
# within a run, then the mean over the runs (one per seed), and the range
# of F1: one seed alone moves it by +-0.01.
runs = []
for path in sys.argv[1:]:
    with open(path, encoding='utf-8') as f:
        h = f.readline().rstrip('\n').split('\t')
        g, t = h.index('gold'), h.index('themes')
        tp = fp = fn = n = m = 0
        for line in f:
            x = line.rstrip('\n').split('\t')
            G, T = set(x[g].split()), set(x[t].split())
            tp += len(G & T); fp += len(T - G); fn += len(G - T)
            n += len(T); m += 1
    p, r = tp / (tp + fp), tp / (tp + fn)
    runs.append((n / m, p, r, 2 * p * r / (p + r)))
k = len(runs)
mean = [sum(x[i] for x in runs) / k for i in range(4)]
f1 = [x[3] for x in runs]
print('  sample+codebook themes: %.2f an answer, precision %.3f, '
      'recall %.3f, F1 %.3f (%.3f-%.3f)' % (*mean, min(f1), max(f1)))
PY
fi
for s in tweet:0.827 googlenews:0.856 stackoverflow:0.645; do
	name=${s%:*}
	want "$name" || continue
	sttm "$name" && run "$name" "$tmp/$name" label "-n /dev/null" \
	    "${s#*:}" "${s#*:}"
done
echo "ref: best reference NMI (README); target: ref + 0.05 for the Polish"
echo "sets, ref for STTM; ok = mean NMI >= target and above the same-run sklearn"
