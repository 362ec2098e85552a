/*
 * spool.c - lines held in memory up to a limit, then in an unlinked
 * temporary file; see spool.h.
 */
#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "glosy.h"
#include "spool.h"

#define IOSIZE	((size_t)1 << 16)	/* write buffer, read-ahead */

void
spool_init(struct spool *sp, const char *tag, size_t limit)
{
	memset(sp, 0, sizeof(*sp));
	sp->tag = tag;
	sp->limit = limit;
	sp->fd = -1;
}

size_t
spool_limit(const char *var, size_t def)
{
	const char *env, *errstr;
	long long n;

	if ((env = getenv(var)) == NULL || *env == '\0')
		return def;
	n = glosy_strtonum(env, 0, LLONG_MAX, &errstr);
	if (errstr != NULL)
		glosy_die("%s: '%s' is %s", var, env, errstr);
	return (size_t)n;
}

void
spool_release(struct spool *sp)
{
	if (sp->fd >= 0)
		close(sp->fd);
	free(sp->mem);
	free(sp->wbuf);
	free(sp->rbuf);
	spool_init(sp, sp->tag, sp->limit);
}

int
spool_spilled(const struct spool *sp)
{
	return sp->fd >= 0;
}

/* Writes n bytes to the file, all of them or dies. */
static void
spool_write(struct spool *sp, const char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		if ((w = write(sp->fd, p, n)) < 0) {
			if (errno == EINTR)
				continue;
			glosy_die("cannot write the temporary file in '%s':",
			    sp->dir);
		}
		p += w;
		n -= (size_t)w;
		sp->flushed += (uint64_t)w;
	}
}

static void
spool_flush(struct spool *sp)
{
	spool_write(sp, sp->wbuf, sp->wlen);
	sp->wlen = 0;
}

/* Moves the lines held so far to a new temporary file. */
static void
spool_spill(struct spool *sp)
{
	struct buf path = BUF_INIT;

	sp->dir = getenv("TMPDIR");
	if (sp->dir == NULL || *sp->dir == '\0')
		sp->dir = "/tmp";
	buf_printf(&path, "%s/%s.XXXXXX", sp->dir, sp->tag);
	if ((sp->fd = mkstemp(path.data)) < 0)
		glosy_die("cannot create a temporary file in '%s':", sp->dir);
	/* Unlinked at once, the file goes with the process however it
	 * ends. */
	unlink(path.data);
	buf_release(&path);
	sp->wbuf = xmalloc(IOSIZE);
	spool_write(sp, sp->mem, (size_t)sp->size);
	free(sp->mem);
	sp->mem = NULL;
	sp->memcap = 0;
}

uint64_t
spool_add(struct spool *sp, const char *s, size_t len)
{
	uint64_t off = sp->size;
	size_t need = len + 1, cap;

	if (sp->fd < 0 && sp->size + need <= sp->limit) {
		if (sp->size + need > sp->memcap) {
			/* Doubling, but never past the limit: the limit is
			 * what the stage may take. */
			cap = sp->memcap ? sp->memcap * 2 : IOSIZE;
			while (cap < sp->size + need)
				cap *= 2;
			if (cap > sp->limit)
				cap = sp->limit;
			sp->mem = xrealloc(sp->mem, cap);
			sp->memcap = cap;
		}
		memcpy(sp->mem + sp->size, s, len);
		sp->mem[sp->size + len] = '\n';
		sp->size += need;
		return off;
	}
	if (sp->fd < 0)
		spool_spill(sp);
	if (sp->wlen + need > IOSIZE)
		spool_flush(sp);
	if (need > IOSIZE) {
		spool_write(sp, s, len);
		len = 0;
	}
	memcpy(sp->wbuf + sp->wlen, s, len);
	sp->wbuf[sp->wlen + len] = '\n';
	sp->wlen += len + 1;
	sp->size += need;
	return off;
}

const char *
spool_get(struct spool *sp, uint64_t off, size_t len)
{
	size_t want, got;
	ssize_t n;

	assert(off <= sp->size && len <= sp->size - off);
	if (sp->fd < 0)
		return sp->mem + off;
	if (off >= sp->flushed)
		return sp->wbuf + (off - sp->flushed);
	if (off >= sp->rboff && off + len <= sp->rboff + sp->rlen)
		return sp->rbuf + (off - sp->rboff);
	if (off + len > sp->flushed)
		spool_flush(sp);
	/* A read that goes on from the last one reads ahead; one elsewhere
	 * (a quote, the first copy of an answer) reads just what it needs,
	 * and the newline after it, so that a read of the next line counts
	 * as going on. */
	if (off >= sp->rboff && off <= sp->rboff + sp->rlen && len < IOSIZE)
		want = IOSIZE;
	else
		want = len + 1;
	if (want > sp->flushed - off)
		want = (size_t)(sp->flushed - off);
	if (want + 1 > sp->rcap) {
		sp->rcap = want + 1;
		sp->rbuf = xrealloc(sp->rbuf, sp->rcap);
	}
	sp->rboff = off;
	sp->rlen = 0;
	for (got = 0; got < want; got += (size_t)n) {
		n = pread(sp->fd, sp->rbuf + got, want - got,
		    (off_t)(off + got));
		if (n < 0 && errno == EINTR) {
			n = 0;
			continue;
		}
		if (n < 0)
			glosy_die("cannot read the temporary file in '%s':",
			    sp->dir);
		if (n == 0)
			glosy_die("temporary file in '%s': cut short",
			    sp->dir);
	}
	sp->rlen = want;
	return sp->rbuf;
}

void
spool_done(struct spool *sp)
{
	if (sp->fd >= 0 && sp->wlen > 0)
		spool_flush(sp);
	/* A read from the start then reads ahead. */
	sp->rboff = 0;
	sp->rlen = 0;
	sp->rpos = 0;
}

const char *
spool_next(struct spool *sp, size_t *lenp)
{
	const char *p, *nl;
	size_t avail, want;

	if (sp->rpos >= sp->size)
		return NULL;
	if (sp->fd < 0) {
		p = sp->mem + sp->rpos;
		nl = memchr(p, '\n', (size_t)(sp->size - sp->rpos));
		assert(nl != NULL);
		*lenp = (size_t)(nl - p);
		sp->rpos += *lenp + 1;
		return p;
	}
	want = IOSIZE;
	for (;;) {
		if (sp->rpos >= sp->rboff && sp->rpos < sp->rboff + sp->rlen) {
			p = sp->rbuf + (sp->rpos - sp->rboff);
			avail = (size_t)(sp->rboff + sp->rlen - sp->rpos);
			if ((nl = memchr(p, '\n', avail)) != NULL) {
				*lenp = (size_t)(nl - p);
				sp->rpos += *lenp + 1;
				return p;
			}
			if (sp->rpos + avail >= sp->size)
				glosy_die("temporary file in '%s': last line "
				    "cut short", sp->dir);
			if (want <= avail)
				want = avail * 2;
		}
		if (want > sp->size - sp->rpos)
			want = (size_t)(sp->size - sp->rpos);
		/* Not read ahead: spool_get() then reads want bytes and
		 * one more. */
		sp->rboff = 0;
		sp->rlen = 0;
		spool_get(sp, sp->rpos, want);
	}
}
