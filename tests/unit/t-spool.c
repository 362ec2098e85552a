/*
 * t-spool.c - unit tests for spool.c: lines come back the same, in order and
 * by offset, whether they stay in memory, cross the limit or all go to the
 * temporary file; empty lines, a line longer than the limit and than the
 * write buffer, random reads while writing, and no file left behind.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "glosy.h"
#include "spool.h"

#define NLINES	3000
#define BIGLEN	200000

static char	*text[NLINES];
static size_t	 textlen[NLINES];

/* Line i: mostly short, some empty, one of BIGLEN bytes. */
static void
make_lines(void)
{
	struct buf b = BUF_INIT;
	size_t i, j;

	for (i = 0; i < NLINES; i++) {
		buf_reset(&b);
		if (i == 1500)
			for (j = 0; j < BIGLEN; j++)
				buf_addc(&b, 'a' + (int)(j % 26));
		else if (i % 7 != 3)
			buf_printf(&b, "r%zu\tzieleń %zu\t%.*s", i, i * 31,
			    (int)(i % 90), "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
			    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
			    "xxxxxxxxxx");
		text[i] = buf_detach(&b, &textlen[i]);
	}
}

/* Adds n lines to a spool of the given limit and reads them back. */
static void
roundtrip(size_t limit, size_t n, int spills)
{
	struct spool sp;
	uint64_t *off;
	const char *p;
	size_t i, len, bad = 0, badget = 0, badlive = 0;

	off = xcalloc(n + 1, sizeof(*off));
	spool_init(&sp, "t-spool", limit);
	for (i = 0; i < n; i++) {
		off[i] = spool_add(&sp, text[i], textlen[i]);
		/* An earlier line, read while the writing goes on. */
		if (i > 0 && i % 97 == 0) {
			size_t k = (i * 13) % i;

			p = spool_get(&sp, off[k], textlen[k]);
			if (memcmp(p, text[k], textlen[k]) != 0)
				badlive++;
		}
	}
	CHECK(spool_spilled(&sp) == spills, "limit %zu, %zu lines: %s",
	    limit, n, spills ? "in the file" : "in memory");
	CHECK(badlive == 0, "limit %zu: %zu lines read wrong while writing",
	    limit, badlive);
	spool_done(&sp);
	for (i = 0; (p = spool_next(&sp, &len)) != NULL; i++)
		if (i >= n || len != textlen[i] ||
		    memcmp(p, text[i], len) != 0)
			bad++;
	CHECK(i == n && bad == 0, "limit %zu: %zu of %zu lines back in order, "
	    "%zu wrong", limit, i, n, bad);
	CHECK(spool_next(&sp, &len) == NULL, "limit %zu: the end stays the end",
	    limit);
	/* In order by offset (buffered), then from the end backwards. */
	for (i = 0; i < n; i++) {
		p = spool_get(&sp, off[i], textlen[i]);
		if (memcmp(p, text[i], textlen[i]) != 0)
			badget++;
	}
	for (i = n; i-- > 0;) {
		p = spool_get(&sp, off[i], textlen[i]);
		if (memcmp(p, text[i], textlen[i]) != 0)
			badget++;
	}
	CHECK(badget == 0, "limit %zu: %zu lines wrong by offset", limit,
	    badget);
	if (n > 10) {
		p = spool_get(&sp, off[11] + 2, 3);
		CHECK(memcmp(p, text[11] + 2, 3) == 0,
		    "limit %zu: a part of a line by offset", limit);
	}
	spool_release(&sp);
	free(off);
}

static size_t
entries(const char *dir)
{
	DIR *d;
	struct dirent *e;
	size_t n = 0;

	if ((d = opendir(dir)) == NULL)
		return (size_t)-1;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

int
main(void)
{
	char dir[] = "/tmp/t-spool.XXXXXX";
	struct spool sp;
	const char *p;
	uint64_t off;
	size_t i, len;

	if (mkdtemp(dir) == NULL) {
		CHECK(0, "mkdtemp");
		return check_done();
	}
	setenv("TMPDIR", dir, 1);
	make_lines();

	roundtrip((size_t)1 << 30, NLINES, 0);
	roundtrip((size_t)1 << 30, 1500, 0);
	roundtrip(0, NLINES, 1);
	roundtrip(0, 1, 1);
	roundtrip(1, 20, 1);
	roundtrip(5000, 1400, 1);	/* crosses the limit early */
	roundtrip(60000, 1400, 1);	/* crosses it late */
	roundtrip(100000, 1400, 0);
	roundtrip(250000, 1501, 1);	/* the big line does not fit */

	/* A line longer than the limit, between two short ones. */
	spool_init(&sp, "t-spool", 100000);
	spool_add(&sp, "a", 1);
	off = spool_add(&sp, text[1500], textlen[1500]);
	spool_add(&sp, "b", 1);
	CHECK(spool_spilled(&sp) && off == 2, "a line longer than the limit "
	    "goes to the file");
	p = spool_get(&sp, off, textlen[1500]);
	CHECK(memcmp(p, text[1500], textlen[1500]) == 0,
	    "the long line by offset while writing");
	spool_done(&sp);
	p = spool_next(&sp, &len);
	CHECK(p != NULL && len == 1 && *p == 'a', "the line before it");
	p = spool_next(&sp, &len);
	CHECK(p != NULL && len == textlen[1500] &&
	    memcmp(p, text[1500], len) == 0, "the long line in order");
	p = spool_next(&sp, &len);
	CHECK(p != NULL && len == 1 && *p == 'b' &&
	    spool_next(&sp, &len) == NULL, "the line after it, then the end");
	spool_release(&sp);

	/* An empty line only, and nothing at all. */
	spool_init(&sp, "t-spool", 0);
	spool_add(&sp, "", 0);
	spool_done(&sp);
	p = spool_next(&sp, &len);
	CHECK(p != NULL && len == 0 && spool_next(&sp, &len) == NULL,
	    "one empty line in the file");
	spool_release(&sp);
	spool_init(&sp, "t-spool", 100);
	spool_done(&sp);
	CHECK(spool_next(&sp, &len) == NULL, "an empty spool");
	spool_add(&sp, "abc", 3);
	spool_release(&sp);
	CHECK(sp.size == 0 && sp.limit == 100 && !spool_spilled(&sp),
	    "release leaves an empty spool of the same limit");
	spool_release(&sp);

	CHECK(entries(dir) == 0, "no temporary file left in TMPDIR");
	rmdir(dir);
	for (i = 0; i < NLINES; i++)
		free(text[i]);
	return check_done();
}
