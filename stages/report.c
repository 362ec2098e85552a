/*
 * glosy-report - frequency tables, cross-tabulations, term tables, keyness
 * and quotes from a clustered record stream.
 *
 * Input: a glosy record stream (glosy-records(5)) with `theme` and
 * `themes` (glosy-cluster(1)); optionally `theme_p`, `text`, `terms`,
 * `dup_group` and metadata columns named by --by and --weight.  With
 * --model, the theme table written by glosy-cluster supplies labels,
 * kinds and quotes and is checked against the stream.  Output: report
 * tables, not records: the theme frequency table on stdout, or every
 * table in a directory (-o).  The stage reads its input once and keeps
 * only counts, never the rows.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "glosy.h"
#include "stats.h"
#include "report/report.h"

#define NQUOTE		3	/* quotes shown per theme */
#define NCAND		8	/* stream candidates kept per theme */
#define QUOTE_MIN	20	/* bytes */
#define QUOTE_MAX	300
#define NONE_CAT	"(none)"
#define MAXCATS		1000	/* categories of one --by column */

enum kind { K_CODEBOOK, K_DISCOVERED, K_NOCONTENT };

struct quote {
	double	 p;
	char	*id;
	char	*text;
};

struct theme {
	char		*id;
	char		*label, *label_pl;
	enum kind	 kind;
	int		 inmodel;
	char		*where;			/* "FILE:LINE" of its first row */
	long long	 msize;
	char		*mquote[NQUOTE];
	double		 w, wmain;		/* weighted, counted answers */
	struct xsum	 xw, xwmain;		/* their exact sums (--weight) */
	unsigned long	 n, nmain;		/* unweighted, counted */
	unsigned long	 nmain_all;		/* every row, for --model */
	struct quote	 q[NCAND];
	int		 nq;
};

/* A hash map from a pair of 32-bit ids to a weighted and a plain count. */
struct cmslot {
	uint64_t	 key;			/* pair + 1; 0 is empty */
	double		 w;
	unsigned long	 n;
	struct xsum	*x;			/* exact w (--weight), or NULL */
};

struct cellmap {
	struct cmslot	*slot;
	size_t		 cap, len;
};

struct bycol {
	const char	*name;
	int		 col;
	struct strtab	 cats;
	double		*cw;			/* per category: weight */
	struct xsum	*xcw;			/* its exact sum (--weight) */
	unsigned long	*cn;			/* answers */
	double		*ctok;			/* term tokens */
	size_t		 ccap;
	struct cellmap	 cells;			/* (cat, theme): mentions */
	struct cellmap	 mains;			/* (cat, theme): main theme */
	struct cellmap	 kterm;			/* (term, cat): tokens */
};

struct term {
	unsigned long	 df;			/* answers */
	unsigned long	 tok;			/* occurrences */
	unsigned long	 stamp;			/* last answer seen + 1 */
};

/* Words of the report in English and Polish. */
enum {
	M_THEMES, M_CROSSTAB, M_CHISQ, M_TERMS, M_KEYNESS, M_QUOTES,
	M_SUMMARY, M_REPORT, M_THEME, M_LABEL, M_KIND, M_ANSWERS, M_SHARE,
	M_CILO, M_CIHI, M_MAIN, M_MAINSHARE, M_CODEBOOK, M_DISCOVERED,
	M_NOCONTENT, M_ALL, M_TOTAL, M_BASE, M_VALUE, M_COLSHARE, M_ROWSHARE,
	M_RESID, M_FLAG, M_DF, M_P, M_MINEXP, M_LEMMAS, M_PHRASES, M_RANK,
	M_TERM, M_NREST, M_PER10K, M_PER10KREST, M_KEYWORDS, M_QUOTE, M_ITEM,
	M_MAINTEST, M_FOOTER, M_POOLED, M_NOKEYWORDS, M_NMSG
};

static const char *msgs[M_NMSG][2] = {
	{ "Themes", "Tematy" },
	{ "Themes by %s", "Tematy według: %s" },
	{ "Chi-square tests by %s", "Testy chi-kwadrat według: %s" },
	{ "Top terms", "Najczęstsze słowa" },
	{ "Keywords by %s", "Słowa kluczowe według: %s" },
	{ "Representative answers", "Przykładowe odpowiedzi" },
	{ "Summary", "Podsumowanie" },
	{ "Survey answers: themes report",
	    "Odpowiedzi ankiety: raport tematów" },
	{ "Theme", "Temat" },
	{ "Label", "Nazwa" },
	{ "Kind", "Rodzaj" },
	{ "Answers", "Odpowiedzi" },
	{ "Share", "Udział" },
	{ "95% CI from", "95% PU od" },
	{ "95% CI to", "95% PU do" },
	{ "Main theme", "Temat główny" },
	{ "Main-theme share", "Udział jako główny" },
	{ "codebook", "z klucza" },
	{ "discovered", "odkryty" },
	{ "no content", "bez treści" },
	{ "All answers", "Wszystkie odpowiedzi" },
	{ "Total", "Razem" },
	{ "Base", "Podstawa" },
	{ "Value", "Wartość" },
	{ "Share of category", "Udział w kategorii" },
	{ "Share of theme", "Udział w temacie" },
	{ "Adjusted residual", "Reszta skorygowana" },
	{ "Flag", "Oznaczenie" },
	{ "df", "st. sw." },
	{ "p", "p" },
	{ "Smallest expected", "Najmniejsza oczekiwana" },
	{ "Top lemmas", "Najczęstsze lematy" },
	{ "Top phrases", "Najczęstsze frazy" },
	{ "Rank", "Miejsce" },
	{ "Term", "Słowo" },
	{ "Rest", "Reszta" },
	{ "Per 10,000", "Na 10 000" },
	{ "Per 10,000 (rest)", "Na 10 000 (reszta)" },
	{ "Keywords (G\xc2\xb2)", "Słowa kluczowe (G\xc2\xb2)" },
	{ "Answer", "Odpowiedź" },
	{ "Item", "Pozycja" },
	{ "main theme", "temat główny" },
	{ "Made by glosy-report.", "Wygenerowano przez glosy-report." },
	{ "Hidden cells pooled", "Ukryte komórki połączone" },
	{ "none stands out", "żadne się nie wyróżnia" },
};

static const char *bys[32];
static int byoptional[32];	/* --by-if-present: skip when absent */
static int nby;
static int dedup;
static enum format format = FMT_TSV;	/* of the tables being made */
static enum format formats[FMT_CSV + 1];	/* -f, in the order given */
static int nformats;
static int lang;		/* 0 en, 1 pl */
static const char *modelpath;
static int sizecheck = 1;
static long long top = 10;
static long long mincell = 5;
static long long minfreq = 5;
static const char *outdir;
static const char *weightcol;
static int full;		/* every table's sums: -o or --partial */

static struct strtab themetab = STRTAB_INIT;
static struct theme *themes;
static size_t themecap;
static struct strtab termtab = STRTAB_INIT;
static struct term *terms;
static size_t termcap;
static struct cellmap termtheme;	/* (term, theme): answers */
static struct bycol by[32];
static double sumw, sumw2, sumtok;
static struct xsum xsumw = XSUM_INIT, xsumw2 = XSUM_INIT;
static unsigned long nread, ncounted, nskipped;
static char **pool;			/* strings owned until exit */
static size_t npool;

static _Noreturn void	usage(FILE *, int);

static const struct option longopts[] = {
	{ "by",		required_argument,	NULL,	'b' },
	{ "by-if-present", required_argument,	NULL,	'B' },
	{ "min-cell",	required_argument,	NULL,	'c' },
	{ "dedup",	no_argument,		NULL,	'd' },
	{ "format",	required_argument,	NULL,	'f' },
	{ "help",	no_argument,		NULL,	'h' },
	{ "min-freq",	required_argument,	NULL,	'k' },
	{ "lang",	required_argument,	NULL,	'l' },
	{ "merge",	no_argument,		NULL,	'M' },
	{ "model",	required_argument,	NULL,	'm' },
	{ "no-size-check", no_argument,		NULL,	'S' },
	{ "top",	required_argument,	NULL,	'n' },
	{ "output",	required_argument,	NULL,	'o' },
	{ "partial",	no_argument,		NULL,	'P' },
	{ "version",	no_argument,		NULL,	'V' },
	{ "weight",	required_argument,	NULL,	'w' },
	{ NULL,		0,			NULL,	0 }
};

static const char *
L(int m)
{
	return msgs[m][lang];
}

/* Keeps s until exit and returns it. */
static char *
pooled(char *s)
{
	pool = xreallocarray(pool, npool + 1, sizeof(*pool));
	pool[npool++] = s;
	return s;
}

static char *
pooledf(const char *fmt, const char *arg)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, fmt, arg);
	return pooled(buf_detach(&b, NULL));
}

/* ---- the pair map ---- */

/* A 64-bit finalizer (splitmix64's): every key bit moves every slot bit. */
static size_t
cm_hash(uint64_t key, size_t cap)
{
	key ^= key >> 30;
	key *= 0xbf58476d1ce4e5b9ULL;
	key ^= key >> 27;
	key *= 0x94d049bb133111ebULL;
	key ^= key >> 31;
	return (size_t)key & (cap - 1);
}

static struct cmslot *
cm_slot(struct cellmap *m, uint32_t a, uint32_t b)
{
	uint64_t key = ((uint64_t)a << 32 | b) + 1;
	struct cmslot *old;
	size_t i, j, oldcap;

	if (2 * (m->len + 1) > m->cap) {
		oldcap = m->cap;
		old = m->slot;
		m->cap = oldcap ? 2 * oldcap : 64;
		m->slot = xcalloc(m->cap, sizeof(*m->slot));
		for (i = 0; i < oldcap; i++) {
			if (old[i].key == 0)
				continue;
			for (j = cm_hash(old[i].key, m->cap); m->slot[j].key;
			    j = (j + 1) & (m->cap - 1))
				;
			m->slot[j] = old[i];
		}
		free(old);
	}
	for (j = cm_hash(key, m->cap); m->slot[j].key;
	    j = (j + 1) & (m->cap - 1))
		if (m->slot[j].key == key)
			return &m->slot[j];
	m->slot[j].key = key;
	m->len++;
	return &m->slot[j];
}

/* Counts one answer in the pair's cell (unweighted maps). */
static void
cm_count(struct cellmap *m, uint32_t a, uint32_t b)
{
	cm_slot(m, a, b)->n++;
}

/* Counts one answer of weight w in the pair's cell; the weighted sum is
 * kept exactly, and only with --weight (without, it is the count). */
static void
cm_add(struct cellmap *m, uint32_t a, uint32_t b, double w)
{
	struct cmslot *s = cm_slot(m, a, b);

	s->n++;
	if (weightcol == NULL)
		return;
	if (s->x == NULL)
		s->x = xcalloc(1, sizeof(*s->x));
	xsum_add(s->x, w);
}

/* Sets every cell's w from its exact sum, or its count. */
static void
cm_finish(struct cellmap *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++)
		if (m->slot[i].key != 0)
			m->slot[i].w = m->slot[i].x != NULL ?
			    xsum_value(m->slot[i].x) : (double)m->slot[i].n;
}

/* Looks a pair up without inserting; returns the slot or NULL. */
static const struct cmslot *
cm_find(const struct cellmap *m, uint32_t a, uint32_t b)
{
	uint64_t key = ((uint64_t)a << 32 | b) + 1;
	size_t j;

	if (m->cap == 0)
		return NULL;
	for (j = cm_hash(key, m->cap); m->slot[j].key;
	    j = (j + 1) & (m->cap - 1))
		if (m->slot[j].key == key)
			return &m->slot[j];
	return NULL;
}

static void
cm_release(struct cellmap *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++)
		if (m->slot[i].x != NULL) {
			xsum_release(m->slot[i].x);
			free(m->slot[i].x);
		}
	free(m->slot);
	memset(m, 0, sizeof(*m));
}

/* ---- themes and terms ---- */

static enum kind
kind_guess(const char *id)
{
	if (strcmp(id, "no_content") == 0)
		return K_NOCONTENT;
	if (id[0] == 'd' && id[1] >= '0' && id[1] <= '9')
		return K_DISCOVERED;
	return K_CODEBOOK;
}

static size_t
theme_intern(const char *s, size_t len, int *isnew)
{
	size_t id = strtab_intern(&themetab, s, len, isnew);

	if (*isnew) {
		if (id >= themecap) {
			themecap = themecap ? 2 * themecap : 32;
			themes = xreallocarray(themes, themecap,
			    sizeof(*themes));
		}
		memset(&themes[id], 0, sizeof(themes[id]));
		themes[id].id = xstrndup(s, len);
		themes[id].kind = kind_guess(themes[id].id);
	}
	return id;
}

