#!/bin/sh
# stem-spool.sh - glosy-stem in its one-pass mode keeps the raw lines in a
# spool: in memory up to GLOSY_STEM_MEM bytes, then in a temporary file in
# $TMPDIR.  The output is the same, byte for byte, with the lines in memory
# (the default, 64 MB), all in the file (0) and crossing over (100000), with
# and without --lang auto and --explain; no file is left in $TMPDIR; a bad
# GLOSY_STEM_MEM is an error; a temporary file that cannot be made or
# written is an error (exit 1) with nothing on stdout.
# Inputs: the bundled sample and 3,000 generated answers (which repeat some
# answers, so rows are also matched against their first copy in the file),
# through glosy-import | glosy-normalize | glosy-tokenize.
top=${GLOSY_TOP:?}
if [ ! -f "$top/lexicons/pl/polish.dict" ]; then
	echo "skip stem-spool: no lexicons/pl/polish.dict (run make)"
	exit 0
fi
d=$(mktemp -d) || exit 1
trap 'rm -rf "$d"' EXIT
cd "$d" || exit 1
mkdir t

glosy-import -q "$top/corpora/sample.csv" | glosy-normalize |
    glosy-tokenize >in.tsv || { echo "not ok stem-spool: sample"; exit 0; }
if "$top/corpora/generate" 3000 1 >gen.csv 2>/dev/null; then
	glosy-import -q gen.csv | glosy-normalize --redact-text |
	    glosy-tokenize | sed 1d >>in.tsv
else
	echo "skip stem-spool on generated answers: corpora/generate failed"
fi

for opt in "" "--lang auto --explain"; do
	unset GLOSY_STEM_MEM
	TMPDIR=$d/t glosy-stem $opt in.tsv >one 2>err1
	for mem in 0 100000 ""; do
		GLOSY_STEM_MEM=$mem TMPDIR=$d/t glosy-stem $opt in.tsv \
		    >two 2>err2
		rc=$?
		if [ $rc -eq 0 ] && cmp -s one two && cmp -s err1 err2 &&
		    [ -s one ]; then
			echo "ok stem-spool: '$opt': the same bytes with" \
			    "GLOSY_STEM_MEM '$mem'"
		else
			echo "not ok stem-spool: '$opt': GLOSY_STEM_MEM" \
			    "'$mem' differs: exit $rc, $(head -2 err2)"
		fi
	done
done
rows=$(($(wc -l <two) - 1))
want=$(($(wc -l <in.tsv) - 1))
[ "$rows" -eq "$want" ] && echo "ok stem-spool: $rows rows out" ||
	echo "not ok stem-spool: $rows rows out, not $want"
left=$(ls t | wc -l)
[ "$left" -eq 0 ] && echo "ok stem-spool: no temporary file left" ||
	echo "not ok stem-spool: $left files left in TMPDIR"

GLOSY_STEM_MEM=0 TMPDIR=$d/none glosy-stem in.tsv >out 2>err
rc=$?
if [ $rc -eq 1 ] && [ ! -s out ] && [ "$(cat err)" = \
    "glosy-stem: cannot create a temporary file in '$d/none': No such file or directory" ]
then
	echo "ok stem-spool: no TMPDIR, exit 1, nothing out"
else
	echo "not ok stem-spool: no TMPDIR: exit $rc, $(wc -c <out) bytes" \
	    "out, $(head -1 err)"
fi

# The size limit makes write(2) fail with EFBIG once SIGXFSZ is ignored;
# stdout is a pipe, which the limit does not touch.
(
	trap '' XFSZ
	ulimit -f 200 2>/dev/null || exit 3
	GLOSY_STEM_MEM=1000 TMPDIR=$d/t glosy-stem in.tsv 2>err
	echo "exit $?" >rc
) | wc -c >bytes
if [ ! -f rc ]; then
	echo "skip stem-spool: write error: ulimit -f is not available"
elif [ "$(cat rc)" = "exit 1" ] && [ "$(cat bytes)" -eq 0 ] &&
    grep -q "^glosy-stem: cannot write the temporary file in '$d/t': " err
then
	echo "ok stem-spool: a write error on the file, exit 1, nothing out"
else
	echo "not ok stem-spool: write error: $(cat rc), $(cat bytes)" \
	    "bytes out, $(head -1 err)"
fi

for bad in lots -1 1e9; do
	GLOSY_STEM_MEM=$bad glosy-stem in.tsv >out 2>err
	rc=$?
	case $bad in
	-1)	why="too small" ;;
	*)	why=invalid ;;
	esac
	if [ $rc -eq 1 ] && [ ! -s out ] && [ "$(cat err)" = \
	    "glosy-stem: GLOSY_STEM_MEM: '$bad' is $why" ]; then
		echo "ok stem-spool: GLOSY_STEM_MEM '$bad' is an error"
	else
		echo "not ok stem-spool: GLOSY_STEM_MEM=$bad: exit $rc," \
		    "$(cat err)"
	fi
done
