# An `also` stage reads the same stream as the stage above it.
. ./standins
cd "$d" || exit 99
cp test.pipeline p
echo 'also report -o ${out}/tsv' >>p
echo 'also report' >>p
./glosy run -n -p p -o out in.tsv
mkdir -p x
sed -i 's|${out}/tsv|x|' p
./glosy run -p p -o out in.tsv; echo "exit $?"
cat out/index.html x/index.html
./glosy stages -p p | sed 's|/[^ ]*/glosy-|DIR/glosy-|'