/* Remembers where a theme first appeared, for the model check. */
static void
theme_where(size_t id, const struct records *in)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "%s:%lu", in->fname, in->lineno);
	themes[id].where = buf_detach(&b, NULL);
}

static size_t
term_intern(const char *s, size_t len)
{
	int isnew;
	size_t id = strtab_intern(&termtab, s, len, &isnew);

	if (isnew) {
		if (id >= termcap) {
			termcap = termcap ? 2 * termcap : 1024;
			terms = xreallocarray(terms, termcap, sizeof(*terms));
		}
		memset(&terms[id], 0, sizeof(terms[id]));
	}
	return id;
}

static size_t
cat_intern(struct bycol *b, const char *s, size_t len)
{
	int isnew;
	size_t id;

	if (len == 0) {
		s = NONE_CAT;
		len = strlen(NONE_CAT);
	}
	id = strtab_intern(&b->cats, s, len, &isnew);
	if (isnew) {
		if (id >= b->ccap) {
			b->ccap = b->ccap ? 2 * b->ccap : 16;
			b->cw = xreallocarray(b->cw, b->ccap, sizeof(*b->cw));
			b->xcw = xreallocarray(b->xcw, b->ccap,
			    sizeof(*b->xcw));
			b->cn = xreallocarray(b->cn, b->ccap, sizeof(*b->cn));
			b->ctok = xreallocarray(b->ctok, b->ccap,
			    sizeof(*b->ctok));
		}
		b->cw[id] = b->ctok[id] = 0;
		memset(&b->xcw[id], 0, sizeof(b->xcw[id]));
		b->cn[id] = 0;
	}
	return id;
}

static const char *
theme_label(const struct theme *t)
{
	if (lang == 1 && t->label_pl && *t->label_pl)
		return t->label_pl;
	if (t->label && *t->label)
		return t->label;
	return t->id;
}

/* ---- the model ---- */

static void
model_load(const char *path)
{
	struct records m;
	char *argv[1];
	int cid, clab, clabpl, ckind, csize, cq[NQUOTE], i, isnew;
	const char *s, *errstr;
	size_t len, id;
	struct theme *t;

	argv[0] = (char *)path;
	records_open(&m, 1, argv);
	records_readonly(&m);
	cid = records_need(&m, "id");
	clab = records_need(&m, "label");
	clabpl = records_need(&m, "label_pl");
	ckind = records_need(&m, "kind");
	csize = records_need(&m, "size");
	cq[0] = records_need(&m, "quote1");
	cq[1] = records_need(&m, "quote2");
	cq[2] = records_need(&m, "quote3");
	while (records_next(&m)) {
		s = records_get(&m, cid, &len);
		if (len == 0)
			glosy_die("%s:%lu: empty theme id", m.fname, m.lineno);
		id = theme_intern(s, len, &isnew);
		t = &themes[id];
		if (t->inmodel)
			glosy_die("%s:%lu: duplicate theme '%s'", m.fname,
			    m.lineno, t->id);
		t->inmodel = 1;
		t->label = xstrdup(records_get(&m, clab, NULL));
		t->label_pl = xstrdup(records_get(&m, clabpl, NULL));
		s = records_get(&m, ckind, NULL);
		if (strcmp(s, "codebook") == 0)
			t->kind = K_CODEBOOK;
		else if (strcmp(s, "discovered") == 0)
			t->kind = K_DISCOVERED;
		else if (strcmp(s, "no_content") == 0)
			t->kind = K_NOCONTENT;
		else
			glosy_die("%s:%lu: unknown kind '%s'", m.fname,
			    m.lineno, s);
		s = records_get(&m, csize, NULL);
		t->msize = glosy_strtonum(s, 0, LLONG_MAX, &errstr);
		if (errstr)
			glosy_die("%s:%lu: size '%s' is %s", m.fname,
			    m.lineno, s, errstr);
		for (i = 0; i < NQUOTE; i++)
			t->mquote[i] = xstrdup(records_get(&m, cq[i], NULL));
	}
	records_close(&m);
	for (id = 0; id < themetab.n; id++)
		if (!themes[id].inmodel)
			glosy_die("%s: theme '%s' is not in the model '%s'",
			    themes[id].where, themes[id].id, path);
}

/*
 * The model matches the stream when every theme of the stream is in the
 * model and every model theme's size is the number of rows whose main
 * theme it is (all rows, before --dedup).
 */
static void
model_check(void)
{
	size_t i;

	for (i = 0; i < themetab.n; i++)
		if ((unsigned long long)themes[i].msize !=
		    themes[i].nmain_all)
			glosy_die("model '%s' does not match the input: theme "
			    "'%s' has size %lld, but %lu answers have it as "
			    "main theme", modelpath, themes[i].id,
			    themes[i].msize, themes[i].nmain_all);
}

/* ---- reading ---- */

/*
 * 1 when quote (p, id, text) ranks before q: higher theme_p, then smaller
 * id, then smaller text, a total order over rows.
 */
static int
quote_before(double p, const char *id, const char *text,
    const struct quote *q)
{
	int c;

	if (p != q->p)
		return p > q->p;
	if ((c = strcmp(id, q->id)) != 0)
		return c < 0;
	return strcmp(text, q->text) < 0;
}

/*
 * Offers a candidate quote of theme t.  The candidates are the NCAND
 * distinct texts of highest rank, each ranked by its best row.  That is a
 * function of the set of rows, whatever their order, and the candidates of
 * a union of shards are the best of the shards' candidates: so quotes
 * merge exactly (--merge).  A text already kept whose new row ranks higher
 * moves up; a row that ranks below the last of a full list cannot enter
 * (nor move up a text kept, which ranks no lower than the last).
 */
static void
quote_offer(struct theme *t, double p, const char *id, const char *text,
    size_t len)
{
	struct quote q;
	int i, k;

	if (len < QUOTE_MIN || len > QUOTE_MAX)
		return;
	if (t->nq == NCAND && !quote_before(p, id, text, &t->q[NCAND - 1]))
		return;
	for (i = 0; i < t->nq; i++)
		if (strcmp(t->q[i].text, text) == 0)
			break;
	if (i < t->nq) {
		if (!quote_before(p, id, text, &t->q[i]))
			return;
		q = t->q[i];
		free(q.id);
		q.p = p;
		q.id = xstrdup(id);
		for (k = i; k > 0 && quote_before(p, id, text, &t->q[k - 1]);
		    k--)
			t->q[k] = t->q[k - 1];
		t->q[k] = q;
		return;
	}
	if (redact_flags(text, len))
		return;
	if (t->nq == NCAND) {
		free(t->q[NCAND - 1].id);
		free(t->q[NCAND - 1].text);
		t->nq--;
	}
	for (k = t->nq; k > 0 && quote_before(p, id, text, &t->q[k - 1]); k--)
		t->q[k] = t->q[k - 1];
	t->q[k].p = p;
	t->q[k].id = xstrdup(id);
	t->q[k].text = xstrdup(text);
	t->nq++;
}

static void
read_stream(int argc, char **argv)
{
	struct records in;
	int cid, ctheme, cthemes, cp, ctext, cterms, cdup, cw, b;
	const char *s, *e, *word, *main, *id, *errstr;
	size_t len, mlen, wl, i, k;
	size_t ntids, tcap = 8, nut, utcap = 0;
	/* Static, so that they stay reachable when a bad row ends the run
	 * (a leak checker would call them lost). */
	static size_t *tids, *cats, *uterms;
	double w, p;
	int isnew;

	records_open(&in, argc, argv);
	records_readonly(&in);
	if (records_col(&in, "id") < 0 && records_col(&in, "n1") >= 0 &&
	    strcmp(in.cols[0], "key") == 0)
		glosy_die("'%s' is a partial: read it with --merge", in.fname);
	cid = records_need(&in, "id");
	ctheme = records_need(&in, "theme");
	cthemes = records_need(&in, "themes");
	/* Without -o only the theme table is written: leave the rest. */
	cp = records_col(&in, "theme_p");
	ctext = full ? records_col(&in, "text") : -1;
	cterms = full ? records_col(&in, "terms") : -1;
	cdup = dedup ? records_need(&in, "dup_group") : -1;
	cw = weightcol ? records_need(&in, weightcol) : -1;
	/* Optional columns the stream lacks drop out of the cross-tables. */
	for (b = i = 0; b < nby; b++) {
		if (byoptional[b] && records_col(&in, bys[b]) < 0) {
			glosy_warn("no column '%s' in '%s': no cross-table by "
			    "it", bys[b], in.fname);
			continue;
		}
		bys[i++] = bys[b];
	}
	nby = (int)i;
	for (b = 0; b < nby; b++) {
		by[b].name = bys[b];
		by[b].col = records_need(&in, bys[b]);
	}
	cats = xcalloc((size_t)nby + 1, sizeof(*cats));
	tids = xreallocarray(NULL, tcap, sizeof(*tids));
	while (records_next(&in)) {
		nread++;
		/* The themes of the answer, main first, each once. */
		main = records_get(&in, ctheme, &mlen);
		ntids = 0;
		if (mlen > 0) {
			tids[ntids++] = theme_intern(main, mlen, &isnew);
			if (isnew)
				theme_where(tids[0], &in);
			themes[tids[0]].nmain_all++;
		}
		s = records_get(&in, cthemes, &len);
		for (e = s + len; (word = record_word(&s, e, &wl)) != NULL;) {
			k = theme_intern(word, wl, &isnew);
			if (isnew)
				theme_where(k, &in);
			for (b = 0; b < (int)ntids && tids[b] != k; b++)
				;
			if (b < (int)ntids)
				continue;
			if (ntids == tcap) {
				tcap *= 2;
				tids = xreallocarray(tids, tcap,
				    sizeof(*tids));
			}
			tids[ntids++] = k;
		}
		id = records_get(&in, cid, NULL);
		if (cdup >= 0) {
			s = records_get(&in, cdup, &len);
			if (len > 0 && strcmp(s, id) != 0) {
				nskipped++;
				continue;
			}
		}
		w = 1;
		if (cw >= 0) {
			s = records_get(&in, cw, NULL);
			w = glosy_strtod(s, 0, 1e300, &errstr);
			if (errstr)
				glosy_die("%s:%lu: %s weight '%s' in column "
				    "'%s'", in.fname, in.lineno,
				    strcmp(errstr, "too small") == 0 ?
				    "negative" : "invalid", s, weightcol);
		}
		ncounted++;
		if (cw >= 0) {
			xsum_add(&xsumw, w);
			xsum_add(&xsumw2, w * w);
		}
		for (i = 0; i < ntids; i++) {
			if (cw >= 0)
				xsum_add(&themes[tids[i]].xw, w);
			themes[tids[i]].n++;
		}
		if (mlen > 0) {
			if (cw >= 0)
				xsum_add(&themes[tids[0]].xwmain, w);
			themes[tids[0]].nmain++;
		}
		for (b = 0; b < nby && full; b++) {
			s = records_get(&in, by[b].col, &len);
			cats[b] = cat_intern(&by[b], s, len);
			if (cats[b] >= MAXCATS)
				glosy_die("%s:%lu: column '%s' has more than "
				    "%d values, too many to cross-tabulate",
				    in.fname, in.lineno, by[b].name, MAXCATS);
			if (cw >= 0)
				xsum_add(&by[b].xcw[cats[b]], w);
			by[b].cn[cats[b]]++;
			for (i = 0; i < ntids; i++)
				cm_add(&by[b].cells, (uint32_t)cats[b],
				    (uint32_t)tids[i], w);
			if (mlen > 0)
				cm_add(&by[b].mains, (uint32_t)cats[b],
				    (uint32_t)tids[0], w);
		}
		if (cterms >= 0) {
			s = records_get(&in, cterms, &len);
			nut = 0;
			for (e = s + len;
			    (word = record_word(&s, e, &wl)) != NULL;) {
				k = term_intern(word, wl);
				terms[k].tok++;
				sumtok++;
				for (b = 0; b < nby && full; b++) {
					cm_count(&by[b].kterm, (uint32_t)k,
					    (uint32_t)cats[b]);
					by[b].ctok[cats[b]]++;
				}
				if (terms[k].stamp == ncounted)
					continue;
				terms[k].stamp = ncounted;
				terms[k].df++;
				if (nut == utcap) {
					utcap = utcap ? 2 * utcap : 32;
					uterms = xreallocarray(uterms, utcap,
					    sizeof(*uterms));
				}
				uterms[nut++] = k;
			}
			for (i = 0; i < nut; i++)
				for (k = 0; k < ntids; k++)
					cm_count(&termtheme,
					    (uint32_t)uterms[i],
					    (uint32_t)tids[k]);
		}
		if (ctext >= 0 && mlen > 0) {
			p = 0;
			if (cp >= 0) {
				s = records_get(&in, cp, NULL);
				p = glosy_strtod(s, 0, 1, &errstr);
				if (errstr)
					p = 0;
			}
			s = records_get(&in, ctext, &len);
			quote_offer(&themes[tids[0]], p, id, s, len);
		}
	}
	records_close(&in);
	free(tids);
	free(cats);
	free(uterms);
	tids = cats = uterms = NULL;
}

