/*
 * record.c - the reader and writer of the record stream, glosy-records(5):
 * UTF-8 TSV with one header line, fields escaped as in PostgreSQL COPY text
 * (\\ \t \n \r).  This is the only code in glosy that parses the stream.
 *
 * Input fields are kept as raw spans of the line and unescaped only when a
 * stage asks for them, so columns a stage does not read pass through as the
 * very bytes that came in.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glosy.h"

/* replby[] of a column left out of the output (records_drop). */
#define DROPPED	(-2)
#define INBUF	((size_t)128 << 10)	/* stdio buffer of an input file */

static int	 stdin_buffered;
static char	 stdin_buf[INBUF];

static int
nextfile(struct records *r)
{
	const char *name;

	if (r->fp != NULL && r->fp != stdin)
		fclose(r->fp);
	r->fp = NULL;
	if (r->fileidx >= r->nfiles)
		return 0;
	name = r->files[r->fileidx++];
	r->lineno = 0;
	if (strcmp(name, "-") == 0) {
		r->fp = stdin;
		r->fname = "<stdin>";
	} else {
		if ((r->fp = fopen(name, "r")) == NULL)
			glosy_die("cannot open '%s':", name);
		r->fname = name;
	}
	/* Reads of 128 KB, not of stdio's 4 KB (glibc takes no size
	 * without a buffer).  stdin's buffer lives as long as stdin, and is
	 * set only before its first read. */
	if (r->fp == stdin) {
		if (!stdin_buffered)
			setvbuf(stdin, stdin_buf, _IOFBF, INBUF);
		stdin_buffered = 1;
	} else {
		if (r->iobuf == NULL)
			r->iobuf = xmalloc(INBUF);
		setvbuf(r->fp, r->iobuf, _IOFBF, INBUF);
	}
	return 1;
}

/* Reads one line of the current file into r->line; returns 0 at its end. */
static int
readline(struct records *r)
{
	ssize_t n;

	errno = 0;
	n = getline(&r->line, &r->linecap, r->fp);
	if (n < 0) {
		if (ferror(r->fp))
			glosy_die("read error on '%s':", r->fname);
		return 0;
	}
	r->lineno++;
	if (n > 0 && r->line[n - 1] == '\n')
		r->line[--n] = '\0';
	/* A raw CR cannot occur inside a field (it is escaped), so a final
	 * one is a CRLF line end from a Windows editor. */
	if (n > 0 && r->line[n - 1] == '\r')
		r->line[--n] = '\0';
	if (memchr(r->line, '\0', (size_t)n) != NULL)
		glosy_die("%s:%lu: NUL byte in the record stream", r->fname,
		    r->lineno);
	r->linelen = (size_t)n;
	return 1;
}

int
record_split(const char *line, size_t len, struct field *f, int max)
{
	const char *p = line, *end = line + len, *t;
	int n = 0;

	for (;;) {
		t = memchr(p, '\t', (size_t)(end - p));
		if (n < max) {
			f[n].s = p;
			f[n].len = (size_t)((t ? t : end) - p);
		}
		n++;
		if (t == NULL)
			break;
		p = t + 1;
	}
	return n;
}

const char *
record_word(const char **p, const char *end, size_t *len)
{
	const char *w = *p, *t;

	while (w < end && *w == ' ')
		w++;
	if (w == end) {
		*p = end;
		return NULL;
	}
	t = memchr(w, ' ', (size_t)(end - w));
	if (t == NULL)
		t = end;
	*len = (size_t)(t - w);
	*p = t;
	return w;
}

size_t
record_unescape(struct buf *dst, const char *s, size_t len)
{
	const char *end = s + len, *bs;

	buf_grow(dst, len);
	while (s < end) {
		bs = memchr(s, '\\', (size_t)(end - s));
		if (bs == NULL) {
			buf_add(dst, s, (size_t)(end - s));
			break;
		}
		buf_add(dst, s, (size_t)(bs - s));
		if (bs + 1 == end) {
			/* A lone backslash at the end stays as it is. */
			buf_addc(dst, '\\');
			break;
		}
		switch (bs[1]) {
		case '\\': buf_addc(dst, '\\'); break;
		case 't': buf_addc(dst, '\t'); break;
		case 'n': buf_addc(dst, '\n'); break;
		case 'r': buf_addc(dst, '\r'); break;
		default:
			/* Unknown escapes are kept literally, as Miller does. */
			buf_add(dst, bs, 2);
			break;
		}
		s = bs + 2;
	}
	return dst->len;
}

/*
 * Returns the first byte in [p, end) that needs an escape, or end; with
 * its escape in *esc.  Eight bytes at a time are skipped while none can
 * need one: no byte below 0x0e (TAB, LF, CR) and no backslash.
 */
