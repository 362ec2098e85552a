/*
 * dmm.c - the Dirichlet-multinomial mixture for short texts, fitted by
 * collapsed Gibbs sampling (the GSDMM algorithm of Yin and Wang, 2014):
 * every answer belongs to one theme; a theme is a multinomial over terms.
 * Sweeping over the answers, each is taken out of its theme and put back
 * into a theme drawn from
 *
 *	p(k) ~ (m_k + alpha) * prod_w prod_j<c_w (n_kw + beta + j)
 *	                      / prod_i<len (n_k + V beta + i)
 *
 * The sweeps stop early when the number of answers that move stops falling
 * (fitopt.plateau); greedy sweeps, each answer to its most probable theme,
 * follow.
 * Themes that lose all their answers stay empty unless one is drawn again,
 * so the number of themes found falls below K by itself.  A codebook theme
 * gets an extra pseudo-count on its seed terms, which holds it to its seeds.
 *
 * Determinism: the arithmetic is a fixed sequence of IEEE operations on
 * doubles, and all randomness comes from the seeded generator.
 */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "glosy.h"
#include "cluster.h"

#define CHUNK	8	/* factors multiplied before one division */

void
dmm_init(struct dmm *m, int K, size_t V, double alpha, double beta)
{
	size_t i;

	memset(m, 0, sizeof(*m));
	m->K = K;
	m->V = V;
	m->alpha = alpha;
	m->beta = beta;
	m->N = xreallocarray(NULL, V * (size_t)K, sizeof(double));
	for (i = 0; i < V * (size_t)K; i++)
		m->N[i] = beta;
	m->Nk = xreallocarray(NULL, (size_t)K, sizeof(double));
	m->m = xcalloc((size_t)K, sizeof(double));
	m->active = xmalloc((size_t)K);
	m->p = xcalloc((size_t)K, sizeof(double));
	m->scratch = xcalloc(2 * (size_t)K, sizeof(double));
	for (i = 0; i < (size_t)K; i++) {
		m->Nk[i] = (double)V * beta;
		m->active[i] = 1;
	}
}

void
dmm_release(struct dmm *m)
{
	free(m->N);
	free(m->Nk);
	free(m->m);
	free(m->z);
	free(m->active);
	free(m->p);
	free(m->scratch);
	memset(m, 0, sizeof(*m));
}

void
dmm_add(struct dmm *m, const uint32_t *w, const uint16_t *cnt, size_t nw,
    size_t len, int k, int sign)
{
	size_t j;
	int K = m->K;

	for (j = 0; j < nw; j++)
		m->N[(size_t)w[j] * K + k] += sign * (double)cnt[j];
	m->Nk[k] += sign * (double)len;
	m->m[k] += sign;
}

/*
 * Unnormalized posterior into p; documents must have been taken out of
 * their theme.  Products are formed CHUNK factors at a time and rescaled so
 * that long answers cannot underflow.
 */
VECTOR_CLONES static double
score(const struct dmm *m, const uint32_t *w, const uint16_t *cnt, size_t nw,
    double *p, double *num, double *den)
{
	const double *Nk = m->Nk;
	int K = m->K, K4 = K & ~3, k, nf = 0;
	size_t j, i = 0;
	unsigned t;
	double mx, total;
	vd one = { 1, 1, 1, 1 };

	for (k = 0; k < K; k++) {
		p[k] = m->active[k] ? m->m[k] + m->alpha : 0;
		num[k] = den[k] = 1;
	}
	for (j = 0; j < nw; j++) {
		const double *Nw = m->N + (size_t)w[j] * K;

		for (t = 0; t < cnt[j]; t++, i++) {
			double ft = t, fi = (double)i;
			vd vt = { ft, ft, ft, ft }, vi = { fi, fi, fi, fi };

			for (k = 0; k < K4; k += 4) {
				VD(num + k) *= CVD(Nw + k) + vt;
				VD(den + k) *= CVD(Nk + k) + vi;
			}
			for (; k < K; k++) {
				num[k] *= Nw[k] + ft;
				den[k] *= Nk[k] + fi;
			}
			if (++nf == CHUNK) {
				mx = 0;
				for (k = 0; k < K4; k += 4) {
					VD(p + k) *= CVD(num + k) / CVD(den + k);
					VD(num + k) = one;
					VD(den + k) = one;
				}
				for (; k < K; k++) {
					p[k] *= num[k] / den[k];
					num[k] = den[k] = 1;
				}
				for (k = 0; k < K; k++)
					if (p[k] > mx)
						mx = p[k];
				if (mx > 0 && mx < 1e-200)
					for (k = 0; k < K; k++)
						p[k] /= mx;
				nf = 0;
			}
		}
	}
	if (nf) {
		for (k = 0; k < K4; k += 4)
			VD(p + k) *= CVD(num + k) / CVD(den + k);
		for (; k < K; k++)
			p[k] *= num[k] / den[k];
	}
	total = 0;
	for (k = 0; k < K; k++)
		total += p[k];
	return total;
}

