# The same CR-only CSV compressed with gzip reads the same.
tmp=${TMPDIR:-/tmp}/glosy-import-cr-gz.$$
glosy-import --rejects "$tmp" mac.csv.gz 2>&1
echo "exit $?"
cat "$tmp"
rm -f "$tmp"