static const char *
next_escape(const char *p, const char *end, const char **esc)
{
	const uint64_t ones = 0x0101010101010101ULL;
	const uint64_t high = 0x8080808080808080ULL;
	uint64_t w, x;

	for (;;) {
		while (end - p >= 8) {
			memcpy(&w, p, 8);
			x = w ^ (ones * '\\');
			if ((((w - ones * 0x0e) & ~w) | ((x - ones) & ~x)) &
			    high)
				break;
			p += 8;
		}
		if (p == end)
			return end;
		switch (*p) {
		case '\\': *esc = "\\\\"; return p;
		case '\t': *esc = "\\t"; return p;
		case '\n': *esc = "\\n"; return p;
		case '\r': *esc = "\\r"; return p;
		default: p++;
		}
	}
}

void
record_put(FILE *fp, const char *s, size_t len)
{
	const char *end = s + len, *p, *esc;

	while ((p = next_escape(s, end, &esc)) < end) {
		fwrite(s, 1, (size_t)(p - s), fp);
		fwrite(esc, 1, 2, fp);
		s = p + 1;
	}
	fwrite(s, 1, (size_t)(end - s), fp);
}

void
record_puts(FILE *fp, const char *s)
{
	record_put(fp, s, strlen(s));
}

void
record_escape(struct buf *dst, const char *s, size_t len)
{
	const char *end = s + len, *p, *esc;

	buf_grow(dst, len);
	while ((p = next_escape(s, end, &esc)) < end) {
		buf_add(dst, s, (size_t)(p - s));
		buf_add(dst, esc, 2);
		s = p + 1;
	}
	buf_add(dst, s, (size_t)(end - s));
}

void
records_open(struct records *r, int argc, char **argv)
{
	static char *dash[] = { "-" };
	struct field *f;
	struct buf name = BUF_INIT;
	int i, j;

	memset(r, 0, sizeof(*r));
	r->files = argc > 0 ? argv : dash;
	r->nfiles = argc > 0 ? argc : 1;
	r->out = stdout;
	nextfile(r);
	if (!readline(r))
		glosy_die("%s: empty input, expected a header line", r->fname);
	r->hdrline = xstrndup(r->line, r->linelen);
	f = xreallocarray(NULL, r->linelen + 1, sizeof(*f));
	r->ncols = record_split(r->line, r->linelen, f, (int)r->linelen + 1);
	r->cols = xreallocarray(NULL, (size_t)r->ncols, sizeof(char *));
	for (i = 0; i < r->ncols; i++) {
		buf_reset(&name);
		record_unescape(&name, f[i].s, f[i].len);
		if (name.len == 0)
			glosy_die("%s:1: column %d has an empty name", r->fname,
			    i + 1);
		for (j = 0; j < i; j++)
			if (strcmp(r->cols[j], name.data) == 0)
				glosy_die("%s:1: duplicate column '%s'",
				    r->fname, name.data);
		r->cols[i] = xstrdup(name.data);
	}
	buf_release(&name);
	free(f);
	r->raw = xcalloc((size_t)r->ncols, sizeof(*r->raw));
	r->val = xcalloc((size_t)r->ncols, sizeof(*r->val));
	for (i = 0; i < r->ncols; i++)
		buf_init(&r->val[i]);
	r->have = xcalloc((size_t)r->ncols, 1);
	r->replby = xmalloc((size_t)r->ncols * sizeof(int));
	for (i = 0; i < r->ncols; i++)
		r->replby[i] = -1;
}

int
records_col(const struct records *r, const char *name)
{
	int i;

	for (i = 0; i < r->ncols; i++)
		if (strcmp(r->cols[i], name) == 0)
			return i;
	return -1;
}

int
records_need(const struct records *r, const char *name)
{
	int c = records_col(r, name);

	if (c < 0)
		glosy_die("missing column '%s' in '%s'", name, r->fname);
	return c;
}

int
records_add(struct records *r, const char *name)
{
	int k, c;

	if (r->started || r->nrows > 0)
		glosy_die("records_add after the first row");
	for (k = 0; k < r->nadd; k++)
		if (strcmp(r->addname[k], name) == 0)
			return k;
	k = r->nadd++;
	r->addname = xreallocarray(r->addname, (size_t)r->nadd, sizeof(char *));
	r->addrepl = xreallocarray(r->addrepl, (size_t)r->nadd, sizeof(int));
	r->addval = xreallocarray(r->addval, (size_t)r->nadd,
	    sizeof(struct buf));
	r->addname[k] = xstrdup(name);
	buf_init(&r->addval[k]);
	c = records_col(r, name);
	r->addrepl[k] = c;
	if (c >= 0)
		r->replby[c] = k;
	return k;
}

void
records_readonly(struct records *r)
{
	r->started = 1;
}

void
records_drop(struct records *r, int col)
{
	if (r->started || r->nrows > 0)
		glosy_die("records_drop after the first row");
	if (col < 0 || col >= r->ncols)
		glosy_die("records_drop: no column %d", col);
	if (r->replby[col] >= 0)
		glosy_die("records_drop: column '%s' is replaced",
		    r->cols[col]);
	r->replby[col] = DROPPED;
}

