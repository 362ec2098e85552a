/*
 * run.c - the fitting run of glosy-cluster: holds the input, builds the
 * corpus, fits the mixture, names the themes, writes every row and the
 * theme table.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glosy.h"
#include "codebook.h"
#include "cluster.h"
#include "model.h"

/* Beyond this many answers, one fit and fewer sweeps (-r, -i). */
#define RESTARTS_UPTO	200000
#define ITERS		40
#define ITERS_BIG	20
/* Greedy sweeps, at most.  On big inputs the later ones move few answers,
 * which the refinement moves anyway: at 250,000 generated answers, 3
 * instead of 10 took 8% less time, NMI within 0.0005 (seeds 1-3). */
#define GREEDY		10
#define GREEDY_BIG	3
/* k-means steps of the refinement, at most.  On big inputs it settles
 * slowly, a few hundred answers changing at each step, and stopping at 10
 * gave a slightly higher NMI against the gold themes of 250,000 generated
 * answers (0.412 against 0.410 with 20, seeds 1-3). */
#define REFINE		20
#define REFINE_BIG	10
/*
 * From this many answers on, the Gibbs sweeps end once the number of
 * answers that move has set no new low for PLATEAU sweeps.  Below it the
 * count is too small to show that, and the sweeps are cheap: all run.
 */
#define PLATEAU_FROM	5000
#define PLATEAU		10

/*
 * Splits a space-separated terms value into ids of vocab (interned when
 * intern is set, else looked up and unknown ones dropped), leaving out
 * nocontent terms.  Returns the number of occurrences kept in *ids.
 */
size_t
split_terms(const char *s, size_t len, struct strtab *vocab, int intern,
    const struct strtab *nocontent, uint32_t **ids, size_t *cap,
    int *content)
{
	const char *p = s, *e = s + len, *w;
	size_t n = 0, wl, i, j;
	uint32_t x;
	long id;

	*content = 0;
	while ((w = record_word(&p, e, &wl)) != NULL) {
		/* A vocabulary being built holds no nocontent term, so a
		 * term found there has content: one look-up for most terms.
		 * A saved one (-a) may hold terms of another lexicon. */
		if (!intern) {
			if (strtab_find(nocontent, w, wl) >= 0)
				continue;
			id = strtab_find(vocab, w, wl);
		} else if ((id = strtab_find(vocab, w, wl)) < 0) {
			if (strtab_find(nocontent, w, wl) >= 0)
				continue;
			id = (long)strtab_intern(vocab, w, wl, NULL);
		}
		*content = 1;
		if (id >= 0) {
			if (n == *cap) {
				*cap = *cap ? *cap * 2 : 64;
				*ids = xreallocarray(*ids, *cap,
				    sizeof(uint32_t));
			}
			(*ids)[n++] = (uint32_t)id;
		}
	}
	/* Answers are short: insertion sort. */
	for (i = 1; i < n; i++) {
		x = (*ids)[i];
		for (j = i; j > 0 && (*ids)[j - 1] > x; j--)
			(*ids)[j] = (*ids)[j - 1];
		(*ids)[j] = x;
	}
	return n;
}

