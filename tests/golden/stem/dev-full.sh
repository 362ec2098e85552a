# output errors are reported
glosy-stem -S data/stopwords >/dev/full
