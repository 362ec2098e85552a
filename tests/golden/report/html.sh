# The whole report as one HTML page, Polish, with the model's labels.
d=$(mktemp -d) || exit 1
trap 'rm -rf "$d"' EXIT
glosy-report -m tiny-model.tsv -l pl -b district -c 3 -k 2 -f html \
    -o "$d/r" tiny.tsv || exit 1
ls "$d/r"
cat "$d/r/index.html"
