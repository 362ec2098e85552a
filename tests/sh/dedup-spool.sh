#!/bin/sh
# dedup-spool.sh - glosy-dedup on an input larger than the bytes of lines it
# keeps in memory (GLOSY_DEDUP_MEM, here 1 MB of 6 MB), so that the lines go
# to a temporary file: the output is that of a run in memory and that of the
# path that always uses the file (a dup_sketch column), no file is left in
# $TMPDIR, and a temporary file that cannot be made or written is an error
# (exit 1) with no record on stdout.
top=${GLOSY_TOP:?}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
if [ ! -x "$top/bin/glosy-dedup" ]; then
	echo "not ok dedup-spool: bin/glosy-dedup is not built"
	exit 0
fi
mkdir "$tmp/t"

# 20,000 rows of 300 bytes: 6 MB, every fifth row a copy of an earlier one.
LC_ALL=C awk 'BEGIN {
	print "id\tnote\ttokens"
	pad = sprintf("%240s", "")
	gsub(/ /, "x", pad)
	for (i = 1; i <= 20000; i++) {
		k = i % 5 == 0 ? int(i / 7) : i
		printf "r%d\t%s\tzieleń %d park %d ławki %d\n", i, pad,
		    k, k * 3, k % 11
	}
}' >"$tmp/in.tsv"

GLOSY_DEDUP_MEM=1000000
export GLOSY_DEDUP_MEM
if TMPDIR=$tmp/t glosy-dedup "$tmp/in.tsv" >"$tmp/one" 2>"$tmp/err"; then
	echo "ok dedup-spool: 6 MB through the temporary file"
else
	echo "not ok dedup-spool: exit $?: $(head -2 "$tmp/err")"
fi
rows=$(($(wc -l <"$tmp/one") - 1))
[ "$rows" -eq 20000 ] && echo "ok dedup-spool: 20000 rows out" ||
	echo "not ok dedup-spool: $rows rows out, not 20000"
exact=$(cut -f6 "$tmp/one" | grep -c '^exact$')
[ "$exact" -gt 3000 ] && echo "ok dedup-spool: $exact exact duplicates" ||
	echo "not ok dedup-spool: $exact exact duplicates"
for mem in "" 0; do
	GLOSY_DEDUP_MEM=$mem TMPDIR=$tmp/t glosy-dedup "$tmp/in.tsv" \
	    >"$tmp/two" 2>"$tmp/err"
	if cmp -s "$tmp/one" "$tmp/two"; then
		echo "ok dedup-spool: the same bytes with" \
		    "GLOSY_DEDUP_MEM '$mem'"
	else
		echo "not ok dedup-spool: GLOSY_DEDUP_MEM '$mem' differs:" \
		    "$(head -2 "$tmp/err")"
	fi
done
glosy-dedup --sketch "$tmp/in.tsv" >"$tmp/sk" &&
    TMPDIR=$tmp/t glosy-dedup "$tmp/sk" >"$tmp/two" 2>"$tmp/err"
if cmp -s "$tmp/one" "$tmp/two"; then
	echo "ok dedup-spool: the same bytes as through the sketch path"
else
	echo "not ok dedup-spool: the outputs differ: $(head -2 "$tmp/err")"
fi
left=$(ls "$tmp/t" | wc -l)
[ "$left" -eq 0 ] && echo "ok dedup-spool: no temporary file left" ||
	echo "not ok dedup-spool: $left files left in TMPDIR"

TMPDIR=$tmp/none glosy-dedup "$tmp/in.tsv" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 1 ] && [ "$(wc -l <"$tmp/out")" -le 1 ] &&
    grep -q "cannot create a temporary file in '$tmp/none'" "$tmp/err"; then
	echo "ok dedup-spool: no TMPDIR, exit 1, no record out"
else
	echo "not ok dedup-spool: no TMPDIR: exit $rc, $(head -1 "$tmp/err")"
fi

# The size limit makes write(2) fail with EFBIG once SIGXFSZ is ignored;
# stdout is a pipe, which the limit does not touch.
(
	trap '' XFSZ
	ulimit -f 2000 2>/dev/null || exit 3
	TMPDIR=$tmp/t glosy-dedup "$tmp/in.tsv" 2>"$tmp/err"
	echo "exit $?" >"$tmp/rc"
) | wc -l >"$tmp/lines"
if [ ! -f "$tmp/rc" ]; then
	echo "skip dedup-spool: write error: ulimit -f is not available"
elif [ "$(cat "$tmp/rc")" = "exit 1" ] &&
    [ "$(cat "$tmp/lines")" -le 1 ] &&
    grep -q "cannot write the temporary file" "$tmp/err"; then
	echo "ok dedup-spool: a write error on the file, exit 1, no record out"
else
	echo "not ok dedup-spool: write error: $(cat "$tmp/rc"), $(cat \
	    "$tmp/lines") lines, $(head -1 "$tmp/err")"
fi

GLOSY_DEDUP_MEM=lots glosy-dedup "$tmp/in.tsv" >/dev/null 2>"$tmp/err"
rc=$?
if [ $rc -eq 1 ] && [ "$(cat "$tmp/err")" = \
    "glosy-dedup: GLOSY_DEDUP_MEM: 'lots' is invalid" ]; then
	echo "ok dedup-spool: a bad GLOSY_DEDUP_MEM is an error"
else
	echo "not ok dedup-spool: GLOSY_DEDUP_MEM=lots: exit $rc, $(cat \
	    "$tmp/err")"
fi
