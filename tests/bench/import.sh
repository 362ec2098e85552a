#!/bin/sh
# tests/bench/import.sh - glosy-import throughput on a large generated CSV,
# UTF-8 and windows-1250, against baselines measured in the same run on the
# same files: cat (reading), wc -l (a memchr scan) and iconv (conversion);
# then the same UTF-8 rows with CR-only line ends (classic Mac OS) and with
# no id column (generated ids, so no set of ids to keep), against the
# UTF-8 run.
# Size: BENCH_IMPORT_MB (default 200) megabytes of CSV, about 10,000 rows
# a megabyte.
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
# The answers hold no line breaks, so dropping every LF leaves CR-only.
cr=$tmp/import-bench-cr.csv
noid=$tmp/import-bench-noid.csv
tr -d '\n' <"$utf" >"$cr" || exit 1
sed '1s/^id;/nr;/' <"$utf" >"$noid" || exit 1

size=$(wc -c <"$utf")
csize=$(wc -c <"$cp")

# Prints "wall cpu": the seconds of the run with the shortest wall time
# of three, and its user+system CPU seconds (less sensitive to a loaded
# machine).
best() {
	b=
	for i in 1 2 3; do
		/usr/bin/time -f '%e %U %S' -o "$tmp/import-bench.time" "$@" \
		    >/dev/null 2>&1
		t=$(tail -1 "$tmp/import-bench.time")
		w=${t%% *}
		if [ -z "$b" ] || awk -v a="$w" -v b="${b%% *}" \
		    'BEGIN { exit !(a < b) }'; then
			b="$w $(echo "$t" | awk '{ print $2 + $3 }')"
		fi
	done
	echo "$b"
}
mbs() {
	awk -v b="$1" -v t="$2" 'BEGIN { printf "%.1f", b / 1e6 / (t + 0.001) }'
}
# Prints one line: name, MB/s by wall and by CPU time.
show() {
	printf '  %-13s %7s MB/s wall (%s s), %7s MB/s CPU (%s s)\n' "$1" \
	    "$(mbs "$2" "${3%% *}")" "${3%% *}" "$(mbs "$2" "${3#* }")" "${3#* }"
}
ratio() {
	awk -v a="${1#* }" -v b="${2#* }" 'BEGIN { printf "%.2f", a / (b + 0.001) }'
}

echo "load average: $(cut -d ' ' -f 1-3 /proc/loadavg)"
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
	show glosy-import "$sz" "$t_imp"
	show cat "$sz" "$t_cat"
	show "wc -l" "$sz" "$t_wc"
	show iconv "$sz" "$t_conv"
	echo "  CPU time of glosy-import relative to: iconv $(ratio "$t_imp" "$t_conv")x," \
	    "wc -l $(ratio "$t_imp" "$t_wc")x, cat $(ratio "$t_imp" "$t_cat")x"
	/usr/bin/time -f "  glosy-import: %e s %M KB peak RSS" \
	    glosy-import -q "$file" 2>&1 >/dev/null
done
t_utf=$(best glosy-import -q "$utf")
t_cr=$(best glosy-import -q "$cr")
t_noid=$(best glosy-import -q "$noid")
echo "utf8 variants: $(($(wc -l <"$utf") - 1)) rows"
show "CR-only" "$(wc -c <"$cr")" "$t_cr"
show "no id column" "$size" "$t_noid"
echo "  CPU time relative to the CRLF file with ids: CR-only" \
    "$(ratio "$t_cr" "$t_utf")x, no id column $(ratio "$t_noid" "$t_utf")x"
/usr/bin/time -f "  glosy-import, no id column: %e s %M KB peak RSS" \
    glosy-import -q "$noid" 2>&1 >/dev/null
rm -f "$cr" "$noid"
