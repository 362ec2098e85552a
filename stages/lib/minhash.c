/*
 * minhash.c - shingles, one-permutation MinHash signatures, LSH band tags,
 * exact Jaccard similarity and dup_sketch values for glosy-dedup(1); see
 * minhash.h for the definitions.
 */
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "glosy.h"
#include "minhash.h"

void
minhash_init(struct minhash *m, uint64_t seed)
{
	struct rng g;
	int i, j, k;
	unsigned char t;

	rng_seed(&g, seed);
	for (i = 0; i < MINHASH_CHARQ; i++)
		m->cmul[i] = rng_next(&g);
	m->cadd = rng_next(&g);
	m->wseed = rng_next(&g);
	for (i = 0; i < 2 * MINHASH_WORDK; i++)
		m->wmul[i] = rng_next(&g);
	m->wadd = rng_next(&g);
	m->xseed = rng_next(&g);
	for (i = 0; i < MINHASH_BANDS; i++)
		m->band[i] = rng_next(&g);
	/* Each bin's own random order of all the bins (Fisher-Yates), in
	 * which densification looks for a non-empty one. */
	for (i = 0; i < MINHASH_SIGLEN; i++) {
		for (j = 0; j < MINHASH_SIGLEN; j++)
			m->probe[i][j] = (unsigned char)j;
		for (j = MINHASH_SIGLEN - 1; j > 0; j--) {
			k = (int)rng_below(&g, (uint64_t)j + 1);
			t = m->probe[i][j];
			m->probe[i][j] = m->probe[i][k];
			m->probe[i][k] = t;
		}
	}
}

