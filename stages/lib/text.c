/*
 * text.c - the ICU text layer: UTF-8 validation and repair, NFC
 * normalization and full case folding.  ICU's normalizer takes UTF-16 only,
 * so the conversion happens here and nowhere else.
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/ucasemap.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "glosy.h"

size_t
text_invalid(const char *s, size_t len)
{
	int32_t i = 0, n;
	UChar32 c;

	if (len > INT32_MAX)
		return 0;
	n = (int32_t)len;
	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		int32_t at = i;
		U8_NEXT(s, i, n, c);
		if (c < 0)
			return (size_t)at;
	}
	return (size_t)-1;
}

size_t
text_repair(struct buf *dst, const char *s, size_t len, size_t *firstcol)
{
	int32_t i = 0, n = (int32_t)len, start;
	size_t bad = 0, col = 0;
	UChar32 c;

	if (firstcol)
		*firstcol = 0;
	while (i < n) {
		start = i;
		U8_NEXT(s, i, n, c);
		col++;
		if (c < 0) {
			buf_add(dst, "\xef\xbf\xbd", 3);
			if (bad++ == 0 && firstcol)
				*firstcol = col;
		} else
			buf_add(dst, s + start, (size_t)(i - start));
	}
	return bad;
}

int
text_fold(struct buf *dst, const char *s, size_t len)
{
	const UNormalizer2 *nfc;
	UErrorCode st = U_ZERO_ERROR;
	UChar stack[512], *u = stack, *v = NULL, *w = NULL;
	int32_t ulen, vlen, wlen, n;
	int rc = -1;

	if (len > INT32_MAX / 2)
		return -1;
	nfc = unorm2_getNFCInstance(&st);
	u_strFromUTF8(u, 512, &ulen, s, (int32_t)len, &st);
	if (st == U_BUFFER_OVERFLOW_ERROR) {
		st = U_ZERO_ERROR;
		u = xmalloc(((size_t)ulen + 1) * sizeof(UChar));
		u_strFromUTF8(u, ulen + 1, &ulen, s, (int32_t)len, &st);
	}
	if (U_FAILURE(st))
		goto out;
	/* Fold first, then compose: folding can decompose (e.g. U+0130). */
	wlen = u_strFoldCase(NULL, 0, u, ulen, U_FOLD_CASE_DEFAULT, &st);
	if (st == U_BUFFER_OVERFLOW_ERROR)
		st = U_ZERO_ERROR;
	w = xmalloc(((size_t)wlen + 1) * sizeof(UChar));
	u_strFoldCase(w, wlen + 1, u, ulen, U_FOLD_CASE_DEFAULT, &st);
	vlen = unorm2_normalize(nfc, w, wlen, NULL, 0, &st);
	if (st == U_BUFFER_OVERFLOW_ERROR)
		st = U_ZERO_ERROR;
	v = xmalloc(((size_t)vlen + 1) * sizeof(UChar));
	unorm2_normalize(nfc, w, wlen, v, vlen + 1, &st);
	if (U_FAILURE(st))
		goto out;
	u_strToUTF8(NULL, 0, &n, v, vlen, &st);
	if (st == U_BUFFER_OVERFLOW_ERROR)
		st = U_ZERO_ERROR;
	buf_grow(dst, (size_t)n);
	u_strToUTF8(dst->data + dst->len, n + 1, &n, v, vlen, &st);
	if (U_FAILURE(st))
		goto out;
	buf_setlen(dst, dst->len + (size_t)n);
	rc = 0;
out:
	if (u != stack)
		free(u);
	free(v);
	free(w);
	return rc;
}
