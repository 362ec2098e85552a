# The records are copied to a temporary file in $TMPDIR when they have a
# dup_sketch column (or pass 32 MB): one that cannot be made is an error,
# before any record is written.
glosy-dedup --sketch near.in | TMPDIR=/nonexistent/dir glosy-dedup
