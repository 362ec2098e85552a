# --rejects: rows that cannot be imported go to the file, a record stream
# with the columns line, reason and raw; the others go to stdout.  Rows read
# equal rows written plus rows rejected, and the exit is 0.
tmp=${TMPDIR:-/tmp}/glosy-import-rejects.$$
glosy-import --rejects "$tmp" messy.csv 2>&1
echo "exit $?"
cat "$tmp"
glosy-import --strict --rejects "$tmp" invalid-utf8.csv 2>&1
echo "exit $?"
cat "$tmp"
rm -f "$tmp"
