/*
 * t-input.c - unit tests of the input layer: the CSV parser, delimiter and
 * encoding guesses, decoding of files (gzip, UTF-16, windows-1250,
 * ISO-8859-2), line ends (LF, CR LF, CR alone), the row reader's line
 * numbers and repairs, and the id set.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "check.h"
#include "glosy.h"
#include "input.h"

/* Joins the fields of the last record as "a|b|c" into a static buffer. */
static const char *
joined(const struct csv *c)
{
	static struct buf b = BUF_INIT;
	int i;

	buf_reset(&b);
	for (i = 0; i < c->nf; i++) {
		if (i > 0)
			buf_addc(&b, '|');
		buf_add(&b, c->f[i].s, c->f[i].len);
	}
	return b.data;
}

/* Parses one whole record of s (at eof); returns "a|b" or "-1", "0". */
static const char *
one(const char *s, int delim)
{
	struct csv c;
	static char res[256];
	ssize_t n;

	csv_init(&c, delim);
	n = csv_parse(&c, s, strlen(s), 1);
	if (n <= 0)
		snprintf(res, sizeof(res), "%zd", n);
	else
		snprintf(res, sizeof(res), "%s", joined(&c));
	csv_release(&c);
	return res;
}

static void
test_csv(void)
{
	struct csv c;
	const char *s;
	ssize_t n;

	CHECK(strcmp(one("a,b,c\n", ','), "a|b|c") == 0, "plain fields");
	CHECK(strcmp(one("\"a,b\",c\n", ','), "a,b|c") == 0,
	    "a delimiter inside quotes");
	CHECK(strcmp(one("\"a\"\"b\",\"\"\"\"\n", ','), "a\"b|\"") == 0,
	    "doubled quotes");
	CHECK(strcmp(one("\"a\nb\",c\n", ','), "a\nb|c") == 0,
	    "a newline inside quotes");
	CHECK(strcmp(one("a;b\r\n", ';'), "a|b") == 0, "CRLF is a line end");
	CHECK(strcmp(one("\"a\"\r\n", ';'), "a") == 0,
	    "CRLF after a closing quote");
	CHECK(strcmp(one("a\rb\n", ';'), "a\rb") == 0,
	    "a CR inside a field stays");
	CHECK(strcmp(one("a,,\n", ','), "a||") == 0, "empty fields");
	CHECK(strcmp(one("\n", ','), "") == 0, "an empty line is one field");
	CHECK(strcmp(one("ab\"c,d\n", ','), "ab\"c|d") == 0,
	    "a quote inside an unquoted field is a character");
	CHECK(strcmp(one("\"ab\"cd,e\n", ','), "abcd|e") == 0,
	    "text after a closing quote is kept");
	CHECK(strcmp(one("\"ab\"c\"d\",e\n", ','), "abc\"d\"|e") == 0,
	    "quotes after a closing quote are characters");
	CHECK(strcmp(one("a,b", ','), "a|b") == 0, "a last line without LF");
	CHECK(strcmp(one("\"abc", ','), "-1") == 0,
	    "an unterminated quote at the end is -1");
	CHECK(strcmp(one("\"a\tb\"\tc\n", '\t'), "a\tb|c") == 0,
	    "TAB as the delimiter");

	csv_init(&c, ',');
	s = "a,b\nc,d\n";
	n = csv_parse(&c, s, strlen(s), 0);
	CHECK(n == 4 && c.nf == 2 && c.nlines == 1,
	    "a record takes its LF and no more");
	CHECK(csv_parse(&c, s, 3, 0) == 0, "no LF yet: more is needed");
	s = "\"a\nb\nc\",d\ne";
	CHECK(csv_parse(&c, s, 8, 0) == 0, "an open quote needs more");
	n = csv_parse(&c, s, strlen(s), 0);
	CHECK(n == 10 && c.nlines == 3, "LFs in quotes are counted");
	s = "\"a\"";
	CHECK(csv_parse(&c, s, 3, 0) == 0,
	    "a quote at the end may be doubled: more is needed");
	CHECK(csv_parse(&c, "", 0, 1) == 0, "no bytes at the end: 0");
	csv_release(&c);

	CHECK(csv_sniff("id;a;b\n", 7) == ';', "sniff ;");
	CHECK(csv_sniff("id,a;b,c\n", 9) == ',', "sniff , by count");
	CHECK(csv_sniff("id\ta\tb\n", 7) == '\t', "sniff TAB");
	CHECK(csv_sniff("\"a;b;c\",d\n", 10) == ',',
	    "sniff ignores delimiters in quotes");
	CHECK(csv_sniff("answer\n", 7) == ',', "sniff a lone column: ,");
	CHECK(csv_sniff("a;b,c\n", 6) == ';', "sniff tie: ; first");
}

