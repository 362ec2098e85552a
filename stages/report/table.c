/*
 * table.c - the tables of glosy-report and their four writers.  A table is
 * a grid of typed cells; each writer decides how a cell looks: TSV and CSV
 * get machine numbers (fractions, '.' or ',' decimals, "c" for a suppressed
 * cell), Markdown and HTML get numbers for people (percentages, markers for
 * residuals).  The HTML writer draws the share chart of a table marked
 * chart as inline SVG.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glosy.h"
#include "report.h"

struct table *
table_new(const char *name, const char *title, int ncols, const char **cols,
    const char **heads)
{
	struct table *t = xcalloc(1, sizeof(*t));

	t->name = xstrdup(name);
	t->title = xstrdup(title);
	t->ncols = ncols;
	t->cols = cols;
	t->heads = heads;
	t->sepbefore = -1;
	return t;
}

void
table_free(struct table *t)
{
	int i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i].s);
	free(t->cells);
	if (t->note) {
		buf_release(t->note);
		free(t->note);
	}
	free(t->name);
	free(t->title);
	free(t);
}

struct cell *
table_row(struct table *t)
{
	struct cell *c;

	if (t->nrows == t->caprows) {
		t->caprows = t->caprows ? 2 * t->caprows : 16;
		t->cells = xreallocarray(t->cells,
		    (size_t)t->caprows * (size_t)t->ncols, sizeof(*c));
	}
	c = t->cells + (size_t)t->nrows++ * (size_t)t->ncols;
	memset(c, 0, (size_t)t->ncols * sizeof(*c));
	return c;
}

void
cell_str(struct table *t, struct cell *c, const char *s)
{
	(void)t;
	free(c->s);
	c->kind = CELL_STR;
	c->s = xstrdup(s);
}

void
cell_num(struct cell *c, enum cell_kind kind, double v)
{
	c->kind = kind;
	c->v = v;
}

static int
cell_numeric(enum cell_kind k)
{
	return k != CELL_STR && k != CELL_NONE;
}

/* The text of a cell; human selects md/html presentation. */
static void
cell_text(struct buf *b, const struct table *t, const struct cell *c,
    const struct table_opts *o, int human)
{
	int comma = human ? o->comma : o->format == FMT_CSV;
	int dec = t->weighted ? 2 : 0;

	switch (c->kind) {
	case CELL_NONE:
		break;
	case CELL_STR:
		buf_adds(b, c->s);
		break;
	case CELL_COUNT:
		fmt_fixed(b, c->v, dec, comma);
		break;
	case CELL_INT:
		fmt_fixed(b, c->v, 0, comma);
		break;
	case CELL_SHARE:
		if (human) {
			fmt_fixed(b, 100 * c->v, 1, comma);
			if (isfinite(c->v))
				buf_addc(b, '%');
		} else
			fmt_fixed(b, c->v, 4, comma);
		break;
	case CELL_STAT:
		fmt_fixed(b, c->v, 3, comma);
		break;
	case CELL_P:
		if (human)
			fmt_pvalue_human(b, c->v, comma);
		else
			fmt_pvalue(b, c->v, comma);
		break;
	case CELL_NPCT:
		fmt_fixed(b, c->v, dec, comma);
		if (human) {
			buf_adds(b, " (");
			fmt_fixed(b, 100 * c->v2, 1, comma);
			buf_adds(b, isfinite(c->v2) ? "%)" : ")");
		}
		break;
	case CELL_SUPP:
		buf_adds(b, human ? o->supp : "c");
		break;
	}
	if (human && c->mark != 0)
		buf_adds(b, c->mark == 2 ? "\xc2\xa0\xe2\x96\xb2\xe2\x96\xb2" :
		    c->mark == 1 ? "\xc2\xa0\xe2\x96\xb2" :
		    c->mark == -1 ? "\xc2\xa0\xe2\x96\xbc" :
		    "\xc2\xa0\xe2\x96\xbc\xe2\x96\xbc");
}

