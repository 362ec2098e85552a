/*
 * spool.h - a store of lines for the stages that must hold their input
 * (stem, dedup, cluster): in memory up to a limit the caller gives, then all
 * of it in a temporary file in $TMPDIR (default /tmp), unlinked as soon as it
 * is made, so that nothing is left behind whatever happens.  Any failure to
 * make, write or read the file is fatal (glosy_die naming the directory):
 * a stage never writes a stream cut short.
 *
 * Lines are appended with spool_add(), which returns the offset of each; they
 * can be read back in order with spool_next() once spool_done() ends the
 * writing, or one at a time, at any moment, with spool_get() given the
 * offset and the length.  A line is stored with a newline after it, so a
 * line may hold any byte but '\n'.
 */
#ifndef SPOOL_H
#define SPOOL_H

#include <stddef.h>
#include <stdint.h>

struct spool {
	char		*mem;		/* the lines, while in memory */
	size_t		 memcap;
	size_t		 limit;		/* bytes held in memory at most */
	const char	*tag;		/* names the file: TAG.XXXXXX */
	const char	*dir;		/* its directory, once made */
	int		 fd;		/* -1 while in memory */
	char		*wbuf;		/* bytes not yet written to fd */
	size_t		 wlen;
	uint64_t	 size;		/* bytes appended in all */
	uint64_t	 flushed;	/* bytes written to fd */
	char		*rbuf;		/* bytes rboff.. of the file */
	size_t		 rlen, rcap;
	uint64_t	 rboff;
	uint64_t	 rpos;		/* where spool_next() goes on */
};

/*
 * Makes an empty spool holding up to limit bytes (lines and their newlines)
 * in memory.  tag (e.g. "glosy-stem") names the temporary file and must
 * outlive the spool.
 */
void	 spool_init(struct spool *, const char *tag, size_t limit);
/*
 * The limit of a stage's spool: the environment variable var (e.g.
 * GLOSY_STEM_MEM), a number of bytes, when set and not empty, else def.
 * A bad value is fatal, naming the variable.
 */
size_t	 spool_limit(const char *var, size_t def);
/* Frees everything and closes the file; the spool is then empty, as after
 * spool_init() with the same tag and limit. */
void	 spool_release(struct spool *);
/* Appends the line s (len bytes, no '\n'); returns its offset. */
uint64_t spool_add(struct spool *, const char *s, size_t len);
/* Nonzero once the lines have gone to the file. */
int	 spool_spilled(const struct spool *);
/*
 * Returns the len bytes at offset off (the offset of a line, from
 * spool_add(), or a place inside one; they must have been appended).  The
 * bytes are owned by the spool and valid until the next call on it.  Reads
 * that go on where the last one ended are buffered.
 */
const char *spool_get(struct spool *, uint64_t off, size_t len);
/* Ends the writing and starts spool_next() at the first line. */
void	 spool_done(struct spool *);
/*
 * Returns the next line (no newline, its length in *lenp), owned by the
 * spool and valid until the next call on it; NULL after the last one.
 */
const char *spool_next(struct spool *, size_t *lenp);

#endif
