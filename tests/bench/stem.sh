#!/bin/sh
# stem.sh - speed of glosy-stem on real Polish text: the 49,373 headlines
# of 8TAGS (../shared/corpora/polish/eighttags.tsv) as tokens, repeated to
# about a million tokens, against `tr | sort | uniq -c` counting the same
# tokens in the same run.  Also the distinct forms alone (every one a
# dictionary lookup, nothing cached) and the start-up cost of a one-row run
# (process, dictionary open, lexicons) beside one with -l english (no
# dictionary, no lexicons), averaged over 20 runs.  And the two passes
# (--tally, then --votes, which streams) on the same tokens, beside the
# one-pass run.
top=${GLOSY_TOP:?}
tmp=${BENCH_TMP:?}
src=$top/../shared/corpora/polish/eighttags.tsv
tm=/usr/bin/time
[ -x "$tm" ] || { echo "skip stem bench: /usr/bin/time is missing"; exit 0; }
[ -f "$src" ] || { echo "skip stem bench: $src not found"; exit 0; }
[ -f "$top/lexicons/pl/polish.dict" ] ||
    { echo "skip stem bench: no polish.dict (run make)"; exit 0; }

# Folded tokens: letters and digits only (ASCII and Polish capitals folded).
awk -F'\t' '
function fold(s) {
	s = tolower(s)
	gsub(/Ą/, "ą", s); gsub(/Ć/, "ć", s); gsub(/Ę/, "ę", s)
	gsub(/Ł/, "ł", s); gsub(/Ń/, "ń", s); gsub(/Ó/, "ó", s)
	gsub(/Ś/, "ś", s); gsub(/Ź/, "ź", s); gsub(/Ż/, "ż", s)
	return s
}
NR > 1 {
	t = fold($3)
	gsub(/[][ \t.,;:!?"()„”«»\/\\*+=<>|@#$%^&_~`{}-]+/, " ", t)
	gsub(/^ +| +$/, "", t)
	if (t != "") print t
}' "$src" >"$tmp/lines"
awk -v reps=5 'BEGIN { print "id\ttokens" }
{ l[NR] = $0 }
END { for (r = 1; r <= reps; r++) for (i = 1; i <= NR; i++)
	print r "-" i "\t" l[i] }' "$tmp/lines" >"$tmp/stem.in"
ntok=$(awk -F'\t' 'NR > 1 { n += split($2, a, " ") } END { print n }' \
    "$tmp/stem.in")
tr ' ' '\n' <"$tmp/lines" | sort -u >"$tmp/types"
ntypes=$(wc -l <"$tmp/types")
awk 'BEGIN { print "id\ttokens" } { print NR "\t" $0 }' "$tmp/types" \
    >"$tmp/types.in"

run() {
	# $1 label; the rest: the command.  Prints "seconds KB".
	label=$1
	shift
	"$tm" -f '%e %M' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" ||
	    { echo "$label failed: $(cat "$tmp/err")"; exit 1; }
	tail -n 1 "$tmp/time"
}
set -- $(run stem glosy-stem "$tmp/stem.in")
st=$1 skb=$2
set -- $(run baseline sh -c "cut -f2 '$tmp/stem.in' | tr ' ' '\n' |
    sort | uniq -c")
bt=$1 bkb=$2
set -- $(run types glosy-stem "$tmp/types.in")
tt=$1 tkb=$2
"$tm" -f '%e %M' -o "$tmp/time" glosy-stem --tally "$tmp/stem.in" \
    >"$tmp/stem.tally" 2>"$tmp/err" ||
    { echo "tally failed: $(cat "$tmp/err")"; exit 1; }
set -- $(tail -n 1 "$tmp/time")
at=$1 akb=$2
set -- $(run votes glosy-stem --votes "$tmp/stem.tally" "$tmp/stem.in")
vt=$1 vkb=$2
printf 'id\ttokens\n1\tdrzewa\n' >"$tmp/one.in"
t0=$(date +%s%N)
i=0
while [ $i -lt 20 ]; do
	glosy-stem "$tmp/one.in" >/dev/null
	i=$((i + 1))
done
t1=$(date +%s%N)
i=0
while [ $i -lt 20 ]; do
	cat "$tmp/one.in" >/dev/null
	i=$((i + 1))
done
t2=$(date +%s%N)
i=0
while [ $i -lt 20 ]; do
	glosy-stem -l english "$tmp/one.in" >/dev/null
	i=$((i + 1))
done
t3=$(date +%s%N)
awk -v ntok="$ntok" -v ntypes="$ntypes" -v st="$st" -v skb="$skb" \
    -v bt="$bt" -v bkb="$bkb" -v tt="$tt" -v tkb="$tkb" \
    -v at="$at" -v akb="$akb" -v vt="$vt" -v vkb="$vkb" \
    -v one=$(( (t1 - t0) / 20000 )) -v cat=$(( (t2 - t1) / 20000 )) \
    -v en=$(( (t3 - t2) / 20000 )) '
function rate(n, t) { return t > 0 ? sprintf("%.2fM", n / t / 1e6) : "inf" }
BEGIN {
	printf "glosy-stem       %d tokens  %5.2f s  %s tokens/s  %d KB\n",
	    ntok, st, rate(ntok, st), skb
	printf "tr|sort|uniq -c  %d tokens  %5.2f s  %s tokens/s  %d KB\n",
	    ntok, bt, rate(ntok, bt), bkb
	printf "ratio            %.2fx the baseline time\n", (bt > 0 ? st / bt : 0)
	printf "distinct forms   %d types   %5.2f s  %s lookups/s  %d KB\n",
	    ntypes, tt, rate(ntypes, tt), tkb
	printf "--tally          %d tokens  %5.2f s  %s tokens/s  %d KB\n",
	    ntok, at, rate(ntok, at), akb
	printf "--votes          %d tokens  %5.2f s  %s tokens/s  %d KB " \
	    "(streaming)\n", ntok, vt, rate(ntok, vt), vkb
	printf "two passes       %.2fx the one-pass time, %.2fx its memory\n",
	    (st > 0 ? (at + vt) / st : 0), (skb > 0 ? vkb / skb : 0)
	printf "one-row run      %d us; without dictionary and lexicons " \
	    "(-l english) %d us; cat %d us\n", one, en, cat
}'
