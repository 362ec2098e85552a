# -f more than once with -o: one reading, every format's files in the
# directory, each the same as from a run of its own; without -o it is a
# usage error.
d=$(mktemp -d) || exit 1
trap 'rm -rf "$d"' EXIT
for f in tsv md html csv; do
	glosy-report -b district -c 0 -k 2 -f $f -o "$d/one" tiny.tsv || exit 1
done
glosy-report -b district -c 0 -k 2 -f html -f tsv -f md -f csv -f html \
    -o "$d/all" tiny.tsv || exit 1
diff -r "$d/one" "$d/all" && echo "the same files as four runs"
ls "$d/all" | sort | tr '\n' ' '
echo
glosy-report -f html -f tsv tiny.tsv
echo "exit $?"
