# glosy-dedup(1) EXAMPLES: one record per group, campaigns of 20 or more.
glosy-dedup --drop --campaign 20 tokens.tsv
