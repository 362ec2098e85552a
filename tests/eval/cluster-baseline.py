#!/usr/bin/python3
# cluster-baseline.py - the same-run baseline of tests/eval/cluster.sh:
# scikit-learn TF-IDF + k-means on the very terms glosy-cluster sees, with
# the same number of clusters, then NMI and ARI of both against the gold
# labels.
#
# usage: cluster-baseline.py K FILE [GOLD]
#   FILE is glosy-cluster output: a record stream with `terms`, `theme` and
#   the gold column GOLD (default `gold`; its first space-separated id is
#   the label).  Prints "glosyNMI glosyARI baseNMI baseARI baseSeconds".
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


def main():
    k = int(sys.argv[1])
    goldcol = sys.argv[3] if len(sys.argv) > 3 else 'gold'
    with open(sys.argv[2], encoding='utf-8') as f:
        head = f.readline().rstrip('\n').split('\t')
        ct, cg, cp = head.index(os.environ.get('TERMS_COLUMN', 'terms')), \
            head.index(goldcol), \
            head.index('theme')
        terms, gold, pred = [], [], []
        for line in f:
            x = line.rstrip('\n').split('\t')
            terms.append(unescape(x[ct]))
            g = x[cg]
            if goldcol == 'gold':
                g = (g.split() or [''])[0]
            gold.append(g)
            pred.append(x[cp])
    t0 = time.time()
    # Every whitespace-separated term is one token, as in glosy.
    vec = TfidfVectorizer(token_pattern=None, tokenizer=str.split,
                          lowercase=False)
    X = vec.fit_transform(terms)
    base = KMeans(n_clusters=k, n_init=10, random_state=1).fit_predict(X)
    dt = time.time() - t0
    print('%.3f %.3f %.3f %.3f %.2f' % (
        normalized_mutual_info_score(gold, pred),
        adjusted_rand_score(gold, pred),
        normalized_mutual_info_score(gold, base),
        adjusted_rand_score(gold, base), dt))


main()