static void
write_tsv(FILE *fp, const struct table *t, const struct table_opts *o)
{
	struct buf b = BUF_INIT;
	int i, j;

	for (j = 0; j < t->ncols; j++) {
		if (j)
			putc('\t', fp);
		record_puts(fp, t->cols[j]);
	}
	putc('\n', fp);
	for (i = 0; i < t->nrows; i++) {
		for (j = 0; j < t->ncols; j++) {
			if (j)
				putc('\t', fp);
			buf_reset(&b);
			cell_text(&b, t, &t->cells[i * t->ncols + j], o, 0);
			record_put(fp, b.data, b.len);
		}
		putc('\n', fp);
	}
	buf_release(&b);
}

static void
write_csv(FILE *fp, const struct table *t, const struct table_opts *o)
{
	struct buf b = BUF_INIT, e = BUF_INIT;
	const struct cell *c;
	int i, j;

	fputs("\xef\xbb\xbf", fp);
	for (j = 0; j < t->ncols; j++) {
		if (j)
			putc(';', fp);
		buf_reset(&e);
		fmt_csv(&e, t->heads[j], strlen(t->heads[j]), 1);
		fwrite(e.data, 1, e.len, fp);
	}
	fputs("\r\n", fp);
	for (i = 0; i < t->nrows; i++) {
		for (j = 0; j < t->ncols; j++) {
			if (j)
				putc(';', fp);
			c = &t->cells[i * t->ncols + j];
			buf_reset(&b);
			cell_text(&b, t, c, o, 0);
			buf_reset(&e);
			fmt_csv(&e, b.data, b.len, c->kind == CELL_STR);
			fwrite(e.data, 1, e.len, fp);
		}
		fputs("\r\n", fp);
	}
	buf_release(&b);
	buf_release(&e);
}

/* A column is right-aligned when its first non-empty cell is a number. */
static int
col_numeric(const struct table *t, int j)
{
	int i;

	for (i = 0; i < t->nrows; i++) {
		enum cell_kind k = t->cells[i * t->ncols + j].kind;

		if (k == CELL_SUPP || k == CELL_NONE)
			continue;
		return cell_numeric(k);
	}
	return 0;
}

static void
write_md(FILE *fp, const struct table *t, const struct table_opts *o)
{
	struct buf b = BUF_INIT, e = BUF_INIT;
	int i, j;

	fprintf(fp, "## %s\n\n", t->title);
	if (t->note && t->note->len)
		fprintf(fp, "%s\n\n", t->note->data);
	fputs("|", fp);
	for (j = 0; j < t->ncols; j++) {
		buf_reset(&e);
		fmt_md(&e, t->heads[j], strlen(t->heads[j]));
		fprintf(fp, " %s |", e.data);
	}
	fputs("\n|", fp);
	for (j = 0; j < t->ncols; j++)
		fputs(col_numeric(t, j) ? " ---: |" : " --- |", fp);
	putc('\n', fp);
	for (i = 0; i < t->nrows; i++) {
		putc('|', fp);
		for (j = 0; j < t->ncols; j++) {
			buf_reset(&b);
			cell_text(&b, t, &t->cells[i * t->ncols + j], o, 1);
			buf_reset(&e);
			fmt_md(&e, b.data, b.len);
			fprintf(fp, " %s |", e.data);
		}
		putc('\n', fp);
	}
	if (t->nrows == 0) {
		putc('|', fp);
		for (j = 0; j < t->ncols; j++)
			fputs("  |", fp);
		putc('\n', fp);
	}
	putc('\n', fp);
	buf_release(&b);
	buf_release(&e);
}

/* Index of the column named name, or -1. */
static int
col_index(const struct table *t, const char *name)
{
	int j;

	for (j = 0; j < t->ncols; j++)
		if (strcmp(t->cols[j], name) == 0)
			return j;
	return -1;
}

