# The records are copied to a temporary file in $TMPDIR when they have a
# dup_sketch column (or pass GLOSY_DEDUP_MEM): one that cannot be made is an error,
# before any record is written.
glosy-dedup --sketch near.in | TMPDIR=/nonexistent/dir glosy-dedup
