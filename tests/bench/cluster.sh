#!/bin/sh
# tests/bench/cluster.sh - speed of glosy-cluster: 12,000 synthetic answers
# next to scikit-learn TF-IDF + k-means (same terms, same k) in the same
# run; growth with n and with K; one million answers fitted, and assigned
# with --apply.  Input comes from corpora/generate through the real chain
# (import | normalize | tokenize | stem); only glosy-cluster is timed.
top=${GLOSY_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
tmp=${BENCH_TMP:-$(mktemp -d)}
py=/usr/bin/python3
BIG=${CLUSTER_BENCH_BIG:-1000000}
gen=$top/corpora/generate
if [ ! -x "$gen" ]; then
	echo "skip cluster bench: corpora/generate is missing"
	exit 0
fi

terms() {
	# terms N FILE: N generated answers through the chain
	"$py" "$gen" "$1" 7 | glosy-import -q | glosy-normalize |
	    glosy-tokenize | glosy-stem >"$2"
}

# timed LABEL CMD...: prints wall and user seconds and peak RSS; the
# machine is shared, so user time is the fairer figure (kept in $tmp/last;
# wall time in $tmp/lastwall: glosy-cluster runs its restarts and the
# k-means assignments on every processor, so its wall time is the lower)
timed() {
	label=$1
	shift
	/usr/bin/time -f '%e %U %M' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" ||
	    { echo "$label: failed: $(tail -1 "$tmp/err")"; return 1; }
	set -- $(tail -1 "$tmp/time")
	printf '%-34s %7.2f s wall %7.2f s user %9d KB\n' "$label" "$1" "$2" "$3"
	echo "$2" >"$tmp/last"
	echo "$1" >"$tmp/lastwall"
}

# ratio LABEL USER WALL: against sklearn's ($s and $sw)
ratio() {
	printf '%s takes %.2f of the user time, %.2f of the wall time of sklearn (n_init=3)\n' \
	    "$1" "$(echo "$2 / $s" | bc -l)" "$(echo "$3 / $sw" | bc -l)"
}

terms 12000 "$tmp/12k"
echo "12,000 answers, K = 40 (automatic), 3 restarts"
timed "glosy-cluster" glosy-cluster -q "$tmp/12k"
g=$(cat "$tmp/last")
gw=$(cat "$tmp/lastwall")
# as the default pipeline runs it: the project codebook and the model file
timed "glosy-cluster -C themes -m (pipeline)" glosy-cluster -q \
    -C "$top/lexicons/pl/themes" -m "$tmp/m12k" "$tmp/12k"
gp=$(cat "$tmp/last")
gpw=$(cat "$tmp/lastwall")
# one fit instead of three: faster, but not the default (make eval moves
# within the spread between seeds, see glosy-cluster(1))
timed "glosy-cluster -r 1" glosy-cluster -q -r 1 "$tmp/12k"
g1=$(cat "$tmp/last")
g1w=$(cat "$tmp/lastwall")
if "$py" -c 'import sklearn' 2>/dev/null; then
	cat >"$tmp/sk.py" <<'PY'
import sys, time
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer
with open(sys.argv[1], encoding='utf-8') as f:
    h = f.readline().rstrip('\n').split('\t')
    c = h.index('terms')
    docs = [l.rstrip('\n').split('\t')[c] for l in f]
X = TfidfVectorizer(token_pattern=None, tokenizer=str.split,
                    lowercase=False).fit_transform(docs)
KMeans(n_clusters=int(sys.argv[2]), n_init=int(sys.argv[3]),
       random_state=1).fit(X)
PY
	timed "sklearn TF-IDF+k-means, n_init=3" "$py" "$tmp/sk.py" "$tmp/12k" 40 3
	s=$(cat "$tmp/last")
	sw=$(cat "$tmp/lastwall")
	timed "sklearn TF-IDF+k-means, n_init=10" "$py" "$tmp/sk.py" "$tmp/12k" 40 10
	ratio glosy-cluster "$g" "$gw"
	ratio "glosy-cluster (pipeline)" "$gp" "$gpw"
	ratio "glosy-cluster -r 1" "$g1" "$g1w"
fi

echo
echo "growth with K (n = 12,000, -k K):"
for k in 10 20 40 80 160; do
	timed "  K = $k" glosy-cluster -q -k "$k" "$tmp/12k"
done

echo
echo "growth with n (K = 40):"
terms 100000 "$tmp/100k"
for n in 25000 50000 100000; do
	head -n $((n + 1)) "$tmp/100k" >"$tmp/n"
	timed "  n = $n" glosy-cluster -q "$tmp/n"
done

echo
echo "$BIG answers (K = 40):"
terms "$BIG" "$tmp/big"
timed "  fit (automatic: 1 restart, 20 sweeps)" glosy-cluster -q -m "$tmp/model" \
    "$tmp/big"
timed "  fit, -r 3" glosy-cluster -q -r 3 "$tmp/big"
timed "  --apply (streams)" glosy-cluster -a "$tmp/model" "$tmp/big"
rm -f "$tmp/big" "$tmp/100k" "$tmp/n" "$tmp/12k" "$tmp/m12k"
