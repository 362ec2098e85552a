# A full output device is a write error, exit 1.
glosy-dedup exact.in >/dev/full
