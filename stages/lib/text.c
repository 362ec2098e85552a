/*
 * text.c - the ICU text layer: UTF-8 validation and repair, NFC
 * normalization and full case folding (text_fold, for lexicons), the
 * normalizer of glosy-normalize (text_norm) and the tokenizer of
 * glosy-tokenize (text_tokenize).  ICU's normalizer takes UTF-16 only, so
 * the conversion happens here and nowhere else, and only for text that
 * fails the NFC quick check or with NFKC.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/ucasemap.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
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
		/* Skip ASCII eight bytes at a time. */
		while (i + 8 <= n) {
			uint64_t w;

			memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080ULL)
				break;
			i += 8;
		}
		if (i >= n)
			break;
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

/* ---- the normalizer ---- */

/*
 * Classes of the cleanup pass.  ASCII goes through a fixed table (K keep,
 * U capital, S white space, D control, P punctuation); t-text checks that
 * it agrees with ICU's u_charType for every ASCII character.
 */
enum {
	CL_KEEP,	/* copy */
	CL_UPPER,	/* ASCII capital: lower it on the way */
	CL_SPACE,	/* white space of any kind */
	CL_DROP,	/* control or format character */
	CL_PUNCT,	/* punctuation: runs are cut */
	CL_MAP,		/* a typographic variant of an ASCII character */
	CL_ELLIPSIS	/* U+2026 */
};

static const char ascii_class[129] =
    "DDDDDDDDDSSSSSDDDDDDDDDDDDDDDDDD"
    "SPPPKPPPPPPKPPPPKKKKKKKKKKPPKKKP"
    "PUUUUUUUUUUUUUUUUUUUUUUUUUUPPPKP"
    "KKKKKKKKKKKKKKKKKKKKKKKKKKKPKPKD";

/* Classifies a non-ASCII code point; *map gets the ASCII for CL_MAP. */
static int
classify(UChar32 c, char *map)
{
	int8_t t;

	switch (c) {
	case 0x00AB: case 0x00BB: case 0x201C: case 0x201D: case 0x201E:
	case 0x201F: case 0x2E42: case 0x301D: case 0x301E: case 0x301F:
	case 0xFF02:
		*map = '"';
		return CL_MAP;
	case 0x00B4: case 0x02BC: case 0x2018: case 0x2019: case 0x201A:
	case 0x201B: case 0x2039: case 0x203A: case 0xFF07:
		*map = '\'';
		return CL_MAP;
	case 0x2212:
		*map = '-';
		return CL_MAP;
	case 0x2026:
		return CL_ELLIPSIS;
	case 0x200C: case 0x200D:
		return CL_KEEP;
	}
	if (c >= 0xE0020 && c <= 0xE007F)	/* emoji tag sequences */
		return CL_KEEP;
	/* The letters of Latin-1 and Latin Extended-A, Polish among them,
	 * without asking ICU; × and ÷ are symbols, kept all the same. */
	if (c >= 0xC0 && c < 0x180)
		return CL_KEEP;
	t = u_charType(c);
	switch (t) {
	case U_SPACE_SEPARATOR:
	case U_LINE_SEPARATOR:
	case U_PARAGRAPH_SEPARATOR:
		return CL_SPACE;
	case U_CONTROL_CHAR:
		return c == 0x85 ? CL_SPACE : CL_DROP;
	case U_FORMAT_CHAR:
		return CL_DROP;
	case U_DASH_PUNCTUATION:
		*map = '-';
		return CL_MAP;
	case U_START_PUNCTUATION:
	case U_END_PUNCTUATION:
	case U_CONNECTOR_PUNCTUATION:
	case U_OTHER_PUNCTUATION:
	case U_INITIAL_PUNCTUATION:
	case U_FINAL_PUNCTUATION:
		return CL_PUNCT;
	}
	return CL_KEEP;
}

struct text_norm {
	int		 flags;
	UCaseMap	*csm;
	const UNormalizer2 *nfc, *nfkc;
	struct buf	 a, b;		/* scratch, reused from call to call */
	UChar		*u, *v;		/* UTF-16 scratch */
	int32_t		 ucap, vcap;
};

