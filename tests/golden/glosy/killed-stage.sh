# A stage killed mid-way leaves no half-written report: an earlier report
# stays as it was, and no temporary directory is left behind.
. ./standins
cd "$d" || exit 99
TMPDIR=$d/tmp; export TMPDIR; mkdir tmp
./glosy run -q -p test.pipeline -o rep in.tsv; echo "exit $?"
cp rep/index.html before.html
printf '4\tnowy\n' >>in.tsv
run run -p test.pipeline -s report.die -o rep in.tsv
cmp before.html rep/index.html && echo "report unchanged"
run run -p test.pipeline -s stem.die -o rep in.tsv
cmp before.html rep/index.html && echo "report unchanged"
ls -a . tmp
./glosy run -q -p test.pipeline -o rep in.tsv; echo "exit $?"
cmp -s before.html rep/index.html || echo "report replaced"
mkdir mine; echo "precious" >mine/notes
./glosy run -p test.pipeline -o mine in.tsv; echo "exit $?"
cat mine/notes
