/*
 * input.c - the input layer of glosy-import (see input.h): files read
 * through zlib (plain or gzip alike), the encoding found with a byte-order
 * mark, a UTF-8 check or ICU's charset detector and converted to UTF-8 with
 * ICU, an RFC 4180 parser, a row reader for CSV, TSV and plain lines with
 * LF, CR LF or CR line ends, and a set of ids.
 *
 * Speed matters here (the whole corpus goes through this file), so the
 * scanning is done with memchr and word-at-a-time checks rather than a
 * function call per byte, and UTF-8 input is not converted at all: it is
 * checked a row at a time and repaired only where it is broken.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>
#include <unicode/utf8.h>
#include <zlib.h>

#include "glosy.h"
#include "input.h"

#define PREFIX_LEN	65536		/* bytes looked at to find the encoding */
#define CHUNK		(256 * 1024)	/* bytes read at a time */
#define PIVOT_LEN	4096

static const char FFFD[] = "\xef\xbf\xbd";

/* ---- UTF-8 checking ---- */

/*
 * Returns the offset of the first invalid UTF-8 sequence or NUL byte in
 * s[0..len), or len when there is none; *badlen gets the length of the bad
 * sequence (the maximal subpart, as ICU counts it).
 */
static size_t
utf8_scan(const char *s, size_t len, size_t *badlen)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	uint64_t w;
	int32_t j, n;
	UChar32 c;

	while (i < len) {
		/* Eight ASCII bytes at a time: a byte with its high bit set,
		 * or a zero byte, makes the test nonzero. */
		while (i + 8 <= len) {
			memcpy(&w, p + i, 8);
			if (((w - 0x0101010101010101ULL) | w) &
			    0x8080808080808080ULL)
				break;
			i += 8;
		}
		if (i >= len)
			break;
		if (p[i] == 0) {
			*badlen = 1;
			return i;
		}
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		/* Polish letters are two bytes long: check those inline. */
		if (p[i] >= 0xc2 && p[i] <= 0xdf && i + 1 < len &&
		    (p[i + 1] & 0xc0) == 0x80) {
			i += 2;
			continue;
		}
		j = 0;
		n = len - i < 4 ? (int32_t)(len - i) : 4;
		U8_NEXT(p + i, j, n, c);
		if (c < 0) {
			*badlen = (size_t)j;
			return i;
		}
		i += (size_t)j;
	}
	*badlen = 0;
	return len;
}

/*
 * Appends s to dst with every invalid sequence and NUL replaced by U+FFFD;
 * returns the number replaced and the offset of the first in *first.
 */
static size_t
utf8_repair(struct buf *dst, const char *s, size_t len, size_t *first)
{
	size_t off = 0, bad, badlen, n = 0;

	while (off < len) {
		bad = utf8_scan(s + off, len - off, &badlen);
		buf_add(dst, s + off, bad);
		if (off + bad >= len)
			break;
		if (n++ == 0)
			*first = off + bad;
		buf_add(dst, FFFD, 3);
		off += bad + badlen;
	}
	return n;
}

/* Returns the first U+FFFD in s[0..len), or NULL. */
static const char *
find_fffd(const char *s, size_t len)
{
	const char *p = s, *end = s + len;

	while ((p = memchr(p, '\xef', (size_t)(end - p))) != NULL) {
		if (end - p >= 3 && memcmp(p, FFFD, 3) == 0)
			return p;
		p++;
	}
	return NULL;
}

/* ---- encodings ---- */

int
input_encoding_known(const char *name)
{
	UErrorCode st = U_ZERO_ERROR;
	UConverter *c;

	c = ucnv_open(name, &st);
	if (U_FAILURE(st))
		return 0;
	ucnv_close(c);
	return 1;
}

/*
 * Returns 1 when s looks like UTF-8: valid but for a sequence cut short at
 * its end (when !final), a few NULs, and a few invalid sequences among many
 * valid multibyte ones (a UTF-8 file with some damage, which is better read
 * as UTF-8 with U+FFFD than as windows-1250 throughout).
 */
static int
is_utf8(const char *s, size_t len, int final)
{
	size_t bad, badlen, nul = 0, nbad = 0, nmulti = 0, left = len, i;

	for (;;) {
		bad = utf8_scan(s, left, &badlen);
		for (i = 0; i < bad; i++)
			nmulti += ((unsigned char)s[i] & 0xc0) == 0xc0;
		if (bad == left)
			break;
		if (s[bad] == '\0')
			nul++;
		else if (final || bad + badlen < left || left - bad >= 4)
			nbad++;
		s += bad + badlen;
		left -= bad + badlen;
	}
	/* Many NULs are UTF-16 or binary data, not text. */
	return (nul <= 1 || nul * 8 <= len) && nbad * 4 <= nmulti;
}

