# The EXAMPLES of glosy-report(1), run on the hand-checked stream.
d=$(mktemp -d) || exit 1
trap 'rm -rf "$d"' EXIT
cp tiny.tsv "$d/clustered.tsv"
cp tiny-model.tsv "$d/model.tsv"
cd "$d" || exit 1
glosy-report -f md clustered.tsv || exit 1
glosy-report -m model.tsv -l pl -b district -b age -f html \
    -o report clustered.tsv || exit 1
ls report
sed '1s/\tw\t/\tweight\t/' clustered.tsv >c2.tsv && mv c2.tsv clustered.tsv
rm -r report
glosy-report -d -w weight -b district -o report clustered.tsv || exit 1
ls report
cat report/themes.tsv