/*
 * The share chart: one bar per row (label, share), a whisker over the
 * Wilson interval (ci_low, ci_high), a tick every 10 or 20 per cent.
 */

#define CHART_LABEL_MAX	32	/* characters that fit left of the bars */

/* Appends label to b, HTML-escaped and cut to CHART_LABEL_MAX characters
 * with an ellipsis. */
static void
chart_label(struct buf *b, const char *label)
{
	size_t i, n = 0, len = strlen(label);

	for (i = 0; i < len; i++)
		if (((unsigned char)label[i] & 0xc0) != 0x80 &&
		    ++n > CHART_LABEL_MAX - 1)
			break;
	if (i == len || n <= CHART_LABEL_MAX - 1) {
		fmt_html(b, label, len);
		return;
	}
	/* More than fits: keep the first characters and mark the cut. */
	fmt_html(b, label, i);
	buf_adds(b, "\xe2\x80\xa6");
}

static void
write_chart(FILE *fp, const struct table *t, const struct table_opts *o)
{
	struct buf b = BUF_INIT, e = BUF_INIT;
	int jl = col_index(t, "label"), js = col_index(t, "share");
	int jlo = col_index(t, "ci_low"), jhi = col_index(t, "ci_high");
	int i, rowh = 24, left = 230, width = 430, top = 8, h, step, y;
	double max = 0, v, lo, hi, x0, x1, x2;
	const struct cell *c;

	if (jl < 0 || js < 0 || jlo < 0 || jhi < 0 || t->nrows == 0)
		return;
	for (i = 0; i < t->nrows; i++) {
		v = t->cells[i * t->ncols + jhi].v;
		if (isfinite(v) && v > max)
			max = v;
	}
	max = max <= 0 ? 0.1 : ceil(max * 10 - 1e-9) / 10;
	step = max > 0.5 ? 20 : 10;
	h = top + rowh * t->nrows + 24;
	fprintf(fp, "<figure class=\"chart\">\n<svg xmlns=\"http://www.w3.org/"
	    "2000/svg\" role=\"img\" aria-labelledby=\"chart-title\" "
	    "viewBox=\"0 0 %d %d\" width=\"100%%\" style=\"max-width:%dpx\">\n"
	    "<title id=\"chart-title\">", left + width + 70, h,
	    left + width + 70);
	buf_reset(&e);
	fmt_html(&e, t->title, strlen(t->title));
	fprintf(fp, "%s</title>\n", e.data);
	for (i = 0; i <= (int)lround(max * 100); i += step) {
		x0 = left + width * (i / 100.0) / max;
		fprintf(fp, "<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" "
		    "x2=\"%.1f\" y2=\"%d\"/><text class=\"tick\" x=\"%.1f\" "
		    "y=\"%d\">%d%%</text>\n", x0, top, x0, h - 20, x0, h - 6,
		    i);
	}
	for (i = 0; i < t->nrows; i++) {
		c = &t->cells[i * t->ncols];
		v = c[js].v;
		lo = c[jlo].v;
		hi = c[jhi].v;
		if (!isfinite(v))
			v = lo = hi = 0;
		x0 = left + width * v / max;
		x1 = left + width * lo / max;
		x2 = left + width * hi / max;
		buf_reset(&e);
		fmt_html(&e, c[jl].s ? c[jl].s : "", c[jl].s ?
		    strlen(c[jl].s) : 0);
		buf_reset(&b);
		fmt_fixed(&b, 100 * v, 1, o->comma);
		buf_adds(&b, "% (95%: ");
		fmt_fixed(&b, 100 * lo, 1, o->comma);
		buf_adds(&b, "\xe2\x80\x93");
		fmt_fixed(&b, 100 * hi, 1, o->comma);
		buf_adds(&b, "%)");
		fprintf(fp, "<g%s><title>%s: %s</title>\n",
		    i >= t->sepbefore && t->sepbefore >= 0 ? " class=\"nc\"" :
		    "", e.data, b.data);
		/* The full label is in the title; the visible one must fit
		 * left of the bars. */
		buf_reset(&e);
		chart_label(&e, c[jl].s ? c[jl].s : "");
		fprintf(fp, "<text class=\"lab\" x=\"%d\" y=\"%d\">%s</text>\n",
		    left - 8, top + i * rowh + 16, e.data);
		fprintf(fp, "<rect class=\"bar\" x=\"%d\" y=\"%d\" "
		    "width=\"%.1f\" height=\"%d\"/>\n", left,
		    top + i * rowh + 4, x0 - left, rowh - 8);
		y = top + i * rowh;
		fprintf(fp, "<path class=\"ci\" d=\"M%.1f %dV%dM%.1f %dH%.1f"
		    "M%.1f %dV%d\"/>\n", x1, y + 7, y + 17, x1, y + 12, x2,
		    x2, y + 7, y + 17);
		buf_reset(&b);
		fmt_fixed(&b, 100 * v, 1, o->comma);
		fprintf(fp, "<text class=\"val\" x=\"%.1f\" y=\"%d\">%s%%"
		    "</text>\n</g>\n", x2 + 6, top + i * rowh + 16, b.data);
	}
	fputs("</svg>\n</figure>\n", fp);
	buf_release(&b);
	buf_release(&e);
}

