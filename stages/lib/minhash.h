/*
 * minhash.h - shingling, MinHash signatures, LSH band keys and exact Jaccard
 * similarity: the core of near-duplicate detection in glosy-dedup(1).
 *
 * A text is a sequence of space-separated words or terms (the `tokens` or
 * `terms` column).  Its letters are first stripped of their diacritics
 * (minhash_unaccent), so that an answer typed without Polish letters has the
 * same shingles.  Its shingle set then holds, by mode:
 *   MINHASH_CHARS  the character q-grams (MINHASH_CHARQ code points) of the
 *                  text framed by one space on each side, so that even a
 *                  one-letter answer has a set of its own;
 *   MINHASH_WORDS  the word k-grams (MINHASH_WORDK words joined by one
 *                  space), or the character q-grams of a text with fewer
 *                  than k words;
 *   MINHASH_MIXED  both: q-grams tolerate typos, word pairs keep the order.
 * Word and character shingles are hashed with different seeds and never
 * equal each other.  Shingles are kept as 32-bit hashes, sorted and unique;
 * equal hashes stand for equal shingles.  Two sets of n shingles share a
 * false one with probability about n^2 / 2^32 (2e-6 for n = 100), which moves
 * their Jaccard similarity by less than 1/n: memory matters more here.
 *
 * Everything here is arithmetic on uint64_t and bytes, so the same seed gives
 * the same hashes on every machine.  The shingle vector is the caller's;
 * allocation failure is fatal, as everywhere in libglosy.
 */
#ifndef MINHASH_H
#define MINHASH_H

#include <stddef.h>
#include <stdint.h>

#define MINHASH_WORDK	2	/* terms per word shingle */
#define MINHASH_CHARQ	3	/* code points per character shingle */
#define MINHASH_BANDS	16	/* LSH bands */
#define MINHASH_ROWS	4	/* signature rows per band */
#define MINHASH_SIGLEN	(MINHASH_BANDS * MINHASH_ROWS)

/* The hash functions of one run, derived from one seed. */
struct minhash {
	uint64_t	wseed;			/* word shingles */
	uint64_t	cseed;			/* character shingles */
	uint64_t	xseed;			/* shingle mixing */
	uint64_t	mul[MINHASH_SIGLEN];	/* odd multiplier per row */
	uint64_t	row[MINHASH_SIGLEN];	/* addend per row */
	uint64_t	band[MINHASH_BANDS];	/* band key salts */
};

/* A growable vector of shingle hashes.  Release with shingles_release(). */
struct shingles {
	uint32_t	*h;
	size_t		 n, cap;
	int		 chars;		/* 1 if it has character shingles */
};
#define SHINGLES_INIT { NULL, 0, 0, 0 }

void	 minhash_init(struct minhash *, uint64_t seed);

/*
 * Counts the terms of s (runs of bytes other than space, tab, newline and
 * CR).
 */
size_t	 minhash_nterms(const char *s, size_t len);

#define MINHASH_CHARS	0	/* character q-grams */
#define MINHASH_WORDS	1	/* word k-grams, q-grams for short texts */
#define MINHASH_MIXED	2	/* character q-grams and word k-grams */

/*
 * Fills sh (emptied first) with the sorted, unique shingle hashes of the
 * kind given by mode of the text s, which must already be normalized:
 * terms separated by one space, no space at either end (minhash_normalize).
 * An empty text has no shingles.  Returns sh->n.
 */
size_t	 minhash_shingles(const struct minhash *, const char *s, size_t len,
	    int mode, struct shingles *sh);

/*
 * Rewrites the terms of s into dst (which must hold len bytes) separated by
 * one space, without leading or trailing blanks; returns the new length and
 * stores the number of terms in *ntermsp when it is not NULL.
 */
size_t	 minhash_normalize(const char *s, size_t len, char *dst,
	    size_t *ntermsp);

/*
 * Writes s into dst (which must hold len bytes) with every Latin letter of
 * U+00C0..U+017F that has a base letter replaced by it (ł as l, é as e);
 * returns the new length.  Other bytes are copied as they are.
 */
size_t	 minhash_unaccent(const char *s, size_t len, char *dst);

/* Computes the signature sig[MINHASH_SIGLEN] of a non-empty shingle set. */
void	 minhash_sign(const struct minhash *, const uint32_t *h, size_t n,
	    uint64_t *sig);

/*
 * Computes the MINHASH_BANDS band keys of a signature; salt is mixed into
 * every key (glosy-dedup --by passes the partition there).  Two sets with
 * Jaccard similarity J share at least one key with probability
 * 1 - (1 - J^ROWS)^BANDS.
 */
void	 minhash_bands(const struct minhash *, const uint64_t *sig,
	    uint64_t salt, uint64_t *keys);

/* The exact Jaccard similarity of two sorted, unique hash sets; two empty
 * sets have similarity 0 (an empty answer duplicates nothing). */
double	 minhash_jaccard(const uint32_t *a, size_t na, const uint32_t *b,
	    size_t nb);
/* Like minhash_jaccard() when the similarity is at least t; otherwise
 * returns some value below t, often without reading both sets through. */
double	 minhash_jaccard_min(const uint32_t *a, size_t na, const uint32_t *b,
	    size_t nb, double t);

/* A 64-bit finalizer (murmur3 fmix64): a bijection with full avalanche. */
uint64_t minhash_mix(uint64_t);

void	 shingles_release(struct shingles *);

#endif
