#!/bin/sh
# tests/sh/stem-eval.sh - quality floors of glosy-stem on UD Polish (dev),
# a little under the figures make eval prints, so that regressions fail.
# Skipped when ../shared/corpora or the dictionary is absent.
top=${GLOSY_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
out=$(sh "$top/tests/eval/stem.sh" -q 2>&1)
case $out in
skip*)
	echo "$out"
	exit 0 ;;
esac
set -- $out
if [ $# -ne 4 ]; then
	echo "not ok stem eval ran: $out"
	exit 0
fi
floor() {
	# $1 name, $2 value, $3 floor, $4 ">=" or "<="
	if awk -v v="$2" -v f="$3" -v op="$4" 'BEGIN {
	    exit !(op == ">=" ? v >= f : v <= f) }'; then
		echo "ok stem $1 $2% $4 $3%"
	else
		echo "not ok stem $1 $2% not $4 $3%"
	fi
}
floor "lemma accuracy" "$1" 95.3 ">="
floor "same-lemma pairs merged" "$2" 96.2 ">="
floor "wrong merges" "$3" 14.0 "<="
floor "no-diacritics accuracy" "$4" 93.0 ">="