/* Every split of the input into two reads gives the same records. */
static void
test_chunks(void)
{
	const char *s = "h1;h2\n\"x;\ny\";\"q\"\"q\"\r\nplain;\"\"\n\"z\"";
	struct buf all = BUF_INIT, part = BUF_INIT, b = BUF_INIT;
	struct csv c;
	size_t len = strlen(s), cut, off;
	ssize_t n;
	int ok = 1;

	csv_init(&c, ';');
	for (off = 0; (n = csv_parse(&c, s + off, len - off, 1)) > 0;
	    off += (size_t)n) {
		buf_adds(&all, joined(&c));
		buf_addc(&all, '/');
	}
	for (cut = 0; cut <= len; cut++) {
		buf_reset(&part);
		buf_reset(&b);
		buf_add(&b, s, cut);
		off = 0;
		for (;;) {
			n = csv_parse(&c, b.data + off, b.len - off,
			    b.len == len);
			if (n == 0 && b.len < len) {
				buf_add(&b, s + b.len, len - b.len);
				continue;
			}
			if (n <= 0)
				break;
			buf_adds(&part, joined(&c));
			buf_addc(&part, '/');
			off += (size_t)n;
		}
		if (strcmp(part.data, all.data) != 0)
			ok = 0;
	}
	CHECK(strcmp(all.data, "h1|h2/x;\ny|q\"q/plain|/z/") == 0,
	    "the records of a sample");
	CHECK(ok, "a read split anywhere gives the same records");
	csv_release(&c);
	buf_release(&all);
	buf_release(&part);
	buf_release(&b);
}

static void
test_guess(void)
{
	const char *u = "Gęś, źródło, Śląsk, ąę";
	char cp[64], iso[64];

	CHECK(strcmp(input_guess_encoding("abc", 3, 1), "UTF-8") == 0,
	    "ASCII is UTF-8");
	CHECK(strcmp(input_guess_encoding(u, strlen(u), 1), "UTF-8") == 0,
	    "Polish UTF-8");
	CHECK(strcmp(input_guess_encoding(u, 2, 0), "UTF-8") == 0,
	    "a character cut at the end of a prefix");
	CHECK(strcmp(input_guess_encoding(u, 2, 1), "UTF-8") != 0,
	    "a character cut at the end of the input");
	/* "Gęś źródło ąę" in each: ś ź ą differ, ę ó ł do not. */
	snprintf(cp, sizeof(cp), "G\xea\x9c \x9fr\xf3" "d\xb3o \xb9\xea");
	snprintf(iso, sizeof(iso), "G\xea\xb6 \xbcr\xf3" "d\xb3o \xb1\xea");
	CHECK(strcmp(input_guess_encoding(cp, strlen(cp), 1),
	    "windows-1250") == 0, "windows-1250 Polish");
	CHECK(strcmp(input_guess_encoding(iso, strlen(iso), 1),
	    "ISO-8859-2") == 0, "ISO-8859-2 Polish");
	CHECK(input_format_from_name("a.TSV") == INPUT_TSV &&
	    input_format_from_name("x/a.tsv.gz") == INPUT_TSV &&
	    input_format_from_name("a.csv.gz") == INPUT_CSV &&
	    input_format_from_name("a.txt") == INPUT_LINES &&
	    input_format_from_name("-") == INPUT_AUTO &&
	    input_format_from_name("tsv") == INPUT_AUTO,
	    "formats from names");
	CHECK(input_encoding_known("cp1250") && input_encoding_known("latin2")
	    && !input_encoding_known("klingon"), "encoding names");
}

