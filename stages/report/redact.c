/*
 * redact.c - the last guard before a quote reaches a report.  A quote is
 * refused when the pattern layer (pattern.h, over the patterns lexicon
 * that glosy-normalize(1) redacts with) would replace anything in it, or
 * when a broader byte scanner here sees anything that could be personal
 * data: any '@' before a letter, a URL or domain, 9 or more digits in a
 * run, a postal code, a street word followed by a number.  The scanner
 * catches what the lexicon lets through on purpose (a number failing its
 * checksum, an amount of money) and works when the lexicon is missing.
 * Nothing is replaced: a refused quote is simply not shown.
 */
#include <stdlib.h>
#include <string.h>

#include "glosy.h"
#include "pattern.h"
#include "report.h"

static struct patterns *redact_pats;
static struct buf redact_buf = BUF_INIT;

void
redact_init(void)
{
	char err[512], *path;

	if ((path = glosy_datafile("pl/patterns")) == NULL) {
		glosy_warn("cannot find 'pl/patterns': quotes are checked by "
		    "the built-in rules only");
		return;
	}
	if ((redact_pats = patterns_load(path, err, sizeof(err))) == NULL)
		glosy_die("%s", err);
	free(path);
}

void
redact_free(void)
{
	patterns_free(redact_pats);
	redact_pats = NULL;
	buf_release(&redact_buf);
}

static int
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* An ASCII letter or digit, or any byte of a multibyte (UTF-8) letter. */
static int
is_wordbyte(unsigned char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

static int
lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* 1 when s[i..] starts with the lowercase ASCII word w, in any case. */
static int
has_prefix(const unsigned char *s, size_t len, size_t i, const char *w)
{
	size_t k;

	for (k = 0; w[k]; k++)
		if (i + k >= len || lower(s[i + k]) != (unsigned char)w[k])
			return 0;
	return 1;
}

/* The length of a dash at s[i] (ASCII or U+2010-U+2015, U+2212), or 0. */
static size_t
dash_len(const unsigned char *s, size_t len, size_t i)
{
	if (s[i] == '-')
		return 1;
	if (i + 2 < len && s[i] == 0xe2 && ((s[i + 1] == 0x80 &&
	    s[i + 2] >= 0x90 && s[i + 2] <= 0x95) ||
	    (s[i + 1] == 0x88 && s[i + 2] == 0x92)))
		return 3;
	return 0;
}

/* Counts the digits of a run starting at s[i], allowing up to two
 * separators (blanks, . - / ( ), no-break space) between digits. */
static size_t
digit_run(const unsigned char *s, size_t len, size_t i)
{
	size_t n = 0, gap;

	while (i < len && is_digit(s[i])) {
		n++;
		i++;
		for (gap = 0; i < len && gap < 2; gap++) {
			if (strchr(" \t.-/()", s[i]) != NULL && s[i] != '\0')
				i++;
			else if (i + 1 < len && s[i] == 0xc2 &&
			    s[i + 1] == 0xa0)
				i += 2;
			else
				break;
		}
	}
	return n;
}

int
redact_broad(const char *str, size_t len)
{
	static const char *tlds[] = { "pl", "com", "eu", "org", "net", "info",
	    "gov", "edu", "io", "biz", NULL };
	static const char *abbr[] = { "ul.", "al.", "os.", "pl.", "ulic",
	    "alej", "alei", "osiedl", "plac", NULL };
	const unsigned char *s = (const unsigned char *)str;
	size_t i, j, k, d;
	int start;

	for (i = 0; i < len; i++) {
		start = i == 0 || !is_wordbyte(s[i - 1]);
		if (s[i] == '@' && i + 1 < len && is_wordbyte(s[i + 1]))
			return 1;
		if (has_prefix(s, len, i, "http://") ||
		    has_prefix(s, len, i, "https://") ||
		    has_prefix(s, len, i, "ftp://") ||
		    (start && has_prefix(s, len, i, "www.")))
			return 1;
		if (s[i] == '.' && i > 0 && (is_wordbyte(s[i - 1]) ||
		    s[i - 1] == '-'))
			for (k = 0; tlds[k]; k++) {
				j = i + 1 + strlen(tlds[k]);
				if (has_prefix(s, len, i + 1, tlds[k]) &&
				    (j == len || !is_wordbyte(s[j])))
					return 1;
			}
		if (is_digit(s[i]) && (i == 0 || !is_digit(s[i - 1]))) {
			if (digit_run(s, len, i) >= 9)
				return 1;
			/* A postal code: 2 digits, a dash, 3 digits. */
			if (i + 2 < len && is_digit(s[i + 1]) &&
			    (d = dash_len(s, len, i + 2)) > 0 &&
			    i + 2 + d + 3 <= len && is_digit(s[i + 2 + d]) &&
			    is_digit(s[i + 3 + d]) && is_digit(s[i + 4 + d]) &&
			    (i + 5 + d == len || !is_digit(s[i + 5 + d])))
				return 1;
		}
		if (!start)
			continue;
		/* A street word, then a number before the clause ends. */
		for (k = 0; abbr[k]; k++) {
			if (!has_prefix(s, len, i, abbr[k]))
				continue;
			for (j = i + strlen(abbr[k]); j < len && j < i + 48 &&
			    strchr(",;:!?\n", s[j]) == NULL; j++)
				if (is_digit(s[j]))
					return 1;
		}
	}
	return 0;
}

int
redact_flags(const char *s, size_t len)
{
	const char *errstr;

	if (text_invalid(s, len) != (size_t)-1 || memchr(s, '\0', len))
		return 1;
	if (redact_broad(s, len))
		return 1;
	if (redact_pats == NULL)
		return 0;
	buf_reset(&redact_buf);
	/* A replacement means personal data; a pattern that gave up means
	 * we cannot tell, which is a refusal too. */
	return patterns_apply(redact_pats, &redact_buf, s, len, &errstr) != 0;
}
