# The records are copied to a temporary file in $TMPDIR: one that cannot
# be made is an error, before anything is written.
TMPDIR=/nonexistent/dir glosy-dedup near.in
