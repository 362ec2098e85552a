/*
 * t-minhash.c - unit tests of minhash.c, the core of glosy-dedup: term
 * normalization, shingles of short and long texts, exact Jaccard,
 * one-permutation MinHash signatures, LSH band tags and dup_sketch values.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "glosy.h"
#include "minhash.h"

static struct minhash mh;

/* Shingles of s in the given mode, into a fresh vector you own. */
static struct shingles
sh_of(const char *s, int mode)
{
	struct shingles sh = SHINGLES_INIT;

	minhash_shingles(&mh, s, strlen(s), mode, &sh);
	return sh;
}

static double
jac(const char *a, const char *b, int mode)
{
	struct shingles x = sh_of(a, mode), y = sh_of(b, mode);
	double j = minhash_jaccard(x.h, x.n, y.h, y.n);

	shingles_release(&x);
	shingles_release(&y);
	return j;
}

static void
test_normalize(void)
{
	char out[64];
	size_t n, nt;

	n = minhash_normalize("  zieleń \t park\n ", 17, out, &nt);
	CHECK(n == 12 && memcmp(out, "zieleń park", 12) == 0 && nt == 2,
	    "normalize collapses blanks and trims");
	n = minhash_normalize(" \t ", 3, out, &nt);
	CHECK(n == 0 && nt == 0, "normalize of blanks is empty");
	CHECK(minhash_nterms("a  b c", 6) == 3, "nterms counts runs");
}

static void
test_short(void)
{
	static const char *t[] = { "a", "b", "ok", "tak", "nie", "las",
	    "park", "ż", "ę" };
	struct shingles s[9];
	size_t i, j, n = sizeof(t) / sizeof(t[0]);
	int distinct = 1, nonempty = 1;

	for (i = 0; i < n; i++) {
		s[i] = sh_of(t[i], MINHASH_CHARS);
		if (s[i].n == 0)
			nonempty = 0;
	}
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (minhash_jaccard(s[i].h, s[i].n, s[j].h,
			    s[j].n) >= 0.5)
				distinct = 0;
	CHECK(nonempty, "every short text has shingles");
	CHECK(distinct, "short texts do not collapse together");
	CHECK(s[3].n == 3, "' tak ' has 3 character 3-grams, got %zu",
	    s[3].n);
	CHECK(s[7].n == 1, "' ż ' is one shingle");
	for (i = 0; i < n; i++)
		shingles_release(&s[i]);
	CHECK(jac("tak", "tak", MINHASH_CHARS) == 1, "same short text, J 1");
	s[0] = sh_of("tak", MINHASH_WORDS);
	CHECK(s[0].chars && s[0].n == 3,
	    "one term falls back to character shingles in word mode");
	shingles_release(&s[0]);
	s[0] = sh_of("", MINHASH_CHARS);
	CHECK(s[0].n == 0, "empty text has no shingles");
	CHECK(minhash_jaccard(s[0].h, 0, s[0].h, 0) == 0,
	    "two empty sets are not similar");
	shingles_release(&s[0]);
}

static void
test_words(void)
{
	struct shingles s = sh_of("a b c d", MINHASH_WORDS);

	CHECK(!s.chars && s.n == 3, "4 terms give 3 word pairs");
	shingles_release(&s);
	CHECK(jac("zieleń parking", "parking zieleń", MINHASH_WORDS) == 0,
	    "word pairs keep the order");
	CHECK(jac("a b c d e", "a b c d e", MINHASH_WORDS) == 1,
	    "same words, J 1");
	CHECK(fabs(jac("a b c d", "a b c e", MINHASH_WORDS) - 0.5) < 1e-12,
	    "one pair of three changed, J 2/4");
}

static void
test_similarity(void)
{
	double j;

	CHECK(jac("zieleń miasto", "parking miasto", MINHASH_CHARS) < 0.5,
	    "a shared frame is not a near duplicate");
	j = jac("chcieć ścieżka_rowerowa wzdłuż rzeka bezpieczny przejazd",
	    "chcieć ścieżka_rowerowa wzdłuż rzka bezpieczny przejazd",
	    MINHASH_CHARS);
	CHECK(j >= 0.8, "a typo in a long answer keeps J %.3f >= 0.8", j);
	j = jac("ścieżka_rowerowa", "ścieżka rowerowa", MINHASH_CHARS);
	CHECK(j == 1, "'_' in a phrase counts as a space");
	CHECK(jac("park", "parki", MINHASH_CHARS) < 0.8,
	    "park and parki differ");
}

