# --format tsv reads stdin as a record stream, whatever its first line.
sed 1s/^id/nr/ stream.tsv | glosy-import -f tsv -