struct text_norm *
text_norm_new(int flags)
{
	struct text_norm *t;
	UErrorCode st = U_ZERO_ERROR;

	t = xcalloc(1, sizeof(*t));
	t->flags = flags;
	buf_init(&t->a);
	buf_init(&t->b);
	t->csm = ucasemap_open("", U_FOLD_CASE_DEFAULT, &st);
	t->nfc = unorm2_getNFCInstance(&st);
	t->nfkc = unorm2_getNFKCInstance(&st);
	if (U_FAILURE(st))
		glosy_die("cannot set up ICU normalization: %s",
		    u_errorName(st));
	return t;
}

void
text_norm_free(struct text_norm *t)
{
	if (t == NULL)
		return;
	ucasemap_close(t->csm);
	buf_release(&t->a);
	buf_release(&t->b);
	free(t->u);
	free(t->v);
	free(t);
}

/*
 * The cleanup pass: controls and format characters out, typographic
 * variants to ASCII, blanks collapsed and trimmed, punctuation runs cut,
 * ASCII capitals lowered.  It never grows the text by more than a byte,
 * so out is sized once.  Returns nonzero when non-ASCII text remains.
 */
static int
cleanup(struct buf *out, const char *s, size_t len)
{
	const uint8_t *p = (const uint8_t *)s;
	int32_t i = 0, n = (int32_t)len, at;
	UChar32 c, last = -1;
	char *o, *start, map;
	int cl, space = 0, run = 0, nonascii = 0;

	buf_grow(out, len + 4);
	start = o = out->data + out->len;
	while (i < n) {
		at = i;
		if (p[i] < 0x80) {
			c = p[i++];
			switch (ascii_class[c]) {
			case 'K':
				if (space) {
					if (o > start)
						*o++ = ' ';
					space = 0;
				}
				*o++ = (char)c;
				last = c;
				run = 1;
				continue;
			case 'U':
				cl = CL_UPPER;
				break;
			case 'S':
				cl = CL_SPACE;
				break;
			case 'D':
				cl = CL_DROP;
				break;
			default:
				cl = CL_PUNCT;
				break;
			}
		} else {
			U8_NEXT(p, i, n, c);
			/* The caller validated s; should it not have, an
			 * invalid sequence is dropped, never copied. */
			cl = c < 0 ? CL_DROP : classify(c, &map);
		}
		switch (cl) {
		case CL_DROP:
			continue;
		case CL_SPACE:
			space = 1;
			continue;
		case CL_UPPER:
			c += 'a' - 'A';
			break;
		case CL_MAP:
			c = (unsigned char)map;
			cl = u_ispunct(c) ? CL_PUNCT : CL_KEEP;
			break;
		}
		if (space) {
			if (o > start) {
				*o++ = ' ';
				last = ' ';
			}
			space = 0;
		}
		if (cl == CL_ELLIPSIS) {
			/* The ellipsis joins a run of full stops. */
			if (last != '.')
				run = 0;
			for (; run < 3; run++)
				*o++ = '.';
			last = '.';
			continue;
		}
		if (cl == CL_PUNCT && c == last && (c != '.' || run >= 3))
			continue;
		run = c == last ? run + 1 : 1;
		last = c;
		if (c < 0x80)
			*o++ = (char)c;
		else {
			/* Copy the original bytes: c is unchanged here. */
			memcpy(o, s + at, (size_t)(i - at));
			o += i - at;
			nonascii = 1;
		}
	}
	buf_setlen(out, (size_t)(o - out->data));
	return nonascii;
}

/* The NFC (or NFKC) quick check of UAX #15 on UTF-8: 1 when s is sure to
 * be normalized, 0 when it may not be. */
static int
quick_normal(const char *s, size_t len, UProperty qc)
{
	const uint8_t *p = (const uint8_t *)s;
	int32_t i = 0, n = (int32_t)len;
	uint8_t lastcc = 0, cc;
	UChar32 c;

	while (i < n) {
		if (p[i] < 0x80) {
			i++;
			lastcc = 0;
			continue;
		}
		U8_NEXT(p, i, n, c);
		if (c < 0)
			return 0;
		/* Below the combining diacritics (U+0300) every character
		 * has NFC_QC=Yes and combining class 0 (t-text checks it);
		 * not so for NFKC, which asks ICU. */
		if (c < 0x300 && qc == UCHAR_NFC_QUICK_CHECK) {
			lastcc = 0;
			continue;
		}
		cc = u_getCombiningClass(c);
		if (cc != 0 && lastcc > cc)
			return 0;
		if (u_getIntPropertyValue(c, qc) != UNORM_YES)
			return 0;
		lastcc = cc;
	}
	return 1;
}

