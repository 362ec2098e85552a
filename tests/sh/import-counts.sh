#!/bin/sh
# import-counts.sh - glosy-import on a generated messy CSV: rows read equal
# rows written plus rows rejected, with and without --strict, and the
# counts agree with the output, the rejects file and the generator.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 2000 records of every kind: plain, quoted with ; and line breaks,
# doubled quotes, short rows, long rows with data and with empty extra
# fields, invalid UTF-8, empty answers, with blank lines (not rows) between.
# Then a stray quote: its first line is rejected and the 3 lines after it
# are read as rows.  The generator says how many rows it wrote.
awk -v out="$tmp/n" 'BEGIN {
	srand(11)
	print "id;district;age;answer;gold"
	for (i = 1; i <= 2000; i++) {
		k = int(rand() * 9)
		if (k == 0) print i ";Wola;30;zwykła odpowiedź;green"
		else if (k == 1) print i ";Wola;30;\"z ; średnikiem\nw dwóch liniach\";green"
		else if (k == 2) print i ";Wola;30;\"\"\"cytat\"\" i ŻÓŁW\";green"
		else if (k == 3) print i ";Wola;30"
		else if (k == 4) print i ";Wola;30;za;dużo;pól"
		else if (k == 5) print i ";Wola;30;puste pola na końcu;green;;"
		else if (k == 6) printf "%d;Wola;30;zły bajt \377 tu;green\n", i
		else if (k == 7) print i ";Wola;30;;"
		else { print i ";Bemowo;40;ścieżki rowerowe;cycling\r"; print "" }
	}
	print "2001;Wola;30;\"bez końca;green"
	print "2002;Wola;30;a;green"
	print "2003;Wola;30;b;green"
	print "2004;Wola;30;c;green"
	print 2004 >out
}' >"$tmp/messy.csv"
want=$(cat "$tmp/n")

check() {
	# $1: name; rest: options
	name=$1
	shift
	glosy-import "$@" --rejects "$tmp/rej" "$tmp/messy.csv" \
	    >"$tmp/out" 2>"$tmp/err"
	rc=$?
	set -- $(sed -n 's/^glosy-import: read \([0-9]*\) rows, wrote \([0-9]*\), rejected \([0-9]*\)$/\1 \2 \3/p' "$tmp/err")
	if [ $# -ne 3 ]; then
		echo "not ok $name: no counts line"
		return
	fi
	out=$(($(wc -l <"$tmp/out") - 1))
	rej=$(($(wc -l <"$tmp/rej") - 1))
	bad=$(awk -F '\t' 'NF != 5' "$tmp/out" | wc -l)
	if [ "$rc" = 0 ] && [ "$1" = "$want" ] && [ "$1" = $(($2 + $3)) ] &&
	    [ "$2" = "$out" ] && [ "$3" = "$rej" ] && [ "$bad" = 0 ] &&
	    [ "$3" -gt 0 ]; then
		echo "ok $name: read $1 = wrote $2 + rejected $3"
	else
		echo "not ok $name: rc $rc, read $1 (generated $want), wrote $2" \
		    "($out lines), rejected $3 ($rej lines), $bad bad rows"
	fi
}
check "import-counts lenient"
check "import-counts strict" --strict
check "import-counts strict utf-8" --strict -e utf-8
gzip -c "$tmp/messy.csv" >"$tmp/messy.gz"
mv "$tmp/messy.gz" "$tmp/messy.csv"
check "import-counts gzipped input" --format csv

# Without --rejects the rows rejected are reported one by one and the exit
# status is 1.
glosy-import "$tmp/messy.csv" >/dev/null 2>"$tmp/err"
rc=$?
n=$(grep -c 'row rejected$' "$tmp/err")
r=$(sed -n 's/.*rejected \([0-9]*\)$/\1/p' "$tmp/err")
if [ "$rc" = 1 ] && [ "$n" = "$r" ] && [ "$n" -gt 0 ]; then
	echo "ok import-counts without --rejects: $n reported, exit 1"
else
	echo "not ok import-counts without --rejects: rc $rc, $n reported," \
	    "$r counted"
fi
