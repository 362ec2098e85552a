# the tally is written through the checked stdout too
glosy-stem --tally tally.in >/dev/full
