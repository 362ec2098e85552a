#!/bin/sh
# normalize.sh - throughput of glosy-normalize | glosy-tokenize on a large
# corpus of made-up Polish survey answers, against a naive lower-and-split
# with tr(1) in the same run.  BENCH_MB sets the corpus size (default 120).
# Prints MB/s, the time ratio to tr, and time and peak RSS of each stage.
: "${BENCH_TMP:?}"
mb=${BENCH_MB:-120}
in=$BENCH_TMP/normalize-answers.tsv
norm=$BENCH_TMP/normalize-norm.tsv
t=$BENCH_TMP/normalize-time

# The generator: answers built from phrases of this script, perturbed the
# way real answers are (capitals, shouting, repeated punctuation, e-mail
# addresses, phone numbers, amounts, emoji, no Polish letters).
if [ ! -s "$in" ] || [ "$(wc -c <"$in")" -lt $((mb * 1000000)) ]; then
	awk -v mb="$mb" 'BEGIN {
	n = split("Chciałbym, żeby miasto było bardziej zielone|" \
	    "więcej ścieżek rowerowych i bezpieczne przejścia dla pieszych|" \
	    "Tramwaj na Gocław i częstsze autobusy nocne|" \
	    "mniej samochodów w centrum, więcej drzew i ławek|" \
	    "tańsze mieszkania dla młodych rodzin|" \
	    "żłobki, przedszkola i dobre szkoły blisko domu|" \
	    "Czyste chodniki, kosze na śmieci i toalety w parkach|" \
	    "parkingi przy stacjach metra – park&ride|" \
	    "kultura: kino plenerowe, koncerty, biblioteki otwarte do 22|" \
	    "nie wiem|brak zdania|" \
	    "Bezpieczeństwo nocą, więcej straży miejskiej|" \
	    "miasto przyjazne seniorom, windy i niskopodłogowe autobusy|" \
	    "ZIELEŃ ZAMIAST BETONU!!!|" \
	    "rewitalizacja Pragi, remont ul. Ząbkowskiej|" \
	    "budżet obywatelski powinien mieć więcej pieniędzy|" \
	    "mniej hałasu, ciszej na osiedlach|" \
	    "lepsza jakość powietrza, walka ze smogiem|" \
	    "chcialbym zeby bylo czysciej i wiecej zieleni|" \
	    "„Zielone miasto” – tak… to jest to|" \
	    "ścieżka rowerowa wzdłuż Wisły 🚲🌳|" \
	    "kontakt: jan.kowalski@example.com|" \
	    "proszę dzwonić 601 234 567|" \
	    "kosztuje 250 000 000 zł, za drogo|" \
	    "program 500+ i więcej miejsc pracy|" \
	    "Suuuuuper by było mieć basen na Bielanach|" \
	    "Żółw, łódź, źdźbło – ŻÓŁĆ i GĘŚLĄ JAŹŃ", ph, "|")
	srand(2030)
	target = mb * 1000000
	for (id = 1; size < target; id++) {
		k = 1 + int(rand() * 4)
		line = ""
		for (j = 0; j < k; j++) {
			p = ph[1 + int(rand() * n)]
			r = rand()
			if (r < 0.05)
				p = toupper(p)
			else if (r < 0.10)
				p = p "!!!"
			else if (r < 0.13)
				p = p " :) " id
			line = line (j ? ". " : "") p
		}
		line = id "\t" line "\tdzielnica" (id % 18)
		print line
		size += length(line) + 1
	}
	}' </dev/null | { printf 'id\ttext\tdistrict\n'; cat; } >"$in"
fi
size=$(wc -c <"$in")
cut -f2 "$in" >"$BENCH_TMP/normalize-text"
tsize=$(wc -c <"$BENCH_TMP/normalize-text")


# Each figure: elapsed seconds, CPU seconds (user+sys) and peak RSS.  The
# machine is shared, so CPU time is the steadier measure of the code.
run() {
	/usr/bin/time -f '%e %U %S %M' -o "$t" sh -c "$1" || exit 1
	awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$t"
}
set -- $(run "glosy-normalize '$in' >'$norm'")
nsecs=$1 ncpu=$2 nkb=$3
set -- $(run "glosy-tokenize '$norm' >/dev/null")
tsecs=$1 tcpu=$2 tkb=$3
set -- $(run "glosy-normalize '$in' | glosy-tokenize >/dev/null")
psecs=$1
set -- $(run "tr '[:upper:]' '[:lower:]' <'$BENCH_TMP/normalize-text' |
    tr -cs '[:alnum:]' '\\n' >/dev/null")
bsecs=$1 bcpu=$2

awk -v size="$size" -v tsize="$tsize" -v n="$nsecs" -v nc="$ncpu" \
    -v nk="$nkb" -v t="$tsecs" -v tc="$tcpu" -v tk="$tkb" -v p="$psecs" \
    -v b="$bsecs" -v bc="$bcpu" 'BEGIN {
	mb = size / 1e6
	printf "corpus: %.1f MB of records (%.1f MB of answer text)\n", mb,
	    tsize / 1e6
	printf "%-24s %7s %9s %7s %9s %10s\n", "", "elapsed", "MB/s", "CPU s",
	    "MB/s CPU", "peak RSS"
	printf "%-24s %6.2fs %9.1f %6.2fs %9.1f %7d KB\n", "glosy-normalize",
	    n, mb / n, nc, mb / nc, nk
	printf "%-24s %6.2fs %9.1f %6.2fs %9.1f %7d KB\n", "glosy-tokenize",
	    t, mb / t, tc, mb / tc, tk
	printf "%-24s %6.2fs %9.1f %6.2fs %9.1f\n", "normalize | tokenize",
	    p, mb / p, nc + tc, mb / (nc + tc)
	printf "%-24s %6.2fs %9.1f %6.2fs %9.1f\n", "tr lower | tr split",
	    b, mb / b, bc, mb / bc
	printf "normalize | tokenize: %.1f MB/s elapsed (target >= 30), " \
	    "%.1f MB/s of CPU time\n", mb / p, mb / (nc + tc)
	printf "ratio to tr (same run): %.1fx the elapsed time, %.1fx the CPU " \
	    "time\n", p / b, (nc + tc) / bc
}'