/*
 * The denominators of score() for the sweeps: D[i*K + k] is the product of
 * Nk[k] + i' over the occurrences i' from the start of i's chunk to i, as
 * score() forms it (from 1, in order), so that a document of len
 * occurrences reads the denominator of each chunk instead of multiplying
 * it out.  A column holds for as long as Nk[k] does: it is rebuilt when a
 * document has moved into or out of theme k (dirty[k]).  Longer documents
 * than DLEN are scored by score().
 */
#define DLEN	64

struct dtab {
	int		 K;
	double		*D;
	unsigned char	*dirty;
	int		*dl, nd;	/* the dirty themes */
	double		*num;
	double		*cum;	/* running sums of p, for draw() */
};

/* The largest of v[0..n-1] and 0, in four lanes (max is exact in any
 * order). */
static inline double
maxof(const double *v, int n)
{
	double m[4] = { 0, 0, 0, 0 }, mx = 0;
	int k, l;

	for (k = 0; k + 4 <= n; k += 4)
		for (l = 0; l < 4; l++)
			m[l] = v[k + l] > m[l] ? v[k + l] : m[l];
	for (; k < n; k++)
		m[0] = v[k] > m[0] ? v[k] : m[0];
	for (l = 0; l < 4; l++)
		mx = m[l] > mx ? m[l] : mx;
	return mx;
}

/* A table for K >= 1 themes, every column to be built. */
static void
dtab_init(struct dtab *t, int K)
{
	size_t n = (size_t)(K > 0 ? K : 1);
	int k;

	t->K = K;
	t->D = xreallocarray(NULL, (size_t)DLEN * n, sizeof(double));
	t->dirty = xmalloc(n);
	t->dl = xreallocarray(NULL, n, sizeof(int));
	for (k = 0; k < K; k++) {
		t->dirty[k] = 1;
		t->dl[k] = k;
	}
	t->nd = K;
	t->num = xreallocarray(NULL, 2 * n, sizeof(double));
	t->cum = xreallocarray(NULL, n, sizeof(double));
}

static void
dtab_release(struct dtab *t)
{
	free(t->D);
	free(t->dirty);
	free(t->dl);
	free(t->num);
	free(t->cum);
}

static void
dtab_dirty(struct dtab *t, int k)
{
	if (!t->dirty[k]) {
		t->dirty[k] = 1;
		t->dl[t->nd++] = k;
	}
}

static void
dtab_column(struct dtab *t, double nk, int k)
{
	double acc = 1;
	int i, K = t->K;

	for (i = 0; i < DLEN; i++) {
		if (i % CHUNK == 0)
			acc = 1;
		acc *= nk + (double)i;
		t->D[(size_t)i * K + k] = acc;
	}
}

/*
 * score() for a document taken out of theme own, with the denominators of
 * the other themes from t: the very operations of score() on every theme,
 * so the same bits.  When cum is set, also leaves the running sums of p in
 * t->cum (the sums draw() forms) and returns their total, else 0.
 * len <= DLEN, and every theme is active.
 */