/* Makes *u hold need units; the old contents are dropped, not copied. */
static void
ensure16(UChar **u, int32_t *cap, int32_t need)
{
	if (need < *cap)
		return;
	*cap = need + need / 2 + 16;
	free(*u);
	*u = xreallocarray(NULL, (size_t)*cap, sizeof(UChar));
}

/*
 * The UTF-16 path: replaces io by its normalization (with fold, the case
 * folding is done between two normalizations, for NFKC).  Returns 0 or -1.
 */
static int
normalize16(struct text_norm *t, struct buf *io, const UNormalizer2 *nz,
    int fold)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t ulen, vlen, n;

	if (io->len > INT32_MAX / 4)
		return -1;
	ensure16(&t->u, &t->ucap, (int32_t)io->len + 1);
	u_strFromUTF8(t->u, t->ucap, &ulen, io->data, (int32_t)io->len, &st);
	/* NFKC can expand a character up to 18 times; preflight it. */
	vlen = unorm2_normalize(nz, t->u, ulen, t->v, t->vcap, &st);
	if (st == U_BUFFER_OVERFLOW_ERROR) {
		st = U_ZERO_ERROR;
		ensure16(&t->v, &t->vcap, vlen + 1);
		vlen = unorm2_normalize(nz, t->u, ulen, t->v, t->vcap, &st);
	}
	if (fold && U_SUCCESS(st)) {
		ulen = u_strFoldCase(t->u, t->ucap, t->v, vlen,
		    U_FOLD_CASE_DEFAULT, &st);
		if (st == U_BUFFER_OVERFLOW_ERROR) {
			st = U_ZERO_ERROR;
			ensure16(&t->u, &t->ucap, ulen + 1);
			ulen = u_strFoldCase(t->u, t->ucap, t->v, vlen,
			    U_FOLD_CASE_DEFAULT, &st);
		}
		vlen = unorm2_normalize(nz, t->u, ulen, t->v, t->vcap, &st);
		if (st == U_BUFFER_OVERFLOW_ERROR) {
			st = U_ZERO_ERROR;
			ensure16(&t->v, &t->vcap, vlen + 1);
			vlen = unorm2_normalize(nz, t->u, ulen, t->v, t->vcap,
			    &st);
		}
	}
	if (U_FAILURE(st))
		return -1;
	u_strToUTF8(NULL, 0, &n, t->v, vlen, &st);
	if (st == U_BUFFER_OVERFLOW_ERROR)
		st = U_ZERO_ERROR;
	buf_reset(io);
	buf_grow(io, (size_t)n);
	u_strToUTF8(io->data, n + 1, &n, t->v, vlen, &st);
	if (U_FAILURE(st))
		return -1;
	buf_setlen(io, (size_t)n);
	return 0;
}

/* Cuts runs of three or more of one letter to one letter, in place.
 * Returns nonzero when it changed anything. */
static int
squeeze(struct buf *io)
{
	const uint8_t *p = (const uint8_t *)io->data;
	int32_t i = 0, n = (int32_t)io->len, at, next, j, k;
	char *o = io->data;
	UChar32 c, d;
	int changed = 0;

	while (i < n) {
		at = i;
		U8_NEXT(p, i, n, c);
		/* Count the repetitions of c that follow. */
		k = 1;
		j = i;
		while (j < n) {
			next = j;
			U8_NEXT(p, next, n, d);
			if (d != c)
				break;
			j = next;
			k++;
		}
		if (k >= 3 && u_isalpha(c)) {
			memmove(o, p + at, (size_t)(i - at));
			o += i - at;
			changed = 1;
		} else {
			memmove(o, p + at, (size_t)(j - at));
			o += j - at;
		}
		i = j;
	}
	buf_setlen(io, (size_t)(o - io->data));
	return changed;
}

