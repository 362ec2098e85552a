# glosy-dedup(1) EXAMPLES: duplicates within one district only.
glosy-dedup --by district tokens.tsv
