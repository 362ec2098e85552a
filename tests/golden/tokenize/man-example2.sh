# The second example of glosy-tokenize(1).
glosy-normalize answers.tsv | glosy-tokenize -D -E | cut -f4 |
    tail -n +2 | tr ' ' '\n' | sort | uniq -c | sort -rn | head -3