const char *
input_guess_encoding(const char *s, size_t len, int final)
{
	/* Polish letters whose byte differs between the two encodings:
	 * ą Ą ś Ś ź Ź in windows-1250, then in ISO-8859-2. */
	static const unsigned char cp[] = { 0xb9, 0xa5, 0x9c, 0x8c, 0x9f, 0x8f };
	static const unsigned char iso[] = { 0xb1, 0xa1, 0xb6, 0xa6, 0xbc, 0xac };
	UErrorCode st = U_ZERO_ERROR;
	UCharsetDetector *det;
	const UCharsetMatch *m;
	const char *name = NULL;
	size_t count[256] = { 0 }, ncp = 0, niso = 0, i;
	int32_t conf = 0;

	if (is_utf8(s, len, final))
		return "UTF-8";
	det = ucsdet_open(&st);
	ucsdet_setText(det, s, len > INT32_MAX ? INT32_MAX : (int32_t)len,
	    &st);
	m = ucsdet_detect(det, &st);
	if (U_SUCCESS(st) && m != NULL) {
		name = ucsdet_getName(m, &st);
		conf = ucsdet_getConfidence(m, &st);
	}
	if (U_SUCCESS(st) && name != NULL && conf >= 50) {
		if (strcmp(name, "UTF-16LE") == 0)
			name = "UTF-16LE";
		else if (strcmp(name, "UTF-16BE") == 0)
			name = "UTF-16BE";
		else if (strcmp(name, "ISO-8859-2") == 0)
			name = "ISO-8859-2";
		else
			name = NULL;
	} else
		name = NULL;
	ucsdet_close(det);
	if (name != NULL && strncmp(name, "UTF-16", 6) == 0)
		return name;
	for (i = 0; i < len; i++)
		count[(unsigned char)s[i]]++;
	for (i = 0; i < sizeof(cp); i++) {
		ncp += count[cp[i]];
		niso += count[iso[i]];
	}
	/* Bytes 0x80-0x9f are control codes in ISO-8859-2 but letters and
	 * punctuation (quotes, dashes) in windows-1250. */
	for (i = 0x80; i < 0xa0; i++)
		ncp += count[i];
	if (ncp != niso)
		return ncp > niso ? "windows-1250" : "ISO-8859-2";
	return name != NULL ? name : "windows-1250";
}

int
input_format_from_name(const char *path)
{
	static const struct {
		const char *ext;
		int format;
	} ext[] = {
		{ ".tsv", INPUT_TSV }, { ".tsv.gz", INPUT_TSV },
		{ ".csv", INPUT_CSV }, { ".csv.gz", INPUT_CSV },
		{ ".txt", INPUT_LINES }, { ".txt.gz", INPUT_LINES },
	};
	size_t n = strlen(path), e, i;

	for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
		e = strlen(ext[i].ext);
		/* File names are matched as ASCII, ignoring case. */
		if (n > e && strncasecmp(path + n - e, ext[i].ext, e) == 0)
			return ext[i].format;
	}
	return INPUT_AUTO;
}

int
input_newline(const char *s, size_t len, int quoted, int eof)
{
	size_t i;
	int inq = 0, start = 1;

	for (i = 0; i < len; i++) {
		if (inq) {
			if (s[i] != '"')
				continue;
			if (i + 1 == len && !eof)
				return 0;
			if (i + 1 < len && s[i + 1] == '"')
				i++;
			else
				inq = 0;
			start = 0;
			continue;
		}
		if (s[i] == '\n')
			return INPUT_LF;
		if (s[i] == '\r') {
			if (i + 1 < len)
				return s[i + 1] == '\n' ? INPUT_CRLF : INPUT_CR;
			return eof ? INPUT_CR : 0;
		}
		if (quoted && start && s[i] == '"')
			inq = 1;
		start = s[i] == ',' || s[i] == ';' || s[i] == '\t';
	}
	return 0;
}

/* ---- struct input ---- */

static int
input_error(struct input *in, const char *fmt, const char *arg)
{
	snprintf(in->err, sizeof(in->err), fmt, in->name, arg);
	return -1;
}

/* Reads up to n raw bytes into p; returns the count, 0 at the end, -1 with
 * in->err set. */
static ssize_t
raw_read(struct input *in, char *p, size_t n)
{
	const char *msg;
	int rc, errnum;

	if (n > INT32_MAX)
		n = INT32_MAX;
	rc = gzread(in->gz, p, (unsigned)n);
	if (rc > 0)
		return rc;
	msg = gzerror(in->gz, &errnum);
	if (rc == 0 && (errnum == Z_OK || errnum == Z_STREAM_END))
		return 0;
	if (errnum == Z_ERRNO)
		return input_error(in, "read error on '%s': %s",
		    strerror(errno));
	if (errnum == Z_BUF_ERROR)
		return input_error(in, "truncated gzip data in '%s'%s", "");
	return input_error(in, "bad gzip data in '%s': %s", msg);
}

/* Substitutes U+FFFD for bytes that cannot be converted and counts them;
 * ICU's own substitute would be U+001A for some single-byte charsets. */
static void
subst_cb(const void *ctx, UConverterToUnicodeArgs *args,
    const char *units, int32_t len, UConverterCallbackReason reason,
    UErrorCode *st)
{
	static const UChar repl = 0xfffd;
	struct input *in = (struct input *)(uintptr_t)ctx;

	if (reason > UCNV_IRREGULAR)
		return;
	in->nsubst++;
	*st = U_ZERO_ERROR;
	ucnv_cbToUWriteUChars(args, &repl, 1, 0, st);
}