/* Appends a document of sorted ids (with repeats) to the corpus. */
void
corpus_add(struct cbuild *b, const uint32_t *ids, size_t n)
{
	struct corpus *c = &b->c;
	size_t i, j, start;

	if (c->ndocs + 2 > b->dcap) {
		b->dcap = b->dcap ? b->dcap * 2 : 1024;
		c->off = xreallocarray(c->off, b->dcap, sizeof(uint32_t));
		c->len = xreallocarray(c->len, b->dcap, sizeof(uint16_t));
	}
	if (c->ndocs == 0)
		c->off[0] = 0;
	start = c->off[c->ndocs];
	if (start + n > b->wcap) {
		while (start + n > b->wcap)
			b->wcap = b->wcap ? b->wcap * 2 : 4096;
		c->w = xreallocarray(c->w, b->wcap, sizeof(uint32_t));
		c->cnt = xreallocarray(c->cnt, b->wcap, sizeof(uint16_t));
	}
	if (start + n >= UINT32_MAX)
		glosy_die("too many terms for one run");
	j = start;
	for (i = 0; i < n; i++) {
		if (i > 0 && ids[i] == ids[i - 1]) {
			if (c->cnt[j - 1] < UINT16_MAX)
				c->cnt[j - 1]++;
			continue;
		}
		c->w[j] = ids[i];
		c->cnt[j++] = 1;
	}
	c->len[c->ndocs] = n > UINT16_MAX ? UINT16_MAX : (uint16_t)n;
	if (n > UINT16_MAX) {
		/* Keep len equal to the sum of the (clamped) counts. */
		size_t s = 0, t;

		for (t = start; t < j; t++)
			s += c->cnt[t];
		c->len[c->ndocs] = s > UINT16_MAX ? UINT16_MAX : (uint16_t)s;
	}
	c->off[++c->ndocs] = (uint32_t)j;
}

void
corpus_release(struct corpus *c)
{
	free(c->off);
	free(c->w);
	free(c->cnt);
	free(c->len);
	free(c->df);
	memset(c, 0, sizeof(*c));
}

const char *
held_line(struct held *h, size_t i, size_t *lenp)
{
	*lenp = (size_t)(h->rawoff[i + 1] - h->rawoff[i] - 1);
	return spool_get(&h->sp, h->rawoff[i], *lenp);
}

static void
hold(struct input *in, struct held *h, struct cbuild *cb,
    struct strtab *vocab)
{
	uint32_t *ids = NULL;
	size_t n, cap = 0, len;
	const char *s;
	int content;

	while (records_next(&in->r)) {
		if (h->n + 2 > h->cap) {
			h->cap = h->cap ? h->cap * 2 : 1024;
			h->rawoff = xreallocarray(h->rawoff, h->cap,
			    sizeof(*h->rawoff));
			h->doc = xreallocarray(h->doc, h->cap,
			    sizeof(uint32_t));
			h->textlen = xreallocarray(h->textlen, h->cap,
			    sizeof(uint32_t));
		}
		h->rawoff[h->n] = spool_add(&h->sp, in->r.line,
		    in->r.linelen);
		s = records_get(&in->r, in->col, &len);
		n = split_terms(s, len, vocab, 1, in->nocontent, &ids, &cap,
		    &content);
		if (n > 0) {
			h->doc[h->n] = (uint32_t)cb->c.ndocs;
			corpus_add(cb, ids, n);
		} else {
			h->doc[h->n] = NODOC;
			h->nodocs++;
		}
		if (in->textcol >= 0)
			records_get(&in->r, in->textcol, &len);
		h->textlen[h->n] = len > UINT32_MAX ? UINT32_MAX :
		    (uint32_t)len;
		h->n++;
	}
	if (h->cap == 0) {
		h->rawoff = xmalloc(sizeof(*h->rawoff));
		h->doc = xmalloc(sizeof(uint32_t));
		h->textlen = xmalloc(sizeof(uint32_t));
	}
	h->rawoff[h->n] = h->sp.size;
	spool_done(&h->sp);
	free(ids);
	cb->c.nvocab = vocab->n;
	cb->c.df = xcalloc(vocab->n ? vocab->n : 1, sizeof(uint32_t));
	for (n = 0; n < (cb->c.ndocs ? cb->c.off[cb->c.ndocs] : 0); n++)
		cb->c.df[cb->c.w[n]]++;
}

/*
 * Seed term ids of the codebook themes.  Seeds missing from the data are
 * named in one warning per theme, so that a large codebook on a small
 * survey does not bury the other messages.
 */
