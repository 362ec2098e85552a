#!/bin/sh
# corpus.sh - checks the bundled sample corpus (corpora/sample.csv) and the
# generator of larger inputs (corpora/generate).
top=${GLOSY_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
py=/usr/bin/python3
sample=$top/corpora/sample.csv
if [ ! -x "$py" ]; then
	echo "skip corpus: /usr/bin/python3 is missing"
	exit 0
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# Each check prints "ok WHAT" or "not ok WHAT: detail".
"$py" - "$sample" <<'PY'
import collections, csv, io, re, sys

THEMES = set("green transport cycling roads_parking housing jobs culture "
             "education health safety cleanliness sport seniors_access "
             "participation tourism_image other no_content".split())
PL = set("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")

def check(ok, what, detail=""):
    print(("ok " if ok else "not ok ") + what + ("" if ok else ": " + detail))

data = open(sys.argv[1], "rb").read()
check(data.startswith(b"\xef\xbb\xbf"), "sample starts with a UTF-8 BOM")
text = data.decode("utf-8-sig")
first = text.split("\r\n", 1)[0]
check(first == "id;district;age;answer;gold", "sample header", repr(first))
rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))[1:]
check(all(len(r) == 5 for r in rows), "sample rows have 5 fields")
check(len(rows) >= 400, "sample has at least 400 answers", str(len(rows)))
ids = [r[0] for r in rows]
check(len(set(ids)) == len(ids) and all(re.fullmatch(r"R\d{4}", i)
      for i in ids), "sample ids are unique R0001...")
bad = [r[4] for r in rows if not r[4].split()
       or not set(r[4].split()) <= THEMES]
check(not bad, "every gold id is valid", " ".join(bad[:5]))
cnt = collections.Counter(t for r in rows for t in r[4].split())
few = ["%s=%d" % (t, cnt[t]) for t in sorted(THEMES) if cnt[t] < 10]
check(not few, "each theme has at least 10 answers", " ".join(few))
ans = [r[3] for r in rows]
# typed without Polish letters: no Polish letter, and a word that the
# sample also spells with Polish letters ("wiecej" next to "więcej")
strip = str.maketrans("ąćęłńóśźż", "acelnoszz")
words = lambda a: re.findall(r"\w+", a.lower())
stripped = {w.translate(strip) for a in ans for w in words(a)
            if PL.intersection(w)}
typed = [a for a in ans if not PL.intersection(a)
         and any(w in stripped for w in words(a))]
share = len(typed) / len(ans)
check(0.15 <= share <= 0.35, "15-35% of answers typed without Polish letters",
      "%.3f" % share)
c = collections.Counter(a for a in ans if a.strip())
check(any(v > 1 for v in c.values()), "sample has exact duplicates")
check(any(re.search(r"\b(the|and|please)\b", a) for a in ans),
      "sample has English answers")
check(sum(bool(re.search("[\u0400-\u04ff]", a)) for a in ans) >= 3,
      "sample has Cyrillic answers")
check(any(re.search(r"[\w.]+@[\w.]+\.\w+", a) for a in ans),
      "sample has an e-mail address")
check(any(re.search(r"\b\d{3}[ -]\d{3}[ -]\d{3}\b", a) for a in ans),
      "sample has a phone number")
check(any("\n" in a for a in ans) and any(";" in a for a in ans)
      and any('"' in a for a in ans),
      "sample has quoted line breaks, ';' and '\"'")
check(any(a.strip() == "" for a in ans), "sample has an empty answer")
check(data.count(b"\r\n") >= len(rows) + 1, "sample records end in CRLF")
def pesel_ok(p):
    w = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
    return (10 - sum(int(d) * k for d, k in zip(p, w)) % 10) % 10 == int(p[10])
check(any(pesel_ok(m) for a in ans for m in re.findall(r"\b\d{11}\b", a)),
      "sample has a PESEL with a valid checksum")
PY

if "$top/corpora/build-sample" >"$tmp/sample.csv" &&
    cmp -s "$tmp/sample.csv" "$sample"; then
	echo "ok sample.csv is what build-sample makes of sample-source.txt"
else
	echo "not ok sample.csv is what build-sample makes of sample-source.txt"
fi

gen=$top/corpora/generate
if "$gen" 1000 1 >"$tmp/a.csv" 2>"$tmp/err" && "$gen" 1000 1 >"$tmp/b.csv"
then
	echo "ok generate 1000 1 runs"
else
	echo "not ok generate 1000 1 runs: $(cat "$tmp/err")"
fi
if cmp -s "$tmp/a.csv" "$tmp/b.csv"; then
	echo "ok generate is deterministic for a seed"
else
	echo "not ok generate is deterministic for a seed"
fi
"$gen" 1000 2 >"$tmp/c.csv"
if cmp -s "$tmp/a.csv" "$tmp/c.csv"; then
	echo "not ok generate depends on the seed"
else
	echo "ok generate depends on the seed"
fi
"$py" - "$tmp/a.csv" <<'PY'
import csv, io, sys
THEMES = set("green transport cycling roads_parking housing jobs culture "
             "education health safety cleanliness sport seniors_access "
             "participation tourism_image other no_content".split())
def check(ok, what, detail=""):
    print(("ok " if ok else "not ok ") + what + ("" if ok else ": " + detail))
data = open(sys.argv[1], "rb").read()
check(data.startswith(b"\xef\xbb\xbfid;district;age;answer;gold\r\n"),
      "generate writes the sample's BOM and header")
rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""),
                       delimiter=";"))[1:]
check(len(rows) == 1000, "generate 1000 writes 1000 rows", str(len(rows)))
check(all(len(r) == 5 and r[4].split() and set(r[4].split()) <= THEMES
          for r in rows), "generated rows have 5 fields and valid gold")
check(len(set(r[0] for r in rows)) == 1000, "generated ids are unique")
PY
if "$gen" x >/dev/null 2>&1; then
	echo "not ok generate rejects a bad N"
else
	echo "ok generate rejects a bad N"
fi