static int
isblank_byte(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

size_t
minhash_nterms(const char *s, size_t len)
{
	size_t i, n = 0;
	int in = 0;

	for (i = 0; i < len; i++) {
		if (isblank_byte((unsigned char)s[i]))
			in = 0;
		else if (!in) {
			in = 1;
			n++;
		}
	}
	return n;
}

size_t
minhash_normalize(const char *s, size_t len, char *dst, size_t *ntermsp)
{
	size_t i, o = 0, n = 0;
	int in = 0;

	for (i = 0; i < len; i++) {
		if (isblank_byte((unsigned char)s[i])) {
			in = 0;
			continue;
		}
		if (!in) {
			if (n > 0)
				dst[o++] = ' ';
			n++;
			in = 1;
		}
		dst[o++] = s[i];
	}
	if (ntermsp != NULL)
		*ntermsp = n;
	return o;
}

static void
push(struct shingles *sh, uint32_t h)
{
	if (sh->n == sh->cap) {
		sh->cap = sh->cap ? sh->cap * 2 : 64;
		sh->h = xreallocarray(sh->h, sh->cap, sizeof(*sh->h));
	}
	sh->h[sh->n++] = h;
}

/* Sorts a[0..n) by insertion: linear for nearly sorted input. */
static void
isort32(uint32_t *a, size_t n)
{
	size_t i, j;
	uint32_t x;

	for (i = 1; i < n; i++) {
		x = a[i];
		for (j = i; j > 0 && a[j - 1] > x; j--)
			a[j] = a[j - 1];
		a[j] = x;
	}
}

/* Copies the sorted src[0..n) to dst without repeats; returns the count.
 * dst may be src. */
static size_t
uniq32(uint32_t *dst, const uint32_t *src, size_t n)
{
	size_t i, o;

	if (n == 0)
		return 0;
	dst[0] = src[0];
	for (i = 1, o = 1; i < n; i++)
		if (src[i] != dst[o - 1])
			dst[o++] = src[i];
	return o;
}

/*
 * Sorts a[0..n) with tmp[0..n) as scratch and drops the repeats; returns
 * how many values are left in a.  Shingle hashes are uniform, so a pass
 * that deals them into about n buckets by their top bits leaves only short
 * runs out of order, which insertion sort then puts right in linear
 * expected time; short sets skip the dealing, and long ones take a radix
 * sort.
 */
static size_t
sortuniq32(uint32_t *a, uint32_t *tmp, size_t n)
{
	uint32_t cnt[256], sum, c, *src = a, *dst = tmp, *t;
	size_t i;
	int bits = 0, shift;

	if (n <= 32) {
		isort32(a, n);
		return uniq32(a, a, n);
	}
	if (n > 4096) {
		/* A byte-wise radix sort: four passes leave the result back
		 * in a. */
		for (shift = 0; shift < 32; shift += 8) {
			memset(cnt, 0, sizeof(cnt));
			for (i = 0; i < n; i++)
				cnt[(src[i] >> shift) & 0xff]++;
			for (i = 0, sum = 0; i < 256; i++) {
				c = cnt[i];
				cnt[i] = sum;
				sum += c;
			}
			for (i = 0; i < n; i++)
				dst[cnt[(src[i] >> shift) & 0xff]++] = src[i];
			t = src;
			src = dst;
			dst = t;
		}
		return uniq32(a, a, n);
	}
	while (bits < 8 && ((size_t)1 << bits) < n)
		bits++;
	memset(cnt, 0, sizeof(*cnt) << bits);
	for (i = 0; i < n; i++)
		cnt[a[i] >> (32 - bits)]++;
	for (i = 0, sum = 0; i < ((size_t)1 << bits); i++) {
		c = cnt[i];
		cnt[i] = sum;
		sum += c;
	}
	for (i = 0; i < n; i++)
		tmp[cnt[a[i] >> (32 - bits)]++] = a[i];
	isort32(tmp, n);
	return uniq32(a, tmp, n);
}

size_t
minhash_sortuniq(struct shingles *sh)
{
	if (sh->n >= 2) {
		/* The text is shingled: its scratch space is free. */
		if (sh->tmpcap < sh->n * sizeof(uint32_t)) {
			sh->tmpcap = sh->n * sizeof(uint32_t);
			free(sh->tmp);
			sh->tmp = xmalloc(sh->tmpcap);
		}
		sh->n = sortuniq32(sh->h, (uint32_t *)(void *)sh->tmp, sh->n);
	}
	sh->sorted = 1;
	return sh->n;
}

/*
 * Base letters of U+00C0..U+017F (Latin-1 Supplement and Latin Extended-A),
 * '.' where there is none (æ, ×, ß, ...): Polish ą ć ę ł ń ó ś ź ż, and the
 * letters of the other Latin alphabets answers come in, lose their marks.
 */
static const char basechar[] =
    "aaaaaa.ceeeeiiiidnooooo.ouuuuy.."
    "aaaaaa.ceeeeiiiidnooooo.ouuuuy.y"
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii..jjkkkllllllllll"
    "nnnnnnnnnoooooo..rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

size_t
minhash_unaccent(const char *s, size_t len, char *dst)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, o = 0;
	unsigned cp;

	for (i = 0; i < len; i++) {
		if (i + 1 < len && u[i] >= 0xC3 && u[i] <= 0xC5 &&
		    (u[i + 1] & 0xC0) == 0x80) {
			cp = (unsigned)(u[i] & 0x1F) << 6 | (u[i + 1] & 0x3F);
			if (cp >= 0xC0 && basechar[cp - 0xC0] != '.') {
				dst[o++] = basechar[cp - 0xC0];
				i++;
				continue;
			}
		}
		dst[o++] = s[i];
	}
	return o;
}

/*
 * The value of one code point, s[0..n): a lead byte and the continuation
 * bytes after it (invalid UTF-8 simply makes odd code points).  Up to four
 * bytes are packed little-endian, which no two code points share, as
 * continuation bytes are never zero; a longer run is hashed, with a
 * continuation byte at the bottom, where a packed value has its lead byte.
 * The '_' that glosy-stem puts between the words of a phrase term counts as
 * a space, so a phrase that a typo broke up still shares most q-grams.
 */
static uint32_t
unitval(const unsigned char *s, size_t n)
{
	uint32_t v = 0;
	size_t i;

	if (n == 1)
		return s[0] == '_' ? ' ' : s[0];
	if (n > 4)
		return ((uint32_t)hash_bytes(s, n, 0) & ~0xffu) | 0x80;
	for (i = n; i-- > 0;)
		v = v << 8 | s[i];
	return v;
}

/* Multiply-add-shift over the code points of a q-gram: strongly universal
 * for vectors of 32-bit values with 64-bit arithmetic (Dietzfelbinger). */
static uint32_t
qgram(const struct minhash *m, const uint32_t *u)
{
	uint64_t h = m->cadd;
	int k;

	for (k = 0; k < MINHASH_CHARQ; k++)
		h += m->cmul[k] * u[k];
	return (uint32_t)(h >> 32);
}

