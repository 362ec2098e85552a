/*
 * kmeans.c - spherical k-means on tf-idf vectors (cosine similarity), with
 * k-means++ seeding.  glosy-cluster uses it to give the mixture a good
 * starting partition (--init kmeans).
 */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "glosy.h"
#include "cluster.h"

/* Weight of each (document, term) entry: tf-idf, unit length per doc. */
double *
kmeans_weights(const struct corpus *c)
{
	double *x, *idf, s;
	size_t d, j;

	idf = xreallocarray(NULL, c->nvocab ? c->nvocab : 1, sizeof(double));
	for (j = 0; j < c->nvocab; j++)
		idf[j] = log((1.0 + (double)c->ndocs) / (1.0 + c->df[j])) + 1;
	x = xreallocarray(NULL, c->off[c->ndocs] ? c->off[c->ndocs] : 1,
	    sizeof(double));
	for (d = 0; d < c->ndocs; d++) {
		s = 0;
		for (j = c->off[d]; j < c->off[d + 1]; j++) {
			x[j] = c->cnt[j] * idf[c->w[j]];
			s += x[j] * x[j];
		}
		s = s > 0 ? 1 / sqrt(s) : 0;
		for (j = c->off[d]; j < c->off[d + 1]; j++)
			x[j] *= s;
	}
	free(idf);
	return x;
}

VECTOR_CLONES static void
sims(const struct corpus *c, const double *x, const double *C, int K,
    size_t d, double *s)
{
	size_t j;
	int k, K4 = K & ~3;

	for (k = 0; k < K; k++)
		s[k] = 0;
	for (j = c->off[d]; j < c->off[d + 1]; j++) {
		const double *Cw = C + (size_t)c->w[j] * K;
		vd xj = { x[j], x[j], x[j], x[j] };

		for (k = 0; k < K4; k += 4)
			VD(s + k) += xj * CVD(Cw + k);
		for (; k < K; k++)
			s[k] += x[j] * Cw[k];
	}
}

/*
 * Centroid k (column k of C, V rows of K) as the unit-length sum of the
 * weights of the documents in it (z), for every k with chg[k] set, or for
 * all when chg is NULL; the other columns are left as they are, so they
 * must still hold for their documents.  The sums run in the order of the
 * documents and the squares in the order of the terms, whichever columns
 * are rebuilt, so a column comes out the same either way.
 */
static void
centroids(const struct corpus *c, const double *x, double *C, int K,
    const uint32_t *z, const unsigned char *chg, double *norm)
{
	size_t V = c->nvocab, d, j, w;
	int k, *ks, nk = 0;

	if (chg != NULL) {
		for (k = 0; k < K; k++)
			nk += chg[k] != 0;
		/* Column by column costs more than the whole by rows past a
		 * quarter of them. */
		if (4 * nk > K)
			chg = NULL;
		nk = 0;
	}
	if (chg == NULL) {
		memset(C, 0, V * (size_t)K * sizeof(double));
		for (d = 0; d < c->ndocs; d++)
			for (j = c->off[d]; j < c->off[d + 1]; j++)
				C[(size_t)c->w[j] * K + z[d]] += x[j];
		for (k = 0; k < K; k++)
			norm[k] = 0;
		for (w = 0; w < V; w++) {
			const double *Cw = C + w * K;

			for (k = 0; k < K; k++)
				norm[k] += Cw[k] * Cw[k];
		}
		for (k = 0; k < K; k++)
			norm[k] = norm[k] > 0 ? 1 / sqrt(norm[k]) : 0;
		for (w = 0; w < V; w++) {
			double *Cw = C + w * K;

			for (k = 0; k < K; k++)
				Cw[k] *= norm[k];
		}
		return;
	}
	ks = xreallocarray(NULL, (size_t)K, sizeof(int));
	for (k = 0; k < K; k++)
		if (chg[k])
			ks[nk++] = k;
	for (w = 0; w < V; w++)
		for (k = 0; k < nk; k++)
			C[w * K + ks[k]] = 0;
	for (d = 0; d < c->ndocs; d++)
		if (chg[z[d]])
			for (j = c->off[d]; j < c->off[d + 1]; j++)
				C[(size_t)c->w[j] * K + z[d]] += x[j];
	for (k = 0; k < nk; k++)
		norm[ks[k]] = 0;
	for (w = 0; w < V; w++)
		for (k = 0; k < nk; k++)
			norm[ks[k]] += C[w * K + ks[k]] * C[w * K + ks[k]];
	for (k = 0; k < nk; k++)
		norm[ks[k]] = norm[ks[k]] > 0 ? 1 / sqrt(norm[ks[k]]) : 0;
	for (w = 0; w < V; w++)
		for (k = 0; k < nk; k++)
			C[w * K + ks[k]] *= norm[ks[k]];
	free(ks);
}

/* Sets centroid k to document d. */
static void
put_doc(const struct corpus *c, const double *x, double *C, int K, int k,
    size_t d)
{
	size_t j;

	for (j = c->off[d]; j < c->off[d + 1]; j++)
		C[(size_t)c->w[j] * K + k] = x[j];
}

