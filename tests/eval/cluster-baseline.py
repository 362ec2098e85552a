#!/usr/bin/python3
# cluster-baseline.py - the same-run baseline of tests/eval/cluster.sh:
# scikit-learn TF-IDF + k-means on the very terms glosy-cluster sees, with
# the same number of clusters, then NMI and ARI of both against the gold
# labels.
#
# usage: cluster-baseline.py K GOLD FILE...
#   Each FILE is glosy-cluster output (one run per seed): a record stream
#   with `terms` (or $TERMS_COLUMN), `theme` and the gold column GOLD (for
#   `gold`, the first of its space-separated ids is the label).  Prints
#   "NMI ARI minNMI maxNMI baseNMI baseARI baseSeconds": glosy's means
#   over the files, then the baseline on the terms of the first file.
import os
import sys
import time

from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score


def unescape(s):
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == '\\' and i + 1 < len(s):
            out.append({'t': '\t', 'n': '\n', 'r': '\r', '\\': '\\'}.get(
                s[i + 1], s[i:i + 2]))
            i += 2
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def read(path, goldcol):
    with open(path, encoding='utf-8') as f:
        head = f.readline().rstrip('\n').split('\t')
        ct = head.index(os.environ.get('TERMS_COLUMN', 'terms'))
        cg, cp = head.index(goldcol), head.index('theme')
        terms, gold, pred = [], [], []
        for line in f:
            x = line.rstrip('\n').split('\t')
            terms.append(unescape(x[ct]))
            g = x[cg]
            if goldcol == 'gold':
                g = (g.split() or [''])[0]
            gold.append(g)
            pred.append(x[cp])
    return terms, gold, pred


def main():
    k, goldcol, files = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
    nmis, aris = [], []
    for path in files:
        terms, gold, pred = read(path, goldcol)
        nmis.append(normalized_mutual_info_score(gold, pred))
        aris.append(adjusted_rand_score(gold, pred))
    terms, gold, _ = read(files[0], goldcol)
    t0 = time.time()
    # Every whitespace-separated term is one token, as in glosy.
    vec = TfidfVectorizer(token_pattern=None, tokenizer=str.split,
                          lowercase=False)
    X = vec.fit_transform(terms)
    base = KMeans(n_clusters=k, n_init=10, random_state=1).fit_predict(X)
    dt = time.time() - t0
    print('%.3f %.3f %.3f %.3f %.3f %.3f %.2f' % (
        sum(nmis) / len(nmis), sum(aris) / len(aris), min(nmis), max(nmis),
        normalized_mutual_info_score(gold, base),
        adjusted_rand_score(gold, base), dt))


main()