/*
 * Brings cur (cleaned, folded) to NFC or NFKC.  Normalizing can make
 * characters the cleanup maps (U+037E becomes ';', full-width forms under
 * NFKC), so the cleanup runs again after it, until the quick check passes;
 * real text needs no round at all, and two make anything settle.  cur and
 * other are the two scratch buffers; returns the one holding the result,
 * or NULL on an ICU error.
 */
static struct buf *
settle(struct text_norm *t, struct buf *cur, struct buf *other)
{
	const UNormalizer2 *nz = (t->flags & TEXT_NFKC) ? t->nfkc : t->nfc;
	UProperty qc = (t->flags & TEXT_NFKC) ? UCHAR_NFKC_QUICK_CHECK :
	    UCHAR_NFC_QUICK_CHECK;
	struct buf *tmp;
	int round;

	for (round = 0; round < 4; round++) {
		if (quick_normal(cur->data, cur->len, qc))
			return cur;
		if (normalize16(t, cur, nz, 1) < 0)
			return NULL;
		buf_reset(other);
		if (!cleanup(other, cur->data, cur->len))
			return other;
		tmp = cur;
		cur = other;
		other = tmp;
	}
	return cur;
}

int
text_norm(struct text_norm *t, struct buf *dst, const char *s, size_t len)
{
	UErrorCode st = U_ZERO_ERROR;
	const uint8_t *p = (const uint8_t *)s;
	struct buf *res, *other;
	size_t i;
	int32_t n;
	int nonascii = 0;

	if (len > INT32_MAX / 4)
		return -1;
	for (i = 0; i < len; i++)
		if (p[i] >= 0x80) {
			nonascii = 1;
			break;
		}
	/*
	 * Case folding comes first, since it can make characters the
	 * cleanup maps (U+0149 folds to U+02BC U+006E); ASCII text is
	 * lowered by the cleanup itself and never reaches ICU.
	 */
	if (nonascii) {
		buf_reset(&t->b);
		if (t->flags & TEXT_NFKC) {
			buf_add(&t->b, s, len);
			if (normalize16(t, &t->b, t->nfkc, 1) < 0)
				return -1;
		} else {
			buf_grow(&t->b, len + 16);
			n = ucasemap_utf8FoldCase(t->csm, t->b.data,
			    (int32_t)t->b.cap, s, (int32_t)len, &st);
			if (st == U_BUFFER_OVERFLOW_ERROR) {
				st = U_ZERO_ERROR;
				buf_grow(&t->b, (size_t)n + 1);
				n = ucasemap_utf8FoldCase(t->csm, t->b.data,
				    (int32_t)t->b.cap, s, (int32_t)len, &st);
			}
			if (U_FAILURE(st))
				return -1;
			buf_setlen(&t->b, (size_t)n);
		}
		s = t->b.data;
		len = t->b.len;
	}
	buf_reset(&t->a);
	nonascii = cleanup(&t->a, s, len);
	res = &t->a;
	other = &t->b;
	if (nonascii && (res = settle(t, res, other)) == NULL)
		return -1;
	if ((t->flags & TEXT_SQUEEZE) && squeeze(res) && nonascii &&
	    (res = settle(t, res, res == &t->a ? &t->b : &t->a)) == NULL)
		return -1;
	buf_add(dst, res->data, res->len);
	return 0;
}

/* ---- the tokenizer ---- */

struct text_tokenizer {
	int		 flags;
	UBreakIterator	*bi;
	UText		*ut;
	size_t		 start;		/* dst->len when the call began */
	long		 ncut;
};

struct text_tokenizer *
text_tokenizer_new(int flags, char *err, size_t errlen)
{
	struct text_tokenizer *tk;
	UErrorCode st = U_ZERO_ERROR;

	tk = xcalloc(1, sizeof(*tk));
	tk->flags = flags;
	/* The root word rules; a fixed locale keeps output independent of
	 * the environment. */
	tk->bi = ubrk_open(UBRK_WORD, "pl", NULL, 0, &st);
	tk->ut = utext_openUTF8(NULL, "", 0, &st);
	if (U_FAILURE(st)) {
		snprintf(err, errlen, "cannot open the ICU word iterator: %s",
		    u_errorName(st));
		text_tokenizer_free(tk);
		return NULL;
	}
	return tk;
}