static char path[64];

static void
writefile(const char *data, size_t len, int gz)
{
	FILE *fp;
	gzFile g;
	int fd;

	strcpy(path, "/tmp/t-input.XXXXXX");
	if ((fd = mkstemp(path)) < 0)
		exit(2);
	if (gz) {
		g = gzdopen(fd, "wb");
		gzwrite(g, data, (unsigned)len);
		gzclose(g);
	} else {
		fp = fdopen(fd, "w");
		fwrite(data, 1, len, fp);
		fclose(fp);
	}
}

/* Reads the whole file through input_read. */
static int
slurp(const char *data, size_t len, int gz, const char *enc,
    struct buf *out, char *encname, size_t enclen)
{
	struct input in;
	ssize_t n;

	writefile(data, len, gz);
	if (input_open(&in, path, enc) < 0) {
		unlink(path);
		return -1;
	}
	snprintf(encname, enclen, "%s", in.encoding);
	while ((n = input_read(&in, out, 7)) > 0)
		;
	input_close(&in);
	unlink(path);
	return n < 0 ? -1 : 0;
}

static void
test_input(void)
{
	const char *u = "id;tekst\nŻółć;gęś\n";
	struct buf out = BUF_INIT, big = BUF_INIT;
	char enc[64];
	/* The same text in UTF-16LE with a BOM, in windows-1250 and with a
	 * UTF-8 BOM. */
	static const char u16[] = "\xff\xfe" "i\0d\0;\0t\0e\0k\0s\0t\0\n\0"
	    "\x7b\x01\xf3\0\x42\x01\x07\x01;\0g\0\x19\x01\x5b\x01\n\0";
	static const char cp[] = "id;tekst\n\xaf\xf3\xb3\xe6;g\xea\x9c\n";
	static const char bom[] = "\xef\xbb\xbfid;tekst\n\xc5\xbb\xc3\xb3"
	    "\xc5\x82\xc4\x87;g\xc4\x99\xc5\x9b\n";
	size_t i;

	CHECK(slurp(u, strlen(u), 1, NULL, &out, enc, sizeof(enc)) == 0 &&
	    strcmp(out.data, u) == 0 && strcmp(enc, "UTF-8") == 0,
	    "gzip UTF-8 comes through");
	buf_reset(&out);
	CHECK(slurp(u16, sizeof(u16) - 1, 0, NULL, &out, enc,
	    sizeof(enc)) == 0 && strcmp(out.data, u) == 0 &&
	    strcmp(enc, "UTF-16LE") == 0, "UTF-16LE with a BOM");
	buf_reset(&out);
	CHECK(slurp(cp, sizeof(cp) - 1, 1, NULL, &out, enc,
	    sizeof(enc)) == 0 && strcmp(out.data, u) == 0 &&
	    strcmp(enc, "windows-1250") == 0, "gzip windows-1250: %s", enc);
	buf_reset(&out);
	CHECK(slurp(bom, sizeof(bom) - 1, 0, NULL, &out, enc,
	    sizeof(enc)) == 0 && strcmp(out.data, u) == 0,
	    "a UTF-8 BOM is dropped");
	buf_reset(&out);
	CHECK(slurp(cp, sizeof(cp) - 1, 0, "latin2", &out, enc,
	    sizeof(enc)) == 0 && strcmp(enc, "ISO-8859-2") == 0,
	    "--encoding latin2 is ISO-8859-2");
	buf_reset(&out);
	CHECK(slurp("\xff\xfe" "a\0\x00\xdc" "b\0", 8, 0, NULL, &out, enc,
	    sizeof(enc)) == 0 && strcmp(out.data, "a\xef\xbf\xbd" "b") == 0,
	    "a lone UTF-16 surrogate becomes U+FFFD");
	buf_reset(&out);
	CHECK(slurp("\xff\xfe" "a\0b", 5, 0, NULL, &out, enc,
	    sizeof(enc)) == 0 && strcmp(out.data, "a\xef\xbf\xbd") == 0,
	    "an odd byte at the end of UTF-16 becomes U+FFFD");

	/* A truncated gzip stream is an error, not a short file. */
	for (i = 0; i < 200000; i++)
		buf_addc(&big, 'a' + (int)(i * 7919 % 26));
	writefile(big.data, big.len, 1);
	{
		FILE *fp = fopen(path, "r+");
		long sz;
		struct input in;
		ssize_t n;

		fseek(fp, 0, SEEK_END);
		sz = ftell(fp);
		fclose(fp);
		if (truncate(path, sz / 2) < 0)
			exit(2);
		buf_reset(&out);
		n = input_open(&in, path, NULL);
		while (n == 0 && (n = input_read(&in, &out, 65536)) > 0)
			n = 0;
		CHECK(n < 0 && strstr(in.err, "truncated gzip data") != NULL,
		    "a truncated gzip stream: %s", in.err);
		input_close(&in);
		unlink(path);
	}
	CHECK(input_open(&(struct input){ 0 }, "/nonexistent/x", NULL) < 0,
	    "a missing file is an error");
	buf_release(&out);
	buf_release(&big);
}