/* ---- partials: per-shard sums that merge exactly ---- */

/*
 * A partial (--partial) is a record stream holding everything the tables
 * are computed from, as sums over answers, so that the partials of shards
 * add up to the sums of the whole stream (--merge).  Columns: `key`, the
 * kind of record, then the rest of its key (`by value theme term`), counts
 * `n1`..`n4`, exact weighted sums `w1 w2` (with --weight) and `text`.
 * glosy-report(1), PARTIALS, lists the records.
 */
#define PART_VERSION	1

static const char *partcols[] = { "key", "by", "value", "theme", "term",
    "n1", "n2", "n3", "n4", "w1", "w2", "text" };
#define PART_NCOLS	12
enum { P_KEY, P_BY, P_VALUE, P_THEME, P_TERM, P_N1, P_N2, P_N3, P_N4,
    P_W1, P_W2, P_TEXT };

struct prow {
	const char	*f[PART_NCOLS];	/* text fields, NULL for empty */
	unsigned long	 n[4];
	int		 nn;		/* n[0..nn-1] are written */
	struct xsum	*w[2];		/* written with --weight */
};

static struct buf optstr = BUF_INIT;	/* the options, canonical */
static unsigned long partrows;

/* Appends s to dst as a shell word, quoted when it needs to be. */
static void
opt_word(struct buf *dst, const char *s)
{
	const char *p;

	for (p = s; *p && (strchr("_-.,:/+=@%", *p) != NULL ||
	    (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
	    (*p >= '0' && *p <= '9')); p++)
		;
	if (*s && !*p) {
		buf_adds(dst, s);
		return;
	}
	buf_addc(dst, '\'');
	for (p = s; *p; p++)
		if (*p == '\'')
			buf_adds(dst, "'\\''");
		else
			buf_addc(dst, *p);
	buf_addc(dst, '\'');
}

/*
 * The options that change the sums, as one canonical string: --by and
 * --by-if-present in their order, then --dedup and --weight.  Partials
 * made with different strings do not merge.
 */
static void
opts_canon(struct buf *dst)
{
	int i;

	buf_reset(dst);
	for (i = 0; i < nby; i++) {
		buf_adds(dst, dst->len ? " " : "");
		buf_adds(dst, byoptional[i] ? "-B " : "-b ");
		opt_word(dst, bys[i]);
	}
	if (dedup)
		buf_adds(dst, dst->len ? " -d" : "-d");
	if (weightcol) {
		buf_adds(dst, dst->len ? " -w " : "-w ");
		opt_word(dst, weightcol);
	}
}

static const char *
opts_show(const char *s)
{
	return *s ? s : "no options";
}

static void
part_row(const struct prow *r)
{
	struct buf b = BUF_INIT;
	int i;

	for (i = 0; i < PART_NCOLS; i++) {
		if (i > 0)
			putchar('\t');
		if (i >= P_N1 && i <= P_N4) {
			if (i - P_N1 < r->nn)
				printf("%lu", r->n[i - P_N1]);
		} else if ((i == P_W1 || i == P_W2) && r->f[i] == NULL) {
			if (weightcol != NULL && r->w[i - P_W1] != NULL) {
				buf_reset(&b);
				xsum_format(&b, r->w[i - P_W1]);
				fputs(b.data, stdout);
			}
		} else if (r->f[i] != NULL)
			record_puts(stdout, r->f[i]);
	}
	putchar('\n');
	buf_release(&b);
	partrows++;
}

static void
part_cells(struct prow *r, const char *key, const struct bycol *b,
    const struct cellmap *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++) {
		if (m->slot[i].key == 0)
			continue;
		memset(r, 0, sizeof(*r));
		r->f[P_KEY] = key;
		r->f[P_BY] = b->name;
		r->f[P_VALUE] = b->cats.key[(m->slot[i].key - 1) >> 32];
		r->f[P_THEME] = themes[(m->slot[i].key - 1) & 0xffffffffU].id;
		r->n[0] = m->slot[i].n;
		r->nn = 1;
		r->w[0] = m->slot[i].x;
		part_row(r);
	}
}

/* Writes the partial of what was read to standard output. */
static void
part_write(void)
{
	struct prow r;
	struct buf p = BUF_INIT;
	size_t i, k;
	int b, q;

	for (i = 0; i < PART_NCOLS; i++) {
		if (i > 0)
			putchar('\t');
		fputs(partcols[i], stdout);
	}
	putchar('\n');
	memset(&r, 0, sizeof(r));
	r.f[P_KEY] = "partial";
	r.f[P_VALUE] = weightcol;
	r.f[P_TEXT] = optstr.data;
	r.n[0] = PART_VERSION;
	r.n[1] = (unsigned long)dedup;
	r.nn = 2;
	part_row(&r);
	for (b = 0; b < nby; b++) {
		memset(&r, 0, sizeof(r));
		r.f[P_KEY] = "by";
		r.f[P_BY] = by[b].name;
		r.n[0] = (unsigned long)b + 1;
		r.nn = 1;
		part_row(&r);
	}
	memset(&r, 0, sizeof(r));
	r.f[P_KEY] = "total";
	r.n[0] = nread;
	r.n[1] = ncounted;
	r.n[2] = nskipped;
	r.n[3] = (unsigned long)sumtok;
	r.nn = 4;
	r.w[0] = &xsumw;
	r.w[1] = &xsumw2;
	part_row(&r);
	for (i = 0; i < themetab.n; i++) {
		memset(&r, 0, sizeof(r));
		r.f[P_KEY] = "theme";
		r.f[P_THEME] = themes[i].id;
		r.f[P_TEXT] = themes[i].where;
		r.n[0] = themes[i].n;
		r.n[1] = themes[i].nmain;
		r.n[2] = themes[i].nmain_all;
		r.nn = 3;
		r.w[0] = &themes[i].xw;
		r.w[1] = &themes[i].xwmain;
		part_row(&r);
		for (q = 0; q < themes[i].nq; q++) {
			memset(&r, 0, sizeof(r));
			buf_reset(&p);
			/* %.17g gives back the same double. */
			buf_printf(&p, "%.17g", themes[i].q[q].p);
			r.f[P_KEY] = "quote";
			r.f[P_THEME] = themes[i].id;
			r.f[P_VALUE] = themes[i].q[q].id;
			r.f[P_W1] = p.data;
			r.f[P_TEXT] = themes[i].q[q].text;
			part_row(&r);
		}
	}
	for (b = 0; b < nby; b++) {
		for (k = 0; k < by[b].cats.n; k++) {
			memset(&r, 0, sizeof(r));
			r.f[P_KEY] = "cat";
			r.f[P_BY] = by[b].name;
			r.f[P_VALUE] = by[b].cats.key[k];
			r.n[0] = by[b].cn[k];
			r.n[1] = (unsigned long)by[b].ctok[k];
			r.nn = 2;
			r.w[0] = &by[b].xcw[k];
			part_row(&r);
		}
		part_cells(&r, "cell", &by[b], &by[b].cells);
		part_cells(&r, "main", &by[b], &by[b].mains);
	}
	for (i = 0; i < termtab.n; i++) {
		memset(&r, 0, sizeof(r));
		r.f[P_KEY] = "term";
		r.f[P_TERM] = termtab.key[i];
		r.n[0] = terms[i].df;
		r.n[1] = terms[i].tok;
		r.nn = 2;
		part_row(&r);
	}
	for (i = 0; i < termtheme.cap; i++) {
		if (termtheme.slot[i].key == 0)
			continue;
		memset(&r, 0, sizeof(r));
		r.f[P_KEY] = "termtheme";
		r.f[P_TERM] = termtab.key[(termtheme.slot[i].key - 1) >> 32];
		r.f[P_THEME] = themes[(termtheme.slot[i].key - 1) &
		    0xffffffffU].id;
		r.n[0] = termtheme.slot[i].n;
		r.nn = 1;
		part_row(&r);
	}
	for (b = 0; b < nby; b++)
		for (i = 0; i < by[b].kterm.cap; i++) {
			if (by[b].kterm.slot[i].key == 0)
				continue;
			memset(&r, 0, sizeof(r));
			r.f[P_KEY] = "kterm";
			r.f[P_BY] = by[b].name;
			r.f[P_TERM] = termtab.key[(by[b].kterm.slot[i].key -
			    1) >> 32];
			r.f[P_VALUE] = by[b].cats.key[(by[b].kterm.slot[i].key -
			    1) & 0xffffffffU];
			r.n[0] = by[b].kterm.slot[i].n;
			r.nn = 1;
			part_row(&r);
		}
	memset(&r, 0, sizeof(r));
	r.f[P_KEY] = "end";
	r.n[0] = partrows;
	r.nn = 1;
	part_row(&r);
	buf_release(&p);
}

/* The reading side of a partial: the file and line for messages. */
struct preader {
	struct records	 in;
	char		*file;		/* file of the partial being read */
	unsigned long	 first;		/* its first line */
	char		*firstfile;	/* the first partial's file */
	char		*firstopts;	/* and its options */
	unsigned long	 rows;		/* rows of this partial so far */
	int		 inpart, nparts, nbyseen;
};

static unsigned long
part_num(struct preader *pr, int col)
{
	const char *s, *errstr;
	long long v;

	s = records_get(&pr->in, col, NULL);
	v = glosy_strtonum(s, 0, LONG_MAX, &errstr);
	if (errstr)
		glosy_die("%s:%lu: bad count '%s' in column '%s'",
		    pr->in.fname, pr->in.lineno, s, partcols[col]);
	return (unsigned long)v;
}

/* Adds the exact sum in column col to x (with --weight only). */
static void
part_sum(struct preader *pr, int col, struct xsum *x)
{
	struct xsum y = XSUM_INIT;
	const char *s;

	if (weightcol == NULL)
		return;
	s = records_get(&pr->in, col, NULL);
	if (xsum_parse(&y, s) < 0)
		glosy_die("%s:%lu: bad sum '%s' in column '%s'", pr->in.fname,
		    pr->in.lineno, s, partcols[col]);
	xsum_merge(x, &y);
	xsum_release(&y);
}

static int
part_by(struct preader *pr)
{
	const char *s = records_get(&pr->in, P_BY, NULL);
	int b;

	for (b = 0; b < nby; b++)
		if (strcmp(by[b].name, s) == 0)
			return b;
	glosy_die("%s:%lu: column '%s' is not cross-tabulated in this partial",
	    pr->in.fname, pr->in.lineno, s);
}

/* The theme of the record; a new one is said to appear at where (the
 * shard's file and line) or, without it, here. */
static size_t
part_theme(struct preader *pr, const char *where)
{
	size_t len, id;
	const char *s = records_get(&pr->in, P_THEME, &len);
	int isnew;

	if (len == 0)
		glosy_die("%s:%lu: empty theme", pr->in.fname, pr->in.lineno);
	id = theme_intern(s, len, &isnew);
	if (isnew && where != NULL && *where != '\0')
		themes[id].where = xstrdup(where);
	else if (isnew)
		theme_where(id, &pr->in);
	return id;
}

static size_t
part_cat(struct preader *pr, struct bycol *b)
{
	size_t len, id;
	const char *s = records_get(&pr->in, P_VALUE, &len);

	id = cat_intern(b, s, len);
	if (id >= MAXCATS)
		glosy_die("%s:%lu: column '%s' has more than %d values, too "
		    "many to cross-tabulate", pr->in.fname, pr->in.lineno,
		    b->name, MAXCATS);
	return id;
}

static size_t
part_term(struct preader *pr)
{
	size_t len;
	const char *s = records_get(&pr->in, P_TERM, &len);

	if (len == 0)
		glosy_die("%s:%lu: empty term", pr->in.fname, pr->in.lineno);
	return term_intern(s, len);
}

static void
part_cell(struct preader *pr, int main)
{
	struct bycol *b = &by[part_by(pr)];
	size_t cat = part_cat(pr, b), th = part_theme(pr, NULL);
	struct cmslot *s = cm_slot(main ? &b->mains : &b->cells,
	    (uint32_t)cat, (uint32_t)th);

	s->n += part_num(pr, P_N1);
	if (weightcol == NULL)
		return;
	if (s->x == NULL)
		s->x = xcalloc(1, sizeof(*s->x));
	part_sum(pr, P_W1, s->x);
}

