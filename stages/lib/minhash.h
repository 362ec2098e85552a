/*
 * minhash.h - shingling, one-permutation MinHash signatures, LSH band tags,
 * exact Jaccard similarity and the dup_sketch encoding: the core of
 * near-duplicate detection in glosy-dedup(1).
 *
 * A text is a sequence of space-separated words or terms (the `tokens` or
 * `terms` column).  Its letters are first stripped of their diacritics
 * (minhash_unaccent), so that an answer typed without Polish letters has the
 * same shingles.  Its shingle set then holds, by mode:
 *   MINHASH_CHARS  the character q-grams (MINHASH_CHARQ code points) of the
 *                  text framed by one space on each side, so that even a
 *                  one-letter answer has a set of its own;
 *   MINHASH_WORDS  the word k-grams (MINHASH_WORDK words in a row), or the
 *                  character q-grams of a text with fewer than k words;
 *   MINHASH_MIXED  both: q-grams tolerate typos, word pairs keep the order.
 * A shingle is kept as a 32-bit hash: a q-gram hashes its code points, a
 * word k-gram the 64-bit hashes of its words, each with a multiply-add-shift
 * function (Dietzfelbinger), which two distinct inputs share with
 * probability 2^-32.  Equal hashes stand for equal shingles.  Two sets of n
 * shingles share a false one with probability about n^2 / 2^32 (2e-6 for
 * n = 100), which moves their Jaccard similarity by less than 1/n.
 *
 * The signature is one-permutation MinHash (Li, Owen and Zhang 2012): one
 * 64-bit hash of each shingle picks one of MINHASH_SIGLEN bins by its top
 * bits and competes for that bin's minimum, so signing costs one hash a
 * shingle instead of one a row.  Empty bins are filled by optimal
 * densification (Shrivastava 2017): an empty bin takes the value of the
 * first non-empty bin in a fixed random order of the bins, its own.  Two
 * sets then agree in each row with probability equal to their Jaccard
 * similarity, as with MINHASH_SIGLEN independent permutations.
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
	uint64_t	cmul[MINHASH_CHARQ];	/* q-gram: one per code point */
	uint64_t	cadd;
	uint64_t	wseed;			/* word hashes */
	uint64_t	wmul[2 * MINHASH_WORDK]; /* k-gram: two per word */
	uint64_t	wadd;
	uint64_t	xseed;			/* shingle to bin and value */
	uint64_t	band[MINHASH_BANDS];	/* band tag salts */
	unsigned char	probe[MINHASH_SIGLEN][MINHASH_SIGLEN];
};

/*
 * A growable vector of shingle hashes, with the scratch space shingling
 * needs.  Release with shingles_release().
 */
struct shingles {
	uint32_t	*h;
	size_t		 n, cap;
	int		 chars;		/* 1 if it has character shingles */
	int		 sorted;	/* 1 if sorted and unique */
	char		*tmp;
	size_t		 tmpcap;
};
#define SHINGLES_INIT { NULL, 0, 0, 0, 0, NULL, 0 }

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
 * Fills sh (emptied first) with the shingle hashes of the kind given by mode
 * of the text s, which must already be normalized: terms separated by one
 * space, no space at either end (minhash_normalize).  An empty text has no
 * shingles.  minhash_hash() leaves them in text order, repeats included
 * (enough for minhash_sign); minhash_shingles() sorts them and drops the
 * repeats (needed by minhash_jaccard).  Both return sh->n.
 */
size_t	 minhash_hash(const struct minhash *, const char *s, size_t len,
	    int mode, struct shingles *sh);
size_t	 minhash_shingles(const struct minhash *, const char *s, size_t len,
	    int mode, struct shingles *sh);
/* Sorts the hashes of sh and drops the repeats; returns sh->n. */
size_t	 minhash_sortuniq(struct shingles *sh);

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

/*
 * Computes the signature sig[MINHASH_SIGLEN] of a non-empty shingle set
 * given as n hashes in any order, repeats allowed.
 */
void	 minhash_sign(const struct minhash *, const uint32_t *h, size_t n,
	    uint64_t *sig);

/*
 * Computes the MINHASH_BANDS band tags of a signature, 32 bits each.  Two
 * sets with Jaccard similarity J have the same tag in a band with
 * probability about J^ROWS (plus 2^-32 by chance), so they share at least
 * one with probability 1 - (1 - J^ROWS)^BANDS.
 */
void	 minhash_bands(const struct minhash *, const uint64_t *sig,
	    uint32_t *tags);

/* The exact Jaccard similarity of two sorted, unique hash sets; two empty
 * sets have similarity 0 (an empty answer duplicates nothing). */
double	 minhash_jaccard(const uint32_t *a, size_t na, const uint32_t *b,
	    size_t nb);
/* Like minhash_jaccard() when the similarity is at least t; otherwise
 * returns some value below t, often without reading both sets through. */
double	 minhash_jaccard_min(const uint32_t *a, size_t na, const uint32_t *b,
	    size_t nb, double t);

void	 shingles_release(struct shingles *);

/*
 * The dup_sketch value of one record (glosy-dedup --sketch): what grouping
 * needs from it, in printable ASCII,
 *	m1:PPPPPPPP:DATA
 * where m1 is the format, PPPPPPPP the parameter tag (8 lowercase hex
 * digits, minhash_params) and DATA, empty for an empty text, 91 characters
 * of unpadded base64url (RFC 4648 section 5) holding 17 little-endian
 * 32-bit words: a check on the text (the low half of its exact hash), then
 * the MINHASH_BANDS band tags.
 */
#define SKETCH_DATALEN	91
#define SKETCH_MAXLEN	(3 + 8 + 1 + SKETCH_DATALEN)

struct sketch {
	uint32_t	params;
	int		empty;		/* 1 for an empty text */
	uint32_t	check;
	uint32_t	tags[MINHASH_BANDS];
};

/* The parameter tag of a sketch: a hash of the format, the seed, the mode,
 * the column compared and the constants above. */
uint32_t minhash_params(uint64_t seed, int mode, const char *column);
/* Writes the value of sk into out (SKETCH_MAXLEN + 1 bytes, NUL-ended);
 * returns its length. */
size_t	 minhash_sketch_encode(const struct sketch *sk, char *out);
/*
 * Reads a dup_sketch value.  Returns 0 with *sk filled, 1 when it is well
 * formed but of another format version (sk->params then undefined), or -1
 * when it is malformed.
 */
int	 minhash_sketch_decode(const char *s, size_t len, struct sketch *sk);

#endif
