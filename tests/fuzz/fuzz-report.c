/*
 * fuzz-report.c - fuzzes glosy-report's value formatting and escaping
 * (stages/report/fmt.c), its table writers (stages/report/table.c), the
 * built-in personal-data scanner (stages/report/redact.c) and the
 * statistics of stats.c on arbitrary bytes, checking invariants: CSV
 * fields round-trip, HTML and Markdown text cannot break out of their
 * cell, numbers print as numbers or "NA", probabilities stay in [0, 1].
 * The two private files of the stage are compiled in directly.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glosy.h"
#include "stats.h"
#include "../../stages/report/fmt.c"
#include "../../stages/report/table.c"
#include "../../stages/report/redact.c"

#define ASSERT(c)	do { if (!(c)) abort(); } while (0)

static double
get_double(const uint8_t **p, size_t *n)
{
	double v = 0;

	if (*n >= sizeof(v)) {
		memcpy(&v, *p, sizeof(v));
		*p += sizeof(v);
		*n -= sizeof(v);
	}
	return v;
}

static void
check_csv(const char *s, size_t len)
{
	struct buf b = BUF_INIT, back = BUF_INIT;
	size_t i = 0;
	int quoted;

	fmt_csv(&b, s, len, 1);
	quoted = b.len > 0 && b.data[0] == '"';
	if (quoted) {
		ASSERT(b.len >= 2 && b.data[b.len - 1] == '"');
		for (i = 1; i + 1 < b.len; i++) {
			if (b.data[i] == '"') {
				ASSERT(b.data[i + 1] == '"');
				i++;
			}
			buf_addc(&back, b.data[i]);
		}
	} else {
		for (i = 0; i < b.len; i++)
			ASSERT(b.data[i] != ';' && b.data[i] != '\n' &&
			    b.data[i] != '\r' && b.data[i] != '"');
		buf_add(&back, b.data, b.len);
	}
	/* What comes back is the input, after an apostrophe guard. */
	if (back.len == len + 1)
		ASSERT(back.data[0] == '\'' && memcmp(back.data + 1, s,
		    len) == 0);
	else
		ASSERT(back.len == len && memcmp(back.data, s, len) == 0);
	buf_release(&b);
	buf_release(&back);
}

static void
check_escapes(const char *s, size_t len)
{
	struct buf b = BUF_INIT;
	size_t i;

	fmt_html(&b, s, len);
	ASSERT(text_invalid(b.data, b.len) == (size_t)-1);
	for (i = 0; i < b.len; i++)
		ASSERT(b.data[i] != '<' && b.data[i] != '>' &&
		    b.data[i] != '"' && b.data[i] != '\'' && b.data[i] != 0);
	buf_reset(&b);
	fmt_md(&b, s, len);
	for (i = 0; i < b.len; i++) {
		ASSERT(b.data[i] != '\n' && b.data[i] != '\r');
		if (b.data[i] == '|')
			ASSERT(i > 0 && b.data[i - 1] == '\\');
		if (b.data[i] == '\\')
			i++;
	}
	buf_reset(&b);
	if (memchr(s, '\0', len) == NULL) {
		char *z = xstrndup(s, len);

		fmt_fname(&b, z);
		ASSERT(b.len > 0);
		for (i = 0; i < b.len; i++)
			ASSERT(strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLM"
			    "NOPQRSTUVWXYZ0123456789_-", b.data[i]) != NULL &&
			    b.data[i] != 0);
		free(z);
	}
	buf_release(&b);
}

static void
check_number(double v, int dec, int comma)
{
	struct buf b = BUF_INIT;
	size_t i;

	fmt_fixed(&b, v, dec, comma);
	if (!isfinite(v))
		ASSERT(strcmp(b.data, "NA") == 0);
	else {
		ASSERT(!(b.data[0] == '-' && strspn(b.data + 1, "0.,") ==
		    b.len - 1));
		for (i = b.data[0] == '-'; i < b.len; i++)
			ASSERT((b.data[i] >= '0' && b.data[i] <= '9') ||
			    b.data[i] == (comma ? ',' : '.'));
	}
	buf_reset(&b);
	fmt_pvalue_human(&b, v, comma);
	buf_release(&b);
}