int
input_open(struct input *in, const char *path, const char *encoding)
{
	UErrorCode st = U_ZERO_ERROR;
	const unsigned char *b;
	const char *enc;
	ssize_t n;
	int fd;

	memset(in, 0, sizeof(*in));
	if (strcmp(path, "-") == 0) {
		in->name = "<stdin>";
		fd = dup(0);
	} else {
		in->name = path;
		fd = open(path, O_RDONLY);
	}
	if (fd < 0)
		return input_error(in, "cannot open '%s': %s", strerror(errno));
	if ((in->gz = gzdopen(fd, "rb")) == NULL) {
		close(fd);
		return input_error(in, "cannot open '%s': %s", "out of memory");
	}
	gzbuffer(in->gz, 128 * 1024);

	/* Read a prefix to look at; it is decoded like the rest. */
	in->rawcap = PREFIX_LEN;
	in->raw = xmalloc(in->rawcap);
	while (in->rawlen < PREFIX_LEN && !in->eof) {
		n = raw_read(in, in->raw + in->rawlen, PREFIX_LEN - in->rawlen);
		if (n < 0)
			goto fail;
		if (n == 0)
			in->eof = 1;
		in->rawlen += (size_t)n;
	}
	b = (const unsigned char *)in->raw;
	if (encoding != NULL) {
		in->src = ucnv_open(encoding, &st);
		if (U_FAILURE(st)) {
			input_error(in, "unknown encoding '%2$s' for '%1$s'",
			    encoding);
			goto fail;
		}
		/* The MIME or IANA name is the one people know:
		 * "windows-1250", not "ibm-5346_P100-1998". */
		enc = ucnv_getName(in->src, &st);
		if (ucnv_getStandardName(enc, "MIME", &st) != NULL)
			enc = ucnv_getStandardName(enc, "MIME", &st);
		else if (ucnv_getStandardName(enc, "IANA", &st) != NULL)
			enc = ucnv_getStandardName(enc, "IANA", &st);
	} else if (in->rawlen >= 3 && b[0] == 0xef && b[1] == 0xbb &&
	    b[2] == 0xbf)
		enc = "UTF-8";
	else if (in->rawlen >= 2 && b[0] == 0xff && b[1] == 0xfe)
		enc = "UTF-16LE";
	else if (in->rawlen >= 2 && b[0] == 0xfe && b[1] == 0xff)
		enc = "UTF-16BE";
	else {
		enc = input_guess_encoding(in->raw, in->rawlen, in->eof);
		in->detected = strcmp(enc, "UTF-8") != 0;
	}
	snprintf(in->encoding, sizeof(in->encoding), "%s", enc);
	if (in->src != NULL) {
		ucnv_close(in->src);
		in->src = NULL;
	}
	/* A byte-order mark of the chosen encoding is not text. */
	if (strcmp(in->encoding, "UTF-8") == 0) {
		if (in->rawlen >= 3 && b[0] == 0xef && b[1] == 0xbb &&
		    b[2] == 0xbf)
			in->rawpos = 3;
		return 0;
	}
	if (in->rawlen >= 2 && ((strcmp(in->encoding, "UTF-16LE") == 0 &&
	    b[0] == 0xff && b[1] == 0xfe) ||
	    (strcmp(in->encoding, "UTF-16BE") == 0 &&
	    b[0] == 0xfe && b[1] == 0xff)))
		in->rawpos = 2;
	in->src = ucnv_open(in->encoding, &st);
	in->utf8 = ucnv_open("UTF-8", &st);
	ucnv_setToUCallBack(in->src, subst_cb, in, NULL, NULL, &st);
	if (U_FAILURE(st)) {
		input_error(in, "cannot convert '%s': %s", u_errorName(st));
		goto fail;
	}
	in->pivot = xmalloc(PIVOT_LEN * sizeof(UChar));
	in->pivsrc = in->pivtgt = in->pivot;
	return 0;
fail:
	input_close(in);
	return -1;
}

/* Refills the raw buffer when it is empty; returns -1 on error. */
static int
raw_fill(struct input *in)
{
	ssize_t n;

	if (in->rawpos < in->rawlen || in->eof)
		return 0;
	if (in->rawcap < CHUNK) {
		in->rawcap = CHUNK;
		in->raw = xrealloc(in->raw, in->rawcap);
	}
	in->rawpos = in->rawlen = 0;
	if ((n = raw_read(in, in->raw, in->rawcap)) < 0)
		return -1;
	if (n == 0)
		in->eof = 1;
	in->rawlen = (size_t)n;
	return 0;
}

