# -B skips a column the stream lacks, with a warning, and cross-tabulates
# one it has.
glosy-report -B dzielnica -B district -c 0 -o by-if-present.d tiny.tsv &&
ls by-if-present.d && head -3 by-if-present.d/crosstab-district.tsv
rc=$?
rm -rf by-if-present.d
exit $rc
