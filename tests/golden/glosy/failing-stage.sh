# The exit status is the first failing stage's, the message names it, and
# no report is put in place.  Stages that only lost their reader (SIGPIPE)
# are not blamed.
. ./standins
cd "$d" || exit 99
run run -p test.pipeline -s cluster.fail=3 -o rep in.tsv
run run -p test.pipeline -s tokenize.fail=4 -s report.fail=5 -o rep in.tsv
seq 100000 | sed 's/^/x\t/' >>in.tsv
run run -p test.pipeline -s report.quit=6 -o rep in.tsv
run run -q -p test.pipeline -s normalize.quit=7 in.tsv
ls -a
