# A write error on the temporary file (here: the file size limit, with
# SIGXFSZ ignored so that write(2) fails with EFBIG) is an error, exit 1,
# with nothing on stdout rather than a truncated stream.
t=$(mktemp -d) || exit 1
trap 'rm -rf "$t"' EXIT
trap '' XFSZ
awk 'BEGIN { print "id\ttokens"
	for (i = 1; i <= 2000; i++) print "r" i "\tzieleń drzewa park " i }' |
    glosy-dedup --sketch >"$t/in" || exit 1
(ulimit -f 16 && GLOSY_DEDUP_MEM=0 TMPDIR=$t glosy-dedup "$t/in" 2>"$t/err" >"$t/out.tsv"
echo "exit $?")
wc -c <"$t/out.tsv"
sed "s|$t|TMP|" "$t/err"
ls "$t"
