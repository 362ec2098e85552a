# A full disk is a write error with exit status 1, on stdout and in -o.
glosy-report tiny.tsv >/dev/full
echo "stdout: $?"
