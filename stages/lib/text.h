/*
 * text.h - the ICU text layer: the only module that calls ICU for
 * normalization and case folding.  Text is UTF-8 everywhere; conversion to
 * UTF-16 happens inside this module where the ICU C API requires it.
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

#endif
