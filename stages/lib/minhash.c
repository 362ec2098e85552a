/*
 * minhash.c - shingles, MinHash signatures, LSH band keys and exact Jaccard
 * similarity for glosy-dedup(1); see minhash.h for the definitions.
 */
#include <stdlib.h>
#include <string.h>

#include "glosy.h"
#include "minhash.h"

uint64_t
minhash_mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

void
minhash_init(struct minhash *m, uint64_t seed)
{
	struct rng g;
	int i;

	rng_seed(&g, seed);
	m->wseed = rng_next(&g);
	m->cseed = rng_next(&g);
	m->xseed = rng_next(&g);
	for (i = 0; i < MINHASH_SIGLEN; i++) {
		m->mul[i] = rng_next(&g) | 1;
		m->row[i] = rng_next(&g);
	}
	for (i = 0; i < MINHASH_BANDS; i++)
		m->band[i] = rng_next(&g);
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
push(struct shingles *sh, uint64_t h64)
{
	uint32_t h = (uint32_t)(h64 >> 32) ^ (uint32_t)h64;

	if (sh->n == sh->cap) {
		sh->cap = sh->cap ? sh->cap * 2 : 32;
		sh->h = xreallocarray(sh->h, sh->cap, sizeof(*sh->h));
	}
	sh->h[sh->n++] = h;
}

/* Sorts a[0..n) with tmp[0..n) as scratch: insertion sort for the short
 * sets most texts have, a byte-wise radix sort for long ones. */
static void
sort32(uint32_t *a, uint32_t *tmp, size_t n)
{
	size_t cnt[256], i, j, sum, c;
	uint32_t x, *src = a, *dst = tmp, *t;
	int shift;

	if (n <= 48) {
		for (i = 1; i < n; i++) {
			x = a[i];
			for (j = i; j > 0 && a[j - 1] > x; j--)
				a[j] = a[j - 1];
			a[j] = x;
		}
		return;
	}
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
	/* Four passes leave the result back in a. */
}

static void
sortuniq(struct shingles *sh)
{
	uint32_t *tmp;
	size_t i, o;

	if (sh->n < 2)
		return;
	tmp = sh->n > 48 ? xreallocarray(NULL, sh->n, sizeof(*tmp)) : NULL;
	sort32(sh->h, tmp, sh->n);
	free(tmp);
	for (i = 1, o = 1; i < sh->n; i++)
		if (sh->h[i] != sh->h[o - 1])
			sh->h[o++] = sh->h[i];
	sh->n = o;
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

/* Character q-grams of " s " (s unaccented already): code points are found
 * by their lead bytes, which is all UTF-8 needs; invalid bytes simply count
 * as code points.  The '_' that glosy-stem puts between the words of a
 * phrase term counts as a space, so a phrase that a typo broke up still
 * shares most q-grams. */
static void
charshingles(const struct minhash *m, const char *s, size_t len,
    struct shingles *sh)
{
	struct buf t = BUF_INIT;
	size_t *start, ncp = 0, i, end;

	buf_addc(&t, ' ');
	buf_add(&t, s, len);
	buf_addc(&t, ' ');
	for (i = 0; i < t.len; i++)
		if (t.data[i] == '_')
			t.data[i] = ' ';
	start = xreallocarray(NULL, t.len + 1, sizeof(*start));
	for (i = 0; i < t.len; i++)
		if (((unsigned char)t.data[i] & 0xC0) != 0x80)
			start[ncp++] = i;
	start[ncp] = t.len;
	if (ncp <= MINHASH_CHARQ)
		push(sh, hash_bytes(t.data, t.len, m->cseed));
	else
		for (i = 0; i + MINHASH_CHARQ <= ncp; i++) {
			end = start[i + MINHASH_CHARQ];
			push(sh, hash_bytes(t.data + start[i], end - start[i],
			    m->cseed));
		}
	free(start);
	buf_release(&t);
}

/*
 * Word k-grams of the normalized text s.  A window of k terms slides over
 * it; tb[] holds the start of each term in the window, so a shingle is the
 * byte span from the first start to the end of the k-th term.
 */
static void
wordshingles(const struct minhash *m, const char *s, size_t len,
    struct shingles *sh)
{
	size_t tb[MINHASH_WORDK + 1], i, nt = 0;

	for (i = 0; i <= len; i++) {
		if (i < len && s[i] != ' ' && (i == 0 || s[i - 1] == ' ')) {
			if (nt == MINHASH_WORDK) {
				memmove(tb, tb + 1,
				    (MINHASH_WORDK - 1) * sizeof(*tb));
				nt--;
			}
			tb[nt++] = i;
		}
		if ((i == len || s[i] == ' ') && i > 0 && s[i - 1] != ' ' &&
		    nt == MINHASH_WORDK)
			push(sh, hash_bytes(s + tb[0], i - tb[0], m->wseed));
	}
}

size_t
minhash_shingles(const struct minhash *m, const char *s, size_t len,
    int mode, struct shingles *sh)
{
	char *u;
	int words;

	sh->n = 0;
	sh->chars = 0;
	if (len == 0)
		return 0;
	u = xmalloc(len);
	len = minhash_unaccent(s, len, u);
	words = mode != MINHASH_CHARS &&
	    minhash_nterms(u, len) >= MINHASH_WORDK;
	if (mode != MINHASH_WORDS || !words) {
		sh->chars = 1;
		charshingles(m, u, len, sh);
	}
	if (words)
		wordshingles(m, u, len, sh);
	free(u);
	sortuniq(sh);
	return sh->n;
}

/*
 * Row j hashes a shingle x to a[j] * mix(x) + b[j] (mod 2^64), a[j] odd:
 * a permutation of the 64-bit values, one multiply-add per row once the
 * shingle is mixed, where a full mix per row would cost five operations.
 */
void
minhash_sign(const struct minhash *m, const uint32_t *h, size_t n,
    uint64_t *sig)
{
	size_t i, j;
	uint64_t v, x;

	for (j = 0; j < MINHASH_SIGLEN; j++)
		sig[j] = UINT64_MAX;
	for (i = 0; i < n; i++) {
		x = minhash_mix(h[i] ^ m->xseed);
		for (j = 0; j < MINHASH_SIGLEN; j++) {
			v = x * m->mul[j] + m->row[j];
			sig[j] = v < sig[j] ? v : sig[j];
		}
	}
}

void
minhash_bands(const struct minhash *m, const uint64_t *sig, uint64_t salt,
    uint64_t *keys)
{
	uint64_t k;
	int b, r;

	for (b = 0; b < MINHASH_BANDS; b++) {
		k = m->band[b] ^ minhash_mix(salt + 0x9e3779b97f4a7c15ULL);
		for (r = 0; r < MINHASH_ROWS; r++)
			k = minhash_mix(k ^ sig[b * MINHASH_ROWS + r]) +
			    0x9e3779b97f4a7c15ULL;
		keys[b] = k;
	}
}

double
minhash_jaccard(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	return minhash_jaccard_min(a, na, b, nb, 0);
}

double
minhash_jaccard_min(const uint32_t *a, size_t na, const uint32_t *b,
    size_t nb, double t)
{
	size_t i = 0, j = 0, inter = 0, need, lo, hi;

	if (na == 0 || nb == 0)
		return 0;
	/* J <= min/max, and J >= t needs inter >= t (na + nb) / (1 + t). */
	lo = na < nb ? na : nb;
	hi = na < nb ? nb : na;
	if ((double)lo < t * (double)hi)
		return (double)lo / (double)hi;
	need = (size_t)(t * (double)(na + nb) / (1 + t));
	while (i < na && j < nb) {
		if (inter + (na - i < nb - j ? na - i : nb - j) < need)
			return 0;
		if (a[i] < b[j])
			i++;
		else if (a[i] > b[j])
			j++;
		else {
			inter++;
			i++;
			j++;
		}
	}
	return (double)inter / (double)(na + nb - inter);
}

void
shingles_release(struct shingles *sh)
{
	free(sh->h);
	sh->h = NULL;
	sh->n = sh->cap = 0;
	sh->chars = 0;
}