ssize_t
input_read(struct input *in, struct buf *dst, size_t max)
{
	UErrorCode st;
	const char *src;
	char *tgt;
	size_t start = dst->len, n;
	ssize_t got;

	if (max < 16)
		max = 16;
	if (in->src == NULL) {
		/* UTF-8: the prefix, then straight from zlib into dst. */
		if (in->rawpos < in->rawlen) {
			n = in->rawlen - in->rawpos;
			buf_add(dst, in->raw + in->rawpos, n);
			in->rawpos = in->rawlen;
			return (ssize_t)n;
		}
		if (in->eof)
			return 0;
		buf_grow(dst, max);
		if ((got = raw_read(in, dst->data + dst->len, max)) < 0)
			return -1;
		if (got == 0)
			in->eof = 1;
		buf_setlen(dst, dst->len + (size_t)got);
		return got;
	}
	while (dst->len == start) {
		if (raw_fill(in) < 0)
			return -1;
		if (in->eof && in->flushed)
			return 0;
		buf_grow(dst, max);
		tgt = dst->data + dst->len;
		src = in->raw + in->rawpos;
		st = U_ZERO_ERROR;
		ucnv_convertEx(in->utf8, in->src, &tgt, dst->data + dst->len +
		    max, &src, in->raw + in->rawlen, in->pivot, &in->pivsrc,
		    &in->pivtgt, in->pivot + PIVOT_LEN, (UBool)!in->started,
		    (UBool)in->eof, &st);
		in->started = 1;
		in->rawpos = (size_t)(src - in->raw);
		buf_setlen(dst, (size_t)(tgt - dst->data));
		if (st == U_BUFFER_OVERFLOW_ERROR)
			break;
		if (U_FAILURE(st))
			return input_error(in, "cannot convert '%s': %s",
			    u_errorName(st));
		if (in->eof)
			in->flushed = 1;
	}
	return (ssize_t)(dst->len - start);
}

void
input_close(struct input *in)
{
	if (in->gz != NULL)
		gzclose(in->gz);
	in->gz = NULL;
	ucnv_close(in->src);
	ucnv_close(in->utf8);
	in->src = in->utf8 = NULL;
	free(in->raw);
	free(in->pivot);
	in->raw = NULL;
	in->pivot = NULL;
	in->rawpos = in->rawlen = in->rawcap = 0;
}

/* ---- struct csv ---- */

void
csv_init(struct csv *c, int delim)
{
	memset(c, 0, sizeof(*c));
	c->delim = delim;
	c->eol = '\n';
	buf_init(&c->unq);
}

void
csv_release(struct csv *c)
{
	free(c->f);
	free(c->span);
	buf_release(&c->unq);
	memset(c, 0, sizeof(*c));
}

/* Counts the bytes eol in s[0..len). */
static size_t
count_eol(const char *s, size_t len, int eol)
{
	const char *p = s, *end = s + len;
	size_t n = 0;

	while ((p = memchr(p, eol, (size_t)(end - p))) != NULL) {
		n++;
		p++;
	}
	return n;
}

static void
csv_addspan(struct csv *c, int nf, size_t a, size_t b, size_t messy)
{
	if ((size_t)nf >= c->fcap) {
		c->fcap = c->fcap ? c->fcap * 2 : 16;
		c->span = xreallocarray(c->span, c->fcap, 3 * sizeof(size_t));
		c->f = xreallocarray(c->f, c->fcap, sizeof(*c->f));
	}
	c->span[3 * nf] = a;
	c->span[3 * nf + 1] = b;
	c->span[3 * nf + 2] = messy;
}

/* Appends the value of the raw quoted field s[0..len) (s[0] is the opening
 * quote) to dst: doubled quotes become one, text after the closing quote is
 * kept as it is. */
static void
csv_unquote(struct buf *dst, const char *s, size_t len)
{
	const char *p = s + 1, *end = s + len, *q;

	while (p < end) {
		q = memchr(p, '"', (size_t)(end - p));
		if (q == NULL) {
			buf_add(dst, p, (size_t)(end - p));
			return;
		}
		buf_add(dst, p, (size_t)(q - p));
		if (q + 1 < end && q[1] == '"') {
			buf_addc(dst, '"');
			p = q + 2;
			continue;
		}
		/* The closing quote: the rest is literal. */
		buf_add(dst, q + 1, (size_t)(end - q - 1));
		return;
	}
}

