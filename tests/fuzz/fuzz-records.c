/*
 * fuzz-records.c - libFuzzer target for the record stream reader and
 * writer of record.c, glosy-records(5).
 *
 * The reader dies (exits) on a malformed stream, which a fuzzer cannot
 * survive, so the target first decides with its own reading of the format
 * whether the reader must accept the input: no NUL byte, a header of
 * unique, non-empty names, every row with as many fields as the header.
 * Accepted inputs go through records_open/next/get/add/set/emit into a
 * memory stream, and the output must be the input (rows byte for byte, the
 * header re-escaped) plus the added column, and every value must be the
 * unescaped field.  If the reader disagrees and exits, libFuzzer reports
 * it.  Every input also checks that escaping and unescaping round-trip.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "glosy.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define REQUIRE(c) do { if (!(c)) { \
	fprintf(stderr, "fuzz-records: check failed: %s (line %d)\n", #c, \
	    __LINE__); abort(); } } while (0)

/* Splits s into lines as the reader does: LF ends a line, a last line
 * without LF counts when not empty, one CR before the end is dropped.
 * Stores at most max (start, length) pairs; returns the count. */
static size_t
lines(const char *s, size_t len, size_t *at, size_t *ln, size_t max)
{
	size_t n = 0, p = 0, e;
	const char *nl;

	while (p < len) {
		nl = memchr(s + p, '\n', len - p);
		e = nl ? (size_t)(nl - s) : len;
		if (n < max) {
			at[n] = p;
			ln[n] = e - p;
			if (ln[n] > 0 && s[e - 1] == '\r')
				ln[n]--;
		}
		n++;
		p = e + 1;
	}
	return n;
}

/* Returns 1 when the reader must accept s; the expected output goes to
 * want. */
static int
expect(const char *s, size_t len, struct buf *want, int *ncolsp)
{
	static size_t at[4096], ln[4096];
	struct field f[256];
	struct buf name = BUF_INIT, names = BUF_INIT;
	size_t n, i, k, nnames = 0;
	int nf, j, ok = 1;

	if (len == 0 || memchr(s, '\0', len) != NULL)
		return 0;
	n = lines(s, len, at, ln, 4096);
	if (n > 4096)
		return 0;
	nf = record_split(s + at[0], ln[0], f, 256);
	if (nf > 256)
		return 0;
	for (j = 0; j < nf && ok; j++) {
		buf_reset(&name);
		record_unescape(&name, f[j].s, f[j].len);
		if (name.len == 0 || memchr(name.data, '\0', name.len))
			ok = 0;
		/* Names are compared as C strings by the reader. */
		for (i = 0, k = 0; ok && i < nnames; i++) {
			if (strcmp(names.data + k, name.data) == 0)
				ok = 0;
			k += strlen(names.data + k) + 1;
		}
		if (ok && strcmp(name.data, "x_fuzz") == 0)
			ok = 0;
		buf_add(&names, name.data, name.len + 1);
		nnames++;
		if (j > 0)
			buf_addc(want, '\t');
		record_escape(want, name.data, name.len);
	}
	buf_adds(want, "\tx_fuzz\n");
	for (i = 1; i < n && ok; i++) {
		if (record_split(s + at[i], ln[i], f, 256) != nf) {
			ok = 0;
			break;
		}
		buf_add(want, s + at[i], ln[i]);
		buf_printf(want, "\t%zu\n", f[0].len);
	}
	buf_release(&name);
	buf_release(&names);
	*ncolsp = nf;
	return ok;
}

static void
roundtrip(const char *s, size_t len)
{
	struct buf e = BUF_INIT, back = BUF_INIT;

	record_escape(&e, s, len);
	REQUIRE(memchr(e.data, '\t', e.len) == NULL);
	REQUIRE(memchr(e.data, '\n', e.len) == NULL);
	REQUIRE(memchr(e.data, '\r', e.len) == NULL);
	record_unescape(&back, e.data, e.len);
	REQUIRE(back.len == len && memcmp(back.data, s, len) == 0);
	buf_release(&e);
	buf_release(&back);
}

static char path[64];

static void
cleanup(void)
{
	unlink(path);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct buf want = BUF_INIT, val = BUF_INIT;
	struct records r;
	char *argv[1], *got = NULL, num[32];
	size_t gotlen = 0, vlen;
	const char *v;
	FILE *fp, *mem;
	int ncols, k, c, ok;

	roundtrip(s, size);
	ok = expect(s, size, &want, &ncols);
	if (!ok) {
		buf_release(&want);
		return 0;
	}
	if (path[0] == '\0') {
		snprintf(path, sizeof(path), "/tmp/fuzz-records.%ld",
		    (long)getpid());
		atexit(cleanup);
	}
	if ((fp = fopen(path, "w")) == NULL)
		abort();
	fwrite(s, 1, size, fp);
	fclose(fp);
	if ((mem = open_memstream(&got, &gotlen)) == NULL)
		abort();
	argv[0] = path;
	records_open(&r, 1, argv);
	r.out = mem;
	REQUIRE(r.ncols == ncols);
	k = records_add(&r, "x_fuzz");
	while (records_next(&r)) {
		for (c = 0; c < r.ncols; c++) {
			v = records_get(&r, c, &vlen);
			buf_reset(&val);
			record_unescape(&val, r.raw[c].s, r.raw[c].len);
			REQUIRE(vlen == val.len &&
			    memcmp(v, val.data, vlen) == 0);
		}
		snprintf(num, sizeof(num), "%zu", r.raw[0].len);
		records_set(&r, k, num, strlen(num));
		records_emit(&r);
	}
	records_close(&r);
	fclose(mem);
	REQUIRE(gotlen == want.len && memcmp(got, want.data, gotlen) == 0);
	free(got);
	buf_release(&want);
	buf_release(&val);
	return 0;
}
