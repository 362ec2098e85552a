#!/bin/sh
# tests/bench/import.sh - glosy-import throughput on a large generated CSV,
# UTF-8 and windows-1250, against baselines measured in the same run on the
# same files: cat (reading), wc -l (a memchr scan) and iconv (conversion).
# Size: BENCH_IMPORT_MB (default 200) megabytes of CSV.
top=${GLOSY_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
tmp=${BENCH_TMP:-/tmp}
mb=${BENCH_IMPORT_MB:-200}
utf=$tmp/import-bench.csv
cp=$tmp/import-bench-cp1250.csv
PATH=$top/bin:$PATH
export LC_ALL=C

# Survey-like rows: an id, a district, an age group, a free-text answer of
# a few clauses (some quoted, with ';' or doubled quotes inside) and a gold
# column, in ';'-separated UTF-8 with CRLF, as Excel writes it.
if [ ! -s "$utf" ] || [ "$(wc -c <"$utf")" -lt $((mb * 1000000)) ]; then
	awk -v bytes=$((mb * 1000000)) 'BEGIN {
		srand(7)
		n = split("Śródmieście|Wola|Bemowo|Żoliborz|Praga Północ|" \
		    "Ursynów|Białołęka|Nowe Osiedle", dist, "|")
		m = split("Więcej zieleni i drzew w centrum|" \
		    "ścieżki rowerowe do szkół|tańsze mieszkania dla młodych|" \
		    "mniej samochodów, więcej tramwajów|czyste ulice i chodniki|" \
		    "Żeby miasto było bezpieczne wieczorem|" \
		    "lepsza komunikacja z osiedlami|" \
		    "parki, ławki i place zabaw dla dzieci|" \
		    "więcej miejsc w żłobkach i przedszkolach|" \
		    "dostępne przychodnie dla seniorów|" \
		    "koncerty, kino letnie i biblioteka|" \
		    "praca w mieście, a nie dojazdy do stolicy|" \
		    "źle zaplanowane parkingi; trzeba to zmienić|" \
		    "wiecej zieleni mniej betonu|" \
		    "budżet obywatelski który naprawdę działa", ans, "|")
		print "id;district;age;answer;gold\r"
		size = 0
		for (i = 1; size < bytes; i++) {
			k = 1 + int(rand() * 4)
			a = ""
			for (j = 0; j < k; j++)
				a = a (j ? ". " : "") ans[1 + int(rand() * m)]
			if (a ~ /[;,]/)
				a = "\"" a "\""
			else if (rand() < 0.05)
				a = "\"" a " \"\"naprawdę\"\"\""
			line = sprintf("R%07d;%s;%d-%d;%s;green transport\r", \
			    i, dist[1 + int(rand() * n)], 18 + 10 * (i % 6), \
			    27 + 10 * (i % 6), a)
			print line
			size += length(line) + 1
		}
	}' >"$utf"
fi
iconv -f UTF-8 -t WINDOWS-1250 <"$utf" >"$cp" || exit 1

size=$(wc -c <"$utf")
csize=$(wc -c <"$cp")

# Prints the seconds one run took (the best of three).
best() {
	b=
	for i in 1 2 3; do
		/usr/bin/time -f '%e' -o "$tmp/import-bench.time" "$@" \
		    >/dev/null 2>&1
		t=$(tail -1 "$tmp/import-bench.time")
		if [ -z "$b" ] || [ "$(echo "$t < $b" | bc)" = 1 ]; then b=$t; fi
	done
	echo "$b"
}
mbs() {
	echo "scale=1; $1 / 1000000 / ($2 + 0.001)" | bc
}

for f in utf8 cp1250; do
	if [ $f = utf8 ]; then file=$utf; sz=$size; else file=$cp; sz=$csize; fi
	t_imp=$(best glosy-import -q "$file")
	t_cat=$(best cat "$file")
	t_wc=$(best wc -l "$file")
	if [ $f = utf8 ]; then
		t_conv=$(best iconv -f UTF-8 -t UTF-8 "$file")
	else
		t_conv=$(best iconv -f WINDOWS-1250 -t UTF-8 "$file")
	fi
	echo "$f: $sz bytes"
	echo "  glosy-import $(mbs "$sz" "$t_imp") MB/s ($t_imp s)"
	echo "  cat          $(mbs "$sz" "$t_cat") MB/s ($t_cat s)"
	echo "  wc -l        $(mbs "$sz" "$t_wc") MB/s ($t_wc s)"
	echo "  iconv        $(mbs "$sz" "$t_conv") MB/s ($t_conv s)"
	echo "  ratio glosy-import/iconv $(echo "scale=2; $t_conv / ($t_imp + 0.001)" | bc)," \
	    "glosy-import/wc -l $(echo "scale=2; $t_wc / ($t_imp + 0.001)" | bc)"
	/usr/bin/time -f "  glosy-import: %e s %M KB peak RSS" \
	    glosy-import -q "$file" >/dev/null
done
