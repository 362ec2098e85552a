#!/usr/bin/python3
# sklearn_baseline.py - the peer baseline of tests/bench/chain.sh: what an
# analyst would write with scikit-learn to go from raw survey answers to
# clusters.  Reads the answers CSV (as corpora/sample.csv and
# corpora/generate write it: UTF-8 with BOM, ';', a column 'answer'), builds
# TF-IDF vectors with scikit-learn's default word tokenizer and lower-casing,
# clusters them with k-means (k = 16, one initialisation, fixed seed), and
# writes one line per answer: id TAB cluster.  Timing is done by the caller.
#
# Usage: sklearn_baseline.py ANSWERS.csv [K] > clusters.tsv
import csv
import sys

from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer


def main():
    path = sys.argv[1]
    k = int(sys.argv[2]) if len(sys.argv) > 2 else 16
    ids, texts = [], []
    with open(path, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f, delimiter=";"):
            ids.append(row["id"])
            texts.append(row["answer"])
    x = TfidfVectorizer(min_df=2, sublinear_tf=True).fit_transform(texts)
    labels = KMeans(n_clusters=k, n_init=1, random_state=1).fit_predict(x)
    out = sys.stdout
    for i, c in zip(ids, labels):
        out.write("%s\t%d\n" % (i, c))


if __name__ == "__main__":
    main()
