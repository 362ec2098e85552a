# glosy-dedup(1) EXAMPLES: double submissions by one respondent only.
glosy-dedup --by respondent tokens.tsv