/*
 * k-means++ seeding: each next centre is a document drawn with probability
 * proportional to its distance from the nearest centre so far.  Each step
 * passes over the candidates, so on large inputs they are a random sample
 * of PP_SAMPLE documents.
 */
#define PP_SAMPLE	20000

static void
plusplus(const struct corpus *c, const double *x, double *C, int K,
    struct rng *r)
{
	double *dist, total, u, acc;
	size_t *cand, i, m, n = c->ndocs;
	int k;

	m = n > PP_SAMPLE ? PP_SAMPLE : n;
	cand = xreallocarray(NULL, m, sizeof(size_t));
	for (i = 0; i < m; i++)
		cand[i] = n > PP_SAMPLE ? (size_t)rng_below(r, n) : i;
	dist = xreallocarray(NULL, m, sizeof(double));
	put_doc(c, x, C, K, 0, cand[(size_t)rng_below(r, m)]);
	for (i = 0; i < m; i++)
		dist[i] = 2;
	for (k = 1; k < K; k++) {
		total = 0;
		for (i = 0; i < m; i++) {
			size_t d = cand[i], j;
			double v = 0;

			for (j = c->off[d]; j < c->off[d + 1]; j++)
				v += x[j] * C[(size_t)c->w[j] * K + k - 1];
			v = 1 - v;
			if (v < dist[i])
				dist[i] = v;
			total += dist[i];
		}
		u = rng_double(r) * total;
		acc = 0;
		for (i = 0; i + 1 < m; i++) {
			acc += dist[i];
			if (u < acc)
				break;
		}
		put_doc(c, x, C, K, k, cand[i]);
	}
	free(dist);
	free(cand);
}

/*
 * The assignment step: each document of d0 .. d1-1 to its most similar
 * centroid (ties: the lower index, or its own centroid when from_z).
 * Documents are independent here, so the range is split among threads;
 * each keeps its own count of changes and its own marks of the centroids
 * that gained or lost a document (moved), and the similarities go to
 * best[] to be summed in document order, so the results do not depend on
 * the number of threads.
 *
 * best[d] holds the similarity of d to its centroid z[d].  When only the
 * centroids in ks[0..nks-1] have changed since (not z[d]), the others keep
 * their similarities, none above best[d] (or equal with a lower index,
 * when ties go to the lower one), so only those in ks are computed: the
 * same sums in the same order as sims(), so the same choice.
 */
struct assign {
	const struct corpus	*c;
	const double		*x, *C;
	int			 K, from_z, all;
	const unsigned char	*chg;	/* changed centroids, NULL: all */
	const int		*ks;
	int			 nks;
	uint32_t		*z;
	double			*best;
	unsigned char		*moved;
	size_t			 d0, d1, changed;
};

/* Asks for the centroid rows of the terms of document d (see dmm.c). */
static void
prefetch(const struct corpus *c, const double *C, int K, size_t d)
{
	size_t j, b, row = (size_t)K * sizeof(double);

	for (j = c->off[d]; j < c->off[d + 1]; j++) {
		const char *p = (const char *)(C + (size_t)c->w[j] * K);

		for (b = 0; b < row; b += 64)
			__builtin_prefetch(p + b);
	}
}

/* The choice among the changed centroids ks for document d, whose
 * centroid z has not changed (see struct assign). */
static int
assign_some(const struct assign *a, size_t d, double *s, int z)
{
	const struct corpus *c = a->c;
	size_t j;
	int i, b = z, K = a->K;
	double mx;

	for (i = 0; i < a->nks; i++)
		s[i] = 0;
	for (j = c->off[d]; j < c->off[d + 1]; j++) {
		const double *Cw = a->C + (size_t)c->w[j] * K;

		for (i = 0; i < a->nks; i++)
			s[i] += a->x[j] * Cw[a->ks[i]];
	}
	mx = a->best[d];
	for (i = 0; i < a->nks; i++)
		if (s[i] > mx || (s[i] == mx && !a->from_z && a->ks[i] < b)) {
			mx = s[i];
			b = a->ks[i];
		}
	a->best[d] = mx;
	return b;
}

static void *
assign_range(void *arg)
{
	struct assign *a = arg;
	double *s;
	size_t d;
	int b, z;

	s = xreallocarray(NULL, (size_t)a->K, sizeof(double));
	a->changed = 0;
	memset(a->moved, 0, (size_t)a->K);
	for (d = a->d0; d < a->d1; d++) {
		/* On the first step z[] holds nothing yet. */
		z = a->all ? -1 : (int)a->z[d];
		if (a->chg != NULL && !a->chg[z])
			b = assign_some(a, d, s, z);
		else {
			if (d + 1 < a->d1)
				prefetch(a->c, a->C, a->K, d + 1);
			sims(a->c, a->x, a->C, a->K, d, s);
			b = argmax(s, a->K, a->from_z && z >= 0 ? z : 0);
			a->best[d] = s[b];
		}
		if (a->all)
			a->changed++;
		else if (z != b) {
			a->changed++;
			a->moved[z] = a->moved[b] = 1;
		}
		a->z[d] = (uint32_t)b;
	}
	free(s);
	return NULL;
}

