#!/bin/sh
# tests/eval/stem.sh - lemmatization quality of glosy-stem on the dev split
# of UD Polish PDB (../shared/corpora/ud-polish, columns sent form lemma
# upos; evaluation only, never copied).  Each sentence becomes one record
# whose tokens are the forms, folded as glosy-normalize would (ASCII and
# Polish capitals; the treebank has few others).  Prints:
#   coverage        share of tokens with letters (punctuation and numbers
#                   out) that the dictionary or an override knows
#   lemma accuracy  share of all tokens whose lemma equals the gold lemma,
#                   compared case-insensitively, because glosy lemmas are
#                   case-folded like the text ("Lublin" -> "lublin"); a
#                   fused token ("byłem") counts with the lemma of its
#                   first part, as the treebank gives it
#   pairs merged    of the pairs of distinct word forms (punctuation out)
#                   that share a gold lemma, the share given one lemma
#   wrong merges    of the pairs of forms given one lemma, the share whose
#                   gold lemmas differ; also without the pairs that are one
#                   form with two gold lemmas ("stanie": stan or stać), which
#                   no lemmatizer without context can keep apart
#   no-diacritics   lemma accuracy when every form is typed without Polish
#                   letters (ą->a ... ż->z), and on the tokens that had some
#   stopwords       share of function-word tokens (ADP CCONJ SCONJ PART PRON
#                   DET AUX) that glosy-stem leaves out of terms (explain
#                   says +stop), and of content-word tokens (NOUN PROPN VERB
#                   ADJ ADV NUM) it wrongly leaves out; the public lists in
#                   ../shared/corpora/lexicon-refs, matched on forms, beside
# With -q it prints one line "acc merged wrong nodiac" for tests.
top=${GLOSY_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
ud=$top/../shared/corpora/ud-polish/ud_pl_dev_sent.tsv
quiet=
[ "$1" = -q ] && quiet=1
if [ ! -f "$ud" ]; then
	echo "skip stem eval: $ud not found"
	exit 0
fi
if [ ! -f "$top/lexicons/pl/polish.dict" ]; then
	echo "skip stem eval: no lexicons/pl/polish.dict (run make)"
	exit 0
fi
tmp=$(mktemp -d)
[ -n "$KEEP" ] && tmp=$KEEP && mkdir -p $tmp || trap 'rm -rf "$tmp"' EXIT

fold='
function fold(s) {
	s = tolower(s)
	gsub(/Ą/, "ą", s); gsub(/Ć/, "ć", s); gsub(/Ę/, "ę", s)
	gsub(/Ł/, "ł", s); gsub(/Ń/, "ń", s); gsub(/Ó/, "ó", s)
	gsub(/Ś/, "ś", s); gsub(/Ź/, "ź", s); gsub(/Ż/, "ż", s)
	return s
}
function strip(s) {
	gsub(/ą/, "a", s); gsub(/ć/, "c", s); gsub(/ę/, "e", s)
	gsub(/ł/, "l", s); gsub(/ń/, "n", s); gsub(/ó/, "o", s)
	gsub(/ś/, "s", s); gsub(/ź/, "z", s); gsub(/ż/, "z", s)
	return s
}
function esc(s) { gsub(/\\/, "\\\\", s); return s }'

# gold: one line per token: sent form lemma upos (folded)
awk -F'\t' -v OFS='\t' "$fold"'
NR > 1 { print $1, fold($2), fold($3), $4 }' "$ud" >"$tmp/gold"

mkrecords() {
	# $1: 0 = forms as they are, 1 = Polish letters removed
	awk -F'\t' -v nodiac="$1" "$fold"'
	BEGIN { print "id\ttokens" }
	{
		f = nodiac ? strip($2) : $2
		if ($1 != cur) {
			if (cur != "") print cur "\t" line
			cur = $1; line = esc(f)
		} else
			line = line " " esc(f)
	}
	END { if (cur != "") print cur "\t" line }' "$tmp/gold"
}

mkrecords 0 | glosy-stem --explain >"$tmp/out" || exit 1
mkrecords 1 | glosy-stem --explain >"$tmp/out0" || exit 1

# Joins the lemmas and explanations back to the gold tokens and counts.
score='
FNR == 1 && FILENAME != ARGV[1] { for (i = 1; i <= NF; i++) col[$i] = i; next }
FILENAME == ARGV[1] { g[++ng] = $0; next }
{
	n = split($col["lemmas"], L, " ")
	split($col["explain"], X, " ")
	for (i = 1; i <= n; i++) { pl[++np] = L[i]; px[np] = X[i] }
}
END {
	if (np != ng) { print "token count mismatch: " np " vs " ng; exit 1 }
	for (i = 1; i <= ng; i++) {
		split(g[i], f, "\t")
		form = f[2]; gold = f[3]; upos = f[4]
		ok = pl[i] == gold
		all++; good += ok
		if (form ~ /[ąćęłńóśźż]/) { dia++; diagood += ok }
		if (upos ~ /^(ADP|CCONJ|SCONJ|PART|PRON|DET|AUX)$/) {
			fw++; if (px[i] ~ /[+]stop/) fwd++
		} else if (upos ~ /^(NOUN|PROPN|VERB|ADJ|ADV|NUM)$/) {
			cw++; if (px[i] ~ /[+]stop/) cwd++
		}
		if (upos == "PUNCT") continue
		words++
		if (px[i] !~ /^none/) {
			lwords++
			if (px[i] !~ /^(fallback|long)/) known++
		}
		t = form SUBSEP gold
		if (!(t in pred)) {
			pred[t] = pl[i]
			nl[gold]++; np2[pl[i]]++; nlp[gold SUBSEP pl[i]]++
			npf[pl[i] SUBSEP form]++
		}
	}
	for (k in nl) same += nl[k] * (nl[k] - 1) / 2
	for (k in nlp) merged += nlp[k] * (nlp[k] - 1) / 2
	for (k in np2) predsame += np2[k] * (np2[k] - 1) / 2
	for (k in npf) sameform += npf[k] * (npf[k] - 1) / 2
	printf "%d %d %d %d %d %d %d %d %d %d %d %d %d %d\n", all, good, \
	    lwords, known, same, merged, predsame, dia, diagood, fw, fwd, cw, \
	    cwd, sameform
}'
set -- $(awk -F'\t' "$score" "$tmp/gold" "$tmp/out") || exit 1
all=$1 good=$2 words=$3 known=$4 same=$5 merged=$6 predsame=$7 dia=$8 \
    diagood=$9 fw=${10} fwd=${11} cw=${12} cwd=${13} sameform=${14}
set -- $(awk -F'\t' "$score" "$tmp/gold" "$tmp/out0") || exit 1
good0=$2 dia0=$9
# dia0 counts tokens still holding Polish letters: none once stripped, so
# the tokens that had them come from the first run.
set -- $(awk -F'\t' "$fold"'
FNR == 1 && FILENAME != ARGV[1] { for (i = 1; i <= NF; i++) col[$i] = i; next }
FILENAME == ARGV[1] { g[++ng] = $0; next }
{ n = split($col["lemmas"], L, " "); for (i = 1; i <= n; i++) pl[++np] = L[i] }
END {
	for (i = 1; i <= ng; i++) {
		split(g[i], f, "\t")
		if (f[2] ~ /[ąćęłńóśźż]/) { d++; if (pl[i] == f[3]) ok++ }
	}
	print d, ok
}' "$tmp/gold" "$tmp/out0")
diaonly=$1 diaonlygood=$2

awk -v all="$all" -v good="$good" -v words="$words" -v known="$known" \
    -v same="$same" -v merged="$merged" -v predsame="$predsame" \
    -v good0="$good0" -v dia="$diaonly" -v dia0="$diaonlygood" \
    -v sameform="$sameform" -v quiet="$quiet" -v fw="$fw" -v fwd="$fwd" -v cw="$cw" -v cwd="$cwd" \
    'BEGIN {
	acc = 100 * good / all
	mr = 100 * merged / same
	wr = 100 * (predsame - merged) / predsame
	nd = 100 * good0 / all
	if (quiet) { printf "%.2f %.2f %.2f %.2f\n", acc, mr, wr, nd; exit }
	printf "tokens                %d (%d with letters)\n", all, words
	printf "coverage              %.2f%% of tokens with letters\n", \
	    100 * known / words
	printf "lemma accuracy        %.2f%% of all tokens\n", acc
	printf "pairs merged          %.2f%% of %d same-lemma form pairs\n", \
	    mr, same
	printf "wrong merges          %.2f%% of %d merged form pairs; %.2f%% " \
	    "without one-form pairs\n", wr, predsame, \
	    100 * (predsame - merged - sameform) / predsame
	printf "no-diacritics         %.2f%% of all tokens, %.2f%% of the %d " \
	    "that had Polish letters\n", nd, 100 * dia0 / dia, dia
	printf "stopwords             catch %.1f%% of function-word tokens, " \
	    "wrongly drop %.1f%% of content-word tokens\n", 100 * fwd / fw, \
	    100 * cwd / cw
}'
[ -n "$quiet" ] && exit 0
for ref in "$top"/../shared/corpora/lexicon-refs/*.txt; do
	[ -f "$ref" ] || continue
	awk -F'\t' -v name="${ref##*/}" '
	FILENAME == ARGV[1] { sw[$1] = 1; next }
	$4 ~ /^(ADP|CCONJ|SCONJ|PART|PRON|DET|AUX)$/ { f++; fc += $2 in sw }
	$4 ~ /^(NOUN|PROPN|VERB|ADJ|ADV|NUM)$/ { c++; cc += $2 in sw }
	END { printf "  reference %-28s catch %.1f%%, wrongly drop %.1f%%\n",
	    name, 100 * fc / f, 100 * cc / c }' "$ref" "$tmp/gold"
done