/* The first record of a partial: its options must be those of the first
 * partial, and of the command line if any were given there. */
static void
part_start(struct preader *pr, int cmdopts)
{
	const char *opts = records_get(&pr->in, P_TEXT, NULL), *w;
	unsigned long v;

	if (pr->inpart)
		glosy_die("%s:%lu: partial starts before the one at line %lu "
		    "ended (truncated?)", pr->in.fname, pr->in.lineno,
		    pr->first);
	if ((v = part_num(pr, P_N1)) != PART_VERSION)
		glosy_die("%s:%lu: partial of version %lu, expected %d",
		    pr->in.fname, pr->in.lineno, v, PART_VERSION);
	if (pr->nparts == 0 && cmdopts && strcmp(opts, optstr.data) != 0)
		glosy_die("%s:%lu: partial made with %s, not %s",
		    pr->in.fname, pr->in.lineno, opts_show(opts),
		    opts_show(optstr.data));
	if (pr->nparts > 0 && strcmp(opts, pr->firstopts) != 0)
		glosy_die("%s:%lu: partial made with %s, but the one of "
		    "'%s' with %s", pr->in.fname, pr->in.lineno,
		    opts_show(opts), pr->firstfile, opts_show(pr->firstopts));
	if (pr->nparts == 0) {
		pr->firstfile = xstrdup(pr->in.fname);
		pr->firstopts = xstrdup(opts);
		w = records_get(&pr->in, P_VALUE, NULL);
		weightcol = *w ? pooled(xstrdup(w)) : NULL;
		dedup = part_num(pr, P_N2) != 0;
		nby = 0;
		buf_reset(&optstr);
		buf_adds(&optstr, opts);
	}
	free(pr->file);
	pr->file = xstrdup(pr->in.fname);
	pr->first = pr->in.lineno;
	pr->inpart = 1;
	pr->rows = 1;
	pr->nbyseen = 0;
	pr->nparts++;
}

static void
part_bycol(struct preader *pr)
{
	const char *s = records_get(&pr->in, P_BY, NULL);

	if (part_num(pr, P_N1) != (unsigned long)pr->nbyseen + 1 ||
	    pr->rows != (unsigned long)pr->nbyseen + 2)
		glosy_die("%s:%lu: 'by' record out of place", pr->in.fname,
		    pr->in.lineno);
	if (pr->nparts == 1) {
		if (nby == (int)(sizeof(bys) / sizeof(bys[0])))
			glosy_die("%s:%lu: too many 'by' records",
			    pr->in.fname, pr->in.lineno);
		bys[nby] = pooled(xstrdup(s));
		by[nby].name = bys[nby];
		nby++;
	} else if (pr->nbyseen >= nby || strcmp(by[pr->nbyseen].name, s) != 0)
		glosy_die("%s:%lu: cross-tabulates by '%s', but '%s' does not "
		    "(an optional column missing from one shard?)",
		    pr->in.fname, pr->in.lineno, s, pr->firstfile);
	pr->nbyseen++;
}

/* Reads partials (files or a concatenation) and adds them up. */
static void
merge_read(int argc, char **argv, int cmdopts)
{
	struct preader pr;
	struct theme *t;
	const char *key, *s, *errstr;
	size_t len, k;
	double p;
	int i;

	memset(&pr, 0, sizeof(pr));
	records_open(&pr.in, argc, argv);
	records_readonly(&pr.in);
	for (i = 0; i < pr.in.ncols && i < PART_NCOLS &&
	    strcmp(pr.in.cols[i], partcols[i]) == 0; i++)
		;
	if (i != PART_NCOLS || pr.in.ncols != PART_NCOLS)
		glosy_die("'%s' is not a partial of glosy-report --partial",
		    pr.in.fname);
	while (records_next(&pr.in)) {
		key = records_get(&pr.in, P_KEY, NULL);
		if (pr.inpart && strcmp(pr.file, pr.in.fname) != 0)
			glosy_die("%s:%lu: partial ends without its 'end' "
			    "record (truncated?)", pr.file, pr.first);
		if (pr.inpart && strcmp(key, partcols[0]) == 0)
			glosy_die("%s:%lu: partial of line %lu ends without "
			    "its 'end' record (truncated?)", pr.in.fname,
			    pr.in.lineno, pr.first);
		/* The header of the next partial in a concatenation. */
		if (!pr.inpart && strcmp(pr.in.line, pr.in.hdrline) == 0)
			continue;
		if (strcmp(key, "partial") == 0) {
			part_start(&pr, cmdopts);
			continue;
		}
		if (!pr.inpart)
			glosy_die("%s:%lu: expected a 'partial' record, found "
			    "'%s'", pr.in.fname, pr.in.lineno, key);
		pr.rows++;
		if (strcmp(key, "by") == 0)
			part_bycol(&pr);
		else if (pr.nbyseen != nby)
			glosy_die("%s:%lu: cross-tabulates by %d columns, but "
			    "'%s' by %d", pr.in.fname, pr.in.lineno,
			    pr.nbyseen, pr.firstfile, nby);
		else if (strcmp(key, "total") == 0) {
			nread += part_num(&pr, P_N1);
			ncounted += part_num(&pr, P_N2);
			nskipped += part_num(&pr, P_N3);
			sumtok += (double)part_num(&pr, P_N4);
			part_sum(&pr, P_W1, &xsumw);
			part_sum(&pr, P_W2, &xsumw2);
		} else if (strcmp(key, "theme") == 0) {
			/* themes moves when a theme is added. */
			k = part_theme(&pr, records_get(&pr.in, P_TEXT,
			    NULL));
			t = &themes[k];
			t->n += part_num(&pr, P_N1);
			t->nmain += part_num(&pr, P_N2);
			t->nmain_all += part_num(&pr, P_N3);
			part_sum(&pr, P_W1, &t->xw);
			part_sum(&pr, P_W2, &t->xwmain);
		} else if (strcmp(key, "quote") == 0) {
			k = part_theme(&pr, NULL);
			t = &themes[k];
			s = records_get(&pr.in, P_W1, NULL);
			p = glosy_strtod(s, 0, 1, &errstr);
			if (errstr)
				glosy_die("%s:%lu: bad theme_p '%s' in column "
				    "'w1'", pr.in.fname, pr.in.lineno, s);
			s = records_get(&pr.in, P_TEXT, &len);
			quote_offer(t, p, records_get(&pr.in, P_VALUE, NULL),
			    s, len);
		} else if (strcmp(key, "cat") == 0) {
			i = part_by(&pr);
			k = part_cat(&pr, &by[i]);
			by[i].cn[k] += part_num(&pr, P_N1);
			by[i].ctok[k] += (double)part_num(&pr, P_N2);
			part_sum(&pr, P_W1, &by[i].xcw[k]);
		} else if (strcmp(key, "cell") == 0)
			part_cell(&pr, 0);
		else if (strcmp(key, "main") == 0)
			part_cell(&pr, 1);
		else if (strcmp(key, "term") == 0) {
			k = part_term(&pr);
			terms[k].df += part_num(&pr, P_N1);
			terms[k].tok += part_num(&pr, P_N2);
		} else if (strcmp(key, "termtheme") == 0) {
			k = part_term(&pr);
			cm_slot(&termtheme, (uint32_t)k,
			    (uint32_t)part_theme(&pr, NULL))->n +=
			    part_num(&pr, P_N1);
		} else if (strcmp(key, "kterm") == 0) {
			i = part_by(&pr);
			k = part_term(&pr);
			cm_slot(&by[i].kterm, (uint32_t)k,
			    (uint32_t)part_cat(&pr, &by[i]))->n +=
			    part_num(&pr, P_N1);
		} else if (strcmp(key, "end") == 0) {
			if (part_num(&pr, P_N1) != pr.rows - 1)
				glosy_die("%s:%lu: partial of %lu records "
				    "ends after %lu (damaged?)", pr.in.fname,
				    pr.in.lineno, part_num(&pr, P_N1),
				    pr.rows - 1);
			pr.inpart = 0;
		} else
			glosy_die("%s:%lu: unknown record '%s'", pr.in.fname,
			    pr.in.lineno, key);
	}
	if (pr.inpart)
		glosy_die("%s:%lu: partial ends without its 'end' record "
		    "(truncated?)", pr.file, pr.first);
	if (pr.nparts == 0)
		glosy_die("%s: no partial in the input", pr.in.fname);
	records_close(&pr.in);
	free(pr.file);
	free(pr.firstfile);
	free(pr.firstopts);
}

/* Turns the sums into the doubles of the tables: the exact weighted sums
 * rounded once, or, without --weight, the counts. */
static void
finish(void)
{
	size_t i;
	int b;

	sumw = weightcol ? xsum_value(&xsumw) : (double)ncounted;
	sumw2 = weightcol ? xsum_value(&xsumw2) : (double)ncounted;
	for (i = 0; i < themetab.n; i++) {
		themes[i].w = weightcol ? xsum_value(&themes[i].xw) :
		    (double)themes[i].n;
		themes[i].wmain = weightcol ? xsum_value(&themes[i].xwmain) :
		    (double)themes[i].nmain;
	}
	for (b = 0; b < nby; b++) {
		for (i = 0; i < by[b].cats.n; i++)
			by[b].cw[i] = weightcol ? xsum_value(&by[b].xcw[i]) :
			    (double)by[b].cn[i];
		cm_finish(&by[b].cells);
		cm_finish(&by[b].mains);
	}
}

/* ---- ordering ---- */

static int
theme_cmp(const void *a, const void *b)
{
	const struct theme *x = &themes[*(const size_t *)a];
	const struct theme *y = &themes[*(const size_t *)b];

	if ((x->kind == K_NOCONTENT) != (y->kind == K_NOCONTENT))
		return x->kind == K_NOCONTENT ? 1 : -1;
	if (x->w != y->w)
		return x->w > y->w ? -1 : 1;
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(x->id, y->id);
}

static size_t *order;		/* themes, most mentioned first */
static size_t nordered;
static size_t firstnc;		/* index in order of the first no_content */

static void
order_themes(void)
{
	size_t i;

	nordered = themetab.n;
	order = xreallocarray(NULL, nordered + 1, sizeof(*order));
	for (i = 0; i < nordered; i++)
		order[i] = i;
	qsort(order, nordered, sizeof(*order), theme_cmp);
	for (firstnc = 0; firstnc < nordered &&
	    themes[order[firstnc]].kind != K_NOCONTENT; firstnc++)
		;
}

/* Categories of a --by column sorted by value, "(none)" last. */
static const struct bycol *catsort_by;

static int
cat_cmp(const void *a, const void *b)
{
	const char *x = catsort_by->cats.key[*(const size_t *)a];
	const char *y = catsort_by->cats.key[*(const size_t *)b];
	int nx = strcmp(x, NONE_CAT) == 0, ny = strcmp(y, NONE_CAT) == 0;

	if (nx != ny)
		return nx - ny;
	return strcmp(x, y);
}

static size_t *
order_cats(const struct bycol *b)
{
	size_t i, *o = xreallocarray(NULL, b->cats.n + 1, sizeof(*o));

	for (i = 0; i < b->cats.n; i++)
		o[i] = i;
	catsort_by = b;
	qsort(o, b->cats.n, sizeof(*o), cat_cmp);
	return o;
}

/* ---- tables ---- */

static int
human(void)
{
	return format == FMT_MD || format == FMT_HTML;
}

static const char *
kind_name(enum kind k, int h)
{
	if (!h)
		return k == K_CODEBOOK ? "codebook" : k == K_DISCOVERED ?
		    "discovered" : "no_content";
	return L(k == K_CODEBOOK ? M_CODEBOOK : k == K_DISCOVERED ?
	    M_DISCOVERED : M_NOCONTENT);
}

static struct buf *
note_new(void)
{
	struct buf *b = xmalloc(sizeof(*b));

	buf_init(b);
	return b;
}

static void
add_num(struct buf *b, double v, int dec)
{
	fmt_fixed(b, v, dec, human() && lang == 1);
}

static double
neff(void)
{
	return weightcol ? stats_kish_n(sumw, sumw2) : (double)ncounted;
}

