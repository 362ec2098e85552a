#!/bin/sh
# normalize-precision.sh - the redaction of glosy-normalize on real Polish
# text that holds no identity numbers (participatory-budget titles, 8TAGS
# headlines, SIB-200): no NIP, REGON or passport number is found, at most
# one identity-card number (FRB 121102, an astronomy name, passes the
# check), and person names stay few (268, of which 48 in a sample of 50
# were real people; 123 before titles and signatures were marked), so
# that a broken guard list shows; patrons of streets and schools after
# "ul." and "im." stay.
# Skips when the corpora are absent.
top=${GLOSY_TOP:?}
corp=$top/../shared/corpora/polish
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
for f in pb_titles eighttags sib200; do
	if [ ! -f "$corp/$f.tsv" ]; then
		echo "skip redaction precision: $corp/$f.tsv is absent"
		exit 0
	fi
	glosy-normalize -o red "$corp/$f.tsv" >"$t/$f" || {
		echo "not ok redaction precision: glosy-normalize failed on $f"
		exit 0
	}
done
count() {
	cat "$t/pb_titles" "$t/eighttags" "$t/sib200" | grep -o "<$1>" |
	    wc -l | tr -d ' '
}
for k in nip regon passport; do
	n=$(count "$k")
	[ "$n" -eq 0 ] && echo "ok no <$k> in texts without one" ||
		echo "not ok $n <$k> in texts without one"
done
n=$(count idcard)
[ "$n" -le 1 ] && echo "ok at most one <idcard> in texts without one ($n)" ||
	echo "not ok $n <idcard> in texts without one"
n=$(count person)
[ "$n" -ge 245 ] && [ "$n" -le 285 ] &&
	echo "ok <person> marked $n times in 56,882 texts (245-285)" ||
	echo "not ok <person> marked $n times in 56,882 texts (want 245-285)"
if grep -q 'prezydent <person>' "$t/sib200" &&
    grep -q 'prezydent Stanów Zjednoczonych' "$t/sib200" &&
    grep -q 'prezydent Rosji Władimir' "$t/eighttags"; then
	echo "ok office holders named, countries after prezydent stay"
else
	echo "not ok office holders or countries after prezydent"
fi
if grep -q 'ul. ks. józefa kurzei' "$t/pb_titles" &&
    grep -q 'im. dr marii trzcińskiej' "$t/pb_titles" &&
    grep -q 'minister zdrowia <person>' "$t/eighttags" &&
    grep -q 'prof. <person>' "$t/pb_titles"; then
	echo "ok titles mark names, patrons after ul. and im. stay"
else
	echo "not ok titles before names or patrons after ul. and im."
fi