ssize_t
csv_parse(struct csv *c, const char *s, size_t len, int eof)
{
	const char *p = s, *end = s + len, *le, *q, *fs, *fe, *d, *close;
	size_t nl = 0, used;
	int nf = 0, i, messy, eol = c->eol;

	c->nf = 0;
	if (len == 0)
		return 0;
	le = memchr(s, eol, len);
	if (le == NULL && !eof)
		return 0;
	for (;;) {
		fs = p;
		messy = 0;
		close = NULL;
		if (p < end && *p == '"') {
			for (q = p + 1;;) {
				d = memchr(q, '"', (size_t)(end - q));
				if (d == NULL)
					return eof ? -1 : 0;
				nl += count_eol(q, (size_t)(d - q), eol);
				if (d + 1 == end && !eof)
					return 0;
				if (d + 1 < end && d[1] == '"') {
					messy = 1;
					q = d + 2;
					continue;
				}
				close = d;
				p = d + 1;
				break;
			}
			if (le != NULL && le < p)
				le = memchr(p, eol, (size_t)(end - p));
		}
		d = memchr(p, c->delim, (size_t)((le ? le : end) - p));
		if (d != NULL)
			fe = d;
		else {
			if (le == NULL && !eof)
				return 0;
			fe = le ? le : end;
			if (le != NULL && eol == '\n' && fe > p &&
			    fe[-1] == '\r')
				fe--;
		}
		if (close != NULL && fe > p)
			messy = 1;
		if (close != NULL && !messy)
			csv_addspan(c, nf, (size_t)(fs + 1 - s),
			    (size_t)(close - s), 0);
		else
			csv_addspan(c, nf, (size_t)(fs - s), (size_t)(fe - s),
			    (size_t)(close != NULL));
		nf++;
		if (d == NULL)
			break;
		p = d + 1;
	}
	used = le ? (size_t)(le + 1 - s) : len;
	if (le != NULL) {
		nl++;
		/* In a CR-only file a CR LF still ends one line; whether a
		 * LF follows the CR is known only with the next byte. */
		if (eol == '\r' && le + 1 == end && !eof)
			return 0;
		if (eol == '\r' && le + 1 < end && le[1] == '\n')
			used++;
	}

	/* Now that the spans are known, make the values; unquoted ones go
	 * to c->unq, whose data may move while it grows. */
	buf_reset(&c->unq);
	for (i = 0; i < nf; i++) {
		size_t a = c->span[3 * i], b = c->span[3 * i + 1];

		if (c->span[3 * i + 2]) {
			c->span[3 * i] = c->unq.len;
			csv_unquote(&c->unq, s + a, b - a);
			c->span[3 * i + 1] = c->unq.len;
		} else {
			c->f[i].s = s + a;
			c->f[i].len = b - a;
		}
	}
	for (i = 0; i < nf; i++)
		if (c->span[3 * i + 2]) {
			c->f[i].s = c->unq.data + c->span[3 * i];
			c->f[i].len = c->span[3 * i + 1] - c->span[3 * i];
		}
	c->nf = nf;
	c->nlines = nl;
	return (ssize_t)used;
}

int
csv_sniff(const char *s, size_t len)
{
	static const char cand[] = { ';', ',', '\t' };
	size_t n[3] = { 0, 0, 0 }, i;
	int inq = 0, k, best = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == '"')
			inq = !inq;
		else if (inq)
			continue;
		else if (s[i] == '\n')
			break;
		else if (s[i] == ';')
			n[0]++;
		else if (s[i] == ',')
			n[1]++;
		else if (s[i] == '\t')
			n[2]++;
	}
	for (k = 1; k < 3; k++)
		if (n[k] > n[best])
			best = k;
	return n[best] > 0 ? cand[best] : ',';
}

/* ---- struct rows ---- */

/* Moves the unread part of the window to its start and reads more, at
 * least as much as is there (so a long record is rescanned only
 * O(log n) times).  Returns 0 or -1. */
static int
rows_fill(struct rows *r)
{
	size_t keep = r->win.len - r->pos, want;
	ssize_t n;

	if (r->pos > 0) {
		memmove(r->win.data, r->win.data + r->pos, keep);
		buf_setlen(&r->win, keep);
		r->pos = 0;
	}
	want = keep > CHUNK ? keep : CHUNK;
	while (r->win.len < keep + want) {
		if ((n = input_read(&r->in, &r->win, want)) < 0) {
			snprintf(r->err, sizeof(r->err), "%s", r->in.err);
			return -1;
		}
		if (n == 0) {
			r->eof = 1;
			break;
		}
		/* Short of a long record, one read is enough. */
		if (keep <= CHUNK)
			break;
	}
	return 0;
}