static struct table *
table_themes(void)
{
	static const char *cols[] = { "theme", "label", "kind", "answers",
	    "share", "ci_low", "ci_high", "main", "main_share" };
	static const char *heads[9];
	struct table *t;
	struct cell *c;
	const struct theme *th;
	double lo, hi, ne = neff();
	size_t i;
	int h = human(), o = h ? 1 : 0, j;

	heads[0] = L(M_THEME);
	for (j = 1; j < 9; j++)
		heads[j] = L(M_LABEL + j - 1);
	if (h)
		heads[1] = L(M_THEME);
	t = table_new("themes", L(M_THEMES), 9 - o, cols + o, heads + o);
	t->weighted = weightcol != NULL;
	t->chart = 1;
	t->sepbefore = firstnc < nordered ? (int)firstnc : -1;
	for (i = 0; i < nordered; i++) {
		th = &themes[order[i]];
		c = table_row(t) - o;
		if (!h)
			cell_str(t, &c[0], th->id);
		cell_str(t, &c[1], theme_label(th));
		cell_str(t, &c[2], kind_name(th->kind, h));
		cell_num(&c[3], CELL_COUNT, th->w);
		cell_num(&c[4], CELL_SHARE, sumw > 0 ? th->w / sumw : NAN);
		stats_wilson(sumw > 0 ? th->w / sumw : NAN, ne, STATS_Z95,
		    &lo, &hi);
		cell_num(&c[5], CELL_SHARE, lo);
		cell_num(&c[6], CELL_SHARE, hi);
		cell_num(&c[7], CELL_COUNT, th->wmain);
		cell_num(&c[8], CELL_SHARE, sumw > 0 ? th->wmain / sumw : NAN);
	}
	t->note = note_new();
	if (lang == 0) {
		buf_printf(t->note, "Base: %lu answers", ncounted);
		if (weightcol) {
			buf_printf(t->note, ", weighted by '%s': ", weightcol);
			add_num(t->note, sumw, 2);
			buf_adds(t->note, ", effective n (Kish) ");
			add_num(t->note, ne, 1);
		}
		if (dedup)
			buf_printf(t->note, ", %lu duplicates counted once",
			    nskipped);
		buf_adds(t->note, ". An answer may mention several themes, so "
		    "shares can add up to more than 100%. Intervals are 95% "
		    "Wilson score intervals. Answers without content are "
		    "shown last, apart from the themes.");
	} else {
		buf_printf(t->note, "Podstawa: %lu odpowiedzi", ncounted);
		if (weightcol) {
			buf_printf(t->note, ", ważone kolumną '%s': ",
			    weightcol);
			add_num(t->note, sumw, 2);
			buf_adds(t->note, ", efektywne n (Kish) ");
			add_num(t->note, ne, 1);
		}
		if (dedup)
			buf_printf(t->note, ", %lu duplikatów liczonych raz",
			    nskipped);
		buf_adds(t->note, ". Jedna odpowiedź może dotyczyć "
		    "kilku tematów, więc udziały mogą sumować się do "
		    "ponad 100%. Przedziały to 95% przedziały ufności "
		    "Wilsona. Odpowiedzi bez treści pokazano osobno, na "
		    "końcu.");
	}
	return t;
}

/*
 * Small-cell suppression of one line of counts n[0..k-1]: a count from 1
 * to mincell - 1 is hidden.  When exactly one is hidden and the line has
 * a shown total, that one could be recovered by subtraction, so the next
 * smallest count (zeros included) is hidden too.  With k == 1 the total
 * itself would give it away; the return value tells the caller to hide
 * the total (1) or not (0).
 */
static int
suppress(const unsigned long *n, size_t k, unsigned char *supp)
{
	size_t i, nsupp = 0, best = k;

	for (i = 0; i < k; i++) {
		supp[i] = mincell > 1 && n[i] > 0 &&
		    n[i] < (unsigned long long)mincell;
		nsupp += supp[i];
	}
	if (nsupp != 1)
		return 0;
	if (k == 1)
		return 1;
	for (i = 0; i < k; i++)
		if (!supp[i] && (best == k || n[i] < n[best]))
			best = i;
	supp[best] = 1;
	return 0;
}


static const char *
flag_of(int mark)
{
	static const char *f[] = { "--", "-", "", "+", "++" };

	return f[mark + 2];
}

struct xtab {
	size_t		 k;		/* categories */
	size_t		*cat;		/* sorted category ids */
	unsigned char	*bsupp;		/* per category: base hidden */
	unsigned char	*supp;		/* per theme x category */
	int		*tsupp;		/* per theme: total hidden */
	int		*rowsupp;	/* per theme: the test pools cells */
	double		*chi2, *p, *minexp;
	double		*q;		/* p adjusted over the themes */
	int		*df;
	double		 mchi2, mp, mminexp;
	int		 mdf;
	double		 scale;		/* effective n / weighted n */
	/* Per theme x category, NaN where the table hides it: */
	double		*res;		/* the adjusted residual */
	double		*cq;		/* its two-sided p, adjusted over
					 * the cells shown */
};

/*
 * The mark of the cell of theme ti and category i: 2 or -2 when it stands
 * out at a false discovery rate of 1%, 1 or -1 at 5%, else 0.
 */
static int
mark_of(const struct xtab *x, size_t ti, size_t i)
{
	double q = x->cq[ti * x->k + i];
	int m;

	if (isnan(q))
		return 0;
	m = q <= 0.01 ? 2 : q <= 0.05 ? 1 : 0;
	return x->res[ti * x->k + i] < 0 ? -m : m;
}

/*
 * The cells the tables show are one family of tests, adjusted by
 * Benjamini and Hochberg, so that of the cells marked, 5% (1%) at most are
 * expected to stand out by chance.  A table of 17 themes by 27 districts
 * tests 459 cells: marked at p < 0.05 each, some 23 of them would stand
 * out with no difference at all.
 */
static void
xtab_cellq(const struct bycol *b, struct xtab *x)
{
	const struct cmslot *s;
	size_t i, ti, n = nordered * x->k;
	double *p, o, r;

	p = xreallocarray(NULL, n + 1, sizeof(*p));
	x->res = xreallocarray(NULL, n + 1, sizeof(*x->res));
	x->cq = xreallocarray(NULL, n + 1, sizeof(*x->cq));
	for (ti = 0; ti < nordered; ti++)
		for (i = 0; i < x->k; i++) {
			p[ti * x->k + i] = NAN;
			x->res[ti * x->k + i] = NAN;
			if (x->bsupp[i] || x->supp[ti * x->k + i])
				continue;
			s = cm_find(&b->cells, (uint32_t)x->cat[i],
			    (uint32_t)order[ti]);
			o = s == NULL ? 0 : s->w;
			r = stats_adjres(o * x->scale,
			    themes[order[ti]].w * x->scale,
			    b->cw[x->cat[i]] * x->scale, sumw * x->scale);
			x->res[ti * x->k + i] = r;
			if (isfinite(r))
				/* Two-sided: r^2 is chi-square(1). */
				p[ti * x->k + i] = stats_chi2_sf(r * r, 1);
		}
	stats_bh_adjust(p, x->cq, n);
	free(p);
}

static void
xtab_build(const struct bycol *b, struct xtab *x)
{
	size_t i, k, ti;
	unsigned long *n;
	double *tab, o;
	const struct cmslot *s;

	x->k = b->cats.n;
	x->cat = order_cats(b);
	x->bsupp = xcalloc(x->k + 1, 1);
	x->supp = xcalloc(nordered * x->k + 1, 1);
	x->tsupp = xcalloc(nordered + 1, sizeof(int));
	x->rowsupp = xcalloc(nordered + 1, sizeof(int));
	x->chi2 = xcalloc(nordered + 1, sizeof(double));
	x->p = xcalloc(nordered + 1, sizeof(double));
	x->q = xcalloc(nordered + 1, sizeof(double));
	x->minexp = xcalloc(nordered + 1, sizeof(double));
	x->df = xcalloc(nordered + 1, sizeof(int));
	x->scale = sumw > 0 ? neff() / sumw : 1;
	n = xcalloc(x->k + 1, sizeof(*n));
	/* Per theme a 2 x (k + 1) table: mentions and the rest of each shown
	 * category, and one last "rest" category pooling the hidden cells
	 * and hidden categories.  The rest is the row total less the shown
	 * cells, so the test uses only what the table shows and cannot be
	 * solved for a hidden cell. */
	tab = xcalloc(2 * (x->k + 1), sizeof(*tab));
	for (i = 0; i < x->k; i++)
		n[i] = b->cn[x->cat[i]];
	suppress(n, x->k, x->bsupp);
	for (ti = 0; ti < nordered; ti++) {
		for (i = 0; i < x->k; i++) {
			s = cm_find(&b->cells, (uint32_t)x->cat[i],
			    (uint32_t)order[ti]);
			n[i] = s == NULL ? 0 : s->n;
		}
		x->tsupp[ti] = suppress(n, x->k, x->supp + ti * x->k);
		memset(tab, 0, 2 * (x->k + 1) * sizeof(*tab));
		for (i = 0; i < x->k; i++) {
			s = cm_find(&b->cells, (uint32_t)x->cat[i],
			    (uint32_t)order[ti]);
			k = x->bsupp[i] || x->supp[ti * x->k + i] ? x->k : i;
			o = s == NULL ? 0 : s->w * x->scale;
			tab[k] += o;
			tab[x->k + 1 + k] += b->cw[x->cat[i]] * x->scale - o;
			x->rowsupp[ti] |= k == x->k;
		}
		for (i = 0; i <= x->k; i++)
			if (tab[x->k + 1 + i] < 0)
				tab[x->k + 1 + i] = 0;
		x->chi2[ti] = stats_chi2_table(tab, 2, (int)x->k + 1,
		    &x->df[ti], &x->minexp[ti]);
		x->p[ti] = x->df[ti] > 0 ? stats_chi2_sf(x->chi2[ti],
		    x->df[ti]) : NAN;
	}
	free(tab);
	free(n);
	/* The themes' tests are one family: tested at 0.05 each, 17 themes
	 * with no difference at all would show at least one in 58% of the
	 * tables (1 - 0.95^17). */
	stats_bh_adjust(x->p, x->q, nordered);
	/* The main theme against the column: every answer in one cell. */
	tab = xcalloc(nordered * x->k + 1, sizeof(*tab));
	for (ti = 0; ti < nordered; ti++)
		for (i = 0; i < x->k; i++) {
			s = cm_find(&b->mains, (uint32_t)x->cat[i],
			    (uint32_t)order[ti]);
			tab[ti * x->k + i] = s == NULL || x->bsupp[i] ? 0 :
			    s->w * x->scale;
		}
	x->mchi2 = stats_chi2_table(tab, (int)nordered, (int)x->k, &x->mdf,
	    &x->mminexp);
	if (x->mdf == 0)
		x->mchi2 = NAN;
	x->mp = x->mdf > 0 ? stats_chi2_sf(x->mchi2, x->mdf) : NAN;
	free(tab);
	xtab_cellq(b, x);
}

static void
xtab_release(struct xtab *x)
{
	free(x->cat);
	free(x->bsupp);
	free(x->supp);
	free(x->tsupp);
	free(x->rowsupp);
	free(x->chi2);
	free(x->p);
	free(x->q);
	free(x->res);
	free(x->cq);
	free(x->minexp);
	free(x->df);
}

static void
xtab_note(struct buf *note, const struct bycol *b, const struct xtab *x)
{
	if (lang == 0)
		buf_printf(note, "Cells: answers mentioning the theme (share "
		    "of the answers in the column). \xe2\x96\xb2/\xe2\x96\xbc: "
		    "more / fewer than expected by the adjusted standardized "
		    "residual, at a false discovery rate of 5%% over the "
		    "cells of the table (Benjamini-Hochberg; "
		    "\xe2\x96\xb2\xe2\x96\xb2/\xe2\x96\xbc\xe2\x96\xbc at 1%%). "
		    "Chi-square per theme: mentioning or not "
		    "by '%s', hidden cells pooled into one category. "
		    "\xe2\x80\x94: fewer than %lld answers, or hidden "
		    "so that such a cell cannot be derived from the totals. "
		    "Main theme by '%s': chi-square ", b->name, mincell,
		    b->name);
	else
		buf_printf(note, "Komórki: odpowiedzi dotyczące tematu "
		    "(udział wśród odpowiedzi w kolumnie). "
		    "\xe2\x96\xb2/\xe2\x96\xbc: więcej / mniej, niż "
		    "oczekiwano, według skorygowanej reszty standaryzowanej, "
		    "przy odsetku fałszywych odkryć 5%% wśród komórek tabeli "
		    "(Benjamini-Hochberg; "
		    "\xe2\x96\xb2\xe2\x96\xb2/\xe2\x96\xbc\xe2\x96\xbc przy 1%%). "
		    "Chi-kwadrat dla tematu: wspomina "
		    "lub nie, według '%s', ukryte komórki połączone w "
		    "jedną "
		    "kategorię. \xe2\x80\x94: mniej niż %lld "
		    "odpowiedzi albo ukryte, by nie dało się ich wyliczyć z "
		    "sum. Temat główny według '%s': chi-kwadrat ", b->name,
		    mincell, b->name);
	add_num(note, x->mchi2, 2);
	buf_printf(note, ", df %d, p ", x->mdf);
	fmt_pvalue_human(note, x->mp, lang == 1);
	buf_adds(note, ".");
}

