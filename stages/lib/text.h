/*
 * text.h - the ICU text layer: the only module that calls ICU for
 * normalization, case folding, character classes and word breaks.  Text is
 * UTF-8 everywhere; conversion to UTF-16 happens inside this module, and
 * only where the ICU C API offers nothing else (NFC of text that fails the
 * quick check, NFKC).
 */
#ifndef GLOSY_TEXT_H
#define GLOSY_TEXT_H

#include <stddef.h>

struct buf;

/*
 * Checks s for valid UTF-8.  Returns the byte offset of the first invalid
 * sequence, or (size_t)-1 when the whole of s is valid.
 */
size_t	 text_invalid(const char *s, size_t len);
/*
 * Appends s to dst with every invalid sequence replaced by U+FFFD.  Returns
 * the number of replacements; *firstcol (if not NULL) gets the 1-based
 * character column of the first one.
 */
size_t	 text_repair(struct buf *dst, const char *s, size_t len,
	    size_t *firstcol);
/*
 * Appends the NFC normalization and full case folding of the valid UTF-8
 * string s to dst.  Returns 0, or -1 on an ICU error.
 */
int	 text_fold(struct buf *dst, const char *s, size_t len);

/*
 * The normalizer of glosy-normalize(1).  text_norm() appends to dst the
 * normal form of the valid UTF-8 string s:
 *   - control characters and format characters (soft hyphen, zero-width
 *     space, bidi marks, BOM) are removed, except the joiners U+200C,
 *     U+200D and the emoji tag characters;
 *   - typographic quotes become " or ', dashes and the minus sign '-',
 *     the ellipsis "...";
 *   - every kind of space and line break becomes one blank, runs of
 *     blanks one blank, and the ends are trimmed;
 *   - a run of one punctuation character is cut to one ("!!!" -> "!"),
 *     except full stops, whose runs of three or more become "...";
 *   - full case folding, then NFC (NFKC with TEXT_NFKC);
 *   - with TEXT_SQUEEZE, a letter repeated three or more times becomes one.
 * Returns 0, or -1 on an ICU error (dst is then left as it was).
 */
#define TEXT_NFKC	0x01
#define TEXT_SQUEEZE	0x02
struct text_norm;
/* Returns a normalizer you own; free it with text_norm_free(). */
struct text_norm *text_norm_new(int flags);
void	 text_norm_free(struct text_norm *);
int	 text_norm(struct text_norm *, struct buf *dst, const char *s,
	    size_t len);

/*
 * The tokenizer of glosy-tokenize(1).  text_tokenize() appends the tokens
 * of the normalized UTF-8 string s to dst, separated by single blanks.
 * Words come from ICU's word-break iterator; word-hyphen-word sequences are
 * joined (biało-czerwony), placeholders such as <email> are one token, a
 * number keeps a directly following '+' or '%' (500+), an emoji sequence
 * (ZWJ sequences, flags, skin tones) is one token, and punctuation is
 * dropped.  A token with a letter is a word, one of digits a number.
 * TEXT_NO_NUMBERS and TEXT_NO_EMOJI drop those tokens too.  A
 * token longer than TEXT_MAXTOKEN bytes is cut at a character boundary.
 * Returns the number of tokens cut, or -1 on an ICU error.
 */
#define TEXT_NO_NUMBERS	0x10
#define TEXT_NO_EMOJI	0x20
#define TEXT_ICU_ONLY	0x40	/* no fast path, for tests */
#define TEXT_MAXTOKEN	255
struct text_tokenizer;
/* Returns a tokenizer you own, or NULL when ICU fails (err gets why). */
struct text_tokenizer *text_tokenizer_new(int flags, char *err,
	    size_t errlen);
void	 text_tokenizer_free(struct text_tokenizer *);
long	 text_tokenize(struct text_tokenizer *, struct buf *dst,
	    const char *s, size_t len);

#endif
