# a file that is not a morfologik dictionary
d=bad-magic.d
mkdir -p $d/pl
printf 'not an automaton at all\n' >$d/pl/polish.dict
cp ../../../lexicons/pl/polish.info $d/pl/
GLOSY_DATADIR=$d glosy-stem
rc=$?
rm -rf $d
exit $rc
