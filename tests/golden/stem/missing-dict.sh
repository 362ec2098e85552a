# GLOSY_DATADIR pointing to a directory without the dictionary
mkdir -p missing-dict.d
GLOSY_DATADIR=missing-dict.d glosy-stem
rc=$?
rmdir missing-dict.d
exit $rc
