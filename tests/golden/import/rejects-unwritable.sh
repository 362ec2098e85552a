# A rejects file that cannot be created is an error before any output.
glosy-import --rejects /nonexistent/dir/rejects.tsv messy.csv