VECTOR_CLONES static double
score_tab(const struct dmm *m, struct dtab *t, const uint32_t *w,
    const uint16_t *cnt, size_t nw, int own, double *p, int cum)
{
	const double *Nk = m->Nk;
	double *num = t->num, mx, total, pown, down = 1, nko = Nk[own];
	int K = m->K, K4 = K & ~3, k, nf = 0;
	size_t j, i = 0;
	unsigned c;
	vd one = { 1, 1, 1, 1 };
	vd va = { m->alpha, m->alpha, m->alpha, m->alpha };

	for (j = 0; j < (size_t)t->nd; j++) {
		k = t->dl[j];
		if (k == own)
			t->dl[nf++] = k;
		else {
			dtab_column(t, Nk[k], k);
			t->dirty[k] = 0;
		}
	}
	t->nd = nf;
	nf = 0;
	for (k = 0; k < K4; k += 4) {
		VD(p + k) = CVD(m->m + k) + va;
		VD(num + k) = one;
	}
	for (; k < K; k++) {
		p[k] = m->m[k] + m->alpha;
		num[k] = 1;
	}
	for (j = 0; j < nw; j++) {
		const double *Nw = m->N + (size_t)w[j] * K;

		for (c = 0; c < cnt[j]; c++, i++) {
			if (c == 0) {
				/* n + 0 is n: the addition can go. */
				for (k = 0; k < K4; k += 4)
					VD(num + k) *= CVD(Nw + k);
				for (; k < K; k++)
					num[k] *= Nw[k];
			} else {
				double fc = c;
				vd vc = { fc, fc, fc, fc };

				for (k = 0; k < K4; k += 4)
					VD(num + k) *= CVD(Nw + k) + vc;
				for (; k < K; k++)
					num[k] *= Nw[k] + fc;
			}
			down *= nko + (double)i;
			if (++nf == CHUNK) {
				const double *Di = t->D + i * (size_t)K;

				pown = p[own] * (num[own] / down);
				for (k = 0; k < K4; k += 4) {
					VD(p + k) *= CVD(num + k) / CVD(Di + k);
					VD(num + k) = one;
				}
				for (; k < K; k++) {
					p[k] *= num[k] / Di[k];
					num[k] = 1;
				}
				p[own] = pown;
				down = 1;
				mx = maxof(p, K);
				if (mx > 0 && mx < 1e-200)
					for (k = 0; k < K; k++)
						p[k] /= mx;
				nf = 0;
			}
		}
	}
	if (nf) {
		const double *Di = t->D + (i - 1) * (size_t)K;

		pown = p[own] * (num[own] / down);
		for (k = 0; k < K4; k += 4)
			VD(p + k) *= CVD(num + k) / CVD(Di + k);
		for (; k < K; k++)
			p[k] *= num[k] / Di[k];
		p[own] = pown;
	}
	total = 0;
	if (cum)
		for (k = 0; k < K; k++) {
			total += p[k];
			t->cum[k] = total;
		}
	return total;
}

void
dmm_posterior(const struct dmm *m0, const uint32_t *w, const uint16_t *cnt,
    size_t nw, size_t len, int own, double *p)
{
	struct dmm *m = (struct dmm *)m0;
	double total;
	int k;

	/* Taking the answer out and putting it back is exact: the counts
	 * are whole numbers plus the priors, far below 2^52. */
	if (own >= 0)
		dmm_add(m, w, cnt, nw, len, own, -1);
	total = score(m, w, cnt, nw, p, m->scratch, m->scratch + m->K);
	if (own >= 0)
		dmm_add(m, w, cnt, nw, len, own, 1);
	for (k = 0; k < m->K; k++)
		p[k] = total > 0 ? p[k] / total : 0;
}

double
dmm_loglik(const struct dmm *m)
{
	double ll = 0;
	size_t i;
	int k, sign;

	/* Up to terms that are the same for every fit with these priors.
	 * lgamma_r: restarts run in threads, and lgamma sets signgam. */
	for (k = 0; k < m->K; k++) {
		ll += lgamma_r(m->m[k] + m->alpha, &sign) -
		    lgamma_r(m->Nk[k], &sign);
	}
	for (i = 0; i < m->V * (size_t)m->K; i++)
		ll += lgamma_r(m->N[i], &sign);
	return ll;
}

static int
draw(struct rng *r, const double *p, int K, double total)
{
	double u = rng_double(r) * total, c = 0;
	int k, last = -1;

	for (k = 0; k < K; k++) {
		if (p[k] <= 0)
			continue;
		last = k;
		c += p[k];
		if (u < c)
			return k;
	}
	return last;
}

/*
 * draw() from the running sums of score_tab(): the first theme whose sum
 * passes u is the one draw() stops at (a theme of p 0 adds nothing, so it
 * never passes).  The sums never fall, so that theme is the number of sums
 * that u does not pass, counted without a branch.
 */