static void
write_html(FILE *fp, const struct table *t, const struct table_opts *o)
{
	struct buf b = BUF_INIT, e = BUF_INIT;
	const struct cell *c;
	int i, j, *num;
	static const char *markcls[] = { "n2", "n1", "", "p1", "p2" };

	fprintf(fp, "<section id=\"%s\">\n<h2>", t->name);
	fmt_html(&e, t->title, strlen(t->title));
	fprintf(fp, "%s</h2>\n", e.data);
	if (t->note && t->note->len) {
		buf_reset(&e);
		fmt_html(&e, t->note->data, t->note->len);
		fprintf(fp, "<p class=\"note\">%s</p>\n", e.data);
	}
	if (t->chart)
		write_chart(fp, t, o);
	num = xcalloc((size_t)t->ncols, sizeof(*num));
	for (j = 0; j < t->ncols; j++)
		num[j] = col_numeric(t, j);
	fputs("<div class=\"wrap\"><table>\n<thead><tr>", fp);
	for (j = 0; j < t->ncols; j++) {
		buf_reset(&e);
		fmt_html(&e, t->heads[j], strlen(t->heads[j]));
		fprintf(fp, "<th scope=\"col\"%s>%s</th>", num[j] ?
		    " class=\"n\"" : "", e.data);
	}
	fputs("</tr></thead>\n<tbody>\n", fp);
	for (i = 0; i < t->nrows; i++) {
		if (i == t->sepbefore)
			fputs("</tbody>\n<tbody class=\"sep\">\n", fp);
		fputs("<tr>", fp);
		for (j = 0; j < t->ncols; j++) {
			c = &t->cells[i * t->ncols + j];
			buf_reset(&b);
			cell_text(&b, t, c, o, 1);
			buf_reset(&e);
			fmt_html(&e, b.data, b.len);
			if (j == 0)
				fprintf(fp, "<th scope=\"row\">%s</th>",
				    e.data);
			else
				fprintf(fp, "<td class=\"%s%s%s\">%s</td>",
				    num[j] ? "n" : "t", c->mark ? " " : "",
				    markcls[c->mark + 2], e.data);
		}
		fputs("</tr>\n", fp);
	}
	fputs("</tbody>\n</table></div>\n</section>\n", fp);
	free(num);
	buf_release(&b);
	buf_release(&e);
}