static void
test_rows(void)
{
	const char *data = "id,answer\n1,\"a\nb \xff\"\n\n2,\"open\n3,c\n";
	struct rows r;
	int rc;

	writefile(data, strlen(data), 0);
	CHECK(rows_open(&r, path, INPUT_CSV, 0, "UTF-8") == 0 &&
	    r.csv.delim == ',', "rows_open, delimiter ,");
	rc = rows_next(&r);
	CHECK(rc == ROWS_ROW && r.nf == 2 && r.rowline == 1, "header row");
	rc = rows_next(&r);
	CHECK(rc == ROWS_ROW && r.rowline == 2 && r.nbad == 1 &&
	    r.badline == 3 && r.badcol == 3 && r.f[1].len == 7 &&
	    memcmp(r.f[1].s, "a\nb \xef\xbf\xbd", 7) == 0,
	    "a row with an invalid byte on its second line is repaired");
	rc = rows_next(&r);
	CHECK(rc == ROWS_REJECT && r.rowline == 5 &&
	    strcmp(r.reason, "unterminated quote") == 0 && r.rawlen == 7 &&
	    memcmp(r.raw, "2,\"open", 7) == 0,
	    "the blank line is skipped; an open quote rejects its line");
	rc = rows_next(&r);
	CHECK(rc == ROWS_ROW && r.rowline == 6 && r.nf == 2,
	    "reading goes on after the rejected line");
	CHECK(rows_next(&r) == ROWS_END, "then the end");
	rows_close(&r);
	unlink(path);

	/* A *.txt file with a TAB in its first line is tab-delimited CSV. */
	{
		char txt[64];
		FILE *fp;

		snprintf(txt, sizeof(txt), "/tmp/t-input.%ld.txt",
		    (long)getpid());
		if ((fp = fopen(txt, "w")) == NULL)
			exit(2);
		fputs("a\tb\n\"x\ty\"\tz\n", fp);
		fclose(fp);
		CHECK(rows_open(&r, txt, INPUT_AUTO, 0, NULL) == 0 &&
		    r.format == INPUT_CSV && r.csv.delim == '\t',
		    "tab-delimited *.txt is CSV");
		rows_next(&r);
		CHECK(rows_next(&r) == ROWS_ROW && r.nf == 2 &&
		    r.f[0].len == 3, "a quoted TAB in tab-delimited text");
		rows_close(&r);
		CHECK(rows_open(&r, txt, INPUT_LINES, 0, NULL) == 0 &&
		    r.format == INPUT_LINES, "--format lines is kept");
		rows_close(&r);
		unlink(txt);
	}

	data = "id\ttext\n1\ta\\tb\r\n\n2\t\n";
	writefile(data, strlen(data), 0);
	CHECK(rows_open(&r, path, INPUT_AUTO, 0, NULL) == 0 &&
	    r.format == INPUT_TSV && r.escaped, "a TSV is found by content");
	rows_next(&r);
	rc = rows_next(&r);
	CHECK(rc == ROWS_ROW && r.nf == 2 && r.f[1].len == 4 &&
	    memcmp(r.f[1].s, "a\\tb", 4) == 0, "TSV fields stay escaped");
	rc = rows_next(&r);
	CHECK(rc == ROWS_ROW && r.rowline == 4 && r.nf == 2,
	    "a blank TSV line is skipped");
	rows_close(&r);
	unlink(path);
}