static int
draw_cum(struct rng *r, const double *p, const double *cum, int K,
    double total)
{
	double u = rng_double(r) * total;
	int lo = 0, k;

	for (k = 0; k < K; k++)
		lo += !(u < cum[k]);
	if (lo < K)
		return lo;
	for (lo = K - 1; lo >= 0 && !(p[lo] > 0); lo--)
		;
	return lo;
}

static int
best(const double *p, int K)
{
	return argmax(p, K, 0);
}

static void
reset(struct dmm *m, const struct fitopt *o)
{
	size_t i;
	uint32_t s;
	int k, K = m->K;

	for (i = 0; i < m->V * (size_t)K; i++)
		m->N[i] = m->beta;
	for (k = 0; k < K; k++) {
		m->Nk[k] = (double)m->V * m->beta;
		m->m[k] = 0;
	}
	for (k = 0; k < o->nseeded && k < K; k++)
		for (s = o->seedoff[k]; s < o->seedoff[k + 1]; s++) {
			m->N[(size_t)o->seedw[s] * K + k] += o->boost;
			m->Nk[k] += o->boost;
		}
}

/*
 * Asks for the count rows of the terms of document d while the one before
 * is scored: on big inputs they are rarely in the cache.  Counts that fit
 * in a processor's own cache are found faster without.
 */
#define PREFETCH_FROM	((size_t)8 << 20)
static void
prefetch(const struct dmm *m, const struct corpus *c, size_t d)
{
	size_t j, b, row = (size_t)m->K * sizeof(double);

	for (j = c->off[d]; j < c->off[d + 1]; j++) {
		const char *p = (const char *)(m->N + (size_t)c->w[j] * m->K);

		for (b = 0; b < row; b += 64)
			__builtin_prefetch(p + b);
	}
}

/* One fit from one starting point; returns its log-likelihood. */
static double
fit_once(struct dmm *m, const struct corpus *c, const struct fitopt *o,
    struct rng *r, const uint32_t *init)
{
	struct dtab t;
	double *num, *den, total;
	size_t d, low = SIZE_MAX;
	int K = m->K, it, k, gibbs = o->iters, since = 0, tab, all = 1, pf;

	reset(m, o);
	for (k = 0; k < K; k++)
		all &= m->active[k];
	pf = m->V * (size_t)K * sizeof(double) > PREFETCH_FROM;
	dtab_init(&t, K);
	num = t.num;
	den = num + K;
	for (d = 0; d < c->ndocs; d++) {
		m->z[d] = init[d];
		dmm_add(m, c->w + c->off[d], c->cnt + c->off[d],
		    c->off[d + 1] - c->off[d], c->len[d], (int)m->z[d], 1);
	}
	for (it = 0; it < gibbs + o->greedy; it++) {
		size_t moved = 0;

		for (d = 0; d < c->ndocs; d++) {
			const uint32_t *w = c->w + c->off[d];
			const uint16_t *cn = c->cnt + c->off[d];
			size_t nw = c->off[d + 1] - c->off[d];

			if (pf && d + 1 < c->ndocs)
				prefetch(m, c, d + 1);
			dmm_add(m, w, cn, nw, c->len[d], (int)m->z[d], -1);
			tab = all && c->len[d] <= DLEN;
			if (tab)
				total = score_tab(m, &t, w, cn, nw,
				    (int)m->z[d], m->p, it < gibbs);
			else
				total = score(m, w, cn, nw, m->p, num, den);
			if (it >= gibbs)
				k = best(m->p, K);
			else if (tab)
				k = draw_cum(r, m->p, t.cum, K, total);
			else
				k = draw(r, m->p, K, total);
			if (k < 0)
				k = (int)m->z[d];
			if ((uint32_t)k != m->z[d]) {
				moved++;
				dtab_dirty(&t, k);
				dtab_dirty(&t, (int)m->z[d]);
			}
			m->z[d] = (uint32_t)k;
			dmm_add(m, w, cn, nw, c->len[d], k, 1);
		}
		if (o->verbose) {
			int used = 0;

			for (k = 0; k < K; k++)
				used += m->m[k] > 0;
			glosy_warn("sweep %d: %zu moved, %d themes", it + 1,
			    moved, used);
		}
		/* The sampler has settled when the number of answers that move
		 * stops falling: no new low by 1% in o->plateau sweeps. */
		if (it < gibbs && o->plateau > 0) {
			if (moved < low - low / 100) {
				low = moved;
				since = 0;
			} else if (++since == o->plateau)
				gibbs = it + 1;
		}
		if (it >= gibbs && moved == 0)
			break;
	}
	dtab_release(&t);
	/* Without sweeps it only rebuilds counts, and nobody asks. */
	return o->iters + o->greedy > 0 ? dmm_loglik(m) : 0;
}

