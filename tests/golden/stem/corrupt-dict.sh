# a dictionary cut short: opens (the header is intact), fails on lookup
d=corrupt-dict.d
mkdir -p $d/pl
head -c 4000 ../../../lexicons/pl/polish.dict >$d/pl/polish.dict
cp ../../../lexicons/pl/polish.info $d/pl/
GLOSY_DATADIR=$d glosy-stem -S data/stopwords
rc=$?
rm -rf $d
exit $rc
