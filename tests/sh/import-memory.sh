#!/bin/sh
# import-memory.sh - glosy-import streams.  With generated ids its peak
# memory on 300,000 rows is within 2 MB of its peak on 3,000 rows; with an
# id column it keeps the set of ids seen (to reject repeated ones), which
# must grow by less than 48 bytes a row for ids of 8 bytes (the set takes
# 13 bytes of arena and 8 to 21 bytes of table a row: 28 were measured).
# In UTF-8 and windows-1250.
if [ ! -x /usr/bin/time ]; then
	echo "skip import-memory: no /usr/bin/time"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
asan=
ldd "$(command -v glosy-import)" 2>/dev/null | grep -q libasan && asan=1
# gen ROWS IDHEADER: the header "id" makes the first column the ids.
gen() {
	awk -v n="$1" -v h="$2" 'BEGIN {
		print h ";district;answer"
		for (i = 1; i <= n; i++)
			printf "R%07d;Wola;\"Więcej zieleni; ścieżek\nrowerowych %d\"\r\n", i, i
	}'
}
for h in nr id; do
	gen 3000 $h >"$tmp/$h-small.csv"
	gen 300000 $h >"$tmp/$h-big.csv"
done
for enc in utf-8 cp1250; do
	if [ $enc = cp1250 ]; then
		for f in nr-small nr-big id-small id-big; do
			iconv -f UTF-8 -t WINDOWS-1250 "$tmp/$f.csv" >"$tmp/x" &&
			    mv "$tmp/x" "$tmp/$f.csv"
		done
	fi
	for f in nr-small nr-big id-small id-big; do
		/usr/bin/time -f %M -o "$tmp/$f.rss" \
		    glosy-import -q "$tmp/$f.csv" >"$tmp/$f.out"
	done
	s=$(tail -1 "$tmp/nr-small.rss")
	b=$(tail -1 "$tmp/nr-big.rss")
	what="import-memory $enc, generated ids:"
	what="$what peak $b KB on 300000 rows, $s KB on 3000"
	if [ "$b" -le $((s + 2048)) ]; then
		echo "ok $what"
	else
		echo "not ok $what"
	fi
	s=$(tail -1 "$tmp/id-small.rss")
	b=$(tail -1 "$tmp/id-big.rss")
	per=$(( (b - s) * 1024 / 297000 ))
	rows=$(($(wc -l <"$tmp/id-big.out") - 1))
	what="import-memory $enc, id column: $per bytes a row"
	what="$what ($b KB on 300000 rows, $s KB on 3000), $rows rows out"
	# AddressSanitizer pads every allocation: only the rows count then.
	if [ -n "$asan" ] && [ "$rows" -eq 300000 ]; then
		echo "skip $what: the bound is not for an ASan build"
	elif [ "$per" -lt 48 ] && [ "$rows" -eq 300000 ]; then
		echo "ok $what"
	else
		echo "not ok $what"
	fi
done
