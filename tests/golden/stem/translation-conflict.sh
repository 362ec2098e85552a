# two words of one stem translated to different Polish terms (the Ukrainian
# stemmer cuts both "школа" and "школи" to "школ")
d=translation-conflict.d
mkdir -p $d/pl $d/uk
cp ../../../lexicons/pl/polish.dict ../../../lexicons/pl/polish.info $d/pl/
printf 'школа -> szkoła\nшколи -> uczeń\n' >$d/uk/translations
GLOSY_DATADIR=$d glosy-stem --lang auto
rc=$?
rm -rf $d
exit $rc
