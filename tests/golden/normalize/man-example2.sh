# The second example of glosy-normalize(1); import's own summary on stderr
# belongs to its tests, not to these.
glosy-import answers.csv 2>/dev/null | glosy-normalize -r -k url |
    glosy-tokenize
