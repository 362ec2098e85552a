/*
 * report.h - private interfaces of glosy-report: the value formatting and
 * escaping functions (fmt.c), the table model and its writers (table.c),
 * the personal-data check for quotes (redact.c) and exact sums (xsum.c).
 */
#ifndef REPORT_H
#define REPORT_H

#include <stdint.h>
#include <stdio.h>

struct buf;

enum format { FMT_TSV, FMT_MD, FMT_HTML, FMT_CSV };

/* ---- fmt.c: numbers and escaping; every function appends to dst ---- */

/*
 * v rounded to dec decimals, '.' or (comma) ',' as decimal separator, never
 * "-0"; NaN and infinities give "NA".
 */
void	 fmt_fixed(struct buf *dst, double v, int dec, int comma);
/* A p-value: 4 significant digits in TSV style ("0.04043", "3.455e-05"). */
void	 fmt_pvalue(struct buf *dst, double p, int comma);
/* A p-value for people: "< 0.001" below 0.001, else 3 decimals. */
void	 fmt_pvalue_human(struct buf *dst, double p, int comma);
/* One CSV field, quoted by RFC 4180 when it holds ';', '"', CR or LF;
 * text that a spreadsheet would take for a formula (first byte = + - @,
 * tab or CR) is prefixed with an apostrophe. */
void	 fmt_csv(struct buf *dst, const char *s, size_t len, int istext);
/* HTML text or attribute content: & < > " ' escaped; C0 controls other
 * than tab and newline, and invalid UTF-8 bytes, become U+FFFD. */
void	 fmt_html(struct buf *dst, const char *s, size_t len);
/* One Markdown table cell: line breaks become spaces, and | \ ` * _ [ ] <
 * > # are backslash-escaped. */
void	 fmt_md(struct buf *dst, const char *s, size_t len);
/* A file-name-safe form of a column name: bytes other than [A-Za-z0-9_-]
 * become '_'; an empty name gives "_". */
void	 fmt_fname(struct buf *dst, const char *s);

/* ---- table.c: tables and their writers ---- */

enum cell_kind {
	CELL_NONE,	/* empty */
	CELL_STR,	/* text */
	CELL_COUNT,	/* a count; decimals when the table is weighted */
	CELL_INT,	/* an integer, never weighted */
	CELL_SHARE,	/* a fraction: 4 decimals, or a percentage */
	CELL_STAT,	/* a statistic, 3 decimals */
	CELL_P,		/* a p-value */
	CELL_NPCT,	/* count v with share v2: "12 (30.0%)" (md, html) */
	CELL_SUPP	/* suppressed */
};

struct cell {
	enum cell_kind	 kind;
	double		 v, v2;
	char		*s;	/* CELL_STR: owned by the table */
	int		 mark;	/* -2..2: stands out below (above) the
				 * expected at a false discovery rate of
				 * 1% (-2, 2) or 5% (-1, 1), else 0 */
};

struct table {
	char		*name;		/* file base name, e.g. "themes" */
	char		*title;		/* heading (md, html) */
	struct buf	*note;		/* paragraph under the title, or NULL */
	int		 ncols;
	const char	**cols;		/* column names (TSV) */
	const char	**heads;	/* headings (CSV, md, html) */
	int		 nrows, caprows;
	struct cell	*cells;		/* nrows x ncols, row-major */
	int		 weighted;
	int		 sepbefore;	/* first row of the last block, or -1 */
	int		 chart;		/* draw the share chart (html) */
};

struct table_opts {
	enum format	 format;
	int		 comma;		/* decimal comma in md and html */
	const char	*supp;		/* suppressed-cell marker (md, html) */
	const char	*lang;		/* "en" or "pl", html lang attribute */
};

/* A new table with ncols columns; names and heads are borrowed and must
 * outlive it.  The title is copied.  Free with table_free(). */
struct table	*table_new(const char *name, const char *title, int ncols,
		    const char **cols, const char **heads);
void		 table_free(struct table *);
/* Appends a row and returns its cells, all CELL_NONE, valid until the next
 * table_row(). */
struct cell	*table_row(struct table *);
/* Setters of one cell; table_str copies s. */
void		 cell_str(struct table *, struct cell *, const char *s);
void		 cell_num(struct cell *, enum cell_kind, double v);

/* Writes t alone: TSV, CSV (with BOM and CRLF), Markdown; or an HTML
 * fragment (a section) when format is FMT_HTML. */
void		 table_write(FILE *, const struct table *,
		    const struct table_opts *);
/* The HTML page around table_write() sections. */
void		 html_begin(FILE *, const char *title, const char *lang,
		    const struct buf *intro);
void		 html_end(FILE *, const char *footer);

/* ---- redact.c: the personal-data check ---- */

/* Loads the patterns lexicon (pl/patterns); without it only the built-in
 * rules run, with a warning.  redact_free() releases it. */
void		 redact_init(void);
void		 redact_free(void);
/* Returns 1 when s must not be shown: the pattern layer would replace
 * something in it, redact_broad() flags it, or it is not valid UTF-8. */
int		 redact_flags(const char *s, size_t len);
/* The built-in rules alone: '@' before a letter or digit, a URL or a
 * domain under a common top-level domain, 9 or more digits in a run
 * (separators allowed), a postal code, a street word (ul. al. os. pl.
 * ulica aleja osiedle plac) followed by a number in the same clause. */
int		 redact_broad(const char *s, size_t len);

/* ---- xsum.c: exact sums of non-negative doubles ---- */

/*
 * The exact sum of the doubles added, independent of their order.  All
 * zeros (XSUM_INIT) is the empty sum; limb is owned by the sum and freed
 * by xsum_release(), which leaves the empty sum.
 */
struct xsum {
	uint64_t	*limb;		/* 32-bit digits with room for carries */
	int		 lo, n;		/* index of limb[0], limbs */
	uint32_t	 pending;	/* adds since the carries were taken */
	int		 inf;		/* a term was infinite or negative */
};

#define XSUM_INIT	{ NULL, 0, 0, 0, 0 }

/* Adds v (>= 0; an infinite or negative v makes the sum infinite). */
void	 xsum_add(struct xsum *, double v);
/* Adds the sum y to x (y is normalized but keeps its value). */
void	 xsum_merge(struct xsum *x, struct xsum *y);
/* The sum rounded once to the nearest double. */
double	 xsum_value(struct xsum *);
/* Appends the exact sum as text ("0", "inf" or hexadecimal floating point
 * with a digit-aligned exponent) that xsum_parse() reads back. */
void	 xsum_format(struct buf *dst, struct xsum *);
/* Sets x to the sum written by xsum_format(); -1 (x empty) if s is not
 * such a text. */
int	 xsum_parse(struct xsum *x, const char *s);
void	 xsum_release(struct xsum *);

#endif
