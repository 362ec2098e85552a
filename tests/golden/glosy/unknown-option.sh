# An option a stage does not accept is an error naming file and line, in
# a pipeline file; with --set it is a usage error.
. ./standins
cd "$d" || exit 99
sed 's/^dedup$/dedup --treshold 0.9/' test.pipeline >bad.pipeline
./glosy run -p bad.pipeline in.tsv; echo "exit $?"
sed 's/^dedup$/dedup --model/' test.pipeline >bad.pipeline
./glosy run -p bad.pipeline in.tsv; echo "exit $?"
sed 's/^dedup$/dedup --flag=yes/' test.pipeline >bad.pipeline
./glosy run -p bad.pipeline in.tsv; echo "exit $?"
sed 's/^dedup$/dedup -q/' test.pipeline >bad.pipeline
./glosy run -p bad.pipeline in.tsv; echo "exit $?"
sed 's/^dedup$/dedup answers.csv/' test.pipeline >bad.pipeline
./glosy run -p bad.pipeline in.tsv; echo "exit $?"
sed 's/^dedup$/dedup --model ${tmp}\/x/' test.pipeline >bad.pipeline
./glosy run -p bad.pipeline in.tsv; echo "exit $?"
sed 's/^dedup$/also dedup/' test.pipeline >bad.pipeline
./glosy run -p bad.pipeline in.tsv; echo "exit $?"
./glosy run -p test.pipeline -s dedup.threshold=0.9 in.tsv; echo "exit $?"
./glosy run -p test.pipeline -s dedupe.x in.tsv; echo "exit $?"
./glosy run -p test.pipeline -s dedup.model in.tsv; echo "exit $?"
./glosy run -p test.pipeline -s dedup.x=maybe in.tsv; echo "exit $?"
./glosy run -p test.pipeline -s dedup in.tsv; echo "exit $?"
./glosy run -p missing.pipeline in.tsv; echo "exit $?"
ls
