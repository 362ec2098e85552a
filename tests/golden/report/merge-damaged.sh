# A damaged partial is an error naming the file and line: a bad count, an
# unknown record, a bad exact sum, a partial cut short (no 'end', or an end
# that counts more records), a stream that is no partial, and a partial
# read without --merge.
d=$(mktemp -d) || exit 1
trap 'rm -rf "$d"' EXIT
glosy-report --partial -w w -b district tiny.tsv >"$d/p" || exit 1
cd "$d" || exit 1
sed '4s/\t29\t/\t-3\t/' p >count.part
glosy-report --merge count.part
echo "exit $?"
sed '3s/^by/bye/' p >key.part
glosy-report --merge key.part
echo "exit $?"
sed '4s/\t0x[0-9a-f]*p/\t0x12pp/' p >sum.part
glosy-report --merge sum.part
echo "exit $?"
sed '$d' p >cut.part
glosy-report --merge cut.part
echo "exit $?"
cat cut.part p | glosy-report --merge
echo "exit $?"
sed '6d' p >short.part
glosy-report --merge short.part
echo "exit $?"
head -1 p >empty.part
glosy-report --merge empty.part
echo "exit $?"
glosy-report --merge "$OLDPWD/tiny.tsv" 2>&1 | sed 's|/.*/tiny|tiny|'
glosy-report p
echo "exit $?"
exit 0