static void
check_stats(double a, double b, double c, double d)
{
	double lo, hi, q, t[6];
	int df;

	stats_wilson(a, b, STATS_Z95, &lo, &hi);
	if (!isnan(lo))
		ASSERT(lo >= 0 && hi <= 1 && lo <= hi + 1e-12);
	q = stats_chi2_sf(a, b);
	ASSERT(isnan(q) || (q >= 0 && q <= 1));
	q = stats_gamma_p(fabs(a), fabs(b));
	ASSERT(isnan(q) || (q >= 0 && q <= 1 + 1e-12));
	q = stats_g2(a, b, c, d);
	ASSERT(isnan(q) || q >= 0);
	t[0] = fabs(a), t[1] = fabs(b), t[2] = fabs(c);
	t[3] = fabs(d), t[4] = 1, t[5] = 0;
	if (isfinite(t[0] + t[1] + t[2] + t[3]) && t[0] + t[1] + t[2] + t[3]
	    < 1e150) {
		q = stats_chi2_table(t, 2, 3, &df, NULL);
		ASSERT(df >= 0 && df <= 2 && (isnan(q) || q >= -1e-9));
	}
	(void)stats_adjres(a, b, c, d);
}

static void
check_table(const char *s, size_t len, double v)
{
	static const char *cols[] = { "label", "share", "ci_low", "ci_high" };
	struct table_opts o = { FMT_TSV, 0, "-", "en" };
	struct table *t;
	struct cell *c;
	char *z, *out = NULL;
	size_t outlen = 0;
	FILE *fp;
	int f;

	if (memchr(s, '\0', len) != NULL)
		return;
	z = xstrndup(s, len);
	t = table_new("t", z, 4, cols, cols);
	t->chart = 1;
	c = table_row(t);
	cell_str(t, &c[0], z);
	cell_num(&c[1], CELL_SHARE, v);
	cell_num(&c[2], CELL_NPCT, v);
	c[2].v2 = v / 2;
	c[3].kind = CELL_SUPP;
	c[3].mark = 2;
	for (f = FMT_TSV; f <= FMT_CSV; f++) {
		o.format = (enum format)f;
		if ((fp = open_memstream(&out, &outlen)) == NULL)
			break;
		table_write(fp, t, &o);
		fclose(fp);
		if (f == FMT_HTML)
			ASSERT(strstr(out, "<script") == NULL);
		free(out);
		out = NULL;
	}
	table_free(t);
	free(z);
}

static void
check_redact(const char *s, size_t len)
{
	size_t i, run = 0;
	int flagged = redact_broad(s, len), must = 0;

	for (i = 0; i < len; i++) {
		run = s[i] >= '0' && s[i] <= '9' ? run + 1 : 0;
		if (run >= 9 || (s[i] == '@' && i + 1 < len &&
		    ((unsigned char)s[i + 1] >= 0x80 || (s[i + 1] >= 'a' &&
		    s[i + 1] <= 'z'))))
			must = 1;
	}
	ASSERT(!must || flagged);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *p = data;
	size_t n = size;
	double a, b, c, d;

	check_csv((const char *)data, size);
	check_escapes((const char *)data, size);
	check_redact((const char *)data, size);
	a = get_double(&p, &n);
	b = get_double(&p, &n);
	c = get_double(&p, &n);
	d = get_double(&p, &n);
	check_number(a, size % 7, size & 1);
	check_number(a / 1e300, 4, 0);
	check_stats(a, b, c, d);
	/* Small, plausible values reach the interesting branches more
	 * often than raw bit patterns. */
	if (size >= 4)
		check_stats(data[0] / 255.0, data[1] + 0.5, data[2] * 3.0,
		    data[3] + 1.0);
	check_table((const char *)data, size, a);
	return 0;
}
