#!/bin/sh
# tests/eval/dedup.sh - precision and recall of glosy-dedup on the pairs of
# tests/sh/dedup-eval.sh (its generated set through the real chain), with
# the defaults, with -c terms and with -w; make check holds the defaults to
# 0.95, this prints the figures.
top=${GLOSY_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
for opts in "" "-c terms" "-w"; do
	DEDUP_OPTS=$opts sh "$top/tests/sh/dedup-eval.sh" |
	    sed -n 's/^# dedup-eval: precision/dedup: precision/p'
done
