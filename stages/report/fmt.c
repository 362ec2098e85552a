/*
 * fmt.c - number formatting and the escaping of text for TSV's neighbours
 * (CSV, HTML, Markdown) in glosy-report.  Pure functions that append to a
 * buffer; the fuzz target tests/fuzz/fuzz-report.c runs them on arbitrary
 * bytes.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "glosy.h"
#include "report.h"

static void
decimal_comma(struct buf *dst, size_t from, int comma)
{
	char *p;

	if (!comma)
		return;
	for (p = dst->data + from; *p; p++)
		if (*p == '.')
			*p = ',';
}

void
fmt_fixed(struct buf *dst, double v, int dec, int comma)
{
	size_t from = dst->len;
	const char *p;

	if (!isfinite(v)) {
		buf_adds(dst, "NA");
		return;
	}
	buf_printf(dst, "%.*f", dec, v);
	/* A tiny negative value rounds to "-0.000"; print it unsigned. */
	if (dst->data[from] == '-') {
		for (p = dst->data + from + 1; *p == '0' || *p == '.'; p++)
			;
		if (*p == '\0') {
			memmove(dst->data + from, dst->data + from + 1,
			    dst->len - from);
			dst->len--;
		}
	}
	decimal_comma(dst, from, comma);
}

void
fmt_pvalue(struct buf *dst, double p, int comma)
{
	size_t from = dst->len;

	if (!isfinite(p)) {
		buf_adds(dst, "NA");
		return;
	}
	buf_printf(dst, "%.4g", p);
	decimal_comma(dst, from, comma);
}

void
fmt_pvalue_human(struct buf *dst, double p, int comma)
{
	if (!isfinite(p))
		buf_adds(dst, "NA");
	else if (p < 0.001)
		buf_adds(dst, comma ? "< 0,001" : "< 0.001");
	else
		fmt_fixed(dst, p, 3, comma);
}

void
fmt_csv(struct buf *dst, const char *s, size_t len, int istext)
{
	size_t i;
	int quote = 0;

	for (i = 0; i < len; i++)
		if (s[i] == ';' || s[i] == '"' || s[i] == '\r' ||
		    s[i] == '\n')
			quote = 1;
	if (quote)
		buf_addc(dst, '"');
	/* Excel runs a cell starting with = + - @ as a formula; an answer
	 * must never become one. */
	if (istext && len > 0 && strchr("=+-@\t\r", s[0]) != NULL)
		buf_addc(dst, '\'');
	for (i = 0; i < len; i++) {
		if (s[i] == '"')
			buf_addc(dst, '"');
		buf_addc(dst, s[i]);
	}
	if (quote)
		buf_addc(dst, '"');
}

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t
utf8_len(const unsigned char *s, size_t n)
{
	size_t k, i;
	unsigned long c;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		k = 2, c = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		k = 3, c = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		k = 4, c = s[0] & 0x07;
	else
		return 0;
	if (n < k)
		return 0;
	for (i = 1; i < k; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if ((k == 3 && c < 0x800) || (k == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	return k;
}

void
fmt_html(struct buf *dst, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k;

	while (i < len) {
		switch (u[i]) {
		case '&':
			buf_adds(dst, "&amp;");
			break;
		case '<':
			buf_adds(dst, "&lt;");
			break;
		case '>':
			buf_adds(dst, "&gt;");
			break;
		case '"':
			buf_adds(dst, "&quot;");
			break;
		case '\'':
			buf_adds(dst, "&#39;");
			break;
		default:
			if ((u[i] < 0x20 && u[i] != '\t' && u[i] != '\n') ||
			    u[i] == 0x7f) {
				buf_adds(dst, "\xef\xbf\xbd");
				break;
			}
			if ((k = utf8_len(u + i, len - i)) == 0) {
				buf_adds(dst, "\xef\xbf\xbd");
				break;
			}
			buf_add(dst, s + i, k);
			i += k;
			continue;
		}
		i++;
	}
}

void
fmt_md(struct buf *dst, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == '\n' || s[i] == '\r' || s[i] == '\t') {
			buf_addc(dst, ' ');
			continue;
		}
		if (strchr("|\\`*_[]<>#", s[i]) != NULL && s[i] != '\0')
			buf_addc(dst, '\\');
		buf_addc(dst, s[i]);
	}
}

void
fmt_fname(struct buf *dst, const char *s)
{
	if (*s == '\0')
		buf_addc(dst, '_');
	for (; *s; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '_' || *s == '-')
			buf_addc(dst, *s);
		else
			buf_addc(dst, '_');
	}
}
