/*
 * buf.c - a growable byte buffer; see struct buf in glosy.h for the
 * invariants.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glosy.h"

char buf_empty[1];

void
buf_init(struct buf *b)
{
	b->data = buf_empty;
	b->len = b->cap = 0;
}

void
buf_release(struct buf *b)
{
	if (b->cap)
		free(b->data);
	buf_init(b);
}

void
buf_grow(struct buf *b, size_t n)
{
	size_t want, cap;

	if (n > SIZE_MAX - b->len - 1)
		glosy_die("out of memory");
	want = b->len + n + 1;
	if (want <= b->cap)
		return;
	/* Grow by half again so that a run of appends costs amortized O(1). */
	cap = b->cap + b->cap / 2;
	if (cap < want)
		cap = want;
	if (cap < 64)
		cap = 64;
	if (b->cap == 0) {
		b->data = xmalloc(cap);
		b->data[0] = '\0';
	} else
		b->data = xrealloc(b->data, cap);
	b->cap = cap;
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	if (n == 0)
		return;
	buf_grow(b, n);
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_addc(struct buf *b, int c)
{
	buf_grow(b, 1);
	b->data[b->len++] = (char)c;
	b->data[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(b->data + b->len, b->cap ? b->cap - b->len : 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		glosy_die("vsnprintf failed");
	if (b->len + (size_t)n + 1 > b->cap) {
		buf_grow(b, (size_t)n);
		va_start(ap, fmt);
		vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

void
buf_setlen(struct buf *b, size_t len)
{
	if (len > b->len && len + 1 > b->cap)
		glosy_die("buf_setlen beyond capacity");
	b->len = len;
	if (b->cap)
		b->data[len] = '\0';
}

char *
buf_detach(struct buf *b, size_t *lenp)
{
	char *p;

	if (lenp)
		*lenp = b->len;
	p = b->cap ? b->data : xstrdup("");
	buf_init(b);
	return p;
}