void
text_tokenizer_free(struct text_tokenizer *tk)
{
	if (tk == NULL)
		return;
	if (tk->bi != NULL)
		ubrk_close(tk->bi);
	if (tk->ut != NULL)
		utext_close(tk->ut);
	free(tk);
}

static void
emit(struct text_tokenizer *tk, struct buf *dst, const char *s, size_t len)
{
	if (len > TEXT_MAXTOKEN) {
		len = TEXT_MAXTOKEN;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
		tk->ncut++;
	}
	if (dst->len > tk->start)
		buf_addc(dst, ' ');
	buf_add(dst, s, len);
}

/*
 * Whether a segment the word iterator gave no word status is an emoji:
 * it holds a flag, the emoji variation selector, a character shown as
 * emoji by default, or a pictograph from U+2300 on (so that ©, ® and ™,
 * which are pictographs too, stay symbols and are dropped).
 */
static int
is_emoji(const char *s, int32_t n)
{
	int32_t i = 0;
	UChar32 c;

	while (i < n) {
		U8_NEXT(s, i, n, c);
		if (c < 0x2300)
			continue;
		if (c == 0xFE0F || (c >= 0x1F1E6 && c <= 0x1F1FF) ||
		    u_hasBinaryProperty(c, UCHAR_EMOJI_PRESENTATION) ||
		    u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC))
			return 1;
	}
	return 0;
}

enum { TK_NONE, TK_WORD, TK_NUMBER };

static int
has_letter(const char *s, int32_t n)
{
	int32_t i = 0;
	UChar32 c;

	while (i < n) {
		U8_NEXT(s, i, n, c);
		if (u_isalpha(c))
			return 1;
	}
	return 0;
}

/* Returns the length of a placeholder (<email>, <redaction-failed>) at s,
 * or 0. */
static size_t
placeholder(const char *s, const char *end)
{
	const char *p = s + 1;

	if (p >= end || *p < 'a' || *p > 'z')
		return 0;
	while (p < end && p - s < 64 && ((*p >= 'a' && *p <= 'z') ||
	    *p == '_' || *p == '-'))
		p++;
	if (p < end && *p == '>' && p[-1] != '-')
		return (size_t)(p + 1 - s);
	return 0;
}

/*
 * The fast path.  Where every blank-separated chunk of s is a run of
 * letters and digits, with at most some plain punctuation before and after
 * it, the word-break rules give that run as one word (UAX #29 WB5, WB8-10)
 * and the punctuation as segments of their own, so ICU is not needed.  The
 * letters admitted are those of ASCII, Latin-1 and Latin Extended-A, which
 * are all ALetter: the letters of Polish.  Returns 1 and appends the
 * tokens, or 0 (with dst untouched) when the text needs ICU; fuzz-tokenize
 * checks that both ways agree.
 */
static int
fast_letter(const unsigned char *p, const unsigned char *end)
{
	if (p[0] < 0x80)
		return (p[0] >= 'a' && p[0] <= 'z') || (p[0] >= 'A' &&
		    p[0] <= 'Z') ? 1 : 0;
	if (p + 1 >= end || (p[1] & 0xC0) != 0x80)
		return 0;
	if (p[0] == 0xC3)
		return p[1] == 0x97 || p[1] == 0xB7 ? 0 : 2;	/* × ÷ */
	return p[0] == 0xC4 || p[0] == 0xC5 ? 2 : 0;
}

static int
fast_punct(int c)
{
	return c != 0 && strchr(",.!?;:()\"'[]-", c) != NULL;
}

static int
fast_path(struct text_tokenizer *tk, struct buf *dst, const char *s,
    size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	const unsigned char *w, *we;
	size_t start = dst->len;
	int n, letters;

	while (p < end) {
		while (p < end && *p == ' ')
			p++;
		while (p < end && fast_punct(*p))
			p++;
		if (p < end && *p == '<' && (n = (int)placeholder(
		    (const char *)p, (const char *)end)) > 0) {
			emit(tk, dst, (const char *)p, (size_t)n);
			p += n;
			while (p < end && fast_punct(*p))
				p++;
			if (p < end && *p != ' ')
				goto icu;
			continue;
		}
		w = p;
		letters = 0;
		for (;;) {
			if (p < end && *p >= '0' && *p <= '9')
				n = 1;
			else if (p < end && (n = fast_letter(p, end)) > 0)
				letters = 1;
			else
				break;
			p += n;
		}
		we = p;
		while (p < end && fast_punct(*p))
			p++;
		if (p < end && *p != ' ')
			goto icu;
		if (we > w && (letters || !(tk->flags & TEXT_NO_NUMBERS)))
			emit(tk, dst, (const char *)w, (size_t)(we - w));
	}
	return 1;
icu:
	buf_setlen(dst, start);
	tk->ncut = 0;
	return 0;
}

