#!/bin/sh
# report-miller.sh - glosy-report's counts and shares agree with an
# independent computation by Miller (mlr) and GNU datamash on the same
# synthetic stream: mentions, main themes, shares, Wilson bounds, weighted
# counts, --dedup, the cross-tabulation by district and term frequencies.
top=${GLOSY_TOP:?}
if ! command -v mlr >/dev/null 2>&1; then
	echo "skip report-miller: mlr (Debian miller) is not installed"
	exit 0
fi
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT

# 3000 answers: 7 themes (a second theme in 40%), 5% no_content, 3% empty
# district, weights 0.5 to 2, 10% duplicates pointing at an earlier id.
awk -v n=3000 'BEGIN {
	srand(7)
	nt = split("green transport cycling roads_parking housing culture " \
	    "safety", T, " ")
	nd = split("Stare_Miasto Krowodrza Nowa_Huta Podgórze Dębniki", D, " ")
	na = split("18-34 35-64 65+", A, " ")
	nw = split("zieleń park drzewo tramwaj autobus rower " \
	    "ścieżka_rowerowa parking mieszkanie kultura ławka " \
	    "bezpieczeństwo teren_zielony", W, " ")
	print "id\ttext\tterms\tdistrict\tage\tw\tdup_group\tdup_size\t" \
	    "dup_kind\ttheme\tthemes\ttheme_p"
	for (i = 1; i <= n; i++) {
		if (rand() < 0.05) {
			m = "no_content"; th = m
		} else {
			m = T[int(rand() * nt) + 1]; th = m
			if (rand() < 0.4) {
				s = T[int(rand() * nt) + 1]
				if (s != m)
					th = th " " s
			}
		}
		dist = rand() < 0.03 ? "" : D[int(rand() * nd) + 1]
		terms = ""
		if (m != "no_content")
			for (k = int(rand() * 5) + 1; k > 0; k--)
				terms = terms (terms == "" ? "" : " ") \
				    W[int(rand() * nw) + 1]
		dg = i
		if (i > 10 && rand() < 0.1)
			dg = i - int(rand() * 10) - 1
		printf "a%d\tOdpowiedź numer %d o temacie %s\t%s\t%s\t%s\t" \
		    "%.3f\ta%d\t1\tunique\t%s\t%s\t%.2f\n", i, i, m, terms,
		    dist, A[int(rand() * na) + 1], 0.5 + rand() * 1.5, dg, m,
		    th, rand()
	}
}' >"$d/in.tsv"

# cmpkv NAME EXPECTED ACTUAL [TOLERANCE]: two "key<TAB>number" files agree
# on the same keys within TOLERANCE (default 0.00011, the last printed
# decimal).
cmpkv() {
	if [ ! -s "$2" ]; then
		echo "not ok $1: the independent computation gave nothing"
		return
	fi
	if awk -F '\t' -v tol="${4:-0.00011}" '
		NR == FNR { want[$1] = $2; next }
		{ got[$1] = $2 }
		END {
			bad = 0
			for (k in want) {
				if (!(k in got)) { print "missing " k; bad = 1; continue }
				x = want[k] - got[k]
				if (x < 0) x = -x
				if (x > tol) { print k ": " want[k] " vs " got[k]; bad = 1 }
			}
			for (k in got)
				if (!(k in want)) { print "extra " k; bad = 1 }
			exit bad
		}' "$2" "$3" >"$d/why" 2>&1
	then
		echo "ok $1"
	else
		echo "not ok $1: $(head -3 "$d/why" | tr '\n' ' ')"
	fi
}

if ! glosy-report -b district -c 0 -n 1000 -o "$d/r" "$d/in.tsv" ||
    ! glosy-report -w w -o "$d/w" "$d/in.tsv" ||
    ! glosy-report -d -o "$d/dd" "$d/in.tsv"; then
	echo "not ok report-miller: glosy-report failed"
	exit 0
fi
n=$(mlr --tsv count then cut -f count "$d/in.tsv" | tail -n 1)
explode="nest --explode --values --across-records -f themes --nested-fs space"

mlr --tsv --headerless-tsv-output $explode then count -g themes \
    "$d/in.tsv" | sort >"$d/want"
mlr --tsv --headerless-tsv-output cut -o -f theme,answers \
    "$d/r/themes.tsv" | sort >"$d/got"
cmpkv "mentions per theme match mlr" "$d/want" "$d/got"

mlr --tsv --headerless-tsv-output $explode then count -g themes \
    then put -S "\$p = fmtnum(\$count / $n, \"%.6f\")" then cut -f themes,p \
    "$d/in.tsv" | sort >"$d/want"
mlr --tsv --headerless-tsv-output cut -o -f theme,share \
    "$d/r/themes.tsv" | sort >"$d/got"
cmpkv "shares match mlr" "$d/want" "$d/got"

# Wilson bounds written out in Miller's DSL.
wilson="
	z = 1.959963984540054; n = $n; p = \$count / n;
	den = 1 + z * z / n;
	mid = (p + z * z / (2 * n)) / den;
	half = z / den * sqrt(p * (1 - p) / n + z * z / (4 * n * n));
	\$lo = mid - half; \$hi = mid + half;
	\$klo = \$themes . \"/lo\"; \$khi = \$themes . \"/hi\""
