# A --by column with more than 1000 distinct values is an error naming it,
# and no report directory is made.
d=$(mktemp -d) || exit 1
trap 'rm -rf "$d"' EXIT
awk 'BEGIN { print "id\ttheme\tthemes\tzip"
	for (i = 1; i <= 1001; i++) printf "%d\tgreen\tgreen\t%05d\n", i, i }' |
    glosy-report -b zip -o "$d/report"
echo "exit $?"
[ -e "$d/report" ] && echo "report directory made"
exit 0