/* Line ends: the first one decides; CR-only files parse like LF ones. */
static void
test_newline(void)
{
	struct csv c;
	const char *s;
	ssize_t n;

	CHECK(input_newline("a,b\nc", 5, 1, 0) == INPUT_LF, "newline LF");
	CHECK(input_newline("a,b\r\nc", 6, 1, 0) == INPUT_CRLF,
	    "newline CR LF");
	CHECK(input_newline("a,b\rc\n", 6, 1, 0) == INPUT_CR,
	    "newline CR, a later LF is data");
	CHECK(input_newline("a,b\r", 4, 1, 0) == 0 &&
	    input_newline("a,b\r", 4, 1, 1) == INPUT_CR,
	    "a CR at the end: more is needed, unless at the end of the input");
	CHECK(input_newline("abc", 3, 1, 1) == 0, "no line end: 0");
	CHECK(input_newline("\"a\nb\";c\rd", 10, 1, 0) == INPUT_CR,
	    "a LF inside a quoted header name does not count");
	CHECK(input_newline("\"a\nb\";c\rd", 10, 0, 0) == INPUT_LF,
	    "unless quotes are not looked at");
	CHECK(input_newline("a\"b\nc\r", 7, 1, 1) == INPUT_LF,
	    "a quote inside a field opens nothing");
	CHECK(input_newline("\"a\"\"\rb\"\n", 9, 1, 1) == INPUT_LF,
	    "a doubled quote stays inside the quotes");

	csv_init(&c, ';');
	c.eol = '\r';
	s = "a;\"x\ry\nz\"\rb;c\r\nd;e";
	n = csv_parse(&c, s, strlen(s), 0);
	CHECK(n == 10 && c.nf == 2 && c.nlines == 2 && c.f[1].len == 5 &&
	    memcmp(c.f[1].s, "x\ry\nz", 5) == 0,
	    "CR ends a record; CR and LF in quotes are data, CRs counted");
	CHECK(csv_parse(&c, s + 10, 4, 0) == 0,
	    "a CR at the end of the bytes: more is needed");
	n = csv_parse(&c, s + 10, 5, 0);
	CHECK(n == 5 && c.nf == 2 && c.nlines == 1 && c.f[1].len == 1,
	    "a CR LF ends a record of a CR file too");
	n = csv_parse(&c, s + 15, 3, 1);
	CHECK(n == 3 && c.nf == 2 && c.nlines == 0, "the last record");
	s = "a\nb;c\r";
	n = csv_parse(&c, s, strlen(s), 1);
	CHECK(n == 6 && c.nf == 2 && c.f[0].len == 3 && c.f[1].len == 1,
	    "a lone LF in a CR file is data");
	csv_release(&c);
}

