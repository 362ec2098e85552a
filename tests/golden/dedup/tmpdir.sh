# The records are copied to a temporary file in $TMPDIR when they pass
# GLOSY_DEDUP_MEM (here 0): one that cannot be made is an error, before any
# record is written.
glosy-dedup --sketch near.in |
    GLOSY_DEDUP_MEM=0 TMPDIR=/nonexistent/dir glosy-dedup
