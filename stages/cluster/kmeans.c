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
 * Scales every centroid (column k of C, V rows of K) to unit length.  The
 * squares are summed row by row, in the order of the terms.
 */
static void
normalize(double *C, size_t V, int K, double *norm)
{
	size_t w;
	int k;

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
 * each keeps its own count of changes, and the similarities go to best[]
 * to be summed in document order, so the results do not depend on the
 * number of threads.
 */
struct assign {
	const struct corpus	*c;
	const double		*x, *C;
	int			 K, from_z, all;
	uint32_t		*z;
	double			*best;
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

static void *
assign_range(void *arg)
{
	struct assign *a = arg;
	double *s;
	size_t d;
	int b;

	s = xreallocarray(NULL, (size_t)a->K, sizeof(double));
	a->changed = 0;
	for (d = a->d0; d < a->d1; d++) {
		if (d + 1 < a->d1)
			prefetch(a->c, a->C, a->K, d + 1);
		sims(a->c, a->x, a->C, a->K, d, s);
		b = argmax(s, a->K, a->from_z ? (int)a->z[d] : 0);
		if (a->all || a->z[d] != (uint32_t)b)
			a->changed++;
		a->z[d] = (uint32_t)b;
		if (a->best != NULL)
			a->best[d] = s[b];
	}
	free(s);
	return NULL;
}

#define MAXTHREADS	16

static size_t
assign(const struct corpus *c, const double *x, const double *C, int K,
    uint32_t *z, double *best, int from_z, int all, int nthr)
{
	struct assign a[MAXTHREADS];
	pthread_t tid[MAXTHREADS];
	int started[MAXTHREADS], t;
	size_t n = c->ndocs, changed = 0;

	if (nthr > MAXTHREADS)
		nthr = MAXTHREADS;
	if (nthr < 1 || n < 1000)
		nthr = 1;
	for (t = 0; t < nthr; t++) {
		a[t].c = c;
		a[t].x = x;
		a[t].C = C;
		a[t].K = K;
		a[t].from_z = from_z;
		a[t].all = all;
		a[t].z = z;
		a[t].best = best;
		a[t].d0 = n * (size_t)t / (size_t)nthr;
		a[t].d1 = n * (size_t)(t + 1) / (size_t)nthr;
	}
	for (t = 1; t < nthr; t++)
		started[t] = pthread_create(&tid[t], NULL, assign_range,
		    &a[t]) == 0;
	assign_range(&a[0]);
	for (t = 0; t < nthr; t++) {
		if (t > 0 && started[t])
			pthread_join(tid[t], NULL);
		else if (t > 0)
			assign_range(&a[t]);
		changed += a[t].changed;
	}
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
	uint32_t *z;
	size_t d, j, n = c->ndocs, VK = c->nvocab * (size_t)K, changed;
	int it, rs;

	C = xreallocarray(NULL, VK ? VK : 1, sizeof(double));
	best = xreallocarray(NULL, n ? n : 1, sizeof(double));
	norm = xreallocarray(NULL, (size_t)K, sizeof(double));
	z = xreallocarray(NULL, n ? n : 1, sizeof(uint32_t));
	for (rs = 0; rs < restarts; rs++) {
		memset(C, 0, VK * sizeof(double));
		plusplus(c, x, C, K, r);
		for (it = 0; it < iters; it++) {
			changed = assign(c, x, C, K, z, best, 0, it == 0,
			    nthr);
			obj = 0;
			for (d = 0; d < n; d++)
				obj += best[d];
			if (!changed)
				break;
			memset(C, 0, VK * sizeof(double));
			for (d = 0; d < n; d++)
				for (j = c->off[d]; j < c->off[d + 1]; j++)
					C[(size_t)c->w[j] * K + z[d]] += x[j];
			normalize(C, c->nvocab, K, norm);
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
}

void
kmeans_refine(const struct corpus *c, const double *x, int K, int iters,
    uint32_t *z, int nthr)
{
	double *C, *norm;
	size_t d, j, n = c->ndocs, VK = c->nvocab * (size_t)K;
	int it;

	C = xreallocarray(NULL, VK ? VK : 1, sizeof(double));
	norm = xreallocarray(NULL, (size_t)K, sizeof(double));
	for (it = 0; it < iters; it++) {
		memset(C, 0, VK * sizeof(double));
		for (d = 0; d < n; d++)
			for (j = c->off[d]; j < c->off[d + 1]; j++)
				C[(size_t)c->w[j] * K + z[d]] += x[j];
		normalize(C, c->nvocab, K, norm);
		if (assign(c, x, C, K, z, NULL, 1, 0, nthr) == 0)
			break;
	}
	free(C);
	free(norm);
}
