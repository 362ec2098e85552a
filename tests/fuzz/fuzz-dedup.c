/*
 * fuzz-dedup.c - fuzzes the core of glosy-dedup (minhash.c): the input is
 * cut at its first NUL or newline into two texts of arbitrary bytes, which
 * are normalized, shingled in both modes, signed and compared, checking the
 * invariants that grouping relies on: shingles sorted and unique, Jaccard in
 * [0, 1], symmetric and 1 on itself, jaccard_min exact at or above its
 * threshold, equal sets giving equal signatures and band keys.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "glosy.h"
#include "minhash.h"

static void
need(int cond)
{
	if (!cond)
		abort();
}

static void
sorted(const struct shingles *s)
{
	size_t i;

	for (i = 1; i < s->n; i++)
		need(s->h[i - 1] < s->h[i]);
}

static void
pair(const struct minhash *m, const char *a, size_t na, const char *b,
    size_t nb, int mode)
{
	struct shingles x = SHINGLES_INIT, y = SHINGLES_INIT;
	uint64_t s1[MINHASH_SIGLEN], s2[MINHASH_SIGLEN];
	uint32_t k1[MINHASH_BANDS], k2[MINHASH_BANDS];
	double j, jr, jm;
	static const double ts[] = { 0.1, 0.5, 0.8, 1 };
	size_t t;

	minhash_shingles(m, a, na, mode, &x);
	minhash_shingles(m, b, nb, mode, &y);
	sorted(&x);
	sorted(&y);
	need((x.n == 0) == (na == 0));
	j = minhash_jaccard(x.h, x.n, y.h, y.n);
	jr = minhash_jaccard(y.h, y.n, x.h, x.n);
	need(j >= 0 && j <= 1 && j == jr);
	if (x.n > 0)
		need(minhash_jaccard(x.h, x.n, x.h, x.n) == 1);
	for (t = 0; t < sizeof(ts) / sizeof(ts[0]); t++) {
		jm = minhash_jaccard_min(x.h, x.n, y.h, y.n, ts[t]);
		need(j >= ts[t] ? jm == j : jm < ts[t]);
	}
	if (x.n > 0 && y.n > 0) {
		minhash_sign(m, x.h, x.n, s1);
		minhash_hash(m, a, na, mode, &y);
		minhash_sign(m, y.h, y.n, s2);
		need(memcmp(s1, s2, sizeof(s1)) == 0);
		minhash_shingles(m, b, nb, mode, &y);
		minhash_sign(m, y.h, y.n, s2);
		minhash_bands(m, s1, k1);
		minhash_bands(m, s2, k2);
		if (j == 1)
			need(memcmp(s1, s2, sizeof(s1)) == 0 &&
			    memcmp(k1, k2, sizeof(k1)) == 0);
	}
	shingles_release(&x);
	shingles_release(&y);
}

static void
sketch(const char *s, size_t len)
{
	struct sketch sk;
	char out[SKETCH_MAXLEN + 1];
	size_t n;

	if (minhash_sketch_decode(s, len, &sk) != 0)
		return;
	n = minhash_sketch_encode(&sk, out);
	need(n == len && memcmp(out, s, n) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct minhash m;
	static int init;
	const char *s = (const char *)data, *cut;
	char *a, *b;
	size_t na, nb, nt;

	if (!init) {
		minhash_init(&m, 2030);
		init = 1;
	}
	sketch(s, size);
	cut = memchr(s, '\n', size);
	if (cut == NULL)
		cut = memchr(s, '\0', size);
	na = cut ? (size_t)(cut - s) : size;
	nb = cut ? size - na - 1 : 0;
	a = xmalloc(na + 1);
	b = xmalloc(nb + 1);
	na = minhash_normalize(s, na, a, &nt);
	need(nt == minhash_nterms(a, na));
	nb = minhash_normalize(cut ? cut + 1 : s, nb, b, NULL);
	pair(&m, a, na, b, nb, MINHASH_CHARS);
	pair(&m, a, na, b, nb, MINHASH_WORDS);
	pair(&m, a, na, a, na, MINHASH_CHARS);
	free(a);
	free(b);
	return 0;
}
