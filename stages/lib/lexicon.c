/*
 * lexicon.c - reads lexicon files line by line, glosy-lexicons(5).  The
 * meaning of an entry belongs to the stage that loads the file; this module
 * only strips comments, checks and normalizes the text and splits fields.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glosy.h"

int
lexicon_open(struct lexicon *lx, const char *path, int flags)
{
	memset(lx, 0, sizeof(*lx));
	buf_init(&lx->text);
	buf_init(&lx->fbuf);
	lx->path = path;
	lx->flags = flags;
	if ((lx->fp = fopen(path, "r")) == NULL)
		return -1;
	return 0;
}

int
lexicon_error(struct lexicon *lx, const char *fmt, ...)
{
	va_list ap;
	int n;

	n = snprintf(lx->err, sizeof(lx->err), "%s:%lu: ", lx->path,
	    lx->lineno);
	if (n < 0 || (size_t)n >= sizeof(lx->err))
		return -1;
	va_start(ap, fmt);
	vsnprintf(lx->err + n, sizeof(lx->err) - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

static int
isblank_byte(int c)
{
	return c == ' ' || c == '\t';
}

int
lexicon_next(struct lexicon *lx)
{
	ssize_t n;
	char *s, *e, *p;
	size_t len;

	for (;;) {
		errno = 0;
		n = getline(&lx->line, &lx->cap, lx->fp);
		if (n < 0) {
			if (ferror(lx->fp))
				return lexicon_error(lx, "read error: %s",
				    strerror(errno));
			return 0;
		}
		lx->lineno++;
		s = lx->line;
		e = s + n;
		if (memchr(s, '\0', (size_t)n) != NULL)
			return lexicon_error(lx, "NUL byte");
		/* A UTF-8 byte-order mark on the first line is allowed. */
		if (lx->lineno == 1 && n >= 3 && memcmp(s, "\xef\xbb\xbf", 3)
		    == 0)
			s += 3;
		for (p = s; p < e; p++)
			if (*p == '#' && (p == s || isblank_byte(p[-1]))) {
				e = p;
				break;
			}
		while (e > s && (isblank_byte(e[-1]) || e[-1] == '\n' ||
		    e[-1] == '\r'))
			e--;
		while (s < e && isblank_byte(*s))
			s++;
		if (s == e)
			continue;
		len = (size_t)(e - s);
		if (text_invalid(s, len) != (size_t)-1)
			return lexicon_error(lx, "invalid UTF-8");
		for (p = s; p < e; p++)
			if ((unsigned char)*p < 0x20 && *p != '\t')
				return lexicon_error(lx,
				    "control character 0x%02x",
				    (unsigned char)*p);
		buf_reset(&lx->text);
		if (lx->flags & LEXICON_RAW)
			buf_add(&lx->text, s, len);
		else if (text_fold(&lx->text, s, len) < 0)
			return lexicon_error(lx, "cannot normalize");
		break;
	}
	buf_reset(&lx->fbuf);
	buf_add(&lx->fbuf, lx->text.data, lx->text.len);
	lx->nf = 0;
	s = lx->fbuf.data;
	e = s + lx->fbuf.len;
	while (s < e) {
		while (s < e && isblank_byte(*s))
			*s++ = '\0';
		if (s == e)
			break;
		if (lx->nf == LEXICON_MAXF)
			return lexicon_error(lx, "more than %d fields",
			    LEXICON_MAXF);
		lx->f[lx->nf++] = s;
		while (s < e && !isblank_byte(*s))
			s++;
	}
	return 1;
}

void
lexicon_close(struct lexicon *lx)
{
	if (lx->fp != NULL)
		fclose(lx->fp);
	free(lx->line);
	buf_release(&lx->text);
	buf_release(&lx->fbuf);
	memset(lx, 0, sizeof(*lx));
}
