# A CR-only CSV, as Excel for Mac saves "CSV (Macintosh)": CR ends a line,
# a CR or LF inside quotes is data, a CR LF still ends a line, and line
# numbers count CRs (the rejected row starts on line 5, since the quoted
# CR of row 1 takes a line and the LF of row 2 does not).
tmp=${TMPDIR:-/tmp}/glosy-import-cr-csv.$$
glosy-import --rejects "$tmp" mac.csv 2>&1
echo "exit $?"
cat "$tmp"
glosy-import --strict mac.csv 2>&1 >/dev/null
echo "exit $?"
rm -f "$tmp"
