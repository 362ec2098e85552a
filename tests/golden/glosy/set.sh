# --set replaces an option (and its short or long twin), adds one, or
# removes a flag; -n prints the resulting commands.
. ./standins
cd "$d" || exit 99
sed -e 's/^dedup$/dedup --by district --by age -k 3/' test.pipeline >p
./glosy run -n -p p -o out in.tsv
./glosy run -n -p p -o out -s dedup.by=gold -s dedup.k=5 \
    -s normalize.flag=no -s tokenize.x -s report.model=other.tsv in.tsv
run run -p p -s cluster.sleep=0 -s dedup.by=gold -o out in.tsv
cat out/index.html
