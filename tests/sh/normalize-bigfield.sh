#!/bin/sh
# normalize-bigfield.sh - a 10 MB answer (one field) goes through
# glosy-normalize and glosy-tokenize: it is redacted, normalized and
# tokenized whole, with no warning, and the row count is kept.
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
awk 'BEGIN {
	printf "id\ttext\n1\t"
	s = "Więcej ZIELENI!!! i ścieżek – pisz: jan@example.com, tel. 601 234 567 … 🌳 "
	for (n = 0; n < 10 * 1024 * 1024; n += length(s))
		printf "%s", s
	printf "\n2\tkrótka odpowiedź\n"
}' >"$t/in"
if glosy-normalize "$t/in" 2>"$t/err" | glosy-tokenize 2>>"$t/err" >"$t/out"
then
	echo "ok a 10 MB field goes through normalize | tokenize"
else
	echo "not ok a 10 MB field: $(head -c 300 "$t/err")"
	exit 0
fi
[ -s "$t/err" ] && echo "not ok a 10 MB field: warnings: $(head -c 300 "$t/err")" ||
	echo "ok a 10 MB field gives no warning"
[ "$(wc -l <"$t/out")" -eq 3 ] && echo "ok a 10 MB field stays one row" ||
	echo "not ok a 10 MB field: $(wc -l <"$t/out") lines out"
# Every e-mail address and phone number is redacted, none is left.
if cut -f3 "$t/out" | grep -q '@example.com\|601 234 567'; then
	echo "not ok a 10 MB field: personal data left in norm"
else
	echo "ok a 10 MB field is redacted throughout"
fi
n=$(cut -f4 "$t/out" | sed -n 2p | tr ' ' '\n' | grep -c '^<email>$')
[ "$n" -gt 100000 ] && echo "ok a 10 MB field: $n <email> tokens" ||
	echo "not ok a 10 MB field: only $n <email> tokens"
[ "$(sed -n 3p "$t/out" | cut -f4)" = "krótka odpowiedź" ] &&
	echo "ok the row after a 10 MB field is intact" ||
	echo "not ok the row after a 10 MB field"
