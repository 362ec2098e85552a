/*
 * fuzz-csv.c - libFuzzer target for the CSV importer core of input.c.
 *
 * The first input byte picks the delimiter and a chunk size; the rest is
 * the data.  Checks:
 *   - csv_parse() over the whole buffer and csv_parse() fed a chunk at a
 *     time (the way struct rows reads a file) give the same records;
 *   - a record takes no more than the buffer, and nlines is the number of
 *     LFs it took;
 *   - the row reader (struct rows, on a temporary file: gzip, encoding
 *     detection, conversion, repair) yields rows and rejects whose fields
 *     and raw text are valid UTF-8 without NUL, with growing line numbers.
 * A failed check aborts, which libFuzzer reports as a crash.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "glosy.h"
#include "input.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define REQUIRE(c) do { if (!(c)) { \
	fprintf(stderr, "fuzz-csv: check failed: %s (line %d)\n", #c, \
	    __LINE__); abort(); } } while (0)

/* Appends the last record, fields separated by NUL-free markers, to out. */
static void
serialize(const struct csv *c, ssize_t n, struct buf *out)
{
	int i;

	buf_printf(out, "[%zd:%lu", n, n > 0 ? c->nlines : 0);
	for (i = 0; n > 0 && i < c->nf; i++) {
		buf_printf(out, "|%zu:", c->f[i].len);
		buf_add(out, c->f[i].s, c->f[i].len);
	}
	buf_addc(out, ']');
}

static size_t
lfs(const char *s, size_t n)
{
	size_t k = 0;

	while (n-- > 0)
		k += *s++ == '\n';
	return k;
}

/* Parses s[0..len) whole; the records go to out. */
static void
parse_whole(int delim, const char *s, size_t len, struct buf *out)
{
	struct csv c;
	size_t off = 0;
	ssize_t n;

	csv_init(&c, delim);
	for (;;) {
		n = csv_parse(&c, s + off, len - off, 1);
		serialize(&c, n, out);
		if (n <= 0)
			break;
		REQUIRE((size_t)n <= len - off);
		REQUIRE(c.nlines == lfs(s + off, (size_t)n));
		off += (size_t)n;
	}
	csv_release(&c);
}

/* Parses s[0..len) as it arrives in chunks of step bytes. */
static void
parse_chunked(int delim, const char *s, size_t len, size_t step,
    struct buf *out)
{
	struct csv c;
	struct buf win = BUF_INIT;
	size_t off = 0, have = 0, add;
	ssize_t n;

	csv_init(&c, delim);
	for (;;) {
		n = csv_parse(&c, win.data + off, win.len - off, have == len);
		if (n == 0 && have < len) {
			add = len - have < step ? len - have : step;
			buf_add(&win, s + have, add);
			have += add;
			continue;
		}
		serialize(&c, n, out);
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	csv_release(&c);
	buf_release(&win);
}

static int
clean(const char *s, size_t len)
{
	return memchr(s, '\0', len) == NULL &&
	    text_invalid(s, len) == (size_t)-1;
}

static char path[64];

static void
cleanup(void)
{
	unlink(path);
}

/* Runs the row reader over the data as a file. */
static void
read_rows(const char *s, size_t len, int format)
{
	struct rows r;
	unsigned long last = 0;
	FILE *fp;
	int rc, i;

	if (path[0] == '\0') {
		snprintf(path, sizeof(path), "/tmp/fuzz-csv.%ld",
		    (long)getpid());
		atexit(cleanup);
	}
	if ((fp = fopen(path, "w")) == NULL)
		abort();
	fwrite(s, 1, len, fp);
	fclose(fp);
	if (rows_open(&r, path, format, 0, NULL) < 0)
		return;
	while ((rc = rows_next(&r)) != ROWS_END && rc != ROWS_ERROR) {
		REQUIRE(r.rowline >= last);
		last = r.rowline;
		REQUIRE(clean(r.raw, r.rawlen));
		if (r.nbad > 0)
			REQUIRE(r.badline >= r.rowline && r.badcol >= 1);
		if (rc == ROWS_ROW)
			for (i = 0; i < r.nf; i++)
				REQUIRE(clean(r.f[i].s, r.f[i].len));
	}
	rows_close(&r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int delims[] = { ',', ';', '\t', '|' };
	struct buf a = BUF_INIT, b = BUF_INIT;
	const char *s = (const char *)data + 1;
	size_t len, step;
	int delim;

	if (size < 1)
		return 0;
	len = size - 1;
	delim = delims[data[0] & 3];
	step = 1 + (data[0] >> 2);
	parse_whole(delim, s, len, &a);
	parse_chunked(delim, s, len, step, &b);
	REQUIRE(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
	REQUIRE(csv_sniff(s, len) != 0);
	read_rows(s, len, (data[0] & 0xc0) == 0xc0 ? INPUT_LINES :
	    (data[0] & 0xc0) == 0x80 ? INPUT_TSV : INPUT_CSV);
	buf_release(&a);
	buf_release(&b);
	return 0;
}
