# A repeated id rejects the later row, naming the line of the first; with
# --rejects the rejects are saved and the exit is 0.  Ids are compared byte
# for byte (case and spaces count), after TSV escapes are undone; a long id
# is cut short in the reason.  Rows with a generated id never repeat.
tmp=${TMPDIR:-/tmp}/glosy-import-dup.$$
glosy-import --rejects "$tmp" dup-ids.csv 2>&1
echo "exit $?"
cat "$tmp"
glosy-import --rejects "$tmp" dup-ids.tsv 2>&1
echo "exit $?"
cat "$tmp"
glosy-import --id nr --rejects "$tmp" dup-long.csv 2>&1
echo "exit $?"
cat "$tmp"
glosy-import -q -t 1 dup-long.csv 2>&1
echo "exit $?"
rm -f "$tmp"