/*
 * The codebook theme each answer starts in: the one with the most seed
 * terms among the answer's terms (ties: the first), or -1 when it holds
 * none.  The same for every restart, so it is found once, through a list
 * of the seeded themes of each term.
 */
static int32_t *
seed_themes(const struct corpus *c, const struct fitopt *o)
{
	uint32_t *off, *th, s, x;
	int32_t *sz;
	int *hits, k, besth, bk;
	size_t d, j, w;

	sz = xreallocarray(NULL, c->ndocs ? c->ndocs : 1, sizeof(int32_t));
	off = xcalloc(c->nvocab + 2, sizeof(uint32_t));
	th = xreallocarray(NULL, o->seedoff[o->nseeded] + 1, sizeof(uint32_t));
	hits = xcalloc((size_t)o->nseeded + 1, sizeof(int));
	for (s = 0; s < o->seedoff[o->nseeded]; s++)
		off[o->seedw[s] + 2]++;
	for (w = 0; w < c->nvocab; w++)
		off[w + 2] += off[w + 1];
	/* Listed in theme order, so that a term holds its themes sorted. */
	for (k = 0; k < o->nseeded; k++)
		for (s = o->seedoff[k]; s < o->seedoff[k + 1]; s++)
			th[off[o->seedw[s] + 1]++] = (uint32_t)k;
	for (d = 0; d < c->ndocs; d++) {
		besth = 0;
		bk = -1;
		for (j = c->off[d]; j < c->off[d + 1]; j++)
			for (x = off[c->w[j]]; x < off[c->w[j] + 1]; x++)
				hits[th[x]]++;
		for (j = c->off[d]; j < c->off[d + 1]; j++)
			for (x = off[c->w[j]]; x < off[c->w[j] + 1]; x++) {
				k = (int)th[x];
				if (hits[k] > besth || (hits[k] == besth &&
				    besth > 0 && k < bk)) {
					besth = hits[k];
					bk = k;
				}
			}
		for (j = c->off[d]; j < c->off[d + 1]; j++)
			for (x = off[c->w[j]]; x < off[c->w[j] + 1]; x++)
				hits[th[x]] = 0;
		sz[d] = bk;
	}
	free(off);
	free(th);
	free(hits);
	return sz;
}

/* Seed-matching answers start in their codebook theme, the others in a
 * theme drawn at random (among the discovered ones, if any). */
static void
start(const struct corpus *c, const struct fitopt *o, const int32_t *sz,
    struct rng *r, uint32_t *z, int K)
{
	size_t d;
	int lo;

	lo = o->nseeded < K ? o->nseeded : 0;
	for (d = 0; d < c->ndocs; d++)
		z[d] = sz != NULL && sz[d] >= 0 ? (uint32_t)sz[d] :
		    (uint32_t)(lo + (int)rng_below(r, (uint64_t)(K - lo)));
}

/*
 * The restarts are independent fits, each with its own generator, so they
 * run on several processors at once: worker t fits restarts t, t + step,
 * ... into its own mixture and keeps the partition of its most likely one
 * (ties: the first).  Of those, the most likely is kept, ties going to the
 * lower restart number: the choice of one thread fitting them in order,
 * whatever the number of threads.
 */
struct worker {
	struct dmm		 m;
	const struct corpus	*c;
	const struct fitopt	*o;
	const double		*x;	/* tf-idf weights, for k-means */
	const int32_t		*sz;	/* seeded start, or NULL */
	int			 first, step;
	uint32_t		*init;
	uint32_t		*bestz;	/* partition of its best restart */
	double			 bestll;
	int			 bestrs;	/* -1: none yet */
};

