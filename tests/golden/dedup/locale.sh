# The output is the same bytes in any locale and for any operand form.
glosy-dedup near.in >c.utf8 || exit 1
LC_ALL=C glosy-dedup <near.in >c.c || exit 1
LC_ALL=pl_PL.UTF-8 glosy-dedup - <near.in >c.pl 2>/dev/null || exit 1
cmp c.utf8 c.c && cmp c.utf8 c.pl && echo same
rm -f c.utf8 c.c c.pl
