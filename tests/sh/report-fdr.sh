#!/bin/sh
# report-fdr.sh - the marks of glosy-report's cross-tables are Benjamini and
# Hochberg's: recomputed here, independently, from the residuals the long
# TSV tables print (three decimals), on the bundled sample and on 3,000
# generated answers by district and by age, every flag must be the one the
# false discovery rate gives (up to cells whose p-value lies within the
# rounding of the printed residual of a cutoff); and every q of the
# chi-square tables must be the adjusted p.  Also checks that marking at
# p < 0.05 per cell would have flagged more cells, so that the test covers
# tables where the correction matters.
top=${GLOSY_TOP:?}
py=/usr/bin/python3
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT

if ! [ -x "$py" ]; then
	echo "skip report fdr: no $py"
	exit 0
fi

run() {
	# $1 name, $2 answers file
	name=$1
	if ! glosy run -q -o "$d/$name" "$2" 2>"$d/err"; then
		echo "not ok report fdr $name: glosy run failed:" \
		    "$(tail -1 "$d/err")"
		return
	fi
	for by in district age; do
		f=$d/$name/crosstab-$by.tsv
		if ! [ -s "$f" ]; then
			echo "not ok report fdr $name $by: no $f"
			continue
		fi
		res=$("$py" - "$f" <<'PY'
import math, sys
rows = []
with open(sys.argv[1], encoding='utf-8') as f:
    h = f.readline().rstrip('\n').split('\t')
    cr, cf = h.index('residual'), h.index('flag')
    for line in f:
        x = line.rstrip('\n').split('\t')
        if x[cr] in ('', 'NA'):
            continue
        try:
            r = float(x[cr])
        except ValueError:
            continue
        rows.append((r, x[cf]))
def cut(ps, alpha):
    ps = sorted(ps)
    m = len(ps)
    for k in range(m, 0, -1):
        if ps[k - 1] <= k * alpha / m:
            return ps[k - 1]
    return -1
ps = [math.erfc(abs(r) / math.sqrt(2)) for r, _ in rows]
c5, c1 = cut(ps, 0.05), cut(ps, 0.01)
bad = naive = marked = 0
for (r, flag), p in zip(rows, ps):
    # The printed residual is rounded: a p-value this close to a cutoff
    # may fall either way.
    lo = math.erfc((abs(r) + 0.0005) / math.sqrt(2))
    hi = math.erfc(max(abs(r) - 0.0005, 0) / math.sqrt(2))
    near = any(lo <= c <= hi for c in (c5, c1) if c >= 0)
    m = 2 if p <= c1 else 1 if p <= c5 else 0
    want = ('+' if r > 0 else '-') * m
    if flag != want and not near:
        bad += 1
    naive += p < 0.05
    marked += flag != ''
print(len(rows), bad, naive, marked)
PY
		) || {
			echo "not ok report fdr $name $by: the check failed"
			continue
		}
		# cells, flags that differ, cells at p < 0.05, cells marked
		set -- $res
		echo "$3 $4" >"$d/$name-$by.counts"
		if [ "$2" -eq 0 ] && [ "$1" -gt 0 ]; then
			echo "ok report fdr $name $by: $1 cells, $4 marked as" \
			    "the false discovery rate gives ($3 at p < 0.05)"
		else
			echo "not ok report fdr $name $by: $2 of $1 flags differ"
		fi
	done
}

run sample "$top/corpora/sample.csv"
if [ -x "$top/corpora/generate" ]; then
	"$top/corpora/generate" 3000 7 >"$d/gen.csv"
	run gen "$d/gen.csv"
fi
# The q of each theme's chi-square test, recomputed from the printed p
# (four significant digits) over the themes of the table.
for f in "$d"/sample/chisq-*.tsv "$d"/gen/chisq-*.tsv; do
	[ -f "$f" ] || continue
	res=$("$py" - "$f" <<'PY'
import sys
rows = []
with open(sys.argv[1], encoding='utf-8') as f:
    h = f.readline().rstrip('\n').split('\t')
    ct, cp, cq = h.index('theme'), h.index('p'), h.index('q')
    for line in f:
        x = line.rstrip('\n').split('\t')
        if x[ct] == '*main*' or x[cp] in ('', 'NA'):
            continue
        rows.append((float(x[cp]), float(x[cq])))
m = len(rows)
order = sorted(range(m), key=lambda i: rows[i][0])
want = [0.0] * m
run = 1.0
for k in range(m, 0, -1):
    i = order[k - 1]
    run = min(run, rows[i][0] * m / k)
    want[i] = run
# Both are printed to four significant digits.
bad = sum(1 for (p, q), w in zip(rows, want) if abs(q - w) > 1.5e-3 * w)
print(m, bad)
PY
	) || { echo "not ok report fdr q: the check of $f failed"; continue; }
	set -- $res
	if [ "$1" -gt 0 ] && [ "$2" -eq 0 ]; then
		echo "ok report fdr q: ${f#"$d"/}: $1 themes, q as Benjamini" \
		    "and Hochberg adjust p"
	else
		echo "not ok report fdr q: ${f#"$d"/}: $2 of $1 q-values differ"
	fi
done

# Keywords: each listed one has p <= q <= 0.05 (the family also holds the
# terms not listed, so q cannot be recomputed from these rows alone).
for f in "$d"/sample/keyness-*.tsv "$d"/gen/keyness-*.tsv; do
	[ -f "$f" ] || continue
	set -- $(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) {
	    if ($i == "p") cp = i; if ($i == "q") cq = i }; next }
	    { n++; if (!($cp + 0 <= $cq + 0 && $cq + 0 <= 0.05)) bad++ }
	    END { print n + 0, bad + 0 }' "$f")
	if [ "$1" -gt 0 ] && [ "$2" -eq 0 ]; then
		echo "ok report fdr keyness: ${f#"$d"/}: $1 keywords," \
		    "each with p <= q <= 0.05"
	else
		echo "not ok report fdr keyness: ${f#"$d"/}: $2 of $1" \
		    "keywords out of bounds"
	fi
done

# The generated answers must show the correction at work: fewer cells
# marked than stand out at p < 0.05 each.
if [ -f "$d/gen-district.counts" ]; then
	read -r naive marked <"$d/gen-district.counts"
	if [ "$marked" -lt "$naive" ]; then
		echo "ok report fdr: by district, $marked cells marked of the" \
		    "$naive at p < 0.05"
	else
		echo "not ok report fdr: by district, $marked cells marked," \
		    "not fewer than the $naive at p < 0.05"
	fi
fi
