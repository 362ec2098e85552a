/*
 * t-record.c - unit tests of the record stream reader and writer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "glosy.h"

/* Writes data to a temporary file and returns its name (static). */
static const char *
tmpfile_with(const char *data, size_t len)
{
	static char path[64];
	FILE *fp;
	int fd;

	strcpy(path, "/tmp/t-record.XXXXXX");
	if ((fd = mkstemp(path)) < 0 || (fp = fdopen(fd, "w")) == NULL)
		exit(2);
	fwrite(data, 1, len, fp);
	fclose(fp);
	return path;
}

/* Runs the reader on data in a child; returns its exit status and puts its
 * stderr in err. */
static int
read_in_child(const char *data, size_t len, char *err, size_t errlen)
{
	const char *in = tmpfile_with(data, len);
	char *argv[] = { (char *)in };
	int pfd[2], st;
	size_t got;
	ssize_t n;
	pid_t pid;

	if (pipe(pfd) < 0)
		exit(2);
	fflush(stdout);
	if ((pid = fork()) == 0) {
		struct records r;

		dup2(pfd[1], 2);
		close(pfd[0]);
		if (freopen("/dev/null", "w", stdout) == NULL)
			_exit(2);
		records_open(&r, 1, argv);
		while (records_next(&r))
			;
		records_close(&r);
		_exit(0);
	}
	close(pfd[1]);
	/* stderr is unbuffered: the message may come in several writes. */
	for (got = 0; got < errlen - 1; got += (size_t)n)
		if ((n = read(pfd[0], err + got, errlen - 1 - got)) <= 0)
			break;
	err[got] = '\0';
	close(pfd[0]);
	waitpid(pid, &st, 0);
	unlink(in);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void
test_roundtrip_bytes(void)
{
	struct buf field = BUF_INIT, back = BUF_INIT;
	char *out = NULL;
	size_t outlen = 0;
	FILE *fp;
	int c, ok = 1;

	for (c = 1; c < 256; c++)
		buf_addc(&field, c);
	fp = open_memstream(&out, &outlen);
	record_put(fp, field.data, field.len);
	fclose(fp);
	CHECK(memchr(out, '\t', outlen) == NULL &&
	    memchr(out, '\n', outlen) == NULL &&
	    memchr(out, '\r', outlen) == NULL,
	    "an escaped field has no raw TAB, LF or CR");
	record_unescape(&back, out, outlen);
	CHECK(back.len == 255 && memcmp(back.data, field.data, 255) == 0,
	    "bytes 1..255 round-trip through escape and unescape");
	for (c = 1; c < 256 && ok; c++) {
		char one = (char)c;

		free(out);
		out = NULL;
		fp = open_memstream(&out, &outlen);
		record_put(fp, &one, 1);
		fclose(fp);
		buf_reset(&back);
		record_unescape(&back, out, outlen);
		ok = back.len == 1 && back.data[0] == one;
	}
	CHECK(ok, "each byte 1..255 alone round-trips");
	free(out);
	buf_release(&field);
	buf_release(&back);
}

static void
test_stream(void)
{
	const char *data = "id\ttext\tdistrict\n"
	    "1\ta\\tb\\\\c\\nd\tMokotów\n"
	    "2\t\t\n"
	    "3\tx\\qy\\\ty\n";
	const char *in = tmpfile_with(data, strlen(data));
	char *argv[] = { (char *)in };
	char *out = NULL;
	size_t outlen = 0, len;
	struct records r;
	const char *v;
	int k;

	records_open(&r, 1, argv);
	r.out = open_memstream(&out, &outlen);
	CHECK(r.ncols == 3 && records_col(&r, "district") == 2 &&
	    records_col(&r, "nope") == -1, "columns are found by name");
	k = records_add(&r, "norm");
	CHECK(records_next(&r) == 1, "first row is read");
	v = records_get(&r, 1, &len);
	CHECK(len == 7 && memcmp(v, "a\tb\\c\nd", 7) == 0,
	    "escapes are decoded");
	records_set(&r, k, "x\ty", 3);
	records_emit(&r);
	CHECK(records_next(&r) == 1, "second row is read");
	v = records_get(&r, 1, &len);
	CHECK(len == 0 && *v == '\0', "an empty field is empty");
	records_emit(&r);
	CHECK(records_next(&r) == 1, "third row is read");
	v = records_get(&r, 1, &len);
	CHECK(len == 5 && memcmp(v, "x\\qy\\", 5) == 0,
	    "unknown escapes and a final backslash stay literal");
	records_emit(&r);
	CHECK(records_next(&r) == 0, "end of input");
	fclose(r.out);
	r.out = stdout;
	records_close(&r);
	CHECK(strcmp(out, "id\ttext\tdistrict\tnorm\n"
	    "1\ta\\tb\\\\c\\nd\tMokotów\tx\\ty\n"
	    "2\t\t\t\n"
	    "3\tx\\qy\\\ty\t\n") == 0,
	    "rows pass through unchanged with the new column appended");
	free(out);
	unlink(in);
}

static void
test_replace_column(void)
{
	const char *data = "id\tnorm\tx\n7\told\tkeep\n";
	const char *in = tmpfile_with(data, strlen(data));
	char *argv[] = { (char *)in };
	char *out = NULL;
	size_t outlen = 0;
	struct records r;
	int k;

	records_open(&r, 1, argv);
	r.out = open_memstream(&out, &outlen);
	k = records_add(&r, "norm");
	records_next(&r);
	records_set(&r, k, "new", 3);
	records_emit(&r);
	fclose(r.out);
	r.out = stdout;
	records_close(&r);
	CHECK(strcmp(out, "id\tnorm\tx\n7\tnew\tkeep\n") == 0,
	    "an existing column is replaced in place");
	free(out);
	unlink(in);
}

static void
test_big_field(void)
{
	struct buf data = BUF_INIT;
	const char *in;
	char *argv[1];
	struct records r;
	size_t len, i, j;
	const char *v;
	int ok = 1;

	buf_adds(&data, "id\ttext\n1\t");
	for (i = 0; i < (10u << 20) / 2; i++)
		buf_add(&data, i % 500 == 0 ? "\\t" : "ab", 2);
	buf_adds(&data, "\n");
	in = tmpfile_with(data.data, data.len);
	argv[0] = (char *)in;
	records_open(&r, 1, argv);
	r.out = fopen("/dev/null", "w");
	CHECK(records_next(&r) == 1, "a row with a 10 MB field is read");
	v = records_get(&r, 1, &len);
	for (i = 0, j = 0; j < len && ok; i++) {
		if (i % 500 == 0)
			ok = v[j++] == '\t';
		else {
			ok = v[j] == 'a' && v[j + 1] == 'b';
			j += 2;
		}
	}
	CHECK(len == (10u << 20) - ((10u << 20) / 2 + 499) / 500 && ok,
	    "the 10 MB field is decoded intact (%zu bytes)", len);
	records_next(&r);
	fclose(r.out);
	r.out = stdout;
	records_close(&r);
	buf_release(&data);
	unlink(in);
}

static void
test_errors(void)
{
	char err[512];
	int rc;

	rc = read_in_child("id\ta\ta\n", 7, err, sizeof(err));
	CHECK(rc == 1 && strstr(err, ":1: duplicate column 'a'") != NULL,
	    "a duplicate column name is an error naming it");
	rc = read_in_child("id\ta\n1\tx\n2\n", 11, err, sizeof(err));
	CHECK(rc == 1 && strstr(err, ":3: expected 2 fields, found 1") != NULL,
	    "a short row is an error naming its line");
	rc = read_in_child("id\ta\n1\tx\ty\n", 11, err, sizeof(err));
	CHECK(rc == 1 && strstr(err, ":2: expected 2 fields, found 3") != NULL,
	    "a long row is an error naming its line");
	rc = read_in_child("", 0, err, sizeof(err));
	CHECK(rc == 1 && strstr(err, "empty input") != NULL,
	    "empty input is an error");
	rc = read_in_child("id\ta\n", 5, err, sizeof(err));
	CHECK(rc == 0, "a header alone is a valid empty stream");
	rc = read_in_child("id\ta\r\n1\tx\r\n", 11, err, sizeof(err));
	CHECK(rc == 0, "CRLF line ends are accepted");
}

static void
test_words(void)
{
	const char *v = "  zieleń  ścieżka_rowerowa park ", *p = v, *w;
	const char *e = v + strlen(v);
	size_t len;
	int n = 0, ok = 1;

	while ((w = record_word(&p, e, &len)) != NULL) {
		n++;
		ok &= len > 0 && memchr(w, ' ', len) == NULL;
	}
	CHECK(n == 3 && ok, "record_word finds 3 words among runs of spaces");
	p = v;
	w = record_word(&p, e, &len);
	CHECK(w != NULL && len == strlen("zieleń") &&
	    memcmp(w, "zieleń", len) == 0, "the first word is whole");
	p = "   ";
	CHECK(record_word(&p, p + 3, &len) == NULL,
	    "blanks alone hold no word");
}

/* records_drop leaves a column out; the header waits for the first row. */
static void
test_drop_and_header(void)
{
	const char *data = "id\tdup_sketch\ttext\n1\tS1\ta\n2\tS2\tb\n";
	const char *in = tmpfile_with(data, strlen(data));
	char *argv[] = { (char *)in };
	char *out = NULL;
	size_t outlen = 0;
	struct records r;
	FILE *fp;
	int k;

	records_open(&r, 1, argv);
	r.out = open_memstream(&out, &outlen);
	records_drop(&r, records_col(&r, "dup_sketch"));
	k = records_add(&r, "n");
	CHECK(records_next(&r) == 1, "a row is read");
	fflush(r.out);
	CHECK(outlen == 0, "reading a row writes nothing, not even the header");
	records_set(&r, k, "x", 1);
	records_emit(&r);
	CHECK(records_next(&r) == 1, "another row is read");
	records_emit(&r);
	fclose(r.out);
	r.out = stdout;
	records_close(&r);
	CHECK(out != NULL && strcmp(out, "id\ttext\tn\n1\ta\tx\n2\tb\t\n") == 0,
	    "a dropped column is in neither the header nor the rows");
	free(out);

	/* A dropped last column; no rows: records_close writes the header. */
	unlink(in);
	in = tmpfile_with("id\tz\n", 5);
	argv[0] = (char *)in;
	out = NULL;
	records_open(&r, 1, argv);
	r.out = open_memstream(&out, &outlen);
	records_drop(&r, 1);
	CHECK(records_next(&r) == 0, "a header alone has no rows");
	fp = r.out;
	records_close(&r);
	fclose(fp);
	CHECK(out != NULL && strcmp(out, "id\n") == 0,
	    "without rows, closing writes the header, less the dropped column");
	free(out);

	/* A reader only writes nothing at all. */
	out = NULL;
	records_open(&r, 1, argv);
	r.out = open_memstream(&out, &outlen);
	records_readonly(&r);
	while (records_next(&r))
		;
	fp = r.out;
	records_close(&r);
	fclose(fp);
	CHECK(outlen == 0, "a reader only writes nothing");
	free(out);
	unlink(in);
}

int
main(void)
{
	test_roundtrip_bytes();
	test_stream();
	test_replace_column();
	test_big_field();
	test_errors();
	test_words();
	test_drop_and_header();
	return check_done();
}
