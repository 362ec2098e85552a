#!/bin/sh
# dedup-eval.sh - precision and recall of glosy-dedup on pairs of answers.
#
# A deterministic generator (awk, its own Park-Miller random numbers, run in
# the C locale so that every awk treats text as bytes alike) composes
# distinct survey answers from shared frames, topics and reasons, so many
# distinct answers share most of their words.  Some answers get variants
# made by one of the perturbations people make: punctuation changed, a
# filler word added (naprawdę, koniecznie, ...), a short function word
# removed, case changed, Polish letters dropped, a typo (two letters
# swapped, one doubled or one left out).  Gold: two answers are duplicates
# when they come from the same original; distinct originals are not,
# however much they share.  (Removing a content word makes another answer,
# so it is not a perturbation here.)  The rows are shuffled and run through
# glosy-normalize | glosy-tokenize | glosy-stem | glosy-dedup with its
# defaults (or the options in $DEDUP_OPTS, as tests/eval/dedup.sh gives);
# predicted pairs are pairs in one dup_group.  Fails when precision or
# recall is below 0.95.
top=${GLOSY_TOP:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for p in glosy-normalize glosy-tokenize glosy-stem glosy-dedup; do
	if [ ! -x "$top/bin/$p" ]; then
		echo "not ok dedup-eval: bin/$p is not built"
		exit 0
	fi
done

LC_ALL=C awk '
function rnd(m) {	# uniform in [0, m)
	seed = (seed * 16807) % 2147483647
	return int(seed / 2147483647 * m)
}
function pick(arr, cnt) { return arr[rnd(cnt) + 1] }
function nwords(s, w) { return split(s, w, " ") }
# One perturbation of text t; kinds as listed in the header.
function perturb(t, k,    w, c, i, j, out, a, b, pos, ch) {
	if (k == 0) {		# punctuation
		if (rnd(2)) { gsub(/[,.!]/, "", t); return t }
		return t "!!"
	}
	if (k == 1) {		# a word added
		c = nwords(t, w)
		i = rnd(c) + 1
		out = ""
		for (j = 1; j <= c; j++) {
			out = out (j > 1 ? " " : "") w[j]
			if (j == i)
				out = out " " pick(filler, nfiller)
		}
		return out
	}
	if (k == 2) {		# a short function word removed
		c = nwords(t, w)
		for (i = 0; i < 20; i++) {
			pos = rnd(c) + 1
			a = w[pos]
			gsub(/[,.!]/, "", a)
			if (length(a) > 0 && length(a) <= 3 && a !~ /[0-9]/)
				break
		}
		if (i == 20)
			return t
		out = ""
		for (j = 1; j <= c; j++)
			if (j != pos)
				out = out (out != "" ? " " : "") w[j]
		return out
	}
	if (k == 3)		# case changed (ASCII letters only, C locale)
		return rnd(2) ? toupper(t) : tolower(t)
	if (k == 4) {		# Polish letters dropped
		gsub(/ą/, "a", t); gsub(/ć/, "c", t); gsub(/ę/, "e", t)
		gsub(/ł/, "l", t); gsub(/ń/, "n", t); gsub(/ó/, "o", t)
		gsub(/ś/, "s", t); gsub(/ź/, "z", t); gsub(/ż/, "z", t)
		gsub(/Ż/, "Z", t); gsub(/Ś/, "S", t); gsub(/Ł/, "L", t)
		return t
	}
	# A typo: two adjacent ASCII letters swapped, or one doubled, or one
	# left out, inside a word of four letters or more.
	for (i = 0; i < 20; i++) {
		pos = rnd(length(t) - 3) + 2
		a = substr(t, pos, 1); b = substr(t, pos + 1, 1)
		if (a !~ /[a-z]/ || b !~ /[a-z]/ ||
		    substr(t, pos - 1, 1) !~ /[a-z]/ ||
		    substr(t, pos + 2, 1) !~ /[a-z]/)
			continue
		ch = rnd(3)
		if (ch == 0)
			return substr(t, 1, pos - 1) b a substr(t, pos + 2)
		if (ch == 1)
			return substr(t, 1, pos) a substr(t, pos + 1)
		return substr(t, 1, pos - 1) substr(t, pos + 1)
	}
	return t
}
BEGIN {
	seed = 20301
	nframe = split("Chciałbym, żeby w naszym mieście było więcej|" \
	    "Moim zdaniem w 2030 roku potrzebujemy więcej|" \
	    "Najważniejsze, żeby miasto miało wreszcie więcej|" \
	    "Marzę o mieście, w którym będzie dużo|" \
	    "Władze powinny postawić na budowę|" \
	    "W przyszłości chciałabym zobaczyć więcej|" \
	    "Brakuje nam przede wszystkim|" \
	    "Zdecydowanie potrzeba więcej|" \
	    "Proszę o więcej|" \
	    "Więcej", frame, "|")
	nobj = split("zieleni i drzew|ścieżek rowerowych|" \
	    "miejsc parkingowych|mieszkań komunalnych|" \
	    "dobrze płatnych miejsc pracy|wydarzeń kulturalnych|" \
	    "żłobków i przedszkoli|lekarzy specjalistów|patroli policji|" \
	    "koszy na śmieci|boisk i siłowni plenerowych|" \
	    "ławek dla seniorów|konsultacji społecznych|" \
	    "atrakcji turystycznych|połączeń autobusowych|" \
	    "tramwajów nocnych|parków kieszonkowych|" \
	    "placów zabaw dla dzieci|basenów miejskich|domów kultury|" \
	    "nowoczesnych szkół|przychodni zdrowia|" \
	    "oświetlenia na osiedlach|równych chodników|" \
	    "terenów rekreacyjnych nad rzeką|" \
	    "bibliotek otwartych wieczorem|toalet publicznych|" \
	    "pojemników do segregacji odpadów|wybiegów dla psów|" \
	    "stojaków na rowery|drzew wzdłuż ulic|" \
	    "tanich mieszkań dla młodych|sklepów osiedlowych", obj, "|")
	nreason = split("|" \
	    ", bo teraz trudno tu normalnie żyć.|" \
	    ", ponieważ dzieci nie mają gdzie spędzać czasu.|" \
	    ". To poprawi jakość życia mieszkańców.|" \
	    ", żeby młodzi ludzie nie wyjeżdżali z miasta.|" \
	    ". Obecna sytuacja jest fatalna.|" \
	    ", szczególnie na obrzeżach miasta.|" \
	    ", a także lepszej komunikacji z centrum.|" \
	    ". Mieszkam tu od dwudziestu lat i widzę, że jest coraz gorzej.|" \
	    ", bo latem w centrum nie da się wytrzymać z upału.|" \
	    ". Inne miasta w Polsce już dawno to zrobiły, " \
	    "a my wciąż czekamy.|" \
	    ", tak jak w Krakowie czy Wrocławiu.", reason, "|")
	split("punctuation word-added word-removed case no-polish-letters " \
	    "typo", kind, " ")
	nfiller = split("naprawdę bardzo koniecznie po prostu też " \
	    "wreszcie zwłaszcza", filler, " ")
	# Distinct originals differ in their topic or their reason: every
	# (topic, reason) pair is used once, with a random frame, so
	# originals that share a frame and a reason differ in their topic
	# only, the case that must not merge.
	rows = 0
	o = 0
	for (b = 1; b <= nobj; b++)
		for (r = 1; r <= nreason; r++) {
			do
				f = rnd(nframe) + 1
			while (frame[f] == "Więcej" && r != 1)
			orig[++o] = f SUBSEP b SUBSEP r
		}
	for (i = 1; i <= o; i++) {
		split(orig[i], a, SUBSEP)
		f = a[1]; b = a[2]; r = a[3]
		t = frame[f] " " obj[b] reason[r]
		if (r == 1)
			t = t "."
		row[++rows] = i "\toriginal\t" t
		v = rnd(2) ? 0 : rnd(4) + 1
		for (j = 0; j < v; j++) {
			k = rnd(6)
			row[++rows] = i "\t" kind[k + 1] "\t" perturb(t, k)
		}
	}
	for (i = 1; i <= rows; i++)
		print rnd(1000000000) "\t" row[i]
}' | sort -n -k1,1 | awk 'BEGIN {
	FS = OFS = "\t"
	print "id", "fam", "variant", "text"
}
{ print NR, $2, $3, $4 }' >"$tmp/set.tsv"

if ! glosy-normalize <"$tmp/set.tsv" 2>"$tmp/err" |
    glosy-tokenize 2>>"$tmp/err" | glosy-stem 2>>"$tmp/err" |
    glosy-dedup ${DEDUP_OPTS-} >"$tmp/out" 2>>"$tmp/err"; then
	echo "not ok dedup-eval: pipeline failed: $(head -3 "$tmp/err")"
	exit 0
fi

# Pairs: predicted (same dup_group), gold (same fam), both.  Per kind of
# variant, the share that landed in the group of their original.
awk -F '\t' '
NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
{
	g = $c["dup_group"]; f = $c["fam"]; v = $c["variant"]
	gs[g]++; fs[f]++; both[g SUBSEP f]++; rows++
	if (v == "original")
		origgroup[f] = g
	else {
		vfam[NR] = f; vgrp[NR] = g; vkind[NR] = v
	}
}
END {
	for (k in gs) p += gs[k] * (gs[k] - 1) / 2
	for (k in fs) gd += fs[k] * (fs[k] - 1) / 2
	for (k in both) tp += both[k] * (both[k] - 1) / 2
	prec = p ? tp / p : 1
	rec = gd ? tp / gd : 1
	printf "%.4f %.4f\n", prec, rec
	printf "# dedup-eval: %d rows, %d gold pairs, %d predicted, " \
	    "%d correct\n", rows, gd, p, tp
	for (r in vkind) {
		nk[vkind[r]]++
		if (vgrp[r] == origgroup[vfam[r]])
			hit[vkind[r]]++
	}
	line = "# dedup-eval: variants found with their original:"
	n = split("punctuation case no-polish-letters typo word-added " \
	    "word-removed", kinds, " ")
	for (i = 1; i <= n; i++)
		line = line sprintf(" %s %d/%d", kinds[i], hit[kinds[i]],
		    nk[kinds[i]])
	print line
}' "$tmp/out" >"$tmp/score"
set -- $(sed -n 1p "$tmp/score")
prec=$1 rec=$2
sed 1d "$tmp/score"
echo "# dedup-eval: precision $prec, recall $rec (pairs, options:" \
    "${DEDUP_OPTS:-none})"
if awk -v p="$prec" 'BEGIN { exit !(p >= 0.95) }'; then
	echo "ok dedup-eval precision $prec >= 0.95"
else
	echo "not ok dedup-eval precision $prec < 0.95"
fi
if awk -v r="$rec" 'BEGIN { exit !(r >= 0.95) }'; then
	echo "ok dedup-eval recall $rec >= 0.95"
else
	echo "not ok dedup-eval recall $rec < 0.95"
fi