/* A CR-only file through the row reader: line numbers count CRs. */
static void
test_rows_cr(void)
{
	const char *data = "id;answer\r1;\"a\rb \xff\"\r\r2;\"c\nd\"\r\n"
	    "3;\"open\r4;e\r";
	struct rows r;
	int rc;

	writefile(data, strlen(data), 0);
	CHECK(rows_open(&r, path, INPUT_AUTO, 0, "UTF-8") == 0 &&
	    r.format == INPUT_CSV && r.newline == INPUT_CR &&
	    r.csv.delim == ';', "a CR-only CSV is found");
	rc = rows_next(&r);
	CHECK(rc == ROWS_ROW && r.nf == 2 && r.rowline == 1 &&
	    r.f[1].len == 6, "its header");
	rc = rows_next(&r);
	CHECK(rc == ROWS_ROW && r.rowline == 2 && r.nbad == 1 &&
	    r.badline == 3 && r.badcol == 3 && r.rawlen == 11,
	    "an invalid byte on the second line of a quoted field");
	rc = rows_next(&r);
	CHECK(rc == ROWS_ROW && r.rowline == 5 && r.f[1].len == 3 &&
	    r.rawlen == 7, "a blank line is skipped; a LF in quotes is data");
	rc = rows_next(&r);
	CHECK(rc == ROWS_REJECT && r.rowline == 6 && r.rawlen == 7 &&
	    memcmp(r.raw, "3;\"open", 7) == 0,
	    "after a CR LF the line count goes on; an open quote rejects");
	rc = rows_next(&r);
	CHECK(rc == ROWS_ROW && r.rowline == 7 && r.nf == 2,
	    "reading goes on after it");
	CHECK(rows_next(&r) == ROWS_END, "then the end");
	rows_close(&r);

	data = "Więcej\r\rmniej aut\r\ndrzewa";
	writefile(data, strlen(data), 0);
	CHECK(rows_open(&r, path, INPUT_LINES, 0, NULL) == 0 &&
	    r.newline == INPUT_CR, "CR-only lines");
	rc = rows_next(&r);
	CHECK(rc == ROWS_ROW && r.rowline == 1 && r.f[0].len == 7,
	    "the first line");
	rc = rows_next(&r);
	CHECK(rc == ROWS_ROW && r.rowline == 2 && r.f[0].len == 0,
	    "an empty line");
	rc = rows_next(&r);
	CHECK(rc == ROWS_ROW && r.rowline == 3 && r.f[0].len == 9,
	    "a line ending in CR LF");
	rc = rows_next(&r);
	CHECK(rc == ROWS_ROW && r.rowline == 4 && r.f[0].len == 6,
	    "the last line, with no line end");
	CHECK(rows_next(&r) == ROWS_END, "then the end of the lines");
	rows_close(&r);

	data = "id\ttext\n1\ta\rb\n2\tc\r\n";
	writefile(data, strlen(data), 0);
	CHECK(rows_open(&r, path, INPUT_TSV, 0, NULL) == 0 &&
	    r.newline == INPUT_LF, "a LF file stays LF");
	rows_next(&r);
	rc = rows_next(&r);
	CHECK(rc == ROWS_ROW && r.rowline == 2 && r.f[1].len == 3,
	    "a lone CR in a LF file is data");
	rc = rows_next(&r);
	CHECK(rc == ROWS_ROW && r.rowline == 3 && r.f[1].len == 1,
	    "a CR LF in a LF file is a line end");
	rows_close(&r);
	unlink(path);
}

