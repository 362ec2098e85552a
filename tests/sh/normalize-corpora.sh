#!/bin/sh
# normalize-corpora.sh - glosy-normalize | glosy-tokenize on the shared
# evaluation corpora (real answers, titles and posts): every row comes out,
# nothing is warned about, norm is valid UTF-8 and stable (normalizing it
# again changes nothing), and tokens are single-blank separated and at most
# 255 bytes.  Skips when the corpora are absent.
top=${GLOSY_TOP:?}
corp=$top/../shared/corpora
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
for f in polish/pb_titles polish/eighttags polish/sib200 sttm/tweet; do
	name=${f##*/}
	if [ ! -f "$corp/$f.tsv" ]; then
		echo "skip normalize on $name: $corp/$f.tsv is absent"
		continue
	fi
	glosy-normalize "$corp/$f.tsv" 2>"$t/err1" >"$t/norm" &&
	    glosy-tokenize "$t/norm" 2>"$t/err2" >"$t/tok"
	rc=$?
	if [ $rc -ne 0 ] || [ -s "$t/err1" ] || [ -s "$t/err2" ]; then
		echo "not ok normalize | tokenize on $name: exit $rc," \
		    "$(cat "$t/err1" "$t/err2" | head -3)"
		continue
	fi
	in=$(wc -l <"$corp/$f.tsv")
	out=$(wc -l <"$t/tok")
	[ "$in" -eq "$out" ] && echo "ok $name: all $in lines come out" ||
		echo "not ok $name: $in lines in, $out out"
	# norm is the fourth column of pb_titles and so on: find it by name.
	col=$(head -1 "$t/tok" | tr '\t' '\n' | grep -n '^norm$' | cut -d: -f1)
	tcol=$(head -1 "$t/tok" | tr '\t' '\n' | grep -n '^tokens$' |
	    cut -d: -f1)
	if iconv -f UTF-8 -t UTF-8 "$t/tok" >/dev/null 2>&1; then
		echo "ok $name: the output is valid UTF-8"
	else
		echo "not ok $name: the output is not valid UTF-8"
	fi
	glosy-normalize -k all -c norm -o again "$t/norm" |
	    awk -F '\t' -v c="$col" 'NR > 1 {
		n = split($0, f, "\t")
		if (f[c] != f[n]) { bad++; if (bad <= 3) print "# " f[c] " -> " f[n] }
	    } END { exit bad > 0 }' >"$t/diff"
	if [ $? -eq 0 ]; then
		echo "ok $name: normalizing norm again changes nothing"
	else
		echo "not ok $name: norm is not stable"
		cat "$t/diff"
	fi
	awk -F '\t' -v c="$tcol" 'NR > 1 {
		v = $c
		if (v ~ /^ | $|  /) bad++
		n = split(v, w, " ")
		for (i = 1; i <= n; i++) if (length(w[i]) > 255) bad++
	    } END { exit bad > 0 }' "$t/tok"
	[ $? -eq 0 ] && echo "ok $name: tokens are well formed" ||
		echo "not ok $name: empty, padded or over-long tokens"
done