/* Tokenizes a stretch without placeholders. */
static int
words(struct text_tokenizer *tk, struct buf *dst, const char *s, size_t len)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t a, b, ts = 0, te = 0, hyph = -1, status;
	int kind = TK_NONE, k, suffixed = 0;

	tk->ut = utext_openUTF8(tk->ut, s, (int64_t)len, &st);
	ubrk_setUText(tk->bi, tk->ut, &st);
	if (U_FAILURE(st))
		return -1;
#define FLUSH() do {							\
	if (kind == TK_WORD || (kind == TK_NUMBER &&			\
	    !(tk->flags & TEXT_NO_NUMBERS)))				\
		emit(tk, dst, s + ts, (size_t)(te - ts));		\
	kind = TK_NONE;							\
	hyph = -1;							\
} while (0)
	for (a = ubrk_first(tk->bi); (b = ubrk_next(tk->bi)) != UBRK_DONE;
	    a = b) {
		status = ubrk_getRuleStatus(tk->bi);
		if (status >= UBRK_WORD_NUMBER) {
			/* ICU labels a segment by its last character, so
			 * "covid19" is a number to it; any letter makes a
			 * word here. */
			k = status < UBRK_WORD_NUMBER_LIMIT &&
			    !has_letter(s + a, b - a) ? TK_NUMBER : TK_WORD;
			if (kind != TK_NONE && hyph == a) {
				/* word-hyphen-word: one token */
				te = b;
				if (k == TK_WORD)
					kind = TK_WORD;
				hyph = -1;
			} else {
				if (kind != TK_NONE)
					FLUSH();
				ts = a;
				te = b;
				kind = k;
				suffixed = 0;
			}
		} else if (b - a == 1 && s[a] == '-' && kind != TK_NONE &&
		    te == a && hyph < 0 && !suffixed) {
			hyph = b;
		} else if (b - a == 1 && (s[a] == '+' || s[a] == '%') &&
		    kind == TK_NUMBER && te == a && hyph < 0 && !suffixed) {
			te = b;
			suffixed = 1;
		} else {
			if (kind != TK_NONE)
				FLUSH();
			/* ICU attaches a format character such as ZWJ to a
			 * blank before it (rule WB4), so a segment may start
			 * with blanks. */
			while (a < b && s[a] == ' ')
				a++;
			if (a < b && !(tk->flags & TEXT_NO_EMOJI) &&
			    is_emoji(s + a, b - a))
				emit(tk, dst, s + a, (size_t)(b - a));
		}
	}
	if (kind != TK_NONE)
		FLUSH();
#undef FLUSH
	return 0;
}

long
text_tokenize(struct text_tokenizer *tk, struct buf *dst, const char *s,
    size_t len)
{
	const char *p = s, *end = s + len, *lt;
	size_t n;

	if (len > INT32_MAX)
		return -1;
	tk->start = dst->len;
	tk->ncut = 0;
	if (!(tk->flags & TEXT_ICU_ONLY) && fast_path(tk, dst, s, len))
		return tk->ncut;
	while (p < end) {
		lt = memchr(p, '<', (size_t)(end - p));
		if (lt == NULL)
			lt = end;
		else if ((n = placeholder(lt, end)) == 0) {
			/* A '<' that begins no placeholder is punctuation
			 * inside the stretch; look for the next one. */
			const char *q = lt + 1;

			while ((q = memchr(q, '<', (size_t)(end - q))) != NULL
			    && placeholder(q, end) == 0)
				q++;
			lt = q ? q : end;
		}
		if (lt > p && words(tk, dst, p, (size_t)(lt - p)) < 0)
			return -1;
		if (lt == end)
			break;
		n = placeholder(lt, end);
		emit(tk, dst, lt, n);
		p = lt + n;
	}
	return tk->ncut;
}