/* The id set: exact bytes, where first seen, growth past many slots. */
static void
test_idset(void)
{
	struct idset set = IDSET_INIT;
	unsigned long f = 0, l = 0, i;
	char id[32];
	int ok = 1, n;

	CHECK(idset_add(&set, "R17", 3, 0, 12, &f, &l) == 1, "a new id");
	CHECK(idset_add(&set, "R17", 3, 1, 40, &f, &l) == 0 && f == 0 &&
	    l == 12, "a repeated id says where it was first");
	CHECK(idset_add(&set, "r17", 3, 0, 13, &f, &l) == 1 &&
	    idset_add(&set, "R17 ", 4, 0, 14, &f, &l) == 1 &&
	    idset_add(&set, "R1", 2, 0, 15, &f, &l) == 1,
	    "case, a space and a prefix make other ids");
	CHECK(idset_add(&set, "", 0, 0, 16, &f, &l) == 1 &&
	    idset_add(&set, "", 0, 0, 17, &f, &l) == 0 && l == 16,
	    "the empty id is an id");
	CHECK(idset_add(&set, "a\0b", 3, 0, 18, &f, &l) == 1 &&
	    idset_add(&set, "a\0c", 3, 0, 19, &f, &l) == 1,
	    "ids are bytes, NUL included");
	for (i = 0; i < 100000; i++) {
		n = snprintf(id, sizeof(id), "X%lu", i);
		ok &= idset_add(&set, id, (size_t)n, 2, i + 1000000000UL, &f,
		    &l);
	}
	for (i = 0; i < 100000; i += 7) {
		n = snprintf(id, sizeof(id), "X%lu", i);
		ok &= idset_add(&set, id, (size_t)n, 3, 1, &f, &l) == 0 &&
		    f == 2 && l == i + 1000000000UL;
	}
	CHECK(ok && set.n == 100007, "100000 ids, then repeats found with "
	    "their file and large line numbers");
	CHECK(idset_add(&set, "R17", 3, 0, 1, &f, &l) == 0 && l == 12,
	    "still there after the table grew");
	idset_release(&set);
	idset_release(&set);
	CHECK(set.n == 0, "released twice is harmless");
}

/* record_escape() writes what record_put() writes, wherever the special
 * bytes fall relative to its eight-byte steps. */
static void
test_escape(void)
{
	struct buf in = BUF_INIT, e = BUF_INIT;
	char *out = NULL;
	size_t outlen = 0, at, i;
	FILE *fp;
	int ok = 1, c;

	for (c = 1; c < 256; c++)
		buf_addc(&in, c);
	for (at = 0; at < 40 && ok; at++) {
		buf_reset(&in);
		for (i = 0; i < 40; i++)
			buf_addc(&in, 'a' + (int)(i % 26));
		for (c = 1; c < 256; c++) {
			in.data[at] = (char)c;
			buf_reset(&e);
			record_escape(&e, in.data, in.len);
			free(out);
			out = NULL;
			fp = open_memstream(&out, &outlen);
			record_put(fp, in.data, in.len);
			fclose(fp);
			if (outlen != e.len || memcmp(out, e.data, e.len) != 0)
				ok = 0;
		}
	}
	CHECK(ok, "record_escape equals record_put for every byte anywhere");
	buf_reset(&e);
	record_escape(&e, "\\\t\n\rx", 5);
	CHECK(strcmp(e.data, "\\\\\\t\\n\\rx") == 0, "the four escapes");
	free(out);
	buf_release(&in);
	buf_release(&e);
}

/* Serializes the rows of the file at path (as rows_next gives them). */
static void
rows_serial(const char *p, const char *enc, struct buf *out)
{
	struct rows r;
	int rc, i;

	if (rows_open(&r, p, INPUT_CSV, ';', enc) < 0) {
		buf_adds(out, "open failed");
		return;
	}
	while ((rc = rows_next(&r)) > 0) {
		buf_printf(out, "%d@%lu:", rc, r.rowline);
		for (i = 0; rc == ROWS_ROW && i < r.nf; i++) {
			buf_add(out, r.f[i].s, r.f[i].len);
			buf_addc(out, '|');
		}
		buf_addc(out, '\n');
	}
	if (rc < 0)
		buf_adds(out, r.err);
	rows_close(&r);
}