static void
seeds(const struct codebook *cb, const struct strtab *vocab, int quiet,
    uint32_t **offp, uint32_t **wp)
{
	struct buf miss = BUF_INIT;
	uint32_t *off, *w = NULL;
	size_t i, j, n = 0, cap = 0, nmiss;
	long id;

	off = xcalloc(cb->nthemes + 1, sizeof(uint32_t));
	for (i = 0; i < cb->nthemes; i++) {
		off[i] = (uint32_t)n;
		buf_reset(&miss);
		nmiss = 0;
		for (j = 0; j < cb->themes[i].nseeds; j++) {
			const char *s = cb->themes[i].seeds[j];

			id = strtab_find(vocab, s, strlen(s));
			if (id < 0) {
				buf_printf(&miss, "%s'%s'", nmiss ? ", " : "",
				    s);
				nmiss++;
				continue;
			}
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				w = xreallocarray(w, cap, sizeof(uint32_t));
			}
			w[n++] = (uint32_t)id;
		}
		if (nmiss > 0 && !quiet)
			glosy_warn("%s: theme '%s': %s %s not occur in the "
			    "data: %s", cb->path, cb->themes[i].id,
			    nmiss == 1 ? "seed" : "seeds",
			    nmiss == 1 ? "does" : "do", miss.data);
	}
	off[cb->nthemes] = (uint32_t)n;
	buf_release(&miss);
	*offp = off;
	*wp = w;
}

/* Takes the answers of too small discovered themes into the others. */
static void
merge_small(struct dmm *m, const struct corpus *c, int nseeded, size_t min)
{
	size_t d;
	int k, b, any = 0, left = 0;

	for (k = nseeded; k < m->K; k++) {
		if (m->m[k] > 0 && m->m[k] < (double)min) {
			m->active[k] = 0;
			any = 1;
		} else if (m->m[k] > 0 || k < nseeded)
			left++;
	}
	for (k = 0; k < nseeded; k++)
		left++;
	if (!any || left == 0) {
		for (k = 0; k < m->K; k++)
			m->active[k] = 1;
		return;
	}
	for (d = 0; d < c->ndocs; d++) {
		const uint32_t *w = c->w + c->off[d];
		const uint16_t *cn = c->cnt + c->off[d];
		size_t nw = c->off[d + 1] - c->off[d];

		if (m->active[m->z[d]])
			continue;
		dmm_add(m, w, cn, nw, c->len[d], (int)m->z[d], -1);
		dmm_posterior(m, w, cn, nw, c->len[d], -1, m->p);
		b = -1;
		for (k = 0; k < m->K; k++)
			if (m->active[k] && (b < 0 || m->p[k] > m->p[b]))
				b = k;
		m->z[d] = (uint32_t)b;
		dmm_add(m, w, cn, nw, c->len[d], b, 1);
	}
}

/* One greedy sweep: each answer to its most probable theme. */
static void
settle(struct dmm *m, const struct corpus *c)
{
	size_t d;
	int b;

	for (d = 0; d < c->ndocs; d++) {
		const uint32_t *w = c->w + c->off[d];
		const uint16_t *cn = c->cnt + c->off[d];
		size_t nw = c->off[d + 1] - c->off[d];

		dmm_posterior(m, w, cn, nw, c->len[d], (int)m->z[d], m->p);
		b = argmax(m->p, m->K, (int)m->z[d]);
		if (b != (int)m->z[d]) {
			dmm_add(m, w, cn, nw, c->len[d], (int)m->z[d], -1);
			m->z[d] = (uint32_t)b;
			dmm_add(m, w, cn, nw, c->len[d], b, 1);
		}
	}
}

/*
 * The hybrid step: spherical k-means on tf-idf, started from the mixture's
 * partition, then greedy sweeps of the mixture.  Tf-idf discounts terms
 * common to many themes, which the mixture weighs like any other; the
 * mixture then has the last word, so that theme_p is its posterior.
 */
