#!/bin/sh
# man-lint.sh - every manual page passes mandoc -Tlint -W warning, and every
# program in bin/ has a page.
top=${GLOSY_TOP:?}
cd "$top" || exit 1
if ! command -v mandoc >/dev/null 2>&1; then
	echo "skip man-lint: mandoc is not installed"
	exit 0
fi
for m in stages/*.1 stages/lib/*.5 pipeline/*.[157] lexicons/*.5; do
	[ -f "$m" ] || continue
	if out=$(mandoc -Tlint -W warning "$m" 2>&1) && [ -z "$out" ]; then
		echo "ok man-lint $m"
	else
		printf 'not ok man-lint %s: %s\n' "$m" \
		    "$(printf '%s' "$out" | head -3 | tr '\n' ' ')"
	fi
done
for p in bin/*; do
	[ -x "$p" ] || continue
	n=${p#bin/}
	case $n in
	glosy) page=pipeline/glosy.1 ;;
	*) page=stages/$n.1 ;;
	esac
	[ -f "$page" ] && echo "ok man page for $n" ||
		echo "not ok no man page for $n ($page)"
done