/* Rows of a file of a few MB, whose records straddle every read, come out
 * as csv_parse() gives them on the whole text, in UTF-8, gzip and
 * windows-1250 alike. */
static void
test_big(void)
{
	static const char *words[] = { "zieleń", "Śródmieście", "\"\"", "ąę",
	    "ławki", ";", "\r\n", "\n", "tramwaj", "x" };
	struct buf text = BUF_INIT, want = BUF_INIT, got = BUF_INIT;
	struct rng rng;
	struct csv c;
	unsigned long line = 1;
	size_t off = 0, i;
	ssize_t n;
	int k, f, quoted;
	FILE *fp;

	rng_seed(&rng, 42);
	buf_adds(&text, "id;a;b\n");
	while (text.len < 3 * 1024 * 1024) {
		for (f = 0; f < 3; f++) {
			if (f > 0)
				buf_addc(&text, ';');
			quoted = rng_below(&rng, 3) == 0;
			if (quoted)
				buf_addc(&text, '"');
			k = (int)rng_below(&rng, rng_below(&rng, 50) == 0 ?
			    20000 : 12);
			while (k-- > 0) {
				i = rng_below(&rng, 10);
				/* Quotes, ; and line breaks only inside
				 * quotes. */
				if (!quoted && i <= 7 && i != 0 && i != 1 &&
				    i != 3 && i != 4)
					i = 8;
				buf_adds(&text, words[i]);
				buf_addc(&text, ' ');
			}
			if (quoted)
				buf_addc(&text, '"');
		}
		buf_adds(&text, rng_below(&rng, 2) ? "\r\n" : "\n");
	}
	csv_init(&c, ';');
	while ((n = csv_parse(&c, text.data + off, text.len - off, 1)) > 0) {
		buf_printf(&want, "1@%lu:", line);
		for (k = 0; k < c.nf; k++) {
			buf_add(&want, c.f[k].s, c.f[k].len);
			buf_addc(&want, '|');
		}
		buf_addc(&want, '\n');
		line += c.nlines;
		off += (size_t)n;
	}
	csv_release(&c);

	writefile(text.data, text.len, 0);
	rows_serial(path, NULL, &got);
	CHECK(got.len == want.len && memcmp(got.data, want.data, got.len) == 0,
	    "a 3 MB UTF-8 CSV read in pieces equals the whole parse");
	unlink(path);

	buf_reset(&got);
	writefile(text.data, text.len, 1);
	rows_serial(path, NULL, &got);
	CHECK(got.len == want.len && memcmp(got.data, want.data, got.len) == 0,
	    "the same, gzip-compressed");
	unlink(path);

	/* The same text in windows-1250, converted by ICU as it is read. */
	strcpy(path, "/tmp/t-input.XXXXXX");
	{
		int fd = mkstemp(path);
		char cmd[128];

		close(fd);
		fp = fopen(path, "w");
		fwrite(text.data, 1, text.len, fp);
		fclose(fp);
		snprintf(cmd, sizeof(cmd), "iconv -f UTF-8 -t WINDOWS-1250 "
		    "%s >%s.cp && mv %s.cp %s", path, path, path, path);
		if (system(cmd) != 0)
			exit(2);
	}
	buf_reset(&got);
	rows_serial(path, "windows-1250", &got);
	CHECK(got.len == want.len && memcmp(got.data, want.data, got.len) == 0,
	    "the same in windows-1250");
	unlink(path);
	buf_release(&text);
	buf_release(&want);
	buf_release(&got);
}

int
main(void)
{
	test_escape();
	test_csv();
	test_chunks();
	test_guess();
	test_input();
	test_rows();
	test_newline();
	test_rows_cr();
	test_idset();
	test_big();
	return check_done();
}
