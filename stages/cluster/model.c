/*
 * model.c - the theme table of glosy-cluster: top terms by class-based
 * tf-idf, labels, representative answers, the --model file, and --apply,
 * which assigns answers with a saved table instead of fitting one.
 *
 * Besides the columns every reader knows (id label label_pl kind size
 * terms phrases quote1 quote2 quote3) the table has `weights`: the term
 * pseudo-counts of each theme as TERM:COUNT pairs.  They are the mixture's
 * sufficient statistics, so --apply computes the very posterior the fit
 * computed, for any number of shards or a later survey wave.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glosy.h"
#include "codebook.h"
#include "cluster.h"
#include "model.h"

int
load_nocontent(struct strtab *t, const char *path, int must)
{
	struct lexicon lx;
	int r, i;

	if (lexicon_open(&lx, path, 0) < 0) {
		glosy_warn("cannot open '%s':", path);
		lexicon_close(&lx);
		return must ? -1 : 0;
	}
	while ((r = lexicon_next(&lx)) > 0) {
		if (lx.f[0][0] == '@') {
			r = lexicon_error(&lx, "unknown directive '%s'",
			    lx.f[0]);
			break;
		}
		for (i = 0; i < lx.nf; i++)
			strtab_intern(t, lx.f[i], strlen(lx.f[i]), NULL);
	}
	if (r < 0)
		glosy_warn("%s", lx.err);
	lexicon_close(&lx);
	return r < 0 ? -1 : 0;
}

void
keyindex_build(struct keyindex *ki, const struct theme *th, int nth,
    size_t V)
{
	size_t i, w;
	int t;

	ki->off = xcalloc(V + 2, sizeof(uint32_t));
	for (t = 0; t < nth; t++)
		for (i = 0; i < th[t].nkeys; i++)
			ki->off[th[t].keys[i] + 2]++;
	for (w = 0; w < V; w++)
		ki->off[w + 2] += ki->off[w + 1];
	ki->t = xreallocarray(NULL, ki->off[V + 1] + 1, sizeof(uint32_t));
	for (t = 0; t < nth; t++)
		for (i = 0; i < th[t].nkeys; i++)
			ki->t[ki->off[th[t].keys[i] + 1]++] = (uint32_t)t;
	ki->mark = xcalloc((size_t)nth + 1, 1);
}

void
keyindex_release(struct keyindex *ki)
{
	free(ki->off);
	free(ki->t);
	free(ki->mark);
}

struct cand {
	int	t;
	double	p;
};

static int
cmp_cand(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->p != y->p)
		return x->p > y->p ? -1 : 1;
	return x->t - y->t;
}

int
theme_pick(const struct theme *th, const struct keyindex *ki,
    const int *comp2theme, const double *p, int K, int main_k,
    const uint32_t *w, size_t nw, double minp, uint16_t *out)
{
	struct cand stackc[64], *c;
	size_t j;
	uint32_t x;
	int k, n = 0, t;

	c = K <= 64 ? stackc : xreallocarray(NULL, (size_t)K, sizeof(*c));
	for (j = 0; j < nw; j++)
		for (x = ki->off[w[j]]; x < ki->off[w[j] + 1]; x++)
			ki->mark[ki->t[x]] = 1;
	for (k = 0; k < K; k++) {
		if (k == main_k || (t = comp2theme[k]) < 0)
			continue;
		if (p[k] >= minp || ki->mark[t]) {
			c[n].t = t;
			c[n].p = p[k];
			n++;
		}
	}
	for (j = 0; j < nw; j++)
		for (x = ki->off[w[j]]; x < ki->off[w[j] + 1]; x++)
			ki->mark[ki->t[x]] = 0;
	if (n > 1)
		qsort(c, (size_t)n, sizeof(*c), cmp_cand);
	out[0] = (uint16_t)comp2theme[main_k];
	for (k = 0; k < n; k++)
		out[k + 1] = (uint16_t)c[k].t;
	if (c != stackc)
		free(c);
	return n + 1;
}

void
theme_put(struct buf *out, const struct theme *th, const uint16_t *list,
    int n)
{
	int i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_addc(out, ' ');
		buf_adds(out, th[list[i]].id);
	}
}

struct scored {
	uint32_t	w;
	double		s;
};

/* Keeps the best max entries of top[] (score desc, id asc). */
static void
keep(struct scored *top, uint32_t *n, uint32_t max, uint32_t w, double s)
{
	uint32_t i;

	if (*n == max && (s < top[max - 1].s ||
	    (s == top[max - 1].s && w > top[max - 1].w)))
		return;
	i = *n < max ? (*n)++ : max - 1;
	while (i > 0 && (top[i - 1].s < s ||
	    (top[i - 1].s == s && top[i - 1].w > w))) {
		top[i] = top[i - 1];
		i--;
	}
	top[i].w = w;
	top[i].s = s;
}