static struct table *
table_crosstab_long(const struct bycol *b, const struct xtab *x)
{
	static const char *cols[] = { "by", "value", "base", "theme", "label",
	    "answers", "col_share", "row_share", "residual", "flag" };
	static const char *heads[10];
	struct table *t;
	struct cell *c;
	const struct theme *th;
	size_t i, ti, cat;
	const struct cmslot *s;
	double o, tw;
	int supp;

	heads[0] = "by";
	heads[1] = L(M_VALUE);
	heads[2] = L(M_BASE);
	heads[3] = L(M_THEME);
	heads[4] = L(M_LABEL);
	heads[5] = L(M_ANSWERS);
	heads[6] = L(M_COLSHARE);
	heads[7] = L(M_ROWSHARE);
	heads[8] = L(M_RESID);
	heads[9] = L(M_FLAG);
	t = table_new(pooledf("crosstab-%s", b->name), "", 10, cols, heads);
	t->weighted = weightcol != NULL;
	for (i = 0; i < x->k; i++) {
		cat = x->cat[i];
		for (ti = 0; ti < nordered; ti++) {
			th = &themes[order[ti]];
			s = cm_find(&b->cells, (uint32_t)cat,
			    (uint32_t)order[ti]);
			o = s == NULL ? 0 : s->w;
			c = table_row(t);
			cell_str(t, &c[0], b->name);
			cell_str(t, &c[1], b->cats.key[cat]);
			if (x->bsupp[i])
				c[2].kind = CELL_SUPP;
			else
				cell_num(&c[2], CELL_COUNT, b->cw[cat]);
			cell_str(t, &c[3], th->id);
			cell_str(t, &c[4], theme_label(th));
			supp = x->supp[ti * x->k + i];
			if (supp) {
				c[5].kind = c[6].kind = c[7].kind =
				    c[8].kind = CELL_SUPP;
				continue;
			}
			tw = th->w;
			cell_num(&c[5], CELL_COUNT, o);
			cell_num(&c[6], CELL_SHARE, b->cw[cat] > 0 ?
			    o / b->cw[cat] : NAN);
			cell_num(&c[7], CELL_SHARE, tw > 0 ? o / tw : NAN);
			/* The residual of a zero would give a hidden base. */
			if (x->bsupp[i]) {
				c[8].kind = CELL_SUPP;
				continue;
			}
			cell_num(&c[8], CELL_STAT, x->res[ti * x->k + i]);
			cell_str(t, &c[9], flag_of(mark_of(x, ti, i)));
		}
	}
	return t;
}

static struct table *
table_chisq(const struct bycol *b, const struct xtab *x)
{
	static const char *cols[] = { "by", "theme", "label", "chi2", "df",
	    "p", "q", "min_expected", "pooled" };
	static const char *heads[9];
	struct table *t;
	struct cell *c;
	size_t ti;

	heads[0] = "by";
	heads[1] = L(M_THEME);
	heads[2] = L(M_LABEL);
	heads[3] = "chi2";
	heads[4] = L(M_DF);
	heads[5] = L(M_P);
	heads[6] = "q";
	heads[7] = L(M_MINEXP);
	heads[8] = L(M_POOLED);
	t = table_new(pooledf("chisq-%s", b->name), "", 9, cols, heads);
	for (ti = 0; ti < nordered; ti++) {
		c = table_row(t);
		cell_str(t, &c[0], b->name);
		cell_str(t, &c[1], themes[order[ti]].id);
		cell_str(t, &c[2], theme_label(&themes[order[ti]]));
		cell_num(&c[3], CELL_STAT, x->df[ti] ? x->chi2[ti] : NAN);
		cell_num(&c[4], CELL_INT, x->df[ti]);
		cell_num(&c[5], CELL_P, x->p[ti]);
		cell_num(&c[6], CELL_P, x->q[ti]);
		cell_num(&c[7], CELL_STAT, x->minexp[ti]);
		cell_num(&c[8], CELL_INT, x->rowsupp[ti]);
	}
	c = table_row(t);
	cell_str(t, &c[0], b->name);
	cell_str(t, &c[1], "*main*");
	cell_str(t, &c[2], L(M_MAINTEST));
	cell_num(&c[3], CELL_STAT, x->mdf ? x->mchi2 : NAN);
	cell_num(&c[4], CELL_INT, x->mdf);
	cell_num(&c[5], CELL_P, x->mp);
	/* One test: nothing to adjust. */
	cell_num(&c[6], CELL_P, x->mp);
	cell_num(&c[7], CELL_STAT, x->mminexp);
	cell_num(&c[8], CELL_INT, 0);
	return t;
}

static struct table *
table_crosstab_wide(const struct bycol *b, const struct xtab *x)
{
	struct table *t;
	struct cell *c;
	const char **heads;
	const struct theme *th;
	struct buf hb = BUF_INIT;
	size_t i, ti, cat, nc = x->k + 5;
	const struct cmslot *s;
	double o;

	heads = (const char **)(void *)pooled(xcalloc(nc, sizeof(*heads)));
	heads[0] = L(M_THEME);
	for (i = 0; i < x->k; i++) {
		buf_reset(&hb);
		buf_adds(&hb, b->cats.key[x->cat[i]]);
		heads[i + 1] = pooled(buf_detach(&hb, NULL));
	}
	heads[x->k + 1] = L(M_TOTAL);
	heads[x->k + 2] = "\xcf\x87\xc2\xb2";
	heads[x->k + 3] = "p";
	heads[x->k + 4] = "q";
	buf_release(&hb);
	t = table_new(pooledf("crosstab-%s", b->name), "", (int)nc, heads,
	    heads);
	free(t->title);
	t->title = xstrdup(pooledf(L(M_CROSSTAB), b->name));
	t->weighted = weightcol != NULL;
	t->sepbefore = firstnc < nordered ? (int)firstnc + 1 : -1;
	c = table_row(t);
	cell_str(t, &c[0], L(M_ALL));
	for (i = 0; i < x->k; i++) {
		if (x->bsupp[i])
			c[i + 1].kind = CELL_SUPP;
		else
			cell_num(&c[i + 1], CELL_COUNT, b->cw[x->cat[i]]);
	}
	cell_num(&c[x->k + 1], CELL_COUNT, sumw);
	for (ti = 0; ti < nordered; ti++) {
		th = &themes[order[ti]];
		c = table_row(t);
		cell_str(t, &c[0], theme_label(th));
		for (i = 0; i < x->k; i++) {
			cat = x->cat[i];
			if (x->supp[ti * x->k + i]) {
				c[i + 1].kind = CELL_SUPP;
				continue;
			}
			s = cm_find(&b->cells, (uint32_t)cat,
			    (uint32_t)order[ti]);
			o = s == NULL ? 0 : s->w;
			c[i + 1].kind = CELL_NPCT;
			c[i + 1].v = o;
			c[i + 1].v2 = b->cw[cat] > 0 ? o / b->cw[cat] : NAN;
			c[i + 1].mark = mark_of(x, ti, i);
		}
		if (x->tsupp[ti])
			c[x->k + 1].kind = CELL_SUPP;
		else
			cell_num(&c[x->k + 1], CELL_COUNT, th->w);
		if (x->df[ti] > 0) {
			cell_num(&c[x->k + 2], CELL_STAT, x->chi2[ti]);
			cell_num(&c[x->k + 3], CELL_P, x->p[ti]);
			cell_num(&c[x->k + 4], CELL_P, x->q[ti]);
		}
	}
	t->note = note_new();
	xtab_note(t->note, b, x);
	return t;
}

/* Terms ranked within one theme (theme == SIZE_MAX: all answers). */
struct ranked {
	size_t		 term;
	unsigned long	 n;
	double		 g2, p, q;
	unsigned long	 a, b;
};

static int
ranked_cmp(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	int c;

	if (x->g2 != y->g2)
		return x->g2 > y->g2 ? -1 : 1;
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	c = strcmp(termtab.key[x->term], termtab.key[y->term]);
	return c;
}

/* Appends a term for people: a phrase's '_' become spaces. */
static void
term_words(struct buf *dst, const char *term)
{
	for (; *term; term++)
		buf_addc(dst, *term == '_' ? ' ' : *term);
}

/* The best terms of one list, at most `top`, sorted by ranked_cmp(). */
struct toplist {
	struct ranked	*r;
	size_t		 n, cap;
};

static void
top_offer(struct toplist *l, size_t term, unsigned long n)
{
	struct ranked x;
	size_t k;

	memset(&x, 0, sizeof(x));
	x.term = term;
	x.n = n;
	x.g2 = (double)n;
	if (l->cap == 0 || (l->n == l->cap &&
	    ranked_cmp(&x, &l->r[l->n - 1]) >= 0))
		return;
	if (l->n < l->cap)
		l->n++;
	for (k = l->n - 1; k > 0 && ranked_cmp(&x, &l->r[k - 1]) < 0; k--)
		l->r[k] = l->r[k - 1];
	l->r[k] = x;
}

/*
 * The top lemmas (list 2 i) and phrases (2 i + 1) of all answers (i = 0)
 * and of the theme order[i - 1], by answers: one pass over the terms and
 * one over the (term, theme) counts.  Free with top_free().
 */
static struct toplist *
top_lists(void)
{
	struct toplist *l;
	size_t i, nl = 2 * (nordered + 1), cap, *pos, term, theme;
	int ph;

	cap = termtab.n < (size_t)top ? termtab.n : (size_t)top;
	l = xcalloc(nl, sizeof(*l));
	for (i = 0; i < nl; i++) {
		l[i].cap = cap;
		l[i].r = xcalloc(cap + 1, sizeof(*l[i].r));
	}
	pos = xcalloc(themetab.n + 1, sizeof(*pos));
	for (i = 0; i < nordered; i++)
		pos[order[i]] = i + 1;
	for (i = 0; i < termtab.n; i++)
		if (terms[i].df > 0)
			top_offer(&l[strchr(termtab.key[i], '_') != NULL], i,
			    terms[i].df);
	for (i = 0; i < termtheme.cap; i++) {
		if (termtheme.slot[i].key == 0)
			continue;
		term = (size_t)((termtheme.slot[i].key - 1) >> 32);
		theme = (size_t)((termtheme.slot[i].key - 1) & 0xffffffffU);
		ph = strchr(termtab.key[term], '_') != NULL;
		top_offer(&l[2 * pos[theme] + ph], term, termtheme.slot[i].n);
	}
	free(pos);
	return l;
}

static void
top_free(struct toplist *l)
{
	size_t i;

	for (i = 0; i < 2 * (nordered + 1); i++)
		free(l[i].r);
	free(l);
}

static struct table *
table_terms(void)
{
	static const char *cols[] = { "theme", "label", "kind", "rank",
	    "term", "answers", "share" };
	static const char *hcols[] = { "theme", "lemmas", "phrases" };
	static const char *heads[7];
	struct table *t;
	struct cell *c = NULL;
	struct ranked *r;
	struct toplist *lists;
	struct buf b = BUF_INIT;
	size_t ti, n, i, theme;
	unsigned long base;
	int ph, h = human();

	heads[0] = L(M_THEME);
	heads[1] = L(M_LABEL);
	heads[2] = L(M_KIND);
	heads[3] = L(M_RANK);
	heads[4] = L(M_TERM);
	heads[5] = L(M_ANSWERS);
	heads[6] = L(M_SHARE);
	if (h) {
		heads[0] = L(M_THEME);
		heads[1] = L(M_LEMMAS);
		heads[2] = L(M_PHRASES);
		t = table_new("terms", L(M_TERMS), 3, hcols, heads);
	} else
		t = table_new("terms", L(M_TERMS), 7, cols, heads);
	lists = top_lists();
	for (ti = 0; ti <= nordered; ti++) {
		theme = ti == 0 ? SIZE_MAX : order[ti - 1];
		base = ti == 0 ? ncounted : themes[theme].n;
		if (h)
			c = table_row(t);
		for (ph = 0; ph < 2; ph++) {
			n = lists[2 * ti + ph].n;
			r = lists[2 * ti + ph].r;
			buf_reset(&b);
			for (i = 0; i < n; i++) {
				if (h) {
					if (i)
						buf_adds(&b, ", ");
					term_words(&b, termtab.key[r[i].term]);
					buf_printf(&b, " (%lu)", r[i].n);
					continue;
				}
				c = table_row(t);
				cell_str(t, &c[0], ti ? themes[theme].id : "*");
				cell_str(t, &c[1], ti ?
				    theme_label(&themes[theme]) : L(M_ALL));
				cell_str(t, &c[2], ph ? "phrase" : "lemma");
				cell_num(&c[3], CELL_INT, (double)i + 1);
				cell_str(t, &c[4], termtab.key[r[i].term]);
				cell_num(&c[5], CELL_INT, (double)r[i].n);
				cell_num(&c[6], CELL_SHARE, base > 0 ?
				    (double)r[i].n / base : NAN);
			}
			if (h) {
				cell_str(t, &c[0], ti ?
				    theme_label(&themes[theme]) : L(M_ALL));
				cell_str(t, &c[1 + ph], b.data);
			}
		}
	}
	top_free(lists);
	buf_release(&b);
	return t;
}