/*
 * Character q-grams of the framed text s[0..len) (" text ", unaccented):
 * a window of MINHASH_CHARQ code points slides over it.  A text of fewer
 * code points (only an invalid one can be) has one shingle of them all.
 */
static void
charshingles(const struct minhash *m, const unsigned char *s, size_t len,
    struct shingles *sh)
{
	uint32_t u[MINHASH_CHARQ] = { 0 };
	size_t i = 0, j, nu = 0;
	int k;

	while (i < len) {
		for (j = i + 1; j < len && (s[j] & 0xC0) == 0x80; j++)
			;
		for (k = 0; k + 1 < MINHASH_CHARQ; k++)
			u[k] = u[k + 1];
		u[MINHASH_CHARQ - 1] = unitval(s + i, j - i);
		if (++nu >= MINHASH_CHARQ)
			push(sh, qgram(m, u));
		i = j;
	}
	if (nu > 0 && nu < MINHASH_CHARQ)
		push(sh, qgram(m, u));
}

/*
 * Word k-grams of the normalized text s: each word gets a 64-bit FNV-1a
 * hash, and a window of MINHASH_WORDK of them is hashed by multiply-add-
 * shift over their 32-bit halves.
 */
static void
wordshingles(const struct minhash *m, const unsigned char *s, size_t len,
    struct shingles *sh)
{
	uint64_t w[MINHASH_WORDK] = { 0 }, h;
	size_t i, nw = 0;
	int k;

	for (i = 0; i < len; i++) {
		h = 0xcbf29ce484222325ULL ^ m->wseed;
		for (; i < len && s[i] != ' '; i++)
			h = (h ^ s[i]) * 0x100000001b3ULL;
		for (k = 0; k + 1 < MINHASH_WORDK; k++)
			w[k] = w[k + 1];
		w[MINHASH_WORDK - 1] = h;
		if (++nw < MINHASH_WORDK)
			continue;
		h = m->wadd;
		for (k = 0; k < MINHASH_WORDK; k++)
			h += m->wmul[2 * k] * (uint32_t)w[k] +
			    m->wmul[2 * k + 1] * (w[k] >> 32);
		push(sh, (uint32_t)(h >> 32));
	}
}

/* Whether the normalized text s has at least MINHASH_WORDK terms. */
static int
haswords(const char *s, size_t len)
{
	size_t i, n = 1;

	for (i = 0; i < len && n < MINHASH_WORDK; i++)
		n += s[i] == ' ';
	return n >= MINHASH_WORDK;
}

size_t
minhash_hash(const struct minhash *m, const char *s, size_t len, int mode,
    struct shingles *sh)
{
	unsigned char *t;
	size_t n;
	int words;

	sh->n = 0;
	sh->chars = 0;
	sh->sorted = 1;
	if (len == 0)
		return 0;
	sh->sorted = 0;
	if (sh->tmpcap < len + 2) {
		sh->tmpcap = len + 2 > 256 ? len + 2 : 256;
		free(sh->tmp);
		sh->tmp = xmalloc(sh->tmpcap);
	}
	t = (unsigned char *)sh->tmp;
	n = minhash_unaccent(s, len, sh->tmp + 1);
	t[0] = ' ';
	t[n + 1] = ' ';
	words = mode != MINHASH_CHARS && haswords(sh->tmp + 1, n);
	if (mode != MINHASH_WORDS || !words) {
		sh->chars = 1;
		charshingles(m, t, n + 2, sh);
	}
	if (words)
		wordshingles(m, t + 1, n, sh);
	return sh->n;
}

size_t
minhash_shingles(const struct minhash *m, const char *s, size_t len,
    int mode, struct shingles *sh)
{
	minhash_hash(m, s, len, mode, sh);
	return minhash_sortuniq(sh);
}

_Static_assert(MINHASH_SIGLEN == 64, "one bit a bin in a uint64_t");

/*
 * One hash a shingle: its top six bits choose the bin, and the whole value
 * competes for the bin's minimum (within a bin the top bits are equal, so
 * this is the minimum of the rest).  A bin no shingle chose takes the value
 * of the first chosen bin in its own order (m->probe): both sets of a pair
 * look in the same order, so they agree there exactly when they agree in
 * the bin found, with probability J again.
 */