static int
cmp_u32k(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static char *
label_of(const struct scored *top, uint32_t n, const struct strtab *vocab,
    const char *fallback)
{
	struct buf b = BUF_INIT;
	const char *s;
	uint32_t i;

	for (i = 0; i < n && i < 3; i++) {
		if (i > 0)
			buf_adds(&b, ", ");
		for (s = vocab->key[top[i].w]; *s; s++)
			buf_addc(&b, *s == '_' ? ' ' : *s);
	}
	if (n == 0)
		buf_adds(&b, fallback);
	return buf_detach(&b, NULL);
}

void
describe(struct theme *th, int nth, const struct dmm *m,
    const struct corpus *c, const struct strtab *vocab,
    const struct codebook *cb, const uint32_t *seedoff,
    const uint32_t *seedw)
{
	struct scored top[TOPTERMS], phr[TOPPHRASES], any[3];
	uint32_t *cnt, ntop, nphr, nany, s;
	double *nk, *f, A, tot = 0, sc;
	size_t V = c->nvocab, K = (size_t)m->K, d, j, w, used = 0;
	int i, k;

	cnt = xcalloc(V * K > 0 ? V * K : 1, sizeof(uint32_t));
	nk = xcalloc(K, sizeof(double));
	f = xcalloc(V ? V : 1, sizeof(double));
	for (d = 0; d < c->ndocs; d++)
		for (j = c->off[d]; j < c->off[d + 1]; j++) {
			cnt[(size_t)c->w[j] * K + m->z[d]] += c->cnt[j];
			nk[m->z[d]] += c->cnt[j];
			f[c->w[j]] += c->cnt[j];
			tot += c->cnt[j];
		}
	for (k = 0; k < (int)K; k++)
		used += nk[k] > 0;
	A = used ? tot / (double)used : 1;
	for (i = 0; i < nth; i++) {
		struct theme *t = &th[i];
		size_t nkeys = 0, seedn;
		uint32_t minc;

		if ((k = t->k) < 0)
			continue;
		ntop = nphr = nany = 0;
		minc = t->size < 5 ? 1 : 2;
		for (w = 0; w < V; w++) {
			uint32_t n = cnt[w * K + (size_t)k];

			if (n < minc)
				continue;
			/* Class-based tf-idf: the term's share of the
			 * theme, times the log of how rare it is overall
			 * relative to an average theme. */
			sc = n / nk[k] * log(1 + A / f[w]);
			if (strchr(vocab->key[w], '_') != NULL)
				keep(phr, &nphr, TOPPHRASES, (uint32_t)w, sc);
			else
				keep(top, &ntop, TOPTERMS, (uint32_t)w, sc);
			keep(any, &nany, 3, (uint32_t)w, sc);
		}
		t->ntop = ntop;
		t->nphr = nphr;
		seedn = k < (cb ? (int)cb->nthemes : 0) ?
		    seedoff[k + 1] - seedoff[k] : 0;
		t->keys = xcalloc(ntop + nphr + seedn + 1, sizeof(uint32_t));
		for (s = 0; s < ntop; s++) {
			t->top[s] = top[s].w;
			if (10 * cnt[(size_t)top[s].w * K + (size_t)k] >
			    9 * f[top[s].w])
				t->keys[nkeys++] = top[s].w;
		}
		for (s = 0; s < nphr; s++) {
			t->phr[s] = phr[s].w;
			if (10 * cnt[(size_t)phr[s].w * K + (size_t)k] >
			    9 * f[phr[s].w])
				t->keys[nkeys++] = phr[s].w;
		}
		for (s = 0; s < seedn; s++)
			t->keys[nkeys++] = seedw[seedoff[k] + s];
		qsort(t->keys, nkeys, sizeof(uint32_t), cmp_u32k);
		t->nkeys = 0;
		for (s = 0; s < nkeys; s++)
			if (t->nkeys == 0 ||
			    t->keys[t->nkeys - 1] != t->keys[s])
				t->keys[t->nkeys++] = t->keys[s];
		if (strcmp(t->kind, "codebook") == 0) {
			const struct codebook_theme *ct = &cb->themes[k];

			t->label = xstrdup(ct->label_en ? ct->label_en :
			    ct->label_pl ? ct->label_pl : ct->id);
			t->label_pl = xstrdup(ct->label_pl ? ct->label_pl :
			    t->label);
		} else {
			t->label = label_of(any, nany, vocab, t->id);
			t->label_pl = xstrdup(t->label);
		}
	}
	free(cnt);
	free(nk);
	free(f);
}

/* The quote column of row i, unescaped, into b. */
static void
quote_text(const struct input *in, struct held *h, size_t i, struct buf *b)
{
	struct field stackf[64], *f;
	const char *line;
	size_t len;
	int col = in->textcol >= 0 ? in->textcol : in->col;
	int ncols = in->r.ncols;

	f = ncols <= 64 ? stackf : xreallocarray(NULL, (size_t)ncols,
	    sizeof(*f));
	line = held_line(h, i, &len);
	record_split(line, len, f, ncols);
	buf_reset(b);
	record_unescape(b, f[col].s, f[col].len);
	if (f != stackf)
		free(f);
}

struct qkey {
	size_t		 row;
	uint32_t	 len;
	int		 fit;	/* of reasonable length */
	int		 p100;	/* posterior in hundredths */
	int		 hits;
};

static int
cmp_qkey(const void *a, const void *b)
{
	const struct qkey *x = a, *y = b;

	if (x->fit != y->fit)
		return y->fit - x->fit;
	if (x->p100 != y->p100)
		return y->p100 - x->p100;
	if (x->hits != y->hits)
		return y->hits - x->hits;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

/* Chooses NQUOTES answers per theme (rows), stored in th[].quote. */
void
pick_quotes(struct theme *th, int nth, const struct dmm *m,
    struct held *h, const float *pmain, const unsigned char *hits,
    int nocontent_theme)
{
	struct qkey **cand;
	size_t *ncand, i;
	int *t_of_k, k, t;

	t_of_k = xmalloc((size_t)(m->K > 0 ? m->K : 1) * sizeof(int));
	for (k = 0; k < m->K; k++)
		t_of_k[k] = -1;
	for (t = 0; t < nth; t++)
		if (th[t].k >= 0)
			t_of_k[th[t].k] = t;
	cand = xcalloc((size_t)nth, sizeof(*cand));
	ncand = xcalloc((size_t)nth, sizeof(*ncand));
	for (t = 0; t < nth; t++)
		cand[t] = xreallocarray(NULL, th[t].size + 1,
		    sizeof(struct qkey));
	for (i = 0; i < h->n; i++) {
		struct qkey q;
		uint32_t d = h->doc[i];

		q.row = i;
		q.len = h->textlen[i];
		q.fit = q.len >= 15 && q.len <= 200;
		if (d == NODOC) {
			t = nocontent_theme;
			q.p100 = 100;
			q.hits = 0;
			if (q.len == 0)
				continue;
		} else {
			t = t_of_k[m->z[d]];
			q.p100 = (int)(pmain[d] * 100 + 0.5);
			q.hits = hits[d];
		}
		if (t < 0 || ncand[t] > th[t].size)
			continue;
		cand[t][ncand[t]++] = q;
	}
	for (t = 0; t < nth; t++) {
		qsort(cand[t], ncand[t], sizeof(struct qkey), cmp_qkey);
		th[t].nquote = 0;
		for (i = 0; i < ncand[t] && th[t].nquote < NCAND; i++)
			th[t].quote[th[t].nquote++] = cand[t][i].row;
		free(cand[t]);
	}
	free(cand);
	free(ncand);
	free(t_of_k);
}

static void
put_terms(FILE *fp, const uint32_t *w, uint32_t n,
    const struct strtab *vocab)
{
	uint32_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			putc(' ', fp);
		record_puts(fp, vocab->key[w[i]]);
	}
}

struct wv {
	uint32_t	w;
	double		v;
};

static int
cmp_wv(const void *a, const void *b)
{
	const struct wv *x = a, *y = b;

	if (x->v != y->v)
		return x->v > y->v ? -1 : 1;
	return x->w < y->w ? -1 : x->w > y->w;
}

void
write_model(const char *path, const struct theme *th, int nth,
    const struct dmm *m, const struct strtab *vocab,
    const struct input *in, struct held *h)
{
	struct buf q = BUF_INIT, seen[NQUOTES];
	struct wv *wv;
	FILE *fp;
	size_t w, n, V = vocab->n, K = (size_t)m->K;
	int t, i, j, nq;

	if ((fp = fopen(path, "w")) == NULL)
		glosy_die("cannot create '%s':", path);
	for (i = 0; i < NQUOTES; i++)
		buf_init(&seen[i]);
	wv = xreallocarray(NULL, V ? V : 1, sizeof(*wv));
	fputs("id\tlabel\tlabel_pl\tkind\tsize\tterms\tphrases\tquote1\t"
	    "quote2\tquote3\tweights\talpha\tbeta\n", fp);
	for (t = 0; t < nth; t++) {
		const struct theme *x = &th[t];

		record_puts(fp, x->id);
		putc('\t', fp);
		record_puts(fp, x->label ? x->label : x->id);
		putc('\t', fp);
		record_puts(fp, x->label_pl ? x->label_pl : x->id);
		fprintf(fp, "\t%s\t%zu\t", x->kind, x->size);
		put_terms(fp, x->top, x->ntop, vocab);
		putc('\t', fp);
		put_terms(fp, x->phr, x->nphr, vocab);
		/* Identical answers make poor examples: skip repeats. */
		nq = 0;
		for (i = 0; i < x->nquote && nq < NQUOTES; i++) {
			quote_text(in, h, x->quote[i], &q);
			for (j = 0; j < nq; j++)
				if (strcmp(seen[j].data, q.data) == 0)
					break;
			if (j < nq)
				continue;
			buf_reset(&seen[nq]);
			buf_add(&seen[nq], q.data, q.len);
			nq++;
		}
		for (i = 0; i < NQUOTES; i++) {
			putc('\t', fp);
			if (i < nq)
				record_put(fp, seen[i].data, seen[i].len);
		}
		putc('\t', fp);
		if (x->k >= 0) {
			n = 0;
			for (w = 0; w < V; w++) {
				double v = m->N[w * K + (size_t)x->k] - m->beta;

				v = round(v * 1000) / 1000;
				if (v > 0) {
					wv[n].w = (uint32_t)w;
					wv[n].v = v;
					n++;
				}
			}
			qsort(wv, n, sizeof(*wv), cmp_wv);
			for (w = 0; w < n; w++) {
				if (w > 0)
					putc(' ', fp);
				record_puts(fp, vocab->key[wv[w].w]);
				fprintf(fp, ":%.10g", wv[w].v);
			}
		}
		/* The priors of the fit, which --apply takes from here. */
		fprintf(fp, "\t%.10g\t%.10g\n", m->alpha, m->beta);
	}
	free(wv);
	buf_release(&q);
	for (i = 0; i < NQUOTES; i++)
		buf_release(&seen[i]);
	if (fflush(fp) != 0 || ferror(fp)) {
		fclose(fp);
		glosy_die("write error on '%s':", path);
	}
	if (fclose(fp) != 0)
		glosy_die("write error on '%s':", path);
}