static void
refine(struct dmm *m, const struct corpus *c, const struct fitopt *fo)
{
	struct fitopt g = *fo;
	uint32_t *z0;
	double *x;
	int round, rounds = 1;

	z0 = xreallocarray(NULL, c->ndocs, sizeof(uint32_t));
	g.iters = 0;
	g.greedy = 0;
	x = kmeans_weights(c);
	for (round = 0; round < rounds; round++) {
		memcpy(z0, m->z, c->ndocs * sizeof(uint32_t));
		kmeans_refine(c, x, m->K, c->ndocs > RESTARTS_UPTO ?
		    REFINE_BIG : REFINE, z0, ncpu());
		dmm_fit_from(m, c, &g, z0);
	}
	free(z0);
	free(x);
}

/*
 * What each answer with content gets: its themes (rows of th, main first)
 * list[loff[d] .. loff[d+1]-1], its main theme's probability to three
 * places, in thousandths, p1000[d], and for the quotes the probability
 * pmain[d] and the number of the main theme's top terms it holds, hits[d].
 */
struct assigned {
	uint16_t	*list;
	uint32_t	*loff;
	uint16_t	*p1000;
	float		*pmain;
	unsigned char	*hits;
};

static void
assign_docs(struct assigned *a, const struct corpus *c, struct dmm *m,
    const struct theme *th, int nth, const int *comp2theme, double minp,
    size_t V)
{
	struct keyindex ki;
	char pbuf[32];
	size_t n = c->ndocs ? c->ndocs : 1, cap = n, used = 0, j;
	uint32_t d;
	int k;

	a->loff = xreallocarray(NULL, n + 1, sizeof(uint32_t));
	a->list = xreallocarray(NULL, cap, sizeof(uint16_t));
	a->p1000 = xreallocarray(NULL, n, sizeof(uint16_t));
	a->pmain = xcalloc(n, sizeof(float));
	a->hits = xcalloc(n, 1);
	keyindex_build(&ki, th, nth, V);
	a->loff[0] = 0;
	for (d = 0; d < c->ndocs; d++) {
		const uint32_t *w = c->w + c->off[d];
		size_t nw = c->off[d + 1] - c->off[d];
		const struct theme *tm;

		k = (int)m->z[d];
		dmm_posterior(m, w, c->cnt + c->off[d], nw, c->len[d], k,
		    m->p);
		tm = &th[comp2theme[k]];
		if (used + (size_t)m->K + 1 > cap) {
			while (used + (size_t)m->K + 1 > cap)
				cap *= 2;
			a->list = xreallocarray(a->list, cap,
			    sizeof(uint16_t));
		}
		used += (size_t)theme_pick(th, &ki, comp2theme, m->p, m->K, k,
		    w, nw, minp, a->list + used);
		if (used >= UINT32_MAX)
			glosy_die("too many themes listed for one run");
		a->loff[d + 1] = (uint32_t)used;
		snprintf(pbuf, sizeof(pbuf), "%.3f", m->p[k]);
		a->p1000[d] = (uint16_t)(pbuf[0] == '1' ? 1000 :
		    (pbuf[2] - '0') * 100 + (pbuf[3] - '0') * 10 +
		    (pbuf[4] - '0'));
		a->pmain[d] = (float)m->p[k];
		a->hits[d] = 0;
		for (j = 0; j < nw; j++) {
			uint32_t y;

			for (y = 0; y < tm->ntop; y++)
				if (tm->top[y] == w[j] && a->hits[d] < 255)
					a->hits[d]++;
		}
	}
	keyindex_release(&ki);
}

static void
assigned_release(struct assigned *a)
{
	free(a->list);
	free(a->loff);
	free(a->p1000);
	free(a->pmain);
	free(a->hits);
}