void
minhash_sign(const struct minhash *m, const uint32_t *h, size_t n,
    uint64_t *sig)
{
	const unsigned char *p;
	uint64_t x, full = 0;
	size_t i;
	int b;

	for (b = 0; b < MINHASH_SIGLEN; b++)
		sig[b] = UINT64_MAX;
	for (i = 0; i < n; i++) {
		x = hash_mix(h[i] ^ m->xseed);
		b = (int)(x >> 58);
		sig[b] = x < sig[b] ? x : sig[b];
		full |= 1ULL << b;
	}
	if (full == 0 || full == UINT64_MAX)
		return;
	for (b = 0; b < MINHASH_SIGLEN; b++) {
		if (full >> b & 1)
			continue;
		for (p = m->probe[b]; !(full >> *p & 1); p++)
			;
		sig[b] = sig[*p];
	}
}

void
minhash_bands(const struct minhash *m, const uint64_t *sig, uint32_t *tags)
{
	uint64_t k;
	int b, r;

	for (b = 0; b < MINHASH_BANDS; b++) {
		k = m->band[b];
		for (r = 0; r < MINHASH_ROWS; r++)
			k = (k ^ sig[b * MINHASH_ROWS + r]) *
			    0x9e3779b97f4a7c15ULL;
		tags[b] = (uint32_t)(hash_mix(k) >> 32);
	}
}

double
minhash_jaccard(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	return minhash_jaccard_min(a, na, b, nb, 0);
}

/* One step of a merge without branches: the comparisons, which no
 * predictor could guess, decide the steps. */
#define MERGE_STEP() do {						\
	x = a[i];							\
	y = b[j];							\
	inter += x == y;						\
	i += x <= y;							\
	j += x >= y;							\
} while (0)

#ifdef __SSE2__
/* The number of bits set in each 4-bit mask. */
static const unsigned char bits4[16] = {
	0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4
};
#endif

double
minhash_jaccard_min(const uint32_t *a, size_t na, const uint32_t *b,
    size_t nb, double t)
{
	size_t i = 0, j = 0, inter = 0, need, lo, hi, missa, missb;
	uint32_t x, y;

	if (na == 0 || nb == 0)
		return 0;
	/* J <= min/max, and J >= t needs inter >= t (na + nb) / (1 + t). */
	lo = na < nb ? na : nb;
	hi = na < nb ? nb : na;
	if ((double)lo < t * (double)hi)
		return (double)lo / (double)hi;
	need = (size_t)(t * (double)(na + nb) / (1 + t));
	/* Then need <= lo: the elements of a (of b) outside b (outside a)
	 * may number missa (missb) at most. */
	missa = na - need;
	missb = nb - need;
#ifdef __SSE2__
	/*
	 * Blocks of four against four, every pair compared at once; the
	 * block with the smaller last element moves on (both when equal),
	 * so every pair of blocks that can share an element meets once.
	 * inter may count the matches of a block not yet passed, so the
	 * test on the misses is weaker here, never wrong.
	 */
	while (i + 4 <= na && j + 4 <= nb) {
		__m128i va = _mm_loadu_si128((const __m128i *)(a + i));
		__m128i vb = _mm_loadu_si128((const __m128i *)(b + j));
		__m128i m;

		m = _mm_or_si128(
		    _mm_or_si128(_mm_cmpeq_epi32(va, vb),
		    _mm_cmpeq_epi32(va, _mm_shuffle_epi32(vb, 0x39))),
		    _mm_or_si128(
		    _mm_cmpeq_epi32(va, _mm_shuffle_epi32(vb, 0x4e)),
		    _mm_cmpeq_epi32(va, _mm_shuffle_epi32(vb, 0x93))));
		/* A table: without -mpopcnt, __builtin_popcount is a call. */
		inter += bits4[_mm_movemask_ps(_mm_castsi128_ps(m))];
		x = a[i + 3];
		y = b[j + 3];
		i += x <= y ? 4 : 0;
		j += x >= y ? 4 : 0;
		if (i > inter + missa || j > inter + missb)
			return 0;
	}
#endif
	for (;;) {
		if (i + 4 <= na && j + 4 <= nb) {
			MERGE_STEP();
			MERGE_STEP();
			MERGE_STEP();
			MERGE_STEP();
		} else if (i < na && j < nb)
			MERGE_STEP();
		else
			break;
		if (i > inter + missa || j > inter + missb)
			return 0;
	}
	return (double)inter / (double)(na + nb - inter);
}

