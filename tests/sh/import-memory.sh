#!/bin/sh
# import-memory.sh - glosy-import streams: its peak memory on 300,000 rows
# is within 2 MB of its peak on 3,000 rows, in UTF-8 and windows-1250.
if [ ! -x /usr/bin/time ]; then
	echo "skip import-memory: no /usr/bin/time"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gen() {
	awk -v n="$1" 'BEGIN {
		print "id;district;answer"
		for (i = 1; i <= n; i++)
			printf "%d;Wola;\"Więcej zieleni; ścieżek\nrowerowych %d\"\r\n", i, i
	}'
}
gen 3000 >"$tmp/small.csv"
gen 300000 >"$tmp/big.csv"
for enc in utf-8 cp1250; do
	if [ $enc = cp1250 ]; then
		for f in small big; do
			iconv -f UTF-8 -t WINDOWS-1250 "$tmp/$f.csv" >"$tmp/x" &&
			    mv "$tmp/x" "$tmp/$f.csv"
		done
	fi
	for f in small big; do
		/usr/bin/time -f %M -o "$tmp/$f.rss" glosy-import -q "$tmp/$f.csv" \
		    >/dev/null
	done
	s=$(tail -1 "$tmp/small.rss")
	b=$(tail -1 "$tmp/big.rss")
	if [ "$b" -le $((s + 2048)) ]; then
		echo "ok import-memory $enc: peak $b KB on 300000 rows, $s KB on 3000"
	else
		echo "not ok import-memory $enc: peak $b KB on 300000 rows, $s KB on 3000"
	fi
done