/* Writes the rows in input order. */
static void
emit_rows(struct input *in, struct held *h, const struct assigned *a,
    const struct theme *th, int nocontent_theme)
{
	struct buf themes = BUF_INIT;
	struct field v[3];
	const char *line;
	char pbuf[8];
	size_t i, len;
	uint32_t d;

	records_start(&in->r);
	for (i = 0; i < h->n; i++) {
		buf_reset(&themes);
		d = h->doc[i];
		if (d == NODOC) {
			v[0].s = th[nocontent_theme].id;
			buf_adds(&themes, th[nocontent_theme].id);
			memcpy(pbuf, "1.000", 6);
		} else {
			unsigned q = a->p1000[d];

			v[0].s = th[a->list[a->loff[d]]].id;
			theme_put(&themes, th, a->list + a->loff[d],
			    (int)(a->loff[d + 1] - a->loff[d]));
			pbuf[0] = (char)('0' + q / 1000);
			pbuf[1] = '.';
			pbuf[2] = (char)('0' + q / 100 % 10);
			pbuf[3] = (char)('0' + q / 10 % 10);
			pbuf[4] = (char)('0' + q % 10);
			pbuf[5] = '\0';
		}
		v[0].len = strlen(v[0].s);
		v[1].s = themes.data;
		v[1].len = themes.len;
		v[2].s = pbuf;
		v[2].len = 5;
		/* out_theme, out_themes, out_p are 0, 1, 2 in that order. */
		line = held_line(h, i, &len);
		records_emit_saved(&in->r, line, len, v);
	}
	buf_release(&themes);
}

struct sizeorder {
	int	k;
	double	size;
	uint32_t first;
};

static int
cmp_size(const void *a, const void *b)
{
	const struct sizeorder *x = a, *y = b;

	if (x->size != y->size)
		return x->size > y->size ? -1 : 1;
	return x->first < y->first ? -1 : x->first > y->first;
}