static void
test_jaccard(void)
{
	static const uint32_t a[] = { 1, 2, 3 }, b[] = { 2, 3, 4 },
	    c[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
	double j;

	CHECK(minhash_jaccard(a, 3, b, 3) == 0.5, "J({1,2,3},{2,3,4}) = 0.5");
	CHECK(minhash_jaccard(a, 3, a, 3) == 1, "J(a,a) = 1");
	j = minhash_jaccard_min(a, 3, b, 3, 0.8);
	CHECK(j < 0.8, "jaccard_min below t says so (%.3f)", j);
	CHECK(minhash_jaccard_min(a, 3, b, 3, 0.4) == 0.5,
	    "jaccard_min at or above t is exact");
	CHECK(minhash_jaccard_min(a, 3, c, 10, 0.8) < 0.8,
	    "size filter rejects 3 against 10");
	CHECK(minhash_jaccard_min(c, 10, c, 10, 1) == 1,
	    "jaccard_min with t 1 on equal sets");
}

static int	cmp32(const void *, const void *);

/* The Jaccard similarity of two sorted sets, the plain way. */
static double
naive(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	size_t i, j, inter = 0;

	for (i = 0; i < na; i++)
		for (j = 0; j < nb; j++)
			inter += a[i] == b[j];
	return na + nb == 0 ? 0 : (double)inter / (double)(na + nb - inter);
}

/*
 * Random pairs of subsets of 0..119 (so they share many, at any offsets),
 * the merge against the plain count, and jaccard_min at several
 * thresholds: exact at or above, below when below.
 */
static void
test_merge(void)
{
	static const double ts[] = { 0.1, 0.5, 0.6, 0.8, 0.9, 1 };
	uint32_t a[120], b[120], v;
	size_t na, nb, k, t, bad = 0, badmin = 0, trials = 3000;
	uint64_t pa, pb;
	struct rng g;
	double j, jm, want;

	rng_seed(&g, 5);
	for (k = 0; k < trials; k++) {
		/* Each value in a with probability pa/8, in b with pb/8,
		 * or (one trial in three) in b when in a, but for one in 16. */
		pa = rng_below(&g, 9);
		pb = rng_below(&g, 9);
		na = nb = 0;
		for (v = 0; v < 120; v++) {
			if (rng_below(&g, 8) < pa)
				a[na++] = v;
			if (k % 3 == 0 ? na > 0 && a[na - 1] == v &&
			    rng_below(&g, 16) != 0 : rng_below(&g, 8) < pb)
				b[nb++] = v;
		}
		want = naive(a, na, b, nb);
		j = minhash_jaccard(a, na, b, nb);
		bad += j != want;
		for (t = 0; t < sizeof(ts) / sizeof(ts[0]); t++) {
			jm = minhash_jaccard_min(a, na, b, nb, ts[t]);
			badmin += want >= ts[t] ? jm != want : jm >= ts[t];
		}
	}
	CHECK(bad == 0, "merge agrees with the plain count (%zu of %zu off)",
	    bad, trials);
	CHECK(badmin == 0, "jaccard_min is exact at or above t, below "
	    "otherwise (%zu off)", badmin);
}

/*
 * Shingles of texts of every size, through every branch of the sort (short,
 * bucketed, radix), against qsort and a plain pass over the repeats.
 */
static void
test_sort(void)
{
	static const size_t words[] = { 1, 5, 20, 200, 1500, 4000 };
	struct shingles raw = SHINGLES_INIT, sh = SHINGLES_INIT;
	struct buf text = BUF_INIT;
	struct rng g;
	size_t w, i, o, bad = 0;

	rng_seed(&g, 11);
	for (w = 0; w < sizeof(words) / sizeof(words[0]); w++) {
		buf_reset(&text);
		for (i = 0; i < words[w]; i++)
			buf_printf(&text, "%sw%u", i ? " " : "",
			    (unsigned)rng_below(&g, words[w] / 2 + 1));
		minhash_hash(&mh, text.data, text.len, MINHASH_MIXED, &raw);
		minhash_shingles(&mh, text.data, text.len, MINHASH_MIXED, &sh);
		qsort(raw.h, raw.n, sizeof(*raw.h), cmp32);
		for (i = 1, o = 1; i < raw.n; i++)
			if (raw.h[i] != raw.h[o - 1])
				raw.h[o++] = raw.h[i];
		if (o != sh.n || memcmp(raw.h, sh.h, o * sizeof(*sh.h)) != 0)
			bad++;
	}
	CHECK(bad == 0, "sorted shingles of 1 to 4000 words match qsort "
	    "(%zu off)", bad);
	shingles_release(&raw);
	shingles_release(&sh);
	buf_release(&text);
}

/* A random set of n values, with the first k taken from base. */
static void
mkset(struct rng *g, const uint32_t *base, size_t k, size_t n, uint32_t *out)
{
	size_t i;

	for (i = 0; i < n; i++)
		out[i] = i < k ? base[i] : (uint32_t)rng_next(g) | 1u << 31;
}

static int
cmp32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static void
test_minhash(void)
{
	uint64_t s1[MINHASH_SIGLEN], s2[MINHASH_SIGLEN];
	uint32_t k1[MINHASH_BANDS], k2[MINHASH_BANDS];
	uint32_t base[100], x[100], y[100], rev[100];
	struct minhash other;
	struct rng g;
	size_t i, b, agree = 0, cand = 0, shared, trials = 400;
	struct shingles sh, raw = SHINGLES_INIT;

	sh = sh_of("zieleń miasto", MINHASH_CHARS);
	minhash_sign(&mh, sh.h, sh.n, s1);
	minhash_sign(&mh, sh.h, sh.n, s2);
	CHECK(memcmp(s1, s2, sizeof(s1)) == 0, "signature is deterministic");
	minhash_hash(&mh, "zieleń miasto", strlen("zieleń miasto"),
	    MINHASH_CHARS, &raw);
	minhash_sign(&mh, raw.h, raw.n, s2);
	CHECK(memcmp(s1, s2, sizeof(s1)) == 0,
	    "unsorted shingles with repeats sign alike");
	shingles_release(&raw);
	minhash_init(&other, 7);
	minhash_sign(&other, sh.h, sh.n, s2);
	CHECK(memcmp(s1, s2, sizeof(s1)) != 0, "another seed, other rows");
	/* The same on every machine: pure 64-bit arithmetic on bytes. */
	CHECK(sh.n == 13 && sh.h[0] == 0x06b6010bu,
	    "first 3-gram hash of 'zieleń miasto' is fixed (%zu, %08x)",
	    sh.n, (unsigned)sh.h[0]);
	for (b = 0; b < MINHASH_SIGLEN && s1[b] != UINT64_MAX; b++)
		;
	CHECK(b == MINHASH_SIGLEN, "13 shingles fill all 64 rows");
	minhash_bands(&mh, s1, k1);
	minhash_bands(&mh, s1, k2);
	CHECK(memcmp(k1, k2, sizeof(k1)) == 0, "equal signatures, equal tags");
	shingles_release(&sh);
	sh = sh_of("a", MINHASH_CHARS);
	minhash_sign(&mh, sh.h, sh.n, s1);
	for (b = 1; b < MINHASH_SIGLEN && s1[b] == s1[0]; b++)
		;
	CHECK(sh.n == 1 && b == MINHASH_SIGLEN,
	    "one shingle densifies into every row");
	shingles_release(&sh);

	/* Pairs of 100-element sets sharing 89: J = 89 / 111 = 0.80. */
	rng_seed(&g, 1);
	for (i = 0; i < trials; i++) {
		mkset(&g, NULL, 0, 100, base);
		mkset(&g, base, 89, 100, x);
		mkset(&g, base, 89, 100, y);
		for (b = 0; b < 100; b++)
			rev[b] = x[99 - b];
		qsort(x, 100, sizeof(*x), cmp32);
		qsort(y, 100, sizeof(*y), cmp32);
		minhash_sign(&mh, x, 100, s1);
		minhash_sign(&mh, rev, 100, s2);
		if (memcmp(s1, s2, sizeof(s1)) != 0)
			break;
		minhash_sign(&mh, y, 100, s2);
		for (b = 0; b < MINHASH_SIGLEN; b++)
			agree += s1[b] == s2[b];
		minhash_bands(&mh, s1, k1);
		minhash_bands(&mh, s2, k2);
		for (b = 0, shared = 0; b < MINHASH_BANDS; b++)
			shared += k1[b] == k2[b];
		cand += shared >= 2;
	}
	CHECK(i == trials, "the order of the shingles does not matter");
	CHECK(fabs((double)agree / (trials * MINHASH_SIGLEN) - 0.8) < 0.02,
	    "signature rows agree at rate J (%.3f)",
	    (double)agree / (trials * MINHASH_SIGLEN));
	CHECK(cand >= trials * 99 / 100,
	    "pairs at J 0.8 share 2 of 16 bands (%zu of %zu)", cand, trials);

	/* Short sets (9 shingles each, 8 shared, J 0.8): most rows are
	 * densified, and still agree at rate J. */
	agree = 0;
	for (i = 0; i < trials; i++) {
		mkset(&g, NULL, 0, 10, base);
		memcpy(x, base, 9 * sizeof(*x));
		memcpy(y, base + 1, 9 * sizeof(*y));
		minhash_sign(&mh, x, 9, s1);
		minhash_sign(&mh, y, 9, s2);
		for (b = 0; b < MINHASH_SIGLEN; b++)
			agree += s1[b] == s2[b];
	}
	CHECK(fabs((double)agree / (trials * MINHASH_SIGLEN) - 0.8) < 0.03,
	    "densified rows agree at rate J (%.3f)",
	    (double)agree / (trials * MINHASH_SIGLEN));
}

static void
test_sketch(void)
{
	struct sketch sk, back;
	char val[SKETCH_MAXLEN + 1], bad[SKETCH_MAXLEN + 1];
	size_t n, b;
	uint32_t p = minhash_params(2030, MINHASH_MIXED, "tokens");

	CHECK(p != minhash_params(2031, MINHASH_MIXED, "tokens") &&
	    p != minhash_params(2030, MINHASH_WORDS, "tokens") &&
	    p != minhash_params(2030, MINHASH_MIXED, "terms"),
	    "seed, mode and column change the parameter tag");
	memset(&sk, 0, sizeof(sk));
	sk.params = 0x0123abcd;
	sk.check = 0xdeadbeef;
	for (b = 0; b < MINHASH_BANDS; b++)
		sk.tags[b] = (uint32_t)(b * 0x11111111u) ^ 0x80000001u;
	n = minhash_sketch_encode(&sk, val);
	CHECK(n == SKETCH_MAXLEN && strlen(val) == n &&
	    strncmp(val, "m1:0123abcd:", 12) == 0, "sketch value '%s'", val);
	CHECK(strspn(val + 12, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789-_") == SKETCH_DATALEN,
	    "sketch data is base64url");
	memset(&back, 0xff, sizeof(back));
	CHECK(minhash_sketch_decode(val, n, &back) == 0 && !back.empty &&
	    back.params == sk.params && back.check == sk.check &&
	    memcmp(back.tags, sk.tags, sizeof(sk.tags)) == 0,
	    "sketch round-trips");
	sk.empty = 1;
	n = minhash_sketch_encode(&sk, val);
	CHECK(n == 12 && strcmp(val, "m1:0123abcd:") == 0,
	    "empty text, empty data");
	CHECK(minhash_sketch_decode(val, n, &back) == 0 && back.empty &&
	    back.params == sk.params, "empty sketch decodes");
	CHECK(minhash_sketch_decode("m2:anything", 11, &back) == 1,
	    "another format version is told apart");
	CHECK(minhash_sketch_decode("", 0, &back) == -1 &&
	    minhash_sketch_decode("m1:0123abcd", 11, &back) == -1 &&
	    minhash_sketch_decode("m1:0123ABCD:", 12, &back) == -1 &&
	    minhash_sketch_decode("x1:0123abcd:", 12, &back) == -1,
	    "malformed values are rejected");
	sk.empty = 0;
	n = minhash_sketch_encode(&sk, val);
	memcpy(bad, val, n + 1);
	bad[40] = '=';
	CHECK(minhash_sketch_decode(bad, n, &back) == -1,
	    "a character outside base64url is rejected");
	memcpy(bad, val, n + 1);
	bad[n - 1] = val[n - 1] == 'B' ? 'C' : 'B';
	CHECK(minhash_sketch_decode(bad, n, &back) == -1,
	    "nonzero bits past the data are rejected");
	CHECK(minhash_sketch_decode(val, n - 1, &back) == -1,
	    "a short value is rejected");
}

int
main(void)
{
	minhash_init(&mh, 2030);
	test_normalize();
	test_short();
	test_words();
	test_similarity();
	test_jaccard();
	test_merge();
	test_sort();
	test_minhash();
	test_sketch();
	return check_done();
}
