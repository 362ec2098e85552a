#!/bin/sh
# driver-progress.sh - on a terminal, glosy run shows each stage with its
# rows and time on stderr; off a terminal it shows nothing.  The terminal
# is script(1)'s pseudo-terminal; the stages are the golden stand-ins.
top=${GLOSY_TOP:?}
if ! command -v script >/dev/null; then
	echo "skip driver-progress: script(1) is not installed"
	exit 0
fi
cd "$top/tests/golden/glosy" || exit 1
. ./standins
cd "$d" || exit 1
script -qec "./glosy run -p test.pipeline -o rep in.tsv" /dev/null \
    >tty.txt 2>&1 </dev/null
rc=$?
tr '\r' '\n' <tty.txt | sed 's/\x1b\[K//g' >lines.txt
bad=
for s in import normalize tokenize stem dedup cluster; do
	grep -Eq "^glosy: $s +3 rows +[0-9]+\.[0-9]{2} s" lines.txt ||
		bad="$bad $s"
done
grep -Eq '^glosy: report +[0-9]+\.[0-9]{2} s' lines.txt || bad="$bad report"
if [ $rc -eq 0 ] && [ -z "$bad" ]; then
	echo "ok progress on a terminal: every stage with rows and time"
else
	echo "not ok progress on a terminal (exit $rc), missing:$bad"
fi
grep -q '^glosy: report written to rep/index.html' lines.txt &&
	echo "ok the last line says where the report is" ||
	echo "not ok no 'report written to' line"
./glosy run -p test.pipeline -o rep2 in.tsv 2>err.txt
if [ "$(cat err.txt)" = "glosy: report written to rep2/index.html" ]; then
	echo "ok no progress when stderr is not a terminal"
else
	echo "not ok progress off a terminal: $(head -2 err.txt | tr '\n' ' ')"
fi
script -qec "./glosy run -q -p test.pipeline -o rep3 in.tsv" /dev/null \
    >tty.txt 2>&1 </dev/null
[ ! -s tty.txt ] && echo "ok -q shows nothing on a terminal" ||
	echo "not ok -q on a terminal: $(head -c 80 tty.txt)"