for b in lo hi; do
	mlr --tsv --headerless-tsv-output $explode then count -g themes \
	    then put "$wilson" then cut -o -f k$b,$b "$d/in.tsv"
	mlr --tsv --headerless-tsv-output put "\$k = \$theme . \"/$b\"" \
	    then cut -o -f k,ci_$(echo $b | sed 's/lo/low/;s/hi/high/') \
	    "$d/r/themes.tsv" >>"$d/got0"
done | sort >"$d/want"
sort "$d/got0" >"$d/got"
cmpkv "Wilson bounds match mlr" "$d/want" "$d/got"

if command -v datamash >/dev/null 2>&1; then
	mlr --tsv cut -f theme "$d/in.tsv" | datamash -H -s -g 1 count 1 |
	    tail -n +2 | sort >"$d/want"
	mlr --tsv --headerless-tsv-output cut -o -f theme,main \
	    "$d/r/themes.tsv" | awk -F '\t' '$2 > 0' | sort >"$d/got"
	cmpkv "main-theme counts match datamash" "$d/want" "$d/got"
else
	echo "skip main-theme counts: datamash is not installed"
fi

mlr --tsv --headerless-tsv-output $explode then stats1 -a sum -f w \
    -g themes "$d/in.tsv" | sort >"$d/want"
mlr --tsv --headerless-tsv-output cut -o -f theme,answers \
    "$d/w/themes.tsv" | sort >"$d/got"
# The weights have three decimals, so a sum can end in 5 and lie on the
# rounding boundary of the two decimals shown: glosy-report rounds the
# exact sum, mlr adds in row order, and the two may round to neighbours.
# So the shown sum must be within half a unit of the last decimal (plus
# the error of mlr's own sum) of mlr's full-precision sum.
cmpkv "weighted counts match mlr stats1 sum" "$d/want" "$d/got" 0.00501

mlr --tsv --headerless-tsv-output filter '$dup_group == "" ||
    $dup_group == $id' then $explode then count -g themes \
    "$d/in.tsv" | sort >"$d/want"
mlr --tsv --headerless-tsv-output cut -o -f theme,answers \
    "$d/dd/themes.tsv" | sort >"$d/got"
cmpkv "--dedup counts match mlr filter" "$d/want" "$d/got"

mlr --tsv --headerless-tsv-output put '
	$district = $district == "" ? "(none)" : $district' \
    then $explode then count -g district,themes \
    then put '$k = $district . "/" . $themes' then cut -o -f k,count \
    "$d/in.tsv" | sort >"$d/want"
mlr --tsv --headerless-tsv-output put '$k = $value . "/" . $theme' \
    then filter '$answers > 0' then cut -o -f k,answers \
    "$d/r/crosstab-district.tsv" | sort >"$d/got"
cmpkv "cross-tab by district matches mlr" "$d/want" "$d/got"

mlr --tsv --headerless-tsv-output filter '$terms != ""' \
    then nest --explode --values --across-records -f terms --nested-fs space \
    then count-distinct -f id,terms then count -g terms "$d/in.tsv" |
    sort >"$d/want"
mlr --tsv --headerless-tsv-output filter '$theme == "*"' \
    then cut -o -f term,answers "$d/r/terms.tsv" | sort >"$d/got"
cmpkv "term answer counts match mlr" "$d/want" "$d/got"

# The CSV for spreadsheets reads back, through Miller's RFC 4180 reader with
# ';' as separator, as the same rows as the TSV: quotes holding ';', '"'
# and line breaks survive, numbers differ only by the decimal comma.
printf 'id\ttext\ttheme\tthemes\ttheme_p\n' >"$d/q.tsv"
printf '1\tŁawki; dużo ławek, "proszę" i cień w parku\tgreen\tgreen\t0.9\n' \
    >>"$d/q.tsv"
printf '2\tPierwsza linia\\ndruga linia o tramwajach i autobusach\ttransport\ttransport\t0.8\n' \
    >>"$d/q.tsv"
printf '3\t=SUMA(A1) to nie formuła, tylko odpowiedź o rowerach\tcycling\tcycling\t0.7\n' \
    >>"$d/q.tsv"
if glosy-report -f csv -o "$d/qc" "$d/q.tsv" &&
    glosy-report -o "$d/qt" "$d/q.tsv"; then
	for t in quotes themes; do
		mlr --icsv --ifs ';' --otsv --headerless-tsv-output cat \
		    "$d/qc/$t.csv" | sed "s/\t'=/\t=/" >"$d/$t.fromcsv"
		tail -n +2 "$d/qt/$t.tsv" | sed 's/\([0-9]\)\.\([0-9]\)/\1,\2/g' \
		    >"$d/$t.fromtsv"
		if cmp -s "$d/$t.fromcsv" "$d/$t.fromtsv"; then
			echo "ok $t.csv reads back as $t.tsv (RFC 4180, ';')"
		else
			echo "not ok $t.csv differs from $t.tsv:" \
			    "$(diff "$d/$t.fromcsv" "$d/$t.fromtsv" | head -3 |
			    tr '\n' ' ')"
		fi
	done
	grep -q "'=SUMA" "$d/qc/quotes.csv" &&
		echo "ok a formula-like answer is defused in CSV" ||
		echo "not ok a formula-like answer reached the CSV as is"
	head -c 3 "$d/qc/themes.csv" | od -An -tx1 | grep -q 'ef bb bf' &&
	    grep -q "$(printf '\r')\$" "$d/qc/themes.csv" &&
		echo "ok CSV has a BOM and CRLF line ends" ||
		echo "not ok CSV lacks the BOM or CRLF"
else
	echo "not ok report-miller: glosy-report failed on the CSV stream"
fi
