# stdout on a full disk: the write error is reported and the exit is 1.
glosy-import quoted.csv >/dev/full
