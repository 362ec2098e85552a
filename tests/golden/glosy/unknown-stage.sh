# An unknown stage in a pipeline file is an error naming file and line.
. ./standins
cd "$d" || exit 99
sed 's/^tokenize$/tokenise/' test.pipeline >typo.pipeline
./glosy run -p typo.pipeline in.tsv
echo "exit $?"
ls
