# snapshot.sh - sourced by benchmarks: sets $tmp to a scratch directory
# named $1 (under $BENCH_TMP when set, else a fresh one removed at exit),
# copies bin/, lexicons/ and pipeline/ into it and puts that bin/ first on
# PATH, so that every figure of one run comes from one build even if the
# tree is rebuilt meanwhile.
if [ -n "$BENCH_TMP" ]; then
	tmp=$BENCH_TMP/$1
	mkdir -p "$tmp"
else
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
fi
rm -rf "$tmp/snap"
mkdir -p "$tmp/snap"
cp -r "$top/bin" "$top/lexicons" "$top/pipeline" "$tmp/snap/" || exit 1
unset GLOSY_DATADIR
PATH=$tmp/snap/bin:$PATH
export PATH