static int
kw_cmp(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->n != y->n)		/* category */
		return x->n < y->n ? -1 : 1;
	return ranked_cmp(a, b);
}

static struct table *
table_keyness(const struct bycol *b)
{
	static const char *cols[] = { "by", "value", "rank", "term", "n",
	    "n_rest", "per_10k", "per_10k_rest", "g2", "p", "q" };
	static const char *hcols[] = { "value", "keywords" };
	static const char *heads[11];
	struct table *t;
	struct cell *c = NULL;
	struct ranked *r = NULL;
	struct buf kb = BUF_INIT;
	size_t i, nr = 0, cap = 0, k, *co, *rank, rk;
	uint32_t term, cat;
	double a, n1, bb, n2;
	int h = human();

	heads[0] = "by";
	heads[1] = L(M_VALUE);
	heads[2] = L(M_RANK);
	heads[3] = L(M_TERM);
	heads[4] = "n";
	heads[5] = L(M_NREST);
	heads[6] = L(M_PER10K);
	heads[7] = L(M_PER10KREST);
	heads[8] = "G2";
	heads[9] = "p";
	heads[10] = "q";
	if (h) {
		heads[0] = L(M_VALUE);
		heads[1] = L(M_KEYWORDS);
		t = table_new(pooledf("keyness-%s", b->name),
		    pooledf(L(M_KEYNESS), b->name), 2, hcols, heads);
	} else
		t = table_new(pooledf("keyness-%s", b->name), "", 11, cols,
		    heads);
	for (i = 0; i < b->kterm.cap; i++) {
		if (b->kterm.slot[i].key == 0)
			continue;
		term = (uint32_t)((b->kterm.slot[i].key - 1) >> 32);
		cat = (uint32_t)(b->kterm.slot[i].key - 1);
		a = (double)b->kterm.slot[i].n;
		if (a < (double)minfreq)
			continue;
		n1 = b->ctok[cat];
		bb = (double)terms[term].tok - a;
		n2 = sumtok - n1;
		if (!(n2 > 0) || a / n1 <= bb / n2)
			continue;
		if (nr == cap) {
			cap = cap ? 2 * cap : 256;
			r = xreallocarray(r, cap, sizeof(*r));
		}
		r[nr].term = term;
		r[nr].n = cat;
		r[nr].a = (unsigned long)a;
		r[nr].b = (unsigned long)bb;
		r[nr].g2 = stats_g2(a, n1, bb, n2);
		r[nr].p = stats_chi2_sf(r[nr].g2, 1);
		nr++;
	}
	/* The keywords of every category are one family of tests: those
	 * whose adjusted p-value is within 5% are kept, as the
	 * Benjamini-Hochberg step-up rule at 5% would. */
	if (nr > 0) {
		double *ps = xreallocarray(NULL, nr, sizeof(*ps));
		double *qs = xreallocarray(NULL, nr, sizeof(*qs));

		for (i = 0; i < nr; i++)
			ps[i] = r[i].p;
		stats_bh_adjust(ps, qs, nr);
		for (i = k = 0; i < nr; i++)
			if (qs[i] <= 0.05) {
				r[i].q = qs[i];
				r[k++] = r[i];
			}
		nr = k;
		free(ps);
		free(qs);
	}
	/* Sort by category id then G2, then emit in the category order. */
	if (nr > 1)
		qsort(r, nr, sizeof(*r), kw_cmp);
	co = order_cats(b);
	rank = xcalloc(b->cats.n + 1, sizeof(*rank));
	for (i = 0; i < nr; i++)
		if (i == 0 || r[i].n != r[i - 1].n)
			rank[r[i].n] = i + 1;
	for (k = 0; k < b->cats.n; k++) {
		cat = (uint32_t)co[k];
		if (h) {
			buf_reset(&kb);
			c = table_row(t);
			cell_str(t, &c[0], b->cats.key[cat]);
		}
		for (i = rank[cat], rk = 0; i > 0 && i - 1 < nr &&
		    r[i - 1].n == cat && rk < (size_t)top; i++, rk++) {
			const struct ranked *q = &r[i - 1];

			n1 = b->ctok[cat];
			n2 = sumtok - n1;
			if (h) {
				if (rk)
					buf_adds(&kb, ", ");
				term_words(&kb, termtab.key[q->term]);
				buf_adds(&kb, " (");
				add_num(&kb, q->g2, 1);
				buf_addc(&kb, ')');
				continue;
			}
			c = table_row(t);
			cell_str(t, &c[0], b->name);
			cell_str(t, &c[1], b->cats.key[cat]);
			cell_num(&c[2], CELL_INT, (double)rk + 1);
			cell_str(t, &c[3], termtab.key[q->term]);
			cell_num(&c[4], CELL_INT, (double)q->a);
			cell_num(&c[5], CELL_INT, (double)q->b);
			cell_num(&c[6], CELL_STAT, 1e4 * q->a / n1);
			cell_num(&c[7], CELL_STAT, 1e4 * q->b / n2);
			cell_num(&c[8], CELL_STAT, q->g2);
			cell_num(&c[9], CELL_P, q->p);
			cell_num(&c[10], CELL_P, q->q);
		}
		if (h)
			cell_str(t, &c[1], kb.len > 0 ? kb.data :
			    L(M_NOKEYWORDS));
	}
	if (h) {
		t->note = note_new();
		if (lang == 0)
			buf_printf(t->note, "Terms used more in the category "
			    "than in the rest of the answers, by Dunning's "
			    "log-likelihood G\xc2\xb2 (in brackets); kept at a "
			    "false discovery rate of 5%% over all terms and "
			    "categories (Benjamini-Hochberg), at least %lld "
			    "occurrences.", minfreq);
		else
			buf_printf(t->note, "Terminy używane w kategorii "
			    "częściej niż w pozostałych odpowiedziach, według "
			    "logarytmu wiarygodności G\xc2\xb2 Dunninga (w "
			    "nawiasie); przy odsetku fałszywych odkryć 5%% "
			    "wśród wszystkich terminów i kategorii "
			    "(Benjamini-Hochberg), co najmniej %lld wystąpień.",
			    minfreq);
	}
	free(rank);
	free(co);
	free(r);
	buf_release(&kb);
	return t;
}

/*
 * The key under which two quotes count as the same answer: the text folded
 * (NFC, case) with Polish diacritics taken off and everything but letters
 * dropped, so that the copies of a campaign that differ in accents,
 * punctuation, emoji or case are shown once.  Letters outside two-byte
 * UTF-8 (CJK...) are dropped too; an empty key never matches.
 */
static void
quote_key(struct buf *dst, const char *s, size_t len)
{
	static const char *pl[][2] = {
		{ "\xc4\x85", "a" }, { "\xc4\x87", "c" }, { "\xc4\x99", "e" },
		{ "\xc5\x82", "l" }, { "\xc5\x84", "n" }, { "\xc3\xb3", "o" },
		{ "\xc5\x9b", "s" }, { "\xc5\xba", "z" }, { "\xc5\xbc", "z" },
	};
	struct buf f = BUF_INIT;
	unsigned char c;
	size_t i, k;

	buf_reset(dst);
	if (text_fold(&f, s, len) < 0)
		buf_add(&f, s, len);
	for (i = 0; i < f.len; i++) {
		c = (unsigned char)f.data[i];
		if (c < 0x80) {
			if (c >= 'a' && c <= 'z')
				buf_addc(dst, c);
			continue;
		}
		for (k = 0; k < sizeof(pl) / sizeof(pl[0]); k++)
			if (i + 1 < f.len && memcmp(f.data + i, pl[k][0], 2) ==
			    0)
				break;
		if (k < sizeof(pl) / sizeof(pl[0])) {
			buf_adds(dst, pl[k][1]);
			i++;
		} else if (c >= 0xc3 && c <= 0xdf && i + 1 < f.len) {
			/* Other letters of Latin, Greek, Cyrillic... */
			buf_add(dst, f.data + i, 2);
			i++;
		}
		/* Other bytes (U+0080-U+00BF: punctuation and symbols; 3 and
		 * 4-byte sequences: dashes, quotes, emoji) are dropped. */
	}
	buf_release(&f);
}

static struct table *
table_quotes(void)
{
	static const char *cols[] = { "theme", "label", "rank", "quote" };
	static const char *heads[4];
	struct table *t;
	struct cell *c;
	struct theme *th;
	struct buf key = BUF_INIT, seen[NQUOTE];
	size_t ti;
	int i, j, rk, h = human(), o = h ? 1 : 0;
	const char *q;

	heads[0] = L(M_THEME);
	heads[1] = h ? L(M_THEME) : L(M_LABEL);
	heads[2] = L(M_RANK);
	heads[3] = L(M_QUOTE);
	for (i = 0; i < NQUOTE; i++)
		buf_init(&seen[i]);
	t = table_new("quotes", L(M_QUOTES), 4 - o, cols + o, heads + o);
	for (ti = 0; ti < nordered; ti++) {
		th = &themes[order[ti]];
		if (th->kind == K_NOCONTENT)
			continue;
		rk = 0;
		/* The model's quotes first, then the input's best. */
		for (i = 0; i < NQUOTE + th->nq && rk < NQUOTE; i++) {
			q = i < NQUOTE ? th->mquote[i] : th->q[i - NQUOTE].text;
			if (q == NULL || *q == '\0' ||
			    redact_flags(q, strlen(q)))
				continue;
			quote_key(&key, q, strlen(q));
			for (j = 0; j < rk && (key.len == 0 ||
			    strcmp(seen[j].data, key.data)); j++)
				;
			if (j < rk)
				continue;
			buf_reset(&seen[rk]);
			buf_add(&seen[rk], key.data, key.len);
			c = table_row(t) - o;
			if (!h)
				cell_str(t, &c[0], th->id);
			cell_str(t, &c[1], theme_label(th));
			cell_num(&c[2], CELL_INT, ++rk);
			cell_str(t, &c[3], q);
		}
	}
	for (i = 0; i < NQUOTE; i++)
		buf_release(&seen[i]);
	buf_release(&key);
	return t;
}

static struct table *
table_summary(void)
{
	static const char *cols[] = { "item", "value" };
	static const char *heads[2];
	struct table *t;
	struct cell *c;
	struct buf b = BUF_INIT;
	int i;

	heads[0] = L(M_ITEM);
	heads[1] = L(M_VALUE);
	t = table_new("summary", L(M_SUMMARY), 2, cols, heads);
	/* Machine names in TSV and CSV, words in Markdown and HTML. */
#define ROW(name, en, pl, kind, val) do {				\
	c = table_row(t);						\
	cell_str(t, &c[0], !human() ? name : lang ? pl : en);		\
	cell_num(&c[1], kind, val);					\
} while (0)
	ROW("answers_read", "Answers read", "Wczytane odpowiedzi", CELL_INT,
	    (double)nread);
	ROW("answers_counted", "Answers counted", "Policzone odpowiedzi",
	    CELL_INT, (double)ncounted);
	ROW("duplicates_skipped", "Duplicates skipped (--dedup)",
	    "Pominięte duplikaty (--dedup)", CELL_INT, (double)nskipped);
	ROW("weighted_total", "Total weight", "Suma wag", CELL_STAT, sumw);
	ROW("effective_n", "Effective n (Kish)", "Efektywne n (Kish)",
	    CELL_STAT, neff());
	ROW("themes", "Themes", "Tematy", CELL_INT, (double)nordered);
	ROW("min_cell", "Smallest cell shown", "Najmniejsza pokazana komórka",
	    CELL_INT, (double)mincell);
#undef ROW
	c = table_row(t);
	cell_str(t, &c[0], !human() ? "weight" : lang ? "Kolumna wag" :
	    "Weight column");
	cell_str(t, &c[1], weightcol ? weightcol : "");
	for (i = 0; i < nby; i++) {
		if (i)
			buf_addc(&b, ' ');
		buf_adds(&b, bys[i]);
	}
	c = table_row(t);
	cell_str(t, &c[0], !human() ? "by" : lang ? "Tabele krzyżowe według" :
	    "Cross-tabulated by");
	cell_str(t, &c[1], b.data);
	buf_release(&b);
	return t;
}

