/*
 * pattern.h - the pattern layer: the only module that uses PCRE2.  It loads
 * a patterns lexicon (glosy-lexicons(5): `KIND PATTERN [=> REPLACEMENT]`
 * and `@check KIND pesel|nrb|iban|phone|nip|regon|idcard`) and replaces
 * what the patterns match, for the personal-data redaction of
 * glosy-normalize(1).
 *
 * Patterns are compiled once with PCRE2_UTF | PCRE2_UCP, JIT-compiled
 * when PCRE2 can, and matched with a match limit, a depth limit and a
 * bounded JIT stack, so a pathological pattern or text fails one call of
 * patterns_apply() instead of hanging the run.
 */
#ifndef GLOSY_PATTERN_H
#define GLOSY_PATTERN_H

#include <stddef.h>

struct buf;
struct patterns;

/*
 * Loads and compiles the patterns in the lexicon at path.  Returns a set
 * you own (free it with patterns_free()), or NULL with "FILE:LINE: message"
 * (or "cannot open 'FILE': reason") in err.
 */
struct patterns *patterns_load(const char *path, char *err, size_t errlen);
void	 patterns_free(struct patterns *);
/* The number of patterns, and of distinct kinds in file order; the name
 * of kind i is owned by the set. */
size_t	 patterns_count(const struct patterns *);
int	 patterns_nkinds(const struct patterns *);
const char *patterns_kind(const struct patterns *, int i);
/* Leaves the matches of kind alone from now on (--keep).  Returns 0, or -1
 * when the set has no such kind. */
int	 patterns_keep(struct patterns *, const char *kind);
/*
 * Turns the prefilter off (0) or on (1, the default).  The prefilter skips
 * a pattern when the text lacks a byte every match of it needs; off, every
 * pattern runs on every text, which must give the same result (the fuzz
 * target checks that).
 */
void	 patterns_prefilter(struct patterns *, int on);
/*
 * Appends s to dst with every match replaced, pattern after pattern in
 * file order, each on the result of the ones before.  A match of a kind
 * with a @check that fails its check stays as it is.  s must be valid
 * UTF-8.  Returns the number of replacements, or -1 when a match gave up
 * (match or depth limit, JIT stack): dst is then as it was and *errstr
 * says which pattern gave up and why, in storage owned by the set that the
 * next call overwrites.
 */
long	 patterns_apply(struct patterns *, struct buf *dst, const char *s,
	    size_t len, const char **errstr);

/*
 * The checks of @check, exposed for the unit tests.  Each returns 1 when
 * the match s[ms..me) of the subject s (length len) passes:
 *   pesel: 11 digits with a valid PESEL check digit;
 *   iban:  an IBAN (country letters, check digits, up to 30 more letters or
 *          digits; blanks and hyphens ignored) whose mod-97 remainder is 1;
 *   nrb:   the same, and 26 digits without country letters count as a
 *          Polish IBAN (NRB);
 *   phone: 9 digits not starting with 0, after an optional +48 or 0048,
 *          that do not continue a longer group of digits (1 250 000 000) and
 *          are not followed by an amount word (zł, PLN, tys., mln, %...),
 *          nor preceded by the word REGON;
 *   nip:   10 digits (any separators, an optional PL) not starting with 0,
 *          whose weighted sum (6 5 7 2 3 4 5 6 7) mod 11 is the last digit
 *          (10 is never valid), and not an amount as for phone;
 *   regon: 9 digits whose weighted sum (8 9 2 3 4 5 6 7) mod 11, with 10
 *          read as 0, is the last digit, or 14 digits whose first 9 are a
 *          valid REGON and whose sum (2 4 8 5 0 9 7 3 6 1 2 4 8) mod 11,
 *          10 read as 0, is the last digit; not all zeros, not an amount;
 *   idcard: a Polish identity-card number, 3 letters (the series, A=10 to
 *          Z=35, either case) and 6 digits, blanks ignored, whose sum with
 *          the weights 7 3 1 9 7 3 1 7 3 is divisible by 10 (the first digit
 *          is the check digit); not PLN/EUR/USD and not before an amount word.
 */
int	 pattern_check_pesel(const char *s, size_t len, size_t ms, size_t me);
int	 pattern_check_iban(const char *s, size_t len, size_t ms, size_t me);
int	 pattern_check_nrb(const char *s, size_t len, size_t ms, size_t me);
int	 pattern_check_phone(const char *s, size_t len, size_t ms, size_t me);
int	 pattern_check_nip(const char *s, size_t len, size_t ms, size_t me);
int	 pattern_check_regon(const char *s, size_t len, size_t ms, size_t me);
int	 pattern_check_idcard(const char *s, size_t len, size_t ms, size_t me);

#endif