void
shingles_release(struct shingles *sh)
{
	free(sh->h);
	free(sh->tmp);
	sh->h = NULL;
	sh->tmp = NULL;
	sh->n = sh->cap = sh->tmpcap = 0;
	sh->chars = sh->sorted = 0;
}

uint32_t
minhash_params(uint64_t seed, int mode, const char *column)
{
	uint64_t h;

	h = hash_bytes(column, strlen(column), seed);
	h = hash_mix(h ^ ((uint64_t)mode | (uint64_t)MINHASH_CHARQ << 8 |
	    (uint64_t)MINHASH_WORDK << 16 | (uint64_t)MINHASH_BANDS << 24 |
	    (uint64_t)MINHASH_ROWS << 32 | (uint64_t)1 << 40));
	return (uint32_t)(h >> 32);
}

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

#define SKETCH_BYTES	(4 * (1 + MINHASH_BANDS))

size_t
minhash_sketch_encode(const struct sketch *sk, char *out)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char raw[SKETCH_BYTES];
	uint32_t w, acc = 0;
	size_t i, o;
	int k, nbits = 0;

	memcpy(out, "m1:", 3);
	for (i = 0; i < 8; i++)
		out[3 + i] = hex[sk->params >> (28 - 4 * i) & 0xf];
	out[11] = ':';
	o = 12;
	if (!sk->empty) {
		for (k = 0; k <= MINHASH_BANDS; k++) {
			w = k == 0 ? sk->check : sk->tags[k - 1];
			for (i = 0; i < 4; i++)
				raw[4 * k + i] = (unsigned char)(w >> (8 * i));
		}
		for (i = 0; i < SKETCH_BYTES; i++) {
			acc = acc << 8 | raw[i];
			for (nbits += 8; nbits >= 6; nbits -= 6)
				out[o++] = b64[acc >> (nbits - 6) & 0x3f];
		}
		if (nbits > 0)
			out[o++] = b64[acc << (6 - nbits) & 0x3f];
	}
	out[o] = '\0';
	return o;
}

static int
b64val(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '-')
		return 62;
	if (c == '_')
		return 63;
	return -1;
}

int
minhash_sketch_decode(const char *s, size_t len, struct sketch *sk)
{
	unsigned char raw[SKETCH_BYTES];
	uint32_t acc = 0, w;
	size_t i, o = 0;
	int k, v, nbits = 0;

	if (len < 3 || s[0] != 'm' || s[1] < '0' || s[1] > '9')
		return -1;
	for (i = 1; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		;
	if (i == len || s[i] != ':')
		return -1;
	if (i != 2 || s[1] != '1')
		return 1;
	if (len != 12 && len != 12 + SKETCH_DATALEN)
		return -1;
	sk->params = 0;
	for (i = 3; i < 11; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			v = s[i] - '0';
		else if (s[i] >= 'a' && s[i] <= 'f')
			v = s[i] - 'a' + 10;
		else
			return -1;
		sk->params = sk->params << 4 | (uint32_t)v;
	}
	if (s[11] != ':')
		return -1;
	sk->empty = len == 12;
	sk->check = 0;
	memset(sk->tags, 0, sizeof(sk->tags));
	if (sk->empty)
		return 0;
	for (i = 12; i < len; i++) {
		if ((v = b64val((unsigned char)s[i])) < 0)
			return -1;
		acc = acc << 6 | (uint32_t)v;
		nbits += 6;
		if (nbits >= 8) {
			nbits -= 8;
			raw[o++] = (unsigned char)(acc >> nbits);
		}
	}
	/* The bits left over must be zero, so that one sketch has one
	 * spelling. */
	if (o != SKETCH_BYTES || (acc & ((1u << nbits) - 1)) != 0)
		return -1;
	for (k = 0; k <= MINHASH_BANDS; k++) {
		w = 0;
		for (i = 4; i-- > 0;)
			w = w << 8 | raw[4 * k + i];
		if (k == 0)
			sk->check = w;
		else
			sk->tags[k - 1] = w;
	}
	return 0;
}
