# --keep DIR saves every stream between two stages, and ${work} files.
. ./standins
cd "$d" || exit 99
./glosy run -p test.pipeline --keep kept -o rep in.tsv; echo "exit $?"
ls kept
for f in kept/*; do echo "== $f"; cat "$f"; done
echo "== rep/index.html"; cat rep/index.html
