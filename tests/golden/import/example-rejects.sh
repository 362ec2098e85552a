# glosy-import(1) EXAMPLES: a compressed windows-1250 export whose answer
# column is Q12, keeping the rejected rows.
tmp=${TMPDIR:-/tmp}/glosy-import-example.$$
glosy-import -t Q12 -r "$tmp" survey.csv.gz >/dev/null
echo "exit $?"
cut -f 1,2 "$tmp"
rm -f "$tmp"