void
records_start(struct records *r)
{
	int i, k, first = 1;

	if (r->started)
		return;
	r->started = 1;
	for (i = 0; i < r->ncols; i++) {
		if (r->replby[i] == DROPPED)
			continue;
		if (!first)
			putc('\t', r->out);
		first = 0;
		record_puts(r->out, r->cols[i]);
	}
	for (k = 0; k < r->nadd; k++) {
		if (r->addrepl[k] >= 0)
			continue;
		if (!first)
			putc('\t', r->out);
		first = 0;
		record_puts(r->out, r->addname[k]);
	}
	putc('\n', r->out);
}

int
records_next(struct records *r)
{
	int n, k;

	for (;;) {
		if (r->fp != NULL && readline(r)) {
			if (r->lineno == 1) {
				if (r->linelen != strlen(r->hdrline) ||
				    memcmp(r->line, r->hdrline, r->linelen))
					glosy_die("%s:1: header differs from "
					    "that of '%s'", r->fname,
					    r->files[0]);
				continue;
			}
			break;
		}
		if (!nextfile(r))
			return 0;
	}
	n = record_split(r->line, r->linelen, r->raw, r->ncols);
	if (n != r->ncols)
		glosy_die("%s:%lu: expected %d fields, found %d", r->fname,
		    r->lineno, r->ncols, n);
	memset(r->have, 0, (size_t)r->ncols);
	for (k = 0; k < r->nadd; k++)
		buf_reset(&r->addval[k]);
	r->nrows++;
	return 1;
}

const char *
records_get(struct records *r, int col, size_t *lenp)
{
	struct buf *v;

	if (col < 0 || col >= r->ncols)
		glosy_die("records_get: no column %d", col);
	v = &r->val[col];
	if (!r->have[col]) {
		buf_reset(v);
		if (memchr(r->raw[col].s, '\\', r->raw[col].len) == NULL)
			buf_add(v, r->raw[col].s, r->raw[col].len);
		else
			record_unescape(v, r->raw[col].s, r->raw[col].len);
		r->have[col] = 1;
	}
	if (lenp)
		*lenp = v->len;
	return v->data;
}

void
records_set(struct records *r, int k, const char *s, size_t len)
{
	buf_reset(&r->addval[k]);
	buf_add(&r->addval[k], s, len);
}

static void
emit(struct records *r, const struct field *raw, const struct field *vals)
{
	int i, k, first = 1;

	for (i = 0; i < r->ncols; i++) {
		if ((k = r->replby[i]) == DROPPED)
			continue;
		if (!first)
			putc('\t', r->out);
		first = 0;
		if (k >= 0)
			record_put(r->out, vals[k].s, vals[k].len);
		else
			fwrite(raw[i].s, 1, raw[i].len, r->out);
	}
	for (k = 0; k < r->nadd; k++) {
		if (r->addrepl[k] >= 0)
			continue;
		if (!first)
			putc('\t', r->out);
		first = 0;
		record_put(r->out, vals[k].s, vals[k].len);
	}
	putc('\n', r->out);
	if (ferror(r->out))
		glosy_die("write error:");
}

void
records_emit(struct records *r)
{
	struct field stackv[16] = { { NULL, 0 } }, *v;
	int k;

	records_start(r);
	v = r->nadd <= 16 ? stackv : xreallocarray(NULL, (size_t)r->nadd,
	    sizeof(*v));
	for (k = 0; k < r->nadd; k++) {
		v[k].s = r->addval[k].data;
		v[k].len = r->addval[k].len;
	}
	emit(r, r->raw, v);
	if (v != stackv)
		free(v);
}

void
records_emit_saved(struct records *r, const char *raw, size_t rawlen,
    const struct field *vals)
{
	struct field stackf[64], *f;
	int n;

	records_start(r);
	f = r->ncols <= 64 ? stackf : xreallocarray(NULL, (size_t)r->ncols,
	    sizeof(*f));
	n = record_split(raw, rawlen, f, r->ncols);
	if (n != r->ncols)
		glosy_die("records_emit_saved: %d fields, expected %d", n,
		    r->ncols);
	emit(r, f, vals);
	if (f != stackf)
		free(f);
}

void
records_close(struct records *r)
{
	int i, k;

	records_start(r);
	if (r->fp != NULL && r->fp != stdin)
		fclose(r->fp);
	free(r->iobuf);
	for (i = 0; i < r->ncols; i++) {
		free(r->cols[i]);
		buf_release(&r->val[i]);
	}
	for (k = 0; k < r->nadd; k++) {
		free(r->addname[k]);
		buf_release(&r->addval[k]);
	}
	free(r->cols);
	free(r->val);
	free(r->raw);
	free(r->have);
	free(r->replby);
	free(r->addname);
	free(r->addrepl);
	free(r->addval);
	free(r->line);
	free(r->hdrline);
	memset(r, 0, sizeof(*r));
}
