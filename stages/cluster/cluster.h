/*
 * cluster.h - private interface of glosy-cluster: the corpus of term ids,
 * the Dirichlet-multinomial mixture (dmm.c), spherical k-means (kmeans.c)
 * and the theme table (model.c).
 */
#ifndef GLOSY_CLUSTER_H
#define GLOSY_CLUSTER_H

#include <stddef.h>
#include <stdint.h>

struct rng;

/*
 * Four themes at a time: the inner loops over themes use GCC vector
 * extensions, so that they run in SIMD registers (AVX where the processor
 * has it, see VECTOR_CLONES, else two SSE2 halves).  Each lane does the
 * very operations of the scalar loop on its own theme, so the results are
 * bit for bit those of the scalar code on every x86-64 (no fused
 * multiply-add: -std=c11 turns off contraction).  vd may point anywhere.
 */
typedef double vd __attribute__((vector_size(4 * sizeof(double)),
    aligned(sizeof(double)), may_alias));
#define VD(p)	(*(vd *)(p))
#define CVD(p)	(*(const vd *)(p))
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define VECTOR_CLONES	__attribute__((target_clones("avx2", "default")))
#else
#define VECTOR_CLONES
#endif

/*
 * The first index of the largest of v[0..n-1] that beats v[b] (strictly),
 * else b: what a scan "if (v[k] > v[b]) b = k" finds, for values that are
 * not NaN.  The maximum is taken in four independent lanes first, so that
 * the loop is not one long chain of dependent comparisons.
 */
static inline int
argmax(const double *v, int n, int b)
{
	double m[4], mx;
	int k, l;

	for (l = 0; l < 4; l++)
		m[l] = v[b];
	for (k = 0; k + 4 <= n; k += 4)
		for (l = 0; l < 4; l++)
			m[l] = v[k + l] > m[l] ? v[k + l] : m[l];
	for (; k < n; k++)
		m[0] = v[k] > m[0] ? v[k] : m[0];
	mx = v[b];
	for (l = 0; l < 4; l++)
		mx = m[l] > mx ? m[l] : mx;
	if (!(mx > v[b]))
		return b;
	for (k = 0; v[k] != mx; k++)
		;
	return k;
}

/*
 * The answers with content, as sorted term ids: document d holds
 * w[off[d] .. off[d+1]-1], each distinct term once with its count in cnt[].
 * len[d] is the number of term occurrences.
 */
struct corpus {
	size_t		 ndocs;
	size_t		 nvocab;
	uint32_t	*off;
	uint32_t	*w;
	uint16_t	*cnt;
	uint16_t	*len;
	uint32_t	*df;		/* documents containing each term */
};

/*
 * The mixture.  Pseudo-counts include the priors: N[w*K + k] is the number
 * of occurrences of term w in theme k plus beta (plus the seed boost of a
 * codebook theme), Nk[k] the sum over w of N[w*K + k], m[k] the number of
 * documents in theme k.
 */
struct dmm {
	int		 K;
	size_t		 V;
	double		 alpha, beta;
	double		*N;
	double		*Nk;
	double		*m;
	uint32_t	*z;		/* theme of each document, fitting only */
	unsigned char	*active;	/* themes that may take documents */
	double		*p;		/* K scratch probabilities */
	double		*scratch;	/* 2K, for dmm_posterior */
};

struct fitopt {
	int		 K;
	int		 iters;		/* Gibbs sweeps, at most */
	int		 plateau;	/* sweeps without progress that end
					   them, 0: never */
	int		 greedy;	/* final sweeps taking the best theme */
	int		 restarts;
	double		 alpha, beta;
	double		 boost;		/* seed pseudo-count */
	uint64_t	 seed;
	int		 init;		/* INIT_RANDOM or INIT_KMEANS */
	int		 verbose;
	/* seeded themes 0..nseeded-1: seed term ids of theme k are
	 * seedw[seedoff[k] .. seedoff[k+1]-1] */
	int		 nseeded;
	const uint32_t	*seedoff;
	const uint32_t	*seedw;
};
#define INIT_RANDOM	0
#define INIT_KMEANS	1

void	 dmm_init(struct dmm *, int K, size_t V, double alpha, double beta);
void	 dmm_release(struct dmm *);
/* Fits the mixture to c; leaves the best restart in *m (z filled). */
void	 dmm_fit(struct dmm *, const struct corpus *, const struct fitopt *);
/*
 * Posterior over themes of document d (its terms w[0..nw-1] with counts
 * cnt[], nw distinct, len occurrences) into p[0..K-1], summing to 1.  When
 * own >= 0 the document is counted in theme own and is taken out first (and
 * put back: the mixture is unchanged on return, hence const; it uses the
 * mixture's scratch space, so one thread at a time).
 */
void	 dmm_posterior(const struct dmm *, const uint32_t *w,
	    const uint16_t *cnt, size_t nw, size_t len, int own, double *p);
void	 dmm_add(struct dmm *, const uint32_t *w, const uint16_t *cnt,
	    size_t nw, size_t len, int k, int sign);
double	 dmm_loglik(const struct dmm *);

/*
 * Spherical k-means on tf-idf; fills z[0..ndocs-1] with 0..K-1.  The
 * assignment steps use up to nthr threads; the result is the same for any
 * number.
 */
void	 kmeans_fit(const struct corpus *, const double *x, int K, int iters,
	    int restarts, struct rng *, uint32_t *z, int nthr);
/* Fits from the partition z (and restores counts for it). */
void	 dmm_fit_from(struct dmm *, const struct corpus *,
	    const struct fitopt *, const uint32_t *z);
/* Spherical k-means from the partition z, until it settles or iters. */
void	 kmeans_refine(const struct corpus *, const double *x, int K,
	    int iters, uint32_t *z, int nthr);
/* The tf-idf weights x of the corpus entries (unit length per document)
 * that both take; the caller frees them. */
double	*kmeans_weights(const struct corpus *);
/* The number of processors online, at least 1. */
int	 ncpu(void);

#endif