int
rows_open(struct rows *r, const char *path, int format, int delim,
    const char *encoding)
{
	const char *s, *le;
	size_t len;
	int guess, maybecsv, nlq = 0, nlu = 0;

	memset(r, 0, sizeof(*r));
	buf_init(&r->win);
	buf_init(&r->fix);
	csv_init(&r->csv, delim);
	r->line = 1;
	r->hdrnf = -1;
	if (input_open(&r->in, path, encoding) < 0) {
		snprintf(r->err, sizeof(r->err), "%s", r->in.err);
		return -1;
	}
	guess = format == INPUT_AUTO;
	if (format == INPUT_AUTO)
		format = input_format_from_name(path);
	/* A U+FEFF left at the start (a UTF-8 BOM converted from UTF-16
	 * along with the text, or a BOM given twice) is not text either. */
	while (r->win.len < 3 && !r->eof)
		if (rows_fill(r) < 0)
			goto fail;
	if (r->win.len >= 3 && memcmp(r->win.data, "\xef\xbb\xbf", 3) == 0)
		r->pos = 3;
	/*
	 * The first line end decides the line ends, and the first line the
	 * format and the delimiter.  In a CSV file it is looked for outside
	 * quotes, so that a header with a line break in a quoted name still
	 * counts; failing that (a stray quote), the first CR or LF decides.
	 */
	maybecsv = format == INPUT_CSV || guess;
	for (;;) {
		s = r->win.data + r->pos;
		len = r->win.len - r->pos;
		nlq = input_newline(s, len, maybecsv, r->eof);
		if (nlq != 0 || r->eof || len >= 1024 * 1024)
			break;
		if (rows_fill(r) < 0)
			goto fail;
	}
	nlu = maybecsv ? input_newline(s, len, 0, 1) : nlq;
	if (nlu == 0)
		nlu = INPUT_LF;
	le = memchr(s, nlu == INPUT_CR ? '\r' : '\n', len);
	if (guess && (format == INPUT_AUTO || format == INPUT_LINES)) {
		if (len >= 3 && memcmp(s, "id\t", 3) == 0)
			format = INPUT_TSV;
		else if (format == INPUT_AUTO || memchr(s, '\t',
		    le ? (size_t)(le - s) : len) != NULL)
			/* Office programs save "tab-delimited text" as
			 * *.txt: CSV with TAB. */
			format = INPUT_CSV;
	}
	if (format == INPUT_CSV && delim == 0)
		r->csv.delim = csv_sniff(s, le ? (size_t)(le - s) : len);
	r->format = format;
	r->escaped = format == INPUT_TSV;
	r->newline = format == INPUT_CSV && nlq != 0 ? nlq : nlu;
	r->eol = r->newline == INPUT_CR ? '\r' : '\n';
	r->csv.eol = r->eol;
	return 0;
fail:
	rows_close(r);
	return -1;
}

static void
rows_setfields(struct rows *r, const char *s, size_t len)
{
	int n;

	if (r->format == INPUT_LINES) {
		if (r->fcap < 1) {
			r->fcap = 1;
			r->f = xmalloc(sizeof(*r->f));
		}
		r->f[0].s = s;
		r->f[0].len = len;
		r->nf = 1;
		return;
	}
	n = record_split(s, len, r->f, (int)r->fcap);
	if ((size_t)n > r->fcap) {
		r->fcap = (size_t)n;
		r->f = xreallocarray(r->f, r->fcap, sizeof(*r->f));
		record_split(s, len, r->f, n);
	}
	r->nf = n;
}

/*
 * Returns the length of the line end at the end of s[0..len), a record
 * just read: LF, or CR LF, or, in a CR-only file, CR or CR LF.  A CR at the
 * end of the last line of a LF file is dropped too, as it always was.
 */
static size_t
eol_len(const struct rows *r, const char *s, size_t len)
{
	size_t n = 0;

	if (r->eol == '\n') {
		if (len > 0 && s[len - 1] == '\n')
			n++;
		if (len > n && s[len - 1 - n] == '\r')
			n++;
		return n;
	}
	if (len >= 2 && s[len - 2] == '\r' && s[len - 1] == '\n')
		return 2;
	return len > 0 && s[len - 1] == '\r';
}

/*
 * Takes the line at s, whose line end is at le (NULL: the line runs to
 * the end of the avail bytes): moves past it, a CR LF in a CR file
 * included, counts it, and returns its length without the line end.
 */
static size_t
take_line(struct rows *r, const char *s, const char *le, size_t avail)
{
	size_t len = le != NULL ? (size_t)(le + 1 - s) : avail;

	if (le != NULL && r->eol == '\r' && len < avail && s[len] == '\n')
		len++;
	r->pos += len;
	r->line++;
	return len - eol_len(r, s, len);
}

/* Finds the line and column of offset bad in the current row. */
static void
rows_locate(struct rows *r, const char *raw, size_t bad)
{
	const char *p, *nl = NULL;
	size_t col = 1;

	for (p = raw; p < raw + bad; p++)
		if (*p == r->eol)
			nl = p;
	r->badline = r->rowline + count_eol(raw, bad, r->eol);
	p = nl ? nl + 1 : raw;
	if (nl != NULL && r->eol == '\r' && p < raw + bad && *p == '\n')
		p++;
	for (; p < raw + bad; p++)
		if (((unsigned char)*p & 0xc0) != 0x80)
			col++;
	r->badcol = col;
}

/*
 * Checks the current row for invalid bytes; when there are any, makes a
 * repaired copy in r->fix and points r->raw there.  Returns 1 when the
 * fields must be split again from r->raw.
 */
static int
rows_check(struct rows *r)
{
	size_t bad, badlen, n, first = 0, at = (size_t)-1;
	const char *p;

	r->nbad = 0;
	r->badnul = 0;
	if (r->in.src == NULL) {
		bad = utf8_scan(r->raw, r->rawlen, &badlen);
		if (bad == r->rawlen)
			return 0;
	} else {
		/* The converter made valid UTF-8, marking what it could not
		 * convert with U+FFFD; only NUL bytes are left to replace. */
		r->pending += r->in.nsubst - r->seen;
		r->seen = r->in.nsubst;
		if (r->pending > 0 &&
		    (p = find_fffd(r->raw, r->rawlen)) != NULL) {
			at = (size_t)(p - r->raw);
			for (n = 0; p != NULL && n < r->pending; n++)
				p = find_fffd(p + 3, (size_t)(r->raw +
				    r->rawlen - p - 3));
			r->nbad = n;
			r->pending -= n;
		}
		if (memchr(r->raw, '\0', r->rawlen) == NULL) {
			if (r->nbad > 0)
				rows_locate(r, r->raw, at);
			return 0;
		}
	}
	buf_reset(&r->fix);
	n = utf8_repair(&r->fix, r->raw, r->rawlen, &first);
	if (first < at)
		at = first;
	r->badnul = r->raw[at] == '\0';
	rows_locate(r, r->raw, at);
	r->nbad += n;
	r->raw = r->fix.data;
	r->rawlen = r->fix.len;
	return 1;
}