void
cluster_all(struct input *in, const struct codebook *cb,
    const struct clusteropt *o)
{
	struct held h;
	struct cbuild b;
	struct strtab vocab = STRTAB_INIT;
	struct dmm m;
	struct fitopt fo = o->fit;
	struct theme *th;
	struct sizeorder *so;
	uint32_t *seedoff = NULL, *seedw = NULL;
	int *comp2theme, K, C = cb ? (int)cb->nthemes : 0, nth, k, i, ndisc;
	int nocontent_theme;
	struct assigned as;
	size_t d, min;

	memset(&h, 0, sizeof(h));
	spool_init(&h.sp, "glosy-cluster", spool_limit("GLOSY_CLUSTER_MEM",
	    HOLD_MEM));
	memset(&b, 0, sizeof(b));
	hold(in, &h, &b, &vocab);
	if (cb != NULL)
		seeds(cb, &vocab, o->quiet || b.c.ndocs == 0, &seedoff,
		    &seedw);

	K = o->fixk ? o->fixk : o->maxK;
	if (K < C)
		K = C;
	if (o->fixk && (size_t)o->fixk > b.c.ndocs && b.c.ndocs > 0)
		glosy_warn("-k %d: only %zu answers with content, so at most "
		    "%zu themes", o->fixk, b.c.ndocs, b.c.ndocs);
	if ((size_t)K > b.c.ndocs && (size_t)C < b.c.ndocs)
		K = (int)b.c.ndocs;
	if (K < 1)
		K = 1;
	if (b.c.ndocs == 0 && h.n > 0)
		glosy_warn("no answer has content terms; every row goes to "
		    "'no_content'");

	dmm_init(&m, K, vocab.n ? vocab.n : 1, fo.alpha, fo.beta);
	/* Restarts guard small surveys against a bad start; on big inputs
	 * the fits agree and one is enough. */
	if (fo.restarts < 0)
		fo.restarts = b.c.ndocs > RESTARTS_UPTO ? 1 : 3;
	/* There, the refinement that follows makes up for later sweeps:
	 * with 20 instead of 40, NMI against the gold themes of 250,000
	 * generated answers rose from 0.401 to 0.410 (seeds 1-3). */
	if (fo.iters < 0)
		fo.iters = b.c.ndocs > RESTARTS_UPTO ? ITERS_BIG : ITERS;
	if (fo.greedy < 0)
		fo.greedy = b.c.ndocs > RESTARTS_UPTO ? GREEDY_BIG : GREEDY;
	fo.K = K;
	fo.plateau = b.c.ndocs >= PLATEAU_FROM ? PLATEAU : 0;
	fo.nseeded = C;
	fo.seedoff = seedoff;
	fo.seedw = seedw;
	if (b.c.ndocs > 0) {
		min = o->minsize >= 0 ? (size_t)o->minsize :
		    (b.c.ndocs / 500 > 3 ? b.c.ndocs / 500 : 3);
		dmm_fit(&m, &b.c, &fo);
		refine(&m, &b.c, &fo);
		if (!o->fixk)
			merge_small(&m, &b.c, C, min);
		settle(&m, &b.c);
	} else
		m.z = xcalloc(1, sizeof(uint32_t));

	/* Theme rows: the codebook's in its order, then the discovered ones
	 * by size (ties: the earlier first answer), then no_content. */
	so = xcalloc((size_t)K, sizeof(*so));
	for (k = 0; k < K; k++) {
		so[k].k = k;
		so[k].size = m.m[k];
		so[k].first = UINT32_MAX;
	}
	for (d = b.c.ndocs; d-- > 0;)
		so[m.z[d]].first = (uint32_t)d;
	qsort(so + C, (size_t)(K - C), sizeof(*so), cmp_size);
	th = xcalloc((size_t)K + 1, sizeof(*th));
	comp2theme = xmalloc((size_t)K * sizeof(int));
	nth = 0;
	ndisc = 0;
	for (i = 0; i < K; i++) {
		k = so[i].k;
		comp2theme[k] = -1;
		if (k >= C && so[i].size <= 0)
			continue;
		th[nth].k = k;
		th[nth].size = (size_t)m.m[k];
		if (k < C) {
			th[nth].id = xstrdup(cb->themes[k].id);
			th[nth].kind = "codebook";
		} else {
			struct buf id = BUF_INIT;

			buf_printf(&id, "d%02d", ++ndisc);
			th[nth].id = buf_detach(&id, NULL);
			th[nth].kind = "discovered";
		}
		comp2theme[k] = nth++;
	}
	nocontent_theme = nth;
	th[nth].id = xstrdup("no_content");
	th[nth].kind = "no_content";
	th[nth].k = -1;
	th[nth].size = h.nodocs;
	th[nth].label = xstrdup("no content");
	th[nth].label_pl = xstrdup("brak treści");
	nth++;
	free(so);

	describe(th, nth, &m, &b.c, &vocab, cb, seedoff, seedw);
	assign_docs(&as, &b.c, &m, th, nth, comp2theme, o->minp, vocab.n);
	/*
	 * The model file is complete before the first row goes out, so that
	 * "glosy-cluster --model m | glosy-report --model m" reads all of it.
	 */
	if (o->modelpath != NULL) {
		pick_quotes(th, nth, &m, &h, as.pmain, as.hits,
		    nocontent_theme);
		write_model(o->modelpath, th, nth, &m, &vocab, in, &h);
	}
	emit_rows(in, &h, &as, th, nocontent_theme);

	for (i = 0; i < nth; i++) {
		free(th[i].id);
		free(th[i].label);
		free(th[i].label_pl);
		free(th[i].keys);
	}
	free(th);
	free(comp2theme);
	assigned_release(&as);
	free(seedoff);
	free(seedw);
	dmm_release(&m);
	corpus_release(&b.c);
	strtab_release(&vocab);
	spool_release(&h.sp);
	free(h.rawoff);
	free(h.doc);
	free(h.textlen);
}