void
table_write(FILE *fp, const struct table *t, const struct table_opts *o)
{
	switch (o->format) {
	case FMT_TSV:
		write_tsv(fp, t, o);
		break;
	case FMT_CSV:
		write_csv(fp, t, o);
		break;
	case FMT_MD:
		write_md(fp, t, o);
		break;
	case FMT_HTML:
		write_html(fp, t, o);
		break;
	}
}

static const char css[] =
    "body{font-family:system-ui,'Segoe UI','DejaVu Sans',sans-serif;"
    "color:#1a1a1a;background:#fff;max-width:72rem;margin:0 auto;"
    "padding:1rem 1.5rem;line-height:1.45}\n"
    "h1{font-size:1.7rem;margin:.5rem 0}h2{font-size:1.25rem;"
    "margin:2rem 0 .4rem;border-bottom:2px solid #2f5d8c;"
    "padding-bottom:.2rem}\n"
    ".note{color:#444;font-size:.92rem;max-width:60rem}\n"
    ".wrap{overflow-x:auto}\n"
    "table{border-collapse:collapse;font-size:.9rem;margin:.5rem 0}\n"
    "th,td{border-bottom:1px solid #d5d9de;padding:.25rem .6rem;"
    "vertical-align:top;text-align:left}\n"
    "thead th{background:#eef2f6;border-bottom:2px solid #9aa8b6}\n"
    "tbody th{font-weight:600;min-width:9rem}\n"
    "section[id^=crosstab] table{font-size:.8rem}\n"
    "section[id^=crosstab] th,section[id^=crosstab] td"
    "{padding:.2rem .4rem}\n"
    ".n{text-align:right;font-variant-numeric:tabular-nums;"
    "white-space:nowrap}\n"
    "tbody.sep tr:first-child>*{border-top:2px solid #9aa8b6}\n"
    "tbody.sep{color:#555;font-style:italic}\n"
    ".p1{background:#dcebf7}.p2{background:#a9cdee}"
    ".n1{background:#fbe4d8}.n2{background:#f4b99d}\n"
    "figure.chart{margin:.5rem 0 1rem}\n"
    "svg .bar{fill:#4f7fb0}svg .nc .bar{fill:#a3a9b0}\n"
    "svg .ci{stroke:#1a1a1a;stroke-width:1.5;fill:none}\n"
    "svg .grid{stroke:#e1e5ea;stroke-width:1}\n"
    "svg text{font-size:13px;fill:#1a1a1a;font-family:inherit}\n"
    "svg .lab{text-anchor:end}svg .tick{text-anchor:middle;fill:#666;"
    "font-size:11px}\n"
    "footer{margin-top:2rem;color:#666;font-size:.8rem}\n"
    "@media print{body{max-width:none;padding:0;font-size:10pt}"
    "h2{break-after:avoid}table,figure{break-inside:avoid}"
    "section{break-inside:auto}.wrap{overflow:visible}"
    ".p1,.p2,.n1,.n2,thead th{-webkit-print-color-adjust:exact;"
    "print-color-adjust:exact}a{color:inherit}table{font-size:8pt}}\n";

void
html_begin(FILE *fp, const char *title, const char *lang,
    const struct buf *intro)
{
	struct buf e = BUF_INIT;

	fmt_html(&e, title, strlen(title));
	fprintf(fp, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">\n"
	    "<title>%s</title>\n<style>\n%s</style>\n</head>\n<body>\n"
	    "<header><h1>%s</h1>\n", lang, e.data, css, e.data);
	if (intro && intro->len) {
		buf_reset(&e);
		fmt_html(&e, intro->data, intro->len);
		fprintf(fp, "<p class=\"note\">%s</p>\n", e.data);
	}
	fputs("</header>\n<main>\n", fp);
	buf_release(&e);
}

void
html_end(FILE *fp, const char *footer)
{
	struct buf e = BUF_INIT;

	fmt_html(&e, footer, strlen(footer));
	fprintf(fp, "</main>\n<footer>%s</footer>\n</body>\n</html>\n",
	    e.data);
	buf_release(&e);
}
