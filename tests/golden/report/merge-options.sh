# Partials made with different sums do not merge: the error names the file
# and both sets of options; so do options given to --merge that differ
# from the partial's.  Options that only shape the tables are refused with
# --partial.
d=$(mktemp -d) || exit 1
trap 'rm -rf "$d"' EXIT
glosy-report --partial -b district tiny.tsv >"$d/d.part" || exit 1
glosy-report --partial -b age -w w tiny.tsv >"$d/a.part" || exit 1
glosy-report --partial tiny.tsv >"$d/n.part" || exit 1
cd "$d" || exit 1
glosy-report --merge d.part a.part
echo "exit $?"
glosy-report --merge n.part d.part
echo "exit $?"
glosy-report --merge -b age d.part
echo "exit $?"
glosy-report --merge -b district -d d.part
echo "exit $?"
glosy-report --merge -b district d.part >/dev/null && echo "same options: ok"
glosy-report --partial -n 5 tiny.tsv
echo "exit $?"
exit 0
