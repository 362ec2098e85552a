# glosy-dedup(1) EXAMPLES: one record per group, campaigns of 10 or more.
glosy-dedup --drop --campaign 10 tokens.tsv
