# Ukrainian words take the Polish terms of uk/translations through their
# stems: "школах" and "школи" both give szkoła
d=translation.d
mkdir -p $d/pl $d/uk
cp ../../../lexicons/pl/polish.dict ../../../lexicons/pl/polish.info $d/pl/
printf 'школа -> szkoła\nавтобус автобуси -> autobus\n' >$d/uk/translations
GLOSY_DATADIR=$d glosy-stem --lang auto --explain
rc=$?
rm -rf $d
exit $rc
