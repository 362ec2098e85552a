#!/bin/sh
# import-sample.sh - glosy-import on the bundled sample corpus with no
# option: the columns come out as documented and every (id, answer) pair
# equals what Python's csv module reads from the file.
top=${GLOSY_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
sample=$top/corpora/sample.csv
if [ ! -f "$sample" ]; then
	echo "skip import-sample: no corpora/sample.csv"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

glosy-import "$sample" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc = 0 ] && [ "$(head -1 "$tmp/out")" = "$(printf 'id\ttext\tdistrict\tage\tgold')" ]; then
	echo "ok import-sample: exit 0, columns id text district age gold"
else
	echo "not ok import-sample: exit $rc, header $(head -1 "$tmp/out")"
fi
n=$(($(wc -l <"$tmp/out") - 1))
if grep -qx "glosy-import: read $n rows, wrote $n, rejected 0" "$tmp/err" &&
    [ "$(wc -l <"$tmp/err")" = 1 ]; then
	echo "ok import-sample: $n rows, no warning"
else
	echo "not ok import-sample: stderr: $(head -3 "$tmp/err")"
fi
# The first example of glosy-import(1).
if [ "$(glosy-import "$sample" 2>/dev/null | head -3 | cut -f 1,2 | wc -l)" = 3 ]
then
	echo "ok import-sample: the manual's first example runs"
else
	echo "not ok import-sample: the manual's first example"
fi
if ! command -v python3 >/dev/null; then
	echo "skip import-sample python: no python3"
	exit 0
fi
# The record stream read back with its four escapes, against the CSV read
# by Python (utf-8-sig drops the BOM).
python3 - "$sample" "$tmp/out" <<'PY'
import csv, sys

def unescape(s):
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == '\\' and i + 1 < len(s):
            n = s[i + 1]
            m = {'\\': '\\', 't': '\t', 'n': '\n', 'r': '\r'}.get(n)
            if m is not None:
                out.append(m)
                i += 2
                continue
        out.append(c)
        i += 1
    return ''.join(out)

with open(sys.argv[1], encoding='utf-8-sig', newline='') as f:
    rows = list(csv.reader(f, delimiter=';'))
hdr, rows = rows[0], rows[1:]
want = [(r[hdr.index('id')], r[hdr.index('answer')],
         r[hdr.index('district')], r[hdr.index('gold')]) for r in rows]
with open(sys.argv[2], encoding='utf-8', newline='\n') as f:
    lines = f.read().split('\n')[1:-1]
got = []
for l in lines:
    v = [unescape(x) for x in l.split('\t')]
    got.append((v[0], v[1], v[2], v[4]))
if got == want:
    print("ok import-sample: %d rows equal Python's csv reading" % len(got))
else:
    bad = [i for i in range(min(len(got), len(want))) if got[i] != want[i]]
    print("not ok import-sample: %d rows vs %d from Python, first "
          "difference at row %s" % (len(got), len(want), bad[:1]))
PY
