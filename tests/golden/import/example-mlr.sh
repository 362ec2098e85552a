# glosy-import(1) EXAMPLES: count the empty answers with Miller.
glosy-import -q quoted.csv | mlr --tsv filter '$text == ""' then count
