# Output errors are reported: a write to a full device fails with exit 1.
glosy-normalize >/dev/full