#define MAXTHREADS	16

/*
 * One assignment step (see struct assign); chg as there, or NULL after a
 * change of every centroid.  Marks in moved[] the centroids that gained or
 * lost a document.
 */
static size_t
assign(const struct corpus *c, const double *x, const double *C, int K,
    uint32_t *z, double *best, int from_z, int all,
    const unsigned char *chg, unsigned char *moved, int nthr)
{
	struct assign a[MAXTHREADS];
	pthread_t tid[MAXTHREADS];
	int started[MAXTHREADS], t, k, *ks = NULL, nks = 0;
	size_t n = c->ndocs, changed = 0;

	if (nthr > MAXTHREADS)
		nthr = MAXTHREADS;
	if (nthr < 1 || n < 1000)
		nthr = 1;
	if (chg != NULL) {
		ks = xreallocarray(NULL, (size_t)K, sizeof(int));
		for (k = 0; k < K; k++)
			if (chg[k])
				ks[nks++] = k;
		/* Past half of them, all are as cheap. */
		if (2 * nks > K) {
			chg = NULL;
			nks = 0;
		}
	}
	for (t = 0; t < nthr; t++) {
		a[t].c = c;
		a[t].x = x;
		a[t].C = C;
		a[t].K = K;
		a[t].from_z = from_z;
		a[t].all = all;
		a[t].chg = chg;
		a[t].ks = ks;
		a[t].nks = nks;
		a[t].z = z;
		a[t].best = best;
		a[t].moved = xmalloc((size_t)K);
		a[t].d0 = n * (size_t)t / (size_t)nthr;
		a[t].d1 = n * (size_t)(t + 1) / (size_t)nthr;
	}
	for (t = 1; t < nthr; t++)
		started[t] = pthread_create(&tid[t], NULL, assign_range,
		    &a[t]) == 0;
	assign_range(&a[0]);
	for (t = 1; t < nthr; t++) {
		if (started[t])
			pthread_join(tid[t], NULL);
		else
			assign_range(&a[t]);
	}
	/* moved may be chg: only now is it free to be overwritten. */
	memset(moved, 0, (size_t)K);
	for (t = 0; t < nthr; t++) {
		changed += a[t].changed;
		for (k = 0; k < K; k++)
			moved[k] |= a[t].moved[k];
		free(a[t].moved);
	}
	free(ks);
	return changed;
}

/* Number of processors online, at least 1. */
int
ncpu(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > MAXTHREADS ? MAXTHREADS : (int)n;
}

void
kmeans_fit(const struct corpus *c, const double *x, int K, int iters,
    int restarts, struct rng *r, uint32_t *zout, int nthr)
{
	double *C, *best, *norm, obj = 0, bestobj = -1;
	unsigned char *moved;
	uint32_t *z;
	size_t d, n = c->ndocs, VK = c->nvocab * (size_t)K, changed;
	int it, rs;

	C = xreallocarray(NULL, VK ? VK : 1, sizeof(double));
	best = xreallocarray(NULL, n ? n : 1, sizeof(double));
	norm = xreallocarray(NULL, (size_t)K, sizeof(double));
	z = xreallocarray(NULL, n ? n : 1, sizeof(uint32_t));
	moved = xcalloc((size_t)K, 1);
	for (rs = 0; rs < restarts; rs++) {
		memset(C, 0, VK * sizeof(double));
		plusplus(c, x, C, K, r);
		for (it = 0; it < iters; it++) {
			/* The seeds are no sums of their documents, so the
			 * first two steps compare with every centroid. */
			changed = assign(c, x, C, K, z, best, 0, it == 0,
			    it < 2 ? NULL : moved, moved, nthr);
			obj = 0;
			for (d = 0; d < n; d++)
				obj += best[d];
			if (!changed)
				break;
			centroids(c, x, C, K, z, it == 0 ? NULL : moved, norm);
		}
		if (rs == 0 || obj > bestobj) {
			bestobj = obj;
			memcpy(zout, z, n * sizeof(uint32_t));
		}
	}
	free(C);
	free(best);
	free(norm);
	free(z);
	free(moved);
}

void
kmeans_refine(const struct corpus *c, const double *x, int K, int iters,
    uint32_t *z, int nthr)
{
	double *C, *norm, *best;
	unsigned char *moved;
	size_t n = c->ndocs, VK = c->nvocab * (size_t)K;
	int it;

	C = xreallocarray(NULL, VK ? VK : 1, sizeof(double));
	norm = xreallocarray(NULL, (size_t)K, sizeof(double));
	best = xreallocarray(NULL, n ? n : 1, sizeof(double));
	moved = xcalloc((size_t)K, 1);
	for (it = 0; it < iters; it++) {
		centroids(c, x, C, K, z, it == 0 ? NULL : moved, norm);
		if (assign(c, x, C, K, z, best, 1, 0, it == 0 ? NULL : moved,
		    moved, nthr) == 0)
			break;
	}
	free(C);
	free(norm);
	free(best);
	free(moved);
}