int
rows_next(struct rows *r)
{
	const char *s, *le;
	size_t avail, len;
	ssize_t n;

	for (;;) {
		s = r->win.data + r->pos;
		avail = r->win.len - r->pos;
		r->rowline = r->line;
		r->reason = NULL;
		if (r->format == INPUT_CSV) {
			n = csv_parse(&r->csv, s, avail, r->eof);
			if (n == 0 && !r->eof) {
				if (rows_fill(r) < 0)
					return ROWS_ERROR;
				continue;
			}
			if (n == 0)
				return ROWS_END;
			if (n > 0) {
				len = (size_t)n;
				r->pos += len;
				r->line += r->csv.nlines;
				len -= eol_len(r, s, len);
				r->raw = s;
				r->rawlen = len;
				r->f = r->csv.f;
				r->nf = r->csv.nf;
				if (len == 0 && r->hdrnf > 1)
					continue;
				if (r->hdrnf < 0)
					r->hdrnf = r->nf;
				if (rows_check(r)) {
					csv_parse(&r->csv, r->raw, r->rawlen,
					    1);
					r->f = r->csv.f;
					r->nf = r->csv.nf;
				}
				return ROWS_ROW;
			}
			/* A quote that is never closed: give up the first
			 * line of the record and read on after it. */
			len = take_line(r, s, memchr(s, r->eol, avail),
			    avail);
			r->raw = s;
			r->rawlen = len;
			r->reason = "unterminated quote";
			if (r->hdrnf < 0)
				r->hdrnf = 0;
			rows_check(r);
			return ROWS_REJECT;
		}
		le = memchr(s, r->eol, avail);
		/* After a CR at the end of the window, a LF may follow. */
		if ((le == NULL || (r->eol == '\r' && le + 1 == s + avail)) &&
		    !r->eof) {
			if (rows_fill(r) < 0)
				return ROWS_ERROR;
			continue;
		}
		if (le == NULL && avail == 0)
			return ROWS_END;
		len = take_line(r, s, le, avail);
		if (len == 0 && r->format == INPUT_TSV && r->hdrnf > 1)
			continue;
		r->raw = s;
		r->rawlen = len;
		rows_check(r);
		rows_setfields(r, r->raw, r->rawlen);
		if (r->hdrnf < 0)
			r->hdrnf = r->nf;
		return ROWS_ROW;
	}
}

void
rows_close(struct rows *r)
{
	if (r->format != INPUT_CSV)
		free(r->f);
	r->f = NULL;
	input_close(&r->in);
	csv_release(&r->csv);
	buf_release(&r->win);
	buf_release(&r->fix);
}

/* ---- struct idset ---- */

#define IDSET_OFFBITS	40
#define HUGE_PAGE	(2 * 1024 * 1024)
#define IDSET_OFFMASK	((UINT64_C(1) << IDSET_OFFBITS) - 1)

void
idset_init(struct idset *set)
{
	memset(set, 0, sizeof(*set));
	buf_init(&set->arena);
}

void
idset_release(struct idset *set)
{
	free(set->slots);
	buf_release(&set->arena);
	idset_init(set);
}

/* Writes v as a varint (7 bits a byte, low first) at p; returns its
 * length, at most 10. */
static size_t
varint_put(unsigned char *p, uint64_t v)
{
	size_t n = 0;

	while (v >= 0x80) {
		p[n++] = (unsigned char)(v & 0x7f) | 0x80;
		v >>= 7;
	}
	p[n++] = (unsigned char)v;
	return n;
}

static uint64_t
varint_get(const unsigned char **pp)
{
	const unsigned char *p = *pp;
	uint64_t v = 0;
	int shift = 0;

	while (*p & 0x80) {
		v |= (uint64_t)(*p++ & 0x7f) << shift;
		shift += 7;
	}
	v |= (uint64_t)*p++ << shift;
	*pp = p;
	return v;
}

/* Points *pp at the bytes of the id at arena offset off and returns its
 * length. */
static size_t
idset_key(const struct idset *set, uint64_t off, const unsigned char **pp)
{
	*pp = (const unsigned char *)set->arena.data + off;
	return (size_t)varint_get(pp);
}

/*
 * The hash of an id: eight bytes at a time, each word mixed in with a
 * multiply, then a final avalanche so that the low bits (the slot) and the
 * high ones (the tag) both vary.
 */
