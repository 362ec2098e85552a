/*
 * fuzz-csv.c - libFuzzer target for the CSV importer core of input.c.
 *
 * The first input byte picks the delimiter and a chunk size; the rest is
 * the data.  Checks, with LF and with CR as the line end:
 *   - csv_parse() over the whole buffer and csv_parse() fed a chunk at a
 *     time (the way struct rows reads a file) give the same records;
 *   - a record takes no more than the buffer, and nlines is the number of
 *     line-end characters it took;
 *   - input_newline() agrees with the first CR or LF when quotes are not
 *     looked at;
 *   - glosy-import's id set finds every field of every record that was
 *     seen before, and no other;
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
count(const char *s, size_t n, int eol)
{
	size_t k = 0;

	while (n-- > 0)
		k += *s++ == eol;
	return k;
}

/*
 * Parses s[0..len) whole; the records go to out.  Every field goes into
 * an id set too, which must know it exactly when an earlier field (kept
 * in seen, NUL-separated, duplicates included) had the same bytes.
 */
static void
parse_whole(int delim, int eol, const char *s, size_t len, struct buf *out)
{
	struct csv c;
	struct idset set = IDSET_INIT;
	struct buf seen = BUF_INIT;
	unsigned long ff, fl, line = 0;
	size_t off = 0, k, nseen = 0;
	const char *p;
	ssize_t n;
	int i, isnew;

	csv_init(&c, delim);
	c.eol = eol;
	for (;;) {
		n = csv_parse(&c, s + off, len - off, 1);
		serialize(&c, n, out);
		if (n <= 0)
			break;
		REQUIRE((size_t)n <= len - off);
		REQUIRE(c.nlines == count(s + off, (size_t)n, eol));
		line++;
		for (i = 0; i < c.nf && nseen < 64; i++, nseen++) {
			isnew = 1;
			for (p = seen.data, k = 0; k < nseen; k++) {
				size_t plen;

				memcpy(&plen, p, sizeof(plen));
				if (plen == c.f[i].len &&
				    memcmp(p + sizeof(plen), c.f[i].s,
				    plen) == 0)
					isnew = 0;
				p += sizeof(plen) + plen;
			}
			REQUIRE(idset_add(&set, c.f[i].s, c.f[i].len, 0, line,
			    &ff, &fl) == isnew);
			REQUIRE(isnew || (fl >= 1 && fl <= line));
			buf_add(&seen, &c.f[i].len, sizeof(c.f[i].len));
			buf_add(&seen, c.f[i].s, c.f[i].len);
		}
		off += (size_t)n;
	}
	csv_release(&c);
	idset_release(&set);
	buf_release(&seen);
}

/* Parses s[0..len) as it arrives in chunks of step bytes. */
static void
parse_chunked(int delim, int eol, const char *s, size_t len, size_t step,
    struct buf *out)
{
	struct csv c;
	struct buf win = BUF_INIT;
	size_t off = 0, have = 0, add;
	ssize_t n;

	csv_init(&c, delim);
	c.eol = eol;
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
	const char *s = (const char *)data + 1, *cr, *lf;
	size_t len, step;
	int delim, eol, nl;

	if (size < 1)
		return 0;
	len = size - 1;
	delim = delims[data[0] & 3];
	step = 1 + (data[0] >> 2);
	for (eol = '\n'; eol != 0; eol = eol == '\n' ? '\r' : 0) {
		buf_reset(&a);
		buf_reset(&b);
		parse_whole(delim, eol, s, len, &a);
		parse_chunked(delim, eol, s, len, step, &b);
		REQUIRE(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
	}
	REQUIRE(csv_sniff(s, len) != 0);
	cr = memchr(s, '\r', len);
	lf = memchr(s, '\n', len);
	nl = input_newline(s, len, 0, 1);
	if (cr == NULL && lf == NULL)
		REQUIRE(nl == 0);
	else if (cr == NULL || (lf != NULL && lf < cr))
		REQUIRE(nl == INPUT_LF);
	else
		REQUIRE(nl == (cr + 1 == lf ? INPUT_CRLF : INPUT_CR));
	nl = input_newline(s, len, 1, 1);
	REQUIRE(nl >= 0 && nl <= INPUT_CR);
	read_rows(s, len, (data[0] & 0xc0) == 0xc0 ? INPUT_LINES :
	    (data[0] & 0xc0) == 0x80 ? INPUT_TSV : INPUT_CSV);
	buf_release(&a);
	buf_release(&b);
	return 0;
}