/* ---- output ---- */

static struct buf *intro;

/* The paragraph at the top of the HTML page. */
static void
intro_make(void)
{
	int b;

	intro = note_new();
	if (lang == 0)
		buf_printf(intro, "%lu answers read, %lu counted%s. ", nread,
		    ncounted, dedup ? " (each duplicate group once)" : "");
	else
		buf_printf(intro, "Wczytano %lu odpowiedzi, policzono %lu%s. ",
		    nread, ncounted, dedup ?
		    " (każdą grupę duplikatów raz)" : "");
	if (nby > 0 && outdir != NULL)
		buf_adds(intro, lang == 0 ? "Cross-tabulated by " :
		    "Tabele krzyżowe według: ");
	for (b = 0; b < nby && outdir != NULL; b++)
		buf_printf(intro, "%s'%s'", b ? ", " : "", bys[b]);
	if (nby > 0 && outdir != NULL)
		buf_adds(intro, ". ");
	if (mincell > 1 && nby > 0 && outdir != NULL)
		buf_printf(intro, lang == 0 ? "Cells of fewer than %lld "
		    "answers are hidden (\xe2\x80\x94)." : "Komórki poniżej "
		    "%lld odpowiedzi są ukryte (\xe2\x80\x94).", mincell);
	while (intro->len > 0 && intro->data[intro->len - 1] == ' ')
		buf_setlen(intro, intro->len - 1);
}

static void
write_file(const char *name, const char *ext, struct table **ts, int nt,
    const struct table_opts *o)
{
	struct buf path = BUF_INIT, tmp = BUF_INIT;
	FILE *fp;
	mode_t mask;
	int fd, i;

	buf_printf(&path, "%s/", outdir);
	fmt_fname(&path, name);
	buf_printf(&path, ".%s", ext);
	buf_printf(&tmp, "%s/.glosy-report.XXXXXX", outdir);
	if ((fd = mkstemp(tmp.data)) < 0)
		glosy_die("cannot create a file in '%s':", outdir);
	mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	if ((fp = fdopen(fd, "w")) == NULL)
		glosy_die("cannot open '%s':", tmp.data);
	if (o->format == FMT_HTML) {
		html_begin(fp, L(M_REPORT), lang ? "pl" : "en", intro);
		for (i = 0; i < nt; i++)
			table_write(fp, ts[i], o);
		html_end(fp, L(M_FOOTER));
	} else
		for (i = 0; i < nt; i++)
			table_write(fp, ts[i], o);
	/* No fsync: the rename protects against a killed run, which is what
	 * matters here, and syncing ten small files costs more than the
	 * whole report on a busy disk. */
	if (fflush(fp) != 0 || ferror(fp)) {
		unlink(tmp.data);
		glosy_die("write error: '%s':", path.data);
	}
	if (fclose(fp) != 0) {
		unlink(tmp.data);
		glosy_die("write error: '%s':", path.data);
	}
	if (rename(tmp.data, path.data) != 0) {
		unlink(tmp.data);
		glosy_die("cannot rename '%s' to '%s':", tmp.data, path.data);
	}
	buf_release(&path);
	buf_release(&tmp);
}

static void
report(void)
{
	struct table_opts o;
	struct table **ts, *summary;
	struct xtab x;
	const char *ext;
	int nt = 0, i, b, hh = human();

	o.format = format;
	o.comma = lang == 1;
	o.supp = "\xe2\x80\x94";
	o.lang = lang ? "pl" : "en";
	intro_make();
	ts = xcalloc((size_t)(4 * nby + 8), sizeof(*ts));
	ts[nt++] = table_themes();
	if (outdir != NULL) {
		for (b = 0; b < nby; b++) {
			xtab_build(&by[b], &x);
			if (hh)
				ts[nt++] = table_crosstab_wide(&by[b], &x);
			else {
				ts[nt++] = table_crosstab_long(&by[b], &x);
				ts[nt++] = table_chisq(&by[b], &x);
			}
			xtab_release(&x);
		}
		ts[nt++] = table_terms();
		for (b = 0; b < nby; b++)
			ts[nt++] = table_keyness(&by[b]);
		ts[nt++] = table_quotes();
		ts[nt++] = summary = table_summary();
		(void)summary;
	}
	/* The directory is made only now, so that bad input leaves none. */
	if (outdir != NULL && mkdir(outdir, 0777) != 0 && errno != EEXIST)
		glosy_die("cannot create '%s':", outdir);
	ext = format == FMT_TSV ? "tsv" : format == FMT_CSV ? "csv" :
	    format == FMT_MD ? "md" : "html";
	if (outdir == NULL) {
		if (format == FMT_HTML) {
			html_begin(stdout, L(M_REPORT), o.lang, intro);
			table_write(stdout, ts[0], &o);
			html_end(stdout, L(M_FOOTER));
		} else
			table_write(stdout, ts[0], &o);
	} else if (format == FMT_HTML)
		write_file("index", ext, ts, nt, &o);
	else
		for (i = 0; i < nt; i++)
			write_file(ts[i]->name, ext, &ts[i], 1, &o);
	for (i = 0; i < nt; i++)
		table_free(ts[i]);
	free(ts);
	buf_release(intro);
	free(intro);
}

static void
cleanup(void)
{
	size_t i;
	int b, q;

	for (i = 0; i < themetab.n; i++) {
		free(themes[i].id);
		free(themes[i].where);
		free(themes[i].label);
		free(themes[i].label_pl);
		for (q = 0; q < NQUOTE; q++)
			free(themes[i].mquote[q]);
		for (q = 0; q < themes[i].nq; q++) {
			free(themes[i].q[q].id);
			free(themes[i].q[q].text);
		}
		xsum_release(&themes[i].xw);
		xsum_release(&themes[i].xwmain);
	}
	xsum_release(&xsumw);
	xsum_release(&xsumw2);
	buf_release(&optstr);
	free(themes);
	free(terms);
	free(order);
	strtab_release(&themetab);
	strtab_release(&termtab);
	cm_release(&termtheme);
	for (b = 0; b < nby; b++) {
		for (i = 0; i < by[b].cats.n; i++)
			xsum_release(&by[b].xcw[i]);
		strtab_release(&by[b].cats);
		free(by[b].cw);
		free(by[b].xcw);
		free(by[b].cn);
		free(by[b].ctok);
		cm_release(&by[b].cells);
		cm_release(&by[b].mains);
		cm_release(&by[b].kterm);
	}
	for (i = 0; i < npool; i++)
		free(pool[i]);
	free(pool);
	redact_free();
}

int
main(int argc, char *argv[])
{
	const char *errstr, *tableopt = NULL;
	int ch, i, merge = 0, partial = 0, cmdopts;

	glosy_setprogname(argv[0]);
	while ((ch = getopt_long(argc, argv, "B:b:c:df:hk:l:Mm:n:o:PVw:",
	    longopts, NULL)) != -1) {
		/* The options that only shape the tables, not the sums. */
		if (strchr("cfklmnoS", ch) != NULL)
			tableopt = ch == 'S' ? "--no-size-check" : ch == 'c' ?
			    "--min-cell" : ch == 'f' ? "--format" : ch == 'k' ?
			    "--min-freq" : ch == 'l' ? "--lang" : ch == 'm' ?
			    "--model" : ch == 'n' ? "--top" : "--output";
		switch (ch) {
		case 'B':
		case 'b':
			if (nby == (int)(sizeof(bys) / sizeof(bys[0])))
				glosy_die_usage("too many --by columns");
			byoptional[nby] = ch == 'B';
			bys[nby++] = optarg;
			break;
		case 'c':
			mincell = glosy_strtonum(optarg, 0, 1000000, &errstr);
			if (errstr)
				glosy_die_usage("--min-cell: '%s' is %s",
				    optarg, errstr);
			break;
		case 'd':
			dedup = 1;
			break;
		case 'f':
			if (strcmp(optarg, "tsv") == 0)
				format = FMT_TSV;
			else if (strcmp(optarg, "md") == 0)
				format = FMT_MD;
			else if (strcmp(optarg, "html") == 0)
				format = FMT_HTML;
			else if (strcmp(optarg, "csv") == 0)
				format = FMT_CSV;
			else
				glosy_die_usage("unknown format '%s'", optarg);
			for (i = 0; i < nformats; i++)
				if (formats[i] == format)
					break;
			if (i == nformats)
				formats[nformats++] = format;
			break;
		case 'h':
			usage(stdout, EXIT_SUCCESS);
		case 'k':
			minfreq = glosy_strtonum(optarg, 1, 1000000000,
			    &errstr);
			if (errstr)
				glosy_die_usage("--min-freq: '%s' is %s",
				    optarg, errstr);
			break;
		case 'l':
			if (strcmp(optarg, "en") == 0)
				lang = 0;
			else if (strcmp(optarg, "pl") == 0)
				lang = 1;
			else
				glosy_die_usage("unknown language '%s'",
				    optarg);
			break;
		case 'M':
			merge = 1;
			break;
		case 'm':
			modelpath = optarg;
			break;
		case 'n':
			top = glosy_strtonum(optarg, 1, 100000, &errstr);
			if (errstr)
				glosy_die_usage("--top: '%s' is %s", optarg,
				    errstr);
			break;
		case 'o':
			outdir = optarg;
			break;
		case 'P':
			partial = 1;
			break;
		case 'S':
			sizecheck = 0;
			break;
		case 'V':
			glosy_version();
		case 'w':
			weightcol = optarg;
			break;
		default:
			usage(stderr, GLOSY_EXIT_USAGE);
		}
	}
	argc -= optind;
	argv += optind;
	if (partial && tableopt != NULL)
		glosy_die_usage("%s shapes the tables, which --partial does not "
		    "write (give it to --merge)", tableopt);
	if (nformats == 0)
		formats[nformats++] = FMT_TSV;
	if (nformats > 1 && outdir == NULL)
		glosy_die_usage("--format: several formats need --output");
	cmdopts = nby > 0 || dedup || weightcol != NULL;
	opts_canon(&optstr);
	full = outdir != NULL || partial;

	glosy_stdout_buffer();
	redact_init();
	/*
	 * The model is read after the stream, so that in
	 * "glosy-cluster --model m | glosy-report --model m" it is complete:
	 * cluster writes it before its first row.
	 */
	if (merge)
		merge_read(argc, argv, cmdopts);
	else
		read_stream(argc, argv);
	if (partial) {
		part_write();
		cleanup();
		return glosy_close_stdout();
	}
	finish();
	if (modelpath)
		model_load(modelpath);
	if (modelpath && sizecheck)
		model_check();
	order_themes();
	/* One reading, the tables in every format asked for. */
	for (i = 0; i < nformats; i++) {
		format = formats[i];
		report();
	}
	cleanup();
	return glosy_close_stdout();
}

static void
usage(FILE *fp, int status)
{
	fprintf(fp, "usage: %s [-dhMPV] [--no-size-check] [-B column] "
	    "[-b column] [-c n]\n"
	    "       [-f format] [-k n] [-l lang] [-m model] [-n n] [-o dir] "
	    "[-w column]\n"
	    "       [file ...]\n", glosy_progname());
	if (status == EXIT_SUCCESS)
		fputs("\n"
		    "  -b, --by COLUMN     cross-tabulate and find keywords by "
		    "COLUMN (repeatable)\n"
		    "  -B, --by-if-present COLUMN\n"
		    "                      as --by when the input has COLUMN, "
		    "else skipped\n"
		    "  -c, --min-cell N    hide cells of fewer than N answers "
		    "(default 5, 0 = off)\n"
		    "  -d, --dedup         count each duplicate group once "
		    "(by dup_group)\n"
		    "  -f, --format FMT    tsv (default), md, html or csv "
		    "(repeatable with -o)\n"
		    "  -k, --min-freq N    a keyword occurs at least N times "
		    "(default 5)\n"
		    "  -l, --lang LANG     en (default) or pl headings and "
		    "labels\n"
		    "  -M, --merge         read partials (--partial) and report "
		    "their sum\n"
		    "  -m, --model FILE    theme table of glosy-cluster "
		    "--model\n"
		    "      --no-size-check accept model sizes that differ "
		    "from the input\n"
		    "  -n, --top N         terms and keywords per list "
		    "(default 10)\n"
		    "  -o, --output DIR    write every table into DIR\n"
		    "  -P, --partial       write the sums of the tables, to "
		    "merge with --merge\n"
		    "  -w, --weight COLUMN survey weights\n"
		    "  -h, --help          show this help and exit\n"
		    "  -V, --version       show the version and exit\n", fp);
	else
		glosy_try_help();
	exit(status);
}