static uint64_t
idset_hash(const char *s, size_t len)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ len, w;

	for (; len >= 8; s += 8, len -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
	}
	w = 0;
	memcpy(&w, s, len);
	return hash_mix(h ^ w);
}

/* Allocates a zeroed table of n slots.  A large one is aligned to 2 MB and
 * asked to be backed by huge pages: the slots are looked up at random, and
 * with 4 KB pages most lookups would miss the TLB as well as the caches. */
static uint64_t *
idset_table(size_t n)
{
	void *p;

	if (n * sizeof(uint64_t) < HUGE_PAGE)
		return xcalloc(n, sizeof(uint64_t));
	if (posix_memalign(&p, HUGE_PAGE, n * sizeof(uint64_t)) != 0)
		glosy_die("out of memory");
#ifdef MADV_HUGEPAGE
	madvise(p, n * sizeof(uint64_t), MADV_HUGEPAGE);
#endif
	memset(p, 0, n * sizeof(uint64_t));
	return p;
}

/* Puts the id at arena offset off, with hash h, into a free slot. */
static void
idset_put(struct idset *set, uint64_t h, uint64_t off)
{
	size_t mask = set->nslots - 1, i;

	for (i = (size_t)h & mask; set->slots[i] != 0; i = (i + 1) & mask)
		;
	set->slots[i] = (h >> IDSET_OFFBITS) << IDSET_OFFBITS | (off + 1);
}

/*
 * Doubles the table.  The ids are rehashed in arena order, which reads the
 * arena straight through, and each is put in its slot IDSET_AHEAD ids after
 * the slot was prefetched: the table is larger than the caches, and waiting
 * for every slot in turn would take most of the time.
 */
#define IDSET_AHEAD	8
static void
idset_grow(struct idset *set)
{
	const unsigned char *p, *end;
	uint64_t h[IDSET_AHEAD], off[IDSET_AHEAD];
	size_t len, mask, k = 0, n = 0;

	free(set->slots);
	set->nslots = set->nslots ? set->nslots * 2 : 1024;
	set->slots = idset_table(set->nslots);
	mask = set->nslots - 1;
	p = (const unsigned char *)set->arena.data;
	end = p + set->arena.len;
	while (p < end) {
		if (n == IDSET_AHEAD)
			idset_put(set, h[k], off[k]);
		else
			n++;
		off[k] = (uint64_t)(p - (const unsigned char *)set->arena.data);
		len = (size_t)varint_get(&p);
		h[k] = idset_hash((const char *)p, len);
		__builtin_prefetch(&set->slots[(size_t)h[k] & mask], 1);
		p += len;
		varint_get(&p);
		varint_get(&p);
		k = (k + 1) % IDSET_AHEAD;
	}
	/* The last ones, oldest first. */
	for (k = (k + IDSET_AHEAD - n) % IDSET_AHEAD; n > 0; n--) {
		idset_put(set, h[k], off[k]);
		k = (k + 1) % IDSET_AHEAD;
	}
}

uint64_t
idset_prefetch(const struct idset *set, const char *s, size_t len)
{
	uint64_t h = idset_hash(s, len);

	if (set->nslots > 0)
		__builtin_prefetch(&set->slots[(size_t)h & (set->nslots - 1)]);
	return h;
}

int
idset_add(struct idset *set, const char *s, size_t len, unsigned long file,
    unsigned long line, unsigned long *firstfile, unsigned long *firstline)
{
	return idset_addh(set, s, len, idset_hash(s, len), file, line,
	    firstfile, firstline);
}

int
idset_addh(struct idset *set, const char *s, size_t len, uint64_t h,
    unsigned long file, unsigned long line, unsigned long *firstfile,
    unsigned long *firstline)
{
	const unsigned char *p;
	unsigned char *q;
	uint64_t tag, v;
	size_t i, mask, klen;

	if ((set->n + 1) * 4 > set->nslots * 3)
		idset_grow(set);
	tag = h >> IDSET_OFFBITS;
	mask = set->nslots - 1;
	for (i = (size_t)h & mask; (v = set->slots[i]) != 0;
	    i = (i + 1) & mask) {
		if (v >> IDSET_OFFBITS != tag)
			continue;
		klen = idset_key(set, (v & IDSET_OFFMASK) - 1, &p);
		if (klen == len && memcmp(p, s, len) == 0) {
			p += len;
			*firstfile = (unsigned long)varint_get(&p);
			*firstline = (unsigned long)varint_get(&p);
			return 0;
		}
	}
	if (len > IDSET_OFFMASK / 2 ||
	    set->arena.len > IDSET_OFFMASK / 2 - 32 - len)
		glosy_die("out of memory");
	set->slots[i] = tag << IDSET_OFFBITS | (set->arena.len + 1);
	buf_grow(&set->arena, len + 30);
	q = (unsigned char *)set->arena.data + set->arena.len;
	q += varint_put(q, len);
	memcpy(q, s, len);
	q += len;
	q += varint_put(q, file);
	q += varint_put(q, line);
	buf_setlen(&set->arena, (size_t)((char *)q - set->arena.data));
	set->n++;
	return 1;
}