static void *
work(void *arg)
{
	struct worker *wk = arg;
	const struct corpus *c = wk->c;
	const struct fitopt *o = wk->o;
	struct rng r;
	double ll;
	int rs;

	for (rs = wk->first; rs < o->restarts; rs += wk->step) {
		rng_seed(&r, o->seed + 0x9e3779b97f4a7c15ULL * (uint64_t)rs);
		if (o->init == INIT_KMEANS && o->nseeded == 0)
			kmeans_fit(c, wk->x, wk->m.K, 10, 1, &r, wk->init,
			    wk->step == 1 ? ncpu() : 1);
		else
			start(c, o, wk->sz, &r, wk->init, wk->m.K);
		ll = fit_once(&wk->m, c, o, &r, wk->init);
		if (o->verbose)
			glosy_warn("restart %d: log-likelihood %.3f", rs + 1,
			    ll);
		if (wk->bestrs < 0 || ll > wk->bestll) {
			wk->bestll = ll;
			wk->bestrs = rs;
			memcpy(wk->bestz, wk->m.z,
			    c->ndocs * sizeof(uint32_t));
		}
	}
	return NULL;
}

static int
nthreads(const struct fitopt *o)
{
	int n = 2 * ncpu();

	/* The sweeps of -v are reported in order, from one thread.  Up to
	 * two threads a processor: three restarts on two processors then
	 * take the time of one and a half, not of two. */
	if (o->verbose || o->restarts < 2)
		return 1;
	return n < o->restarts ? n : o->restarts;
}

void
dmm_fit(struct dmm *m, const struct corpus *c, const struct fitopt *o)
{
	struct worker *wk, *b;
	pthread_t *tid;
	double *x = NULL;
	int32_t *sz = NULL;
	size_t n = c->ndocs ? c->ndocs : 1;
	int t, T = nthreads(o), *started;

	free(m->z);
	m->z = xcalloc(n, sizeof(uint32_t));
	wk = xcalloc((size_t)T, sizeof(*wk));
	tid = xcalloc((size_t)T, sizeof(*tid));
	started = xcalloc((size_t)T, sizeof(int));
	if (o->init == INIT_KMEANS && o->nseeded == 0)
		x = kmeans_weights(c);
	else if (o->nseeded > 0)
		sz = seed_themes(c, o);
	for (t = 0; t < T; t++) {
		if (t > 0) {
			dmm_init(&wk[t].m, m->K, m->V, m->alpha, m->beta);
			wk[t].m.z = xcalloc(n, sizeof(uint32_t));
		}
		wk[t].c = c;
		wk[t].o = o;
		wk[t].x = x;
		wk[t].sz = sz;
		wk[t].first = t;
		wk[t].step = T;
		wk[t].init = xcalloc(n, sizeof(uint32_t));
		wk[t].bestz = xcalloc(n, sizeof(uint32_t));
		wk[t].bestrs = -1;
	}
	/* Worker 0 fits in m, in this thread; one that cannot be started
	 * runs here too. */
	wk[0].m = *m;
	for (t = 1; t < T; t++)
		started[t] = pthread_create(&tid[t], NULL, work, &wk[t]) == 0;
	work(&wk[0]);
	for (t = 1; t < T; t++) {
		if (started[t])
			pthread_join(tid[t], NULL);
		else
			work(&wk[t]);
	}
	*m = wk[0].m;
	b = &wk[0];
	for (t = 1; t < T; t++)
		if (wk[t].bestll > b->bestll || (wk[t].bestll == b->bestll &&
		    wk[t].bestrs < b->bestrs))
			b = &wk[t];
	/* Rebuild the counts of the best restart. */
	{
		struct fitopt none = *o;
		struct rng r;

		none.iters = none.greedy = 0;
		rng_seed(&r, o->seed);
		fit_once(m, c, &none, &r, b->bestz);
	}
	for (t = 0; t < T; t++) {
		if (t > 0)
			dmm_release(&wk[t].m);
		free(wk[t].init);
		free(wk[t].bestz);
	}
	free(x);
	free(sz);
	free(wk);
	free(tid);
	free(started);
}

void
dmm_fit_from(struct dmm *m, const struct corpus *c, const struct fitopt *o,
    const uint32_t *z)
{
	struct rng r;

	rng_seed(&r, o->seed);
	fit_once(m, c, o, &r, z);
}
